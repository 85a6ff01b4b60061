"""What changed since a date ("since the last board"): new periods, revised values, changed judgements.

Releases are never overwritten (a revision is a new row in a newer release), so the store can
answer these directly: a period is *new* when no release loaded before the date had it; a value
is *revised* when a release loaded on or after the date holds the same cell (metric, area, period)
with a different value from the one the board last saw (printed as the disclosure-controlled tables
of those releases publish it, so a withheld cell reads as suppressed); a *judgement changed* when an area's
comparison with England or its recent trend differs between the metric table as of the last
release before the date and the table now. Every query is bounded by metric and area lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

import pandas as pd
from sqlalchemy import select

from data_access.catalogue import get_catalogue
from data_access.catalogue.schedule import NOT_ANNOUNCED
from data_access.db import get_engine
from data_access.models import Observation, Period, Release
from data_access.read.pinned import metric_table_as_of, newest_release_id, summary_from_table
from data_access.read.releases import releases, visible_release_filter
from data_access.read.schedule import next_release
from data_access.read.summary import BaselineSummary

NEW_PERIOD_COLUMNS = ["metric_id", "metric_name", "period", "period_start", "release_id"]
REVISION_COLUMNS = ["metric_id", "metric_name", "area_code", "period", "period_start", "old_value", "new_value",
                    "old_suppressed", "new_suppressed", "old_release_id", "new_release_id"]
JUDGEMENT_COLUMNS = ["metric_id", "metric_name", "area_code", "area_name", "area_type", "what", "old_label",
                     "old_period", "new_label", "new_period"]
UPCOMING_COLUMNS = ["metric_id", "metric_name", "outcome", "tier", "next_release"]
# Values equal to this many significant digits are not a revision (float round trips through the store).
_TOLERANCE = 1e-9


def _start(since: date) -> datetime:
    return datetime.combine(since, time.min)


def releases_since(since: date) -> pd.DataFrame:
    """Visible releases loaded on or after ``since``, newest first (``releases()`` columns)."""
    frame = releases()
    if frame.empty:
        return frame
    loaded = pd.to_datetime(frame["loaded_at"])
    return frame[loaded >= pd.Timestamp(_start(since))].reset_index(drop=True)


def release_before(since: date) -> int | None:
    """The id of the newest visible release loaded before ``since`` (what the last board saw), or None."""
    frame = releases()
    if frame.empty:
        return None
    earlier = frame[pd.to_datetime(frame["loaded_at"]) < pd.Timestamp(_start(since))]
    return None if earlier.empty else int(earlier["id"].max())


def new_periods(since: date) -> pd.DataFrame:
    """Per metric, the periods first published by a release loaded on or after ``since`` (NEW_PERIOD_COLUMNS).

    ``release_id`` is the release that first held the period. Bounded: one row per metric × period × release.
    """
    query = (select(Observation.metric_id, Period.label, Period.start, Observation.release_id, Release.loaded_at)
             .join(Period, Period.id == Observation.period_id).join(Release, Release.id == Observation.release_id)
             .where(visible_release_filter()).distinct())
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["metric_id", "period", "period_start", "release_id", "loaded_at"])
    if frame.empty:
        return pd.DataFrame(columns=NEW_PERIOD_COLUMNS)
    frame["loaded_at"] = pd.to_datetime(frame["loaded_at"])
    first = frame.sort_values(["loaded_at", "release_id"]).drop_duplicates(["metric_id", "period"], keep="first")
    fresh = first[first["loaded_at"] >= pd.Timestamp(_start(since))].copy()
    fresh = fresh[fresh["metric_id"].isin(get_catalogue().metrics)]
    fresh["metric_name"] = fresh["metric_id"].map(lambda m: get_catalogue().metric(m).name)
    fresh["period_start"] = pd.to_datetime(fresh["period_start"])
    return _catalogue_order(fresh)[NEW_PERIOD_COLUMNS].reset_index(drop=True)


def revised_values(since: date, area_codes: Iterable[str]) -> pd.DataFrame:
    """Cells of ``area_codes`` (all breakdowns pooled as "all") whose value changed in a release loaded on or
    after ``since``: the value before the date → the newest value (REVISION_COLUMNS)."""
    codes = list(dict.fromkeys(area_codes))
    query = (select(Observation.metric_id, Observation.area_code, Period.label, Period.start, Observation.value,
                    Observation.suppressed, Observation.release_id, Release.loaded_at)
             .join(Period, Period.id == Observation.period_id).join(Release, Release.id == Observation.release_id)
             .where(visible_release_filter(), Observation.area_code.in_(codes), Observation.breakdown == "all"))
    with get_engine().connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["metric_id", "area_code", "period", "period_start", "value", "suppressed",
                                        "release_id", "loaded_at"])
    if frame.empty:
        return pd.DataFrame(columns=REVISION_COLUMNS)
    frame["loaded_at"] = pd.to_datetime(frame["loaded_at"])
    frame = frame.sort_values("release_id")
    after = frame["loaded_at"] >= pd.Timestamp(_start(since))
    key = ["metric_id", "area_code", "period"]
    old = frame[~after].drop_duplicates(key, keep="last").set_index(key)
    new = frame[after].drop_duplicates(key, keep="last").set_index(key)
    both = new.join(old, how="inner", lsuffix="_new", rsuffix="_old")
    if both.empty:
        return pd.DataFrame(columns=REVISION_COLUMNS)
    changed = both.apply(_differs, axis=1)
    out = both[changed].reset_index()
    out = out.rename(columns={"value_old": "old_value", "value_new": "new_value", "suppressed_old": "old_suppressed",
                              "suppressed_new": "new_suppressed", "release_id_old": "old_release_id",
                              "release_id_new": "new_release_id", "period_start_new": "period_start"})
    out = out[out["metric_id"].isin(get_catalogue().metrics)]
    out = _as_published(out, release_before(since), newest_release_id())
    out["metric_name"] = out["metric_id"].map(lambda m: get_catalogue().metric(m).name)
    out["period_start"] = pd.to_datetime(out["period_start"])
    return _catalogue_order(out, extra=["area_code"])[REVISION_COLUMNS].reset_index(drop=True)


def _as_published(revised: pd.DataFrame, before: int | None, now: int | None) -> pd.DataFrame:
    """Old and new values as the disclosure-controlled tables of those releases show them.

    The stored values are what was revised; what may be printed is what the metric table as of the
    release before the date, and as of now, publishes: a cell either table withholds (a small count,
    a small complement, or a cell hidden so that another cannot be worked out) reads as suppressed,
    never as its stored value, and no change is computed from it.
    """
    parts = []
    for metric_id, rows in revised.groupby("metric_id", sort=False):
        rows = rows.copy()
        for side, release in (("old", before), ("new", now)):
            table = metric_table_as_of(metric_id, release) if release is not None else None
            shown = (table.drop_duplicates(["area_code", "period"]).set_index(["area_code", "period"])
                     if table is not None else pd.DataFrame(columns=["value", "suppressed"]))
            keys = pd.MultiIndex.from_frame(rows[["area_code", "period"]])
            withheld = shown["suppressed"].reindex(keys).eq(True).to_numpy() | rows[f"{side}_suppressed"].eq(True).to_numpy()
            rows[f"{side}_suppressed"] = withheld
            rows[f"{side}_value"] = shown["value"].reindex(keys).astype(float).where(~withheld).to_numpy()
        parts.append(rows)
    return pd.concat(parts, ignore_index=True) if parts else revised


def _differs(row: pd.Series) -> bool:
    if bool(row["suppressed_old"]) != bool(row["suppressed_new"]):
        return True
    old, new = row["value_old"], row["value_new"]
    if pd.isna(old) or pd.isna(new):
        return pd.isna(old) != pd.isna(new)
    return abs(float(new) - float(old)) > _TOLERANCE * max(1.0, abs(float(old)))


def judgement_changes(since: date, areas: Iterable[tuple[str, str]], metric_ids: Iterable[str]) -> pd.DataFrame:
    """Areas ``(code, area_type)`` whose latest comparison with England or recent trend differs between the
    tables as of the last release before ``since`` and now (JUDGEMENT_COLUMNS); empty when there is no
    earlier release to compare with."""
    before, now = release_before(since), newest_release_id()
    if before is None or now is None or before == now:
        return pd.DataFrame(columns=JUDGEMENT_COLUMNS)
    areas = list(areas)
    rows = []
    for metric_id in metric_ids:
        old_table, new_table = metric_table_as_of(metric_id, before), metric_table_as_of(metric_id, now)
        for code, level in areas:
            old = summary_from_table(metric_id, old_table, code, area_type=level)
            new = summary_from_table(metric_id, new_table, code, area_type=level)
            name = new.area_name or old.area_name or code
            for what, key in (("comparison", "comparison"), ("trend", "trend_judgement")):
                old_label, new_label = _label(old, key), _label(new, key)
                if old_label != new_label:
                    rows.append({"metric_id": metric_id, "metric_name": get_catalogue().metric(metric_id).name,
                                 "area_code": code, "area_name": name, "area_type": level, "what": what,
                                 "old_label": old_label, "old_period": old.latest_period,
                                 "new_label": new_label, "new_period": new.latest_period})
    return pd.DataFrame(rows, columns=JUDGEMENT_COLUMNS)


def _label(summary: BaselineSummary, key: str) -> str:
    """The judgement, with the direction folded in for trends ("increasing/getting_worse")."""
    if key == "trend_judgement":
        trend, judgement = summary.trend, summary.trend_judgement
        return str(trend) if trend in ("not_enough_data", "no_significant_change") else f"{trend}/{judgement}"
    return str(getattr(summary, key) or "not_compared")


def upcoming_releases(today: date | None = None) -> pd.DataFrame:
    """Metrics the release schedule has ever dated, headline first (UPCOMING_COLUMNS).

    ``next_release`` is what the schedule says on ``today``: the announced date while it is still to
    come, "Not yet announced" once it has passed.
    """
    catalogue = get_catalogue()
    rows = []
    for outcome in catalogue.outcomes:
        for spec in catalogue.outcome_metrics(outcome.id):
            release = next_release(spec.id, today)
            if release.state != NOT_ANNOUNCED:
                rows.append({"metric_id": spec.id, "metric_name": spec.name, "outcome": outcome.short_name,
                             "tier": spec.tier, "next_release": release.text})
    frame = pd.DataFrame(rows, columns=UPCOMING_COLUMNS)
    return frame.sort_values("tier", key=lambda s: s != "headline", kind="stable", ignore_index=True)


def _catalogue_order(frame: pd.DataFrame, extra: list[str] | None = None) -> pd.DataFrame:
    """Rows in the catalogue's outcome/metric order, then by the extra keys and period."""
    catalogue = get_catalogue()
    order = {spec.id: i for i, spec in enumerate(s for o in catalogue.outcomes for s in catalogue.outcome_metrics(o.id))}
    ranked = frame.assign(_rank=frame["metric_id"].map(order))
    return ranked.sort_values(["_rank", *(extra or []), "period_start"], kind="stable").drop(columns="_rank")
