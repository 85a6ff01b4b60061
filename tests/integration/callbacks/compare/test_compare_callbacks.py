"""Compare-page callbacks as plain functions over the demonstration store.

The heat map lists every partnership (or a region's), sorts by any column with suppressed and
missing values last, switches to the 99.8% comparison, highlights a partnership; the funnel plot
has its control limits; bad links fall back to defaults with a message, never an error.
"""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from presentation.blocks.static import block_markup

CONTROLS = {"metric": "ocu_prevalence", "period": "", "region": "all", "sort": "name", "level": "95",
            "highlight": "none"}


@pytest.fixture(scope="module")
def cb(web_env):
    """The compare callbacks, with the app imported so the read layer's cache is live (as when serving)."""
    import app  # noqa: F401
    from callbacks import compare

    return compare


@pytest.fixture(scope="module")
def read(web_env):
    import app  # noqa: F401
    from data_access import read

    return SimpleNamespace(partnerships=read.partnerships, area_values=read.area_values, regions=read.regions,
                           metric_periods=read.metric_periods)


def row_codes(table) -> list[str]:
    """Partnership codes of the heat map's rows, in order (the table is one HTML string)."""
    return re.findall(r'<tr class="compare-row[^"]*" data-code="([^"]+)"', block_markup(table))


def test_table_lists_every_partnership(cb, read):
    result = cb.update_compare(**CONTROLS)
    codes = row_codes(result["table"])
    assert len(codes) == 120 == len(read.partnerships())
    assert codes == sorted(codes, key=lambda c: read.partnerships().set_index("code")["name"][c].lower())
    assert "England (benchmark)" in block_markup(result["table"])
    assert result["status"] == [] and result["query"] is None
    assert result["url_state"] == {"metric": "ocu_prevalence", "period": "2022/23", "sort": "name", "level": "95"}


def test_region_filter_keeps_only_that_regions_partnerships(cb, read):
    parts = read.partnerships()
    north_east = parts.loc[parts["region_code"] == "E12000001", "code"]
    result = cb.update_compare(**{**CONTROLS, "region": "E12000001"})
    codes = row_codes(result["table"])
    assert 0 < len(codes) < 120
    assert set(codes) == set(north_east)
    assert result["url_state"]["region"] == "E12000001"
    assert "in North East" in block_markup(result["table"])


@pytest.mark.parametrize("ascending", [False, True])
def test_sort_by_a_metric_orders_values_with_suppressed_and_missing_last(cb, read, ascending):
    metric = "drug_misuse_deaths"
    result = cb.update_compare(**{**CONTROLS, "sort": metric + (":asc" if ascending else "")})
    values = read.area_values(metric, area_type="partnership").set_index("area_code")
    codes = row_codes(result["table"])
    state = [2 if values.at[c, "suppressed"] else (3 if pd.isna(values.at[c, "value"]) else 1) for c in codes]
    assert state == sorted(state), "valued rows first, then suppressed, then missing"
    assert 2 in state and 3 in state, "the demonstration data has suppressed and missing partnerships"
    shown = [values.at[c, "value"] for c, s in zip(codes, state, strict=True) if s == 1]
    assert shown == sorted(shown, reverse=not ascending)


def _similar_cells(table) -> int:
    return block_markup(table).count("</span> Similar</span>")


def test_level_998_uses_the_998_comparison(cb, read):
    from layouts.compare.state import table_metrics

    at_95 = cb.update_compare(**CONTROLS)
    at_998 = cb.update_compare(**{**CONTROLS, "level": "99.8"})
    expected = {"comparison": 0, "comparison_998": 0}
    for spec in table_metrics("ocu_prevalence"):
        frame = read.area_values(spec.id, area_type="partnership")
        shown = frame[~frame["suppressed"] & frame["value"].notna()]
        for column in expected:
            expected[column] += int((shown[column] == "similar").sum())
    assert _similar_cells(at_95["table"]) == expected["comparison"]
    assert _similar_cells(at_998["table"]) == expected["comparison_998"]
    assert expected["comparison_998"] > expected["comparison"], "a wider interval includes England more often"
    assert "99.8% confidence" in block_markup(at_998["table"]) and at_998["url_state"]["level"] == "99.8"


def test_highlight_marks_one_row_and_is_summarised(cb):
    result = cb.update_compare(**{**CONTROLS, "highlight": "cleveland"})
    markup = block_markup(result["table"])
    assert markup.count("is-selected") == 1
    assert re.search(r'<tr class="compare-row is-selected" data-code="cleveland"', markup)
    summary = " ".join(str(p.children) for p in result["summary"][:-1])
    assert "Cleveland had the" in summary


def test_options_come_from_the_store(cb, read):
    result = cb.update_compare(**CONTROLS)
    assert [o["value"] for o in result["region_options"]][1:] == list(read.regions()["code"])
    highlight = result["highlight_options"]
    assert highlight[0] == {"label": "No partnership", "value": "none"}
    partnerships = read.partnerships()
    # Every partnership by its own name, first, so each code is shown by its partnership's name.
    assert [o["value"] for o in highlight[1:len(partnerships) + 1]] == list(partnerships.sort_values("name")["code"])
    # Then member authorities, each standing for its partnership's code.
    members = highlight[len(partnerships) + 1:]
    assert {"label": "Bolton (Greater Manchester partnership)", "value": "greater-manchester"} in members
    assert {o["value"] for o in members} <= set(partnerships["code"])
    assert [o["value"] for o in result["period_options"]] == list(reversed(read.metric_periods("ocu_prevalence")))
    assert {"drug_misuse_deaths", "drug_misuse_deaths:asc", "name", "region"} <= {o["value"] for o in
                                                                                  result["sort_options"]}


