"""The status summary's cells and sentence: colour, symbol and word together; reasons in empty cells."""

from __future__ import annotations

from data_access.catalogue import get_catalogue
from data_access.catalogue.targets import metric_target
from data_access.read.ambition import AmbitionStatus
from data_access.read.status import StatusRow, StatusSummary
from data_access.read.summary import BaselineSummary
from presentation import theme
from presentation.status_words import (
    NO_TARGET,
    ambition_cell,
    ambition_sentence,
    change_cell,
    comparison_cell,
    headline_sentence,
    latest_cell,
    row_cells,
)

CATALOGUE = get_catalogue()
LOCAL = CATALOGUE.metric("drug_misuse_deaths")
TREATMENT = CATALOGUE.metric("numbers_in_treatment")
NATIONAL = CATALOGUE.metric("county_lines_closed")


def row(spec=LOCAL, *, local: bool = True, ambition: AmbitionStatus | None = None, reason: str | None = None,
        **fields) -> StatusRow:
    summary = BaselineSummary(area_code="gm", area_name="Greater Manchester", **fields)
    return StatusRow(spec, local, summary, ambition or AmbitionStatus(spec.id, None, "no_target"), reason)


class TestCells:
    def test_worse_than_england_has_the_worse_colour_a_symbol_and_a_word(self):
        cell = comparison_cell(row(latest_value=9.0, comparison="worse", england_value=5.0, latest_period="2022-24"))
        worse = theme.comparison_style("worse")
        assert (cell.text, cell.symbol, cell.colour) == ("Worse", worse["symbol"], theme.WORSE)
        assert cell.symbol and cell.text_colour == worse["text_colour"]

    def test_better_and_similar_differ_in_colour_symbol_and_word(self):
        better = comparison_cell(row(latest_value=1.0, comparison="better"))
        similar = comparison_cell(row(latest_value=1.0, comparison="similar"))
        assert len({better.text, similar.text}) == len({better.symbol, similar.symbol}) == 2
        assert (better.colour, similar.colour) == (theme.BETTER, theme.SIMILAR)

    def test_a_missing_value_shows_its_reason(self):
        shown = row(latest_period="2024/25", reason="no 2024/25 value: Oldham has not published")
        assert latest_cell(shown).text == "No data"
        assert latest_cell(shown).note == "no 2024/25 value: Oldham has not published"
        assert comparison_cell(shown).text == "Not compared" and comparison_cell(shown).note

    def test_england_only_rows_are_marked_and_never_compared(self):
        shown = row(NATIONAL, local=False, latest_value=1180.0, latest_period="2024/25")
        assert latest_cell(shown).text == "England only"
        assert comparison_cell(shown).text == "Not compared"
        assert len(row_cells(shown)) == 7

    def test_change_says_why_it_was_not_tested(self):
        untested = change_cell(row(latest_value=4.0, latest_period="2022-24", baseline_period="2019-21"))
        assert untested.text == "Not tested" and untested.note == "no 2019-21 value to compare with"
        improved = change_cell(row(latest_value=4.0, latest_period="2022-24", baseline_period="2019-21",
                                   baseline_value=5.0, change=-1.0, change_pct=-20.0, significance="improved"))
        assert improved.text == "Improved" and improved.colour == theme.BETTER and "since 2019-21" in improved.note


class TestAmbition:
    def test_no_numeric_target_is_said_in_plain_words(self):
        shown = row()
        assert ambition_sentence(shown) == NO_TARGET == "The framework sets no numeric target for this measure."
        assert ambition_cell(shown).text == "No numeric target"

    def test_off_track_names_the_figures_and_the_ambition(self):
        status = AmbitionStatus(TREATMENT.id, metric_target(TREATMENT.id), "off_track", "2023/24", 310_863,
                                322_878, "count")
        text = ambition_sentence(row(TREATMENT, ambition=status))
        assert text.startswith("England is not on track for the ambition of 54,500 more people in treatment")
        assert "310,863 in 2023/24 against 322,878 on the trajectory" in text
        assert ambition_cell(row(TREATMENT, ambition=status)).colour == theme.WORSE

    def test_a_total_met_by_the_due_year(self):
        status = AmbitionStatus(NATIONAL.id, metric_target(NATIONAL.id), "met", "2024/25", 3794, 2000, "total")
        assert ambition_sentence(row(NATIONAL, local=False, ambition=status)) == (
            "England has met the ambition of over 2,000 county lines closed from 2022/23 to 2024/25: 3,794 in total "
            "by 2024/25 against 2,000 needed.")
        assert ambition_cell(row(NATIONAL, local=False, ambition=status)).text == "Met"


def test_the_generated_sentence_counts_local_judgements():
    rows = (row(latest_value=1.0, comparison="worse", significance="improved"),
            row(latest_value=1.0, comparison="worse", significance="improved"),
            row(latest_value=1.0, comparison="worse", significance="worsened"),
            row(latest_value=1.0, comparison="better", significance="no_significant_change"),
            row(reason="no 2024/25 value: Oldham has not published", latest_period="2024/25"),
            row(NATIONAL, local=False, latest_value=5.0, comparison="not_compared", significance="improved"))
    summary = StatusSummary("gm", "Greater Manchester", "partnership", None, rows)
    assert headline_sentence(summary) == (
        "3 headline measures significantly worse than England, 1 better; 2 improved since baseline, 1 worsened; "
        "1 without a current value (1 more measure for England only).")
