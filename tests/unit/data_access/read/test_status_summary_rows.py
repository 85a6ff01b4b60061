"""The status summary's rows without a store: local measures first, reasons that name the member, sentence counts."""

from __future__ import annotations

import pandas as pd
import pytest

from data_access.catalogue import get_catalogue
from data_access.geography import ENGLAND
from data_access.read import status as status_module
from data_access.read.ambition import AmbitionStatus
from data_access.read.status import StatusRow, StatusSummary, comparison_reason, missing_reason, status_row
from data_access.read.summary import BaselineSummary

CATALOGUE = get_catalogue()
LOCAL = next(m for m in CATALOGUE.headline_metrics() if m.is_local and m.has_interval)
NATIONAL = next(m for m in CATALOGUE.headline_metrics() if not m.is_local)


def members(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    return pd.DataFrame([{"code": c, "name": n, "valid_from": None, "valid_to": to, "status": "sourced", "source": ""}
                         for c, n, to in rows])


def utla_rows(period: str, values: dict[str, float | None], suppressed: tuple[str, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame([{"area_code": code, "area_type": "utla", "period": period, "period_start": "2024-04-01",
                          "period_end": "2025-03-31", "value": value, "suppressed": code in suppressed}
                         for code, value in values.items()])


def summary(**fields) -> BaselineSummary:
    return BaselineSummary(area_code="gm", area_name="Greater Manchester", **fields)


class TestMissingReason:
    def test_names_the_member_with_no_value(self):
        """Given one member without a 2024/25 value, then the reason names it and says it has not published."""
        table = utla_rows("2024/25", {"E1": 3.0, "E2": None, "E3": 4.0})
        found = missing_reason(summary(latest_period="2024/25"), table,
                               members(("E1", "Bolton", None), ("E2", "Oldham", None), ("E3", "Bury", None)))
        assert found == "no 2024/25 value: Oldham has not published"

    def test_names_every_missing_member_and_skips_a_suppressed_one(self):
        table = utla_rows("2024/25", {"E1": None, "E3": None}, suppressed=("E3",))
        found = missing_reason(summary(latest_period="2024/25"), table,
                               members(("E1", "Bolton", None), ("E2", "Oldham", None), ("E3", "Bury", None)))
        assert found == "no 2024/25 value: Bolton and Oldham have not published"

    def test_a_member_replaced_before_the_period_is_not_expected(self):
        table = utla_rows("2024/25", {"E1": 2.0})
        found = missing_reason(summary(latest_period="2024/25", note="Withheld: straddles a boundary"), table,
                               members(("E1", "Bolton", None), ("E9", "Old County", "2019-03-31")))
        assert found == "no 2024/25 value: withheld: straddles a boundary"

    def test_nothing_published_at_all(self):
        assert missing_reason(summary(), utla_rows("2024/25", {}), members()) == "no value has been published yet"


class TestStatusRow:
    def test_a_suppressed_value_gives_the_suppression_note(self):
        row = status_row(LOCAL, summary(latest_period="2024/25", suppressed=True, note="Fewer than 5 people."),
                         utla_rows("2024/25", {}), members(), AmbitionStatus(LOCAL.id, None, "no_target"))
        assert row.reason == "Fewer than 5 people" and not row.has_value

    def test_england_figures_missing_say_so_without_a_member(self):
        row = status_row(NATIONAL, summary(latest_period="2024/25"), utla_rows("2024/25", {}), None,
                         AmbitionStatus(NATIONAL.id, None, "no_target"))
        assert not row.local and row.reason == "no 2024/25 value for England"

    def test_a_value_not_compared_says_why(self):
        shown = summary(latest_period="2024/25", latest_value=5.0, lower_ci=4.0, upper_ci=6.0)
        assert comparison_reason(LOCAL, shown) == "England has no 2024/25 value to compare with"
        compared = summary(latest_period="2024/25", latest_value=5.0, comparison="worse", england_value=4.0)
        assert comparison_reason(LOCAL, compared) is None


def fake_row(spec, local: bool, comparison: str = "similar", significance: str = "no_significant_change",
             value: float | None = 1.0) -> StatusRow:
    return StatusRow(spec, local, summary(latest_value=value, comparison=comparison, significance=significance),
                     AmbitionStatus(spec.id, None, "no_target"))


class TestOrderAndCounts:
    def test_local_measures_come_first_in_catalogue_order(self, monkeypatch: pytest.MonkeyPatch):
        """Given a partnership, then every headline measure once: those with a local figure, then England-only."""
        monkeypatch.setattr(status_module, "partnership_members", lambda code: members(("E1", "Bolton", None)))
        monkeypatch.setattr(status_module, "shared_metric_table", lambda metric_id: utla_rows("2024/25", {"E1": 1.0}))
        seen = []

        def fake_summary(metric_id, code, *, area_type):
            seen.append((metric_id, code, area_type))
            return summary(latest_period="2024/25", latest_value=1.0)

        monkeypatch.setattr(status_module, "baseline_summary", fake_summary)
        built = status_module._build("gm", "Greater Manchester", "partnership", None)
        headline = CATALOGUE.headline_metrics()
        expected = [m.id for m in headline if m.is_local] + [m.id for m in headline if not m.is_local]
        assert [row.spec.id for row in built.rows] == expected
        assert [row.local for row in built.rows] == sorted((row.local for row in built.rows), reverse=True)
        assert (NATIONAL.id, ENGLAND, "country") in seen  # England's figures for a national measure

    def test_counts_only_local_rows_with_a_value(self):
        rows = (fake_row(LOCAL, True, "worse", "improved"), fake_row(LOCAL, True, "worse", "worsened"),
                fake_row(LOCAL, True, "better", "improved"), fake_row(LOCAL, True, "worse", value=None),
                fake_row(NATIONAL, False, "worse", "improved"))
        built = StatusSummary("gm", "Greater Manchester", "partnership", None, rows)
        assert built.count(comparison="worse") == 2
        assert built.count(significance="improved") == 2
        assert len(built.local_rows) == 4 and len(built.england_rows) == 1
