"""Nothing withheld from the demonstration store can be worked out from its public CSV downloads.

An analyst downloads every metric at every level (``/download/observations.csv``), learns which
authorities make up each partnership and region from the public area lists, and solves the
resulting linear equations period by period (``disclosure_solver``).
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from tests.support.disclosure_solver import published_groups, recoverable_cells

BLANK_WHEN_WITHHELD = ["value", "lower_ci_95", "upper_ci_95", "lower_ci_99_8", "upper_ci_99_8", "numerator",
                       "change_since_baseline"]


def _download(client, metric_id: str) -> pd.DataFrame:
    response = client.get(f"/download/observations.csv?metric={metric_id}")
    assert response.status_code == 200
    frame = pd.read_csv(io.StringIO(response.get_data(as_text=True)), dtype={"area_code": str, "period": str})
    frame["suppressed"] = frame["suppressed"].astype(str).str.lower().eq("true")
    return frame


def _counts(frame: pd.DataFrame, spec) -> pd.Series:
    """The count each shown row publishes: its numerator, else what its value and denominator give away."""
    count = frame["numerator"].astype(float)
    if spec.measure in ("proportion", "rate", "crude_rate"):
        derived = (frame["value"] * frame["denominator"] / spec.multiplier).round()
        count = count.fillna(derived)
    elif spec.measure == "count":
        count = count.fillna(frame["value"])
    return count.where(~frame["suppressed"])


@pytest.fixture(scope="module")
def downloads(web_env) -> dict[str, pd.DataFrame]:
    from app import server

    client = server.test_client()
    return {metric_id: _download(client, metric_id) for metric_id in get_catalogue().metrics}


def test_no_withheld_count_is_recoverable_from_the_public_downloads(downloads):
    from data_access import read

    groups = published_groups(read.authorities(include_abolished=True))
    catalogue = get_catalogue()
    recovered, withheld = {}, 0
    for metric_id, frame in downloads.items():
        if frame.empty:
            continue
        withheld += int(frame["suppressed"].sum())
        rows = frame.assign(count=_counts(frame, catalogue.metric(metric_id)))
        found = recoverable_cells(rows, groups)
        if found:
            recovered[metric_id] = found
    assert withheld > 1000, "the demonstration store has small counts to protect"
    assert recovered == {}


def test_withheld_rows_publish_no_figure_derived_from_their_count(downloads):
    for metric_id, frame in downloads.items():
        hidden = frame[frame["suppressed"]]
        assert hidden[BLANK_WHEN_WITHHELD].isna().all().all(), metric_id
        assert hidden["note"].fillna("").astype(str).ne("").all(), metric_id  # each says why


def test_no_shown_proportion_reveals_a_small_complement(downloads):
    catalogue = get_catalogue()
    for metric_id, frame in downloads.items():
        spec = catalogue.metric(metric_id)
        if spec.measure != "proportion" or int(spec.suppression_threshold) <= 0:
            continue
        shown = frame[~frame["suppressed"]]
        outside = shown["denominator"] - shown["numerator"]
        small = (outside > 0) & (outside < int(spec.suppression_threshold))
        assert not small.any(), shown.loc[small, ["area_code", "period", "numerator", "denominator"]]
        tiny = (shown["denominator"] > 0) & (shown["denominator"] < int(spec.suppression_threshold))
        assert not (tiny & shown["value"].notna()).any(), metric_id
        assert np.isfinite(shown["value"].dropna()).all()