def test_nonsense_link_gives_messages_and_defaults(cb):
    query = {"metric": "banana", "period": "1999", "region": "zz", "sort": "<script>alert(1)</script>",
             "level": "7", "highlight": "nope", "utm_source": "x"}
    result = cb.update_compare(**CONTROLS, query=query)
    messages = " ".join(p.children for p in result["status"])
    for fragment in ("banana", "zz", "Cannot sort", "95 or 99.8", "nope", "utm_source"):
        assert fragment in messages
    assert result["status_class"].startswith("alert")
    assert result["url_state"] == {"metric": "ocu_prevalence", "period": "2022/23", "sort": "name", "level": "95"}
    assert result["region"] == "all" and result["highlight"] == "none"
    assert len(row_codes(result["table"])) == 120
    assert result["query"] is None, "the link is checked once; later changes come from the controls"


def test_national_metric_in_a_link_is_explained(cb):
    result = cb.update_compare(**CONTROLS, query={"metric": "county_lines_closed"})
    assert "England only" in " ".join(p.children for p in result["status"])
    assert result["url_state"]["metric"] == "ocu_prevalence"


def test_period_the_new_metric_lacks_falls_back_silently(cb):
    result = cb.update_compare(**{**CONTROLS, "metric": "drug_misuse_deaths", "period": "2022/23"})
    assert result["period"] == "2022-24" and result["status"] == []


def test_supporting_metric_adds_a_column(cb):
    result = cb.update_compare(**{**CONTROLS, "metric": "deaths_in_treatment"})
    assert "/metric/deaths_in_treatment" in block_markup(result["table"])
    assert "deaths_in_treatment" in {o["value"] for o in result["sort_options"]}


def test_funnel_has_limit_lines_and_points(cb):
    result = cb.update_funnel(metric="ocu_prevalence", period="", region="all", level="95", highlight="cleveland")
    figure = result["figure"]
    lines = [t for t in figure.data if t.mode == "lines"]
    assert {"95% limits", "99.8% limits"} <= {t.name for t in lines}
    assert any(t.name.startswith("England") for t in lines)
    points = sum(len(t.x) for t in figure.data if t.mode == "markers" and t.name != "Similar partnerships")
    assert 100 < points <= 120
    assert any("(selected)" in (t.name or "") for t in figure.data)
    assert "partnerships plotted" in result["summary"]
    assert result["href"] == "/download/observations.csv?metric=ocu_prevalence&area_type=partnership&period=2022/23"
    assert block_markup(result["table"]).count("<tr") == points + 1


def test_funnel_level_changes_the_colouring(cb):
    def flagged(level):
        figure = cb.update_funnel(metric="treatment_progress", period="", region="all", level=level, highlight="none")
        return sum(len(t.x) for t in figure["figure"].data if t.mode == "markers" and "Similar" not in t.name)

    assert flagged("99.8") <= flagged("95")


def test_funnel_for_a_region_plots_only_its_partnerships(cb, read):
    parts = read.partnerships()
    result = cb.update_funnel(metric="ocu_prevalence", period="", region="E12000001", level="95", highlight="none")
    plotted = sum(len(t.x) for t in result["figure"].data if t.mode == "markers")
    assert plotted == int((parts["region_code"] == "E12000001").sum())


def test_funnel_for_a_standardised_rate_uses_the_equivalent_population(cb):
    result = cb.update_funnel(metric="drug_misuse_deaths", period="", region="all", level="95", highlight="none")
    assert {"95% limits", "99.8% limits"} <= {t.name for t in result["figure"].data if t.mode == "lines"}
    assert "Equivalent population" in result["figure"].layout.xaxis.title.text
    assert "fewer than 10 events" in result["summary"]


def test_funnel_with_nonsense_falls_back(cb):
    result = cb.update_funnel(metric="banana", period="nope", region="zz", level="3", highlight="x")
    assert any(t.name == "95% limits" for t in result["figure"].data)


def test_table_download_is_the_filtered_sorted_table(cb):
    sent = cb.download_table(n_clicks=1, **{**CONTROLS, "region": "E12000001", "sort": "drug_misuse_deaths"})
    assert sent["filename"].endswith(".csv") and "e12000001" in sent["filename"]
    lines = sent["content"].strip().splitlines()
    assert lines[0].startswith("area_code,area_name,region,metric_id")
    assert "comparison_with_england_95" in lines[0]
    assert len(lines) - 1 == 3 * 7
    assert cb.download_table(n_clicks=None, **CONTROLS) is None


def test_funnel_download_has_limits_at_each_denominator(cb):
    sent = cb.download_funnel(n_clicks=1, metric="ocu_prevalence", period="", region="all", level="99.8",
                              highlight="none")
    frame = pd.read_csv(io.StringIO(sent["content"]))
    assert {"lower_limit_95", "upper_limit_99_8", "comparison_with_england_99_8", "position"} <= set(frame.columns)
    assert (frame["lower_limit_99_8"] <= frame["lower_limit_95"]).all()
    assert (frame["upper_limit_95"] <= frame["upper_limit_99_8"]).all()
    assert frame["demonstration_data"].all()


def test_england_context_lists_the_national_headline_metrics(cb):
    from layouts.compare.state import national_headline_metrics
    from tests.support.layout_tree import text

    table_text = text(cb.update_national())
    for spec in national_headline_metrics():
        assert spec.short_name in table_text
