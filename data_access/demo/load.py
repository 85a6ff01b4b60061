"""Load the demonstration dataset into the store as one marked release, in one transaction.

The release's ``file_hash`` fingerprints what the data is made from — generator version, seed,
the catalogue's demo parameters and the geodata tables — so running the command again with nothing
changed finds the release and writes nothing. ``replace=True`` adds a new demo release on top
(the newest release wins per cell when read); an old release is never deleted. A store that holds
any real release is refused unless ``alongside_real=True`` says the mix is intended (reads then hide
the demonstration release wherever real data is visible, unless ``CDP_SHOW_DEMO=1``).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from data_access.catalogue import Catalogue, get_catalogue
from data_access.demo.frame import DEFAULT_SEED, generate_demo_frame
from data_access.demo.geography import AGE_BANDS_FILE, vintage_at
from data_access.generation import renew_generation
from data_access.geography import AREAS_FILE, POPULATION_FILE
from data_access.models import Area, Metric, Observation, Period, Release
from data_access.periods import parse_period
from data_access.store_bounds import long_statements

GENERATOR_VERSION = "2"
PUBLISHER = "CDP Outcomes Dashboard (demonstration)"
CHUNK = 5000


class DemoLoadError(RuntimeError):
    """The store is not ready for the demonstration data (run ``flask --app app data init`` first)."""


class DemoBesideRealError(DemoLoadError):
    """The store holds real data, and demonstration data was not asked for beside it."""


def demo_fingerprint(seed: int, catalogue: Catalogue | None = None) -> str:
    """SHA-256 of everything the generated data depends on; equal fingerprints mean equal data."""
    catalogue = catalogue or get_catalogue()
    digest = hashlib.sha256(f"cdp-demo:{GENERATOR_VERSION}:{seed}".encode())
    inputs = {m.id: [m.geography, m.period_type, m.measure, m.multiplier, m.denominator, m.demo]
              for m in catalogue.metrics.values()}
    digest.update(json.dumps(inputs, sort_keys=True, default=str).encode())
    for path in (AREAS_FILE, POPULATION_FILE, AGE_BANDS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _release_hash(conn: Connection, fingerprint: str, replace: bool) -> tuple[str, int | None]:
    """The hash for the new release, and the id of the existing release with this fingerprint (if any)."""
    existing = conn.scalar(select(Release.id).where(Release.file_hash == fingerprint))
    if existing is None or not replace:
        return fingerprint, existing
    taken = set(conn.scalars(select(Release.file_hash)))
    k = 1
    while (candidate := hashlib.sha256(f"{fingerprint}:replace:{k}".encode()).hexdigest()) in taken:
        k += 1
    return candidate, existing


def _refuse_beside_real(conn: Connection) -> None:
    real = list(conn.scalars(select(Release.id).where(Release.is_demo.is_(False)).order_by(Release.id)))
    if real:
        shown = ", ".join(map(str, real[:5])) + (", …" if len(real) > 5 else "")
        raise DemoBesideRealError(
            f"the store holds real data (release {shown}); demonstration data is not added beside it without "
            "--alongside-real (real data then hides it unless CDP_SHOW_DEMO=1)")


def _check_store(conn: Connection, frame: pd.DataFrame) -> None:
    metrics = set(conn.scalars(select(Metric.id)))
    areas = set(conn.scalars(select(Area.code)))
    missing = sorted(set(frame["metric_id"]) - metrics) + sorted(set(frame["area_code"]) - areas)
    if missing:
        raise DemoLoadError(f"the store lacks {len(missing)} metrics/areas (e.g. {', '.join(missing[:5])}); "
                            "run `flask --app app data init` first")


def _period_ids(conn: Connection, frame: pd.DataFrame) -> tuple[dict[tuple[str, str], int], int]:
    """Ids of every (label, type) in ``frame``, creating the missing periods; also how many were created."""
    wanted = set(frame[["period_label", "period_type"]].itertuples(index=False, name=None))
    known = {(label, kind): pid for pid, label, kind in conn.execute(select(Period.id, Period.label, Period.type))}
    new = []
    for label, kind in sorted(wanted - known.keys()):
        spec = parse_period(label, kind)
        new.append({"label": spec.label, "type": spec.type, "start": spec.start, "end": spec.end})
    if new:
        conn.execute(insert(Period), new)
        known = {(label, kind): pid for pid, label, kind in conn.execute(select(Period.id, Period.label, Period.type))}
    return known, len(new)


def _records(frame: pd.DataFrame, release_id: int, periods: dict[tuple[str, str], int]) -> list[dict[str, Any]]:
    keys = list(zip(frame["period_label"], frame["period_type"], strict=True))
    vintages = {key: vintage_at(parse_period(*key).end) for key in set(keys)}
    out = pd.DataFrame({
        "release_id": release_id, "metric_id": frame["metric_id"], "area_code": frame["area_code"],
        "period_id": [periods[key] for key in zip(frame["period_label"], frame["period_type"], strict=True)],
        "breakdown": frame["breakdown"], "value": frame["value"], "numerator": frame["numerator"],
        "denominator": frame["denominator"], "suppressed": False, "note": frame["note"],
        "geography": [vintages[key] for key in keys],
    })
    # plain Python values, NaN as NULL, so both drivers take the rows as they are
    return out.astype(object).where(out.notna(), None).to_dict("records")


def load_demo(engine: Engine, seed: int = DEFAULT_SEED, replace: bool = False, *,
              alongside_real: bool = False) -> dict[str, Any]:
    """Store the demonstration data for ``seed`` as one release flagged ``is_demo``.

    Returns ``{"status": "created" | "exists", "release_id", "rows", "periods_created", "seed"}``.
    Raises:
        DemoBesideRealError: the store holds a real release and ``alongside_real`` is not set.
        DemoLoadError: the store has not been initialised with the catalogue and areas.
    """
    fingerprint = demo_fingerprint(seed)
    with engine.begin() as conn, long_statements(conn):
        if not alongside_real:
            _refuse_beside_real(conn)
        file_hash, existing = _release_hash(conn, fingerprint, replace)
        if existing is not None and not replace:
            rows = conn.scalar(select(Release.row_count).where(Release.id == existing))
            return {"status": "exists", "release_id": existing, "rows": rows, "periods_created": 0, "seed": seed}
        frame = generate_demo_frame(seed)
        _check_store(conn, frame)
        periods, created = _period_ids(conn, frame)
        release_id = conn.execute(insert(Release).values(
            source=f"Demonstration data (generated, seed {seed})", publisher=PUBLISHER, published_date=None,
            extracted_date=date.today(), is_demo=True, visibility="published", file_hash=file_hash,
            row_count=len(frame), loaded_by="cli",
            description=(f"Generated by data_access.demo (generator version {GENERATOR_VERSION}, seed {seed}); "
                         "not real data. Anchored to published England figures and ONS mid-2022 populations. "
                         "England rows include every authority, also those whose local figure is shown as "
                         "not available."),
        ).returning(Release.id)).scalar_one()
        records = _records(frame, release_id, periods)
        for start in range(0, len(records), CHUNK):
            conn.execute(insert(Observation), records[start:start + CHUNK])
        renew_generation(conn)
    return {"status": "created", "release_id": release_id, "rows": len(frame), "periods_created": created,
            "seed": seed}
