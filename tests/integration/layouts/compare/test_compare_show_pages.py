"""The compare page's ranked chart with each "Show" choice, over the demonstration store.

Each choice draws the group it names (checked against the read layer's own facts), the CSV holds
exactly the drawn bars, the funnel rings the similar partnerships, and the page arrives with the chart.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from presentation import ids

METRIC = "drug_misuse_deaths"
CHOSEN = "greater-manchester"


@pytest.fixture(scope="module")
def cb(web_env):
    import app  # noqa: F401  (registers the pages and callbacks)
    from callbacks import compare

    return compare


@pytest.fixture(scope="module")
def read(web_env):
    import app  # noqa: F401
    from data_access import read

    return read


def drawn(figure) -> list[str]:
    """The partnership codes of the chart's rows, top first (carried by the name lines)."""
    names = next(t for t in figure.data if t.name == "names")
    return [code for _, code in sorted(zip(names.y, names.customdata, strict=True))]


def bars(cb, show: str, highlight: str = CHOSEN, region: str = "all") -> dict:
    return cb.update_bars(metric=METRIC, period="", region=region, level="95", highlight=highlight, show=show)


def csv_rows(cb, show: str, highlight: str = CHOSEN) -> pd.DataFrame:
    sent = cb.download_bars(n_clicks=1, metric=METRIC, period="", region="all", level="95", highlight=highlight,
                            show=show)
    return pd.read_csv(io.StringIO(sent["content"]))


def test_similar_partnerships_are_five_others(read):
    parts = read.partnerships()
    groups = read.similar_groups()
    assert set(groups["code"]) == set(parts["code"])
    assert (groups.groupby("code").size() == 5).all()
    assert not (groups["code"] == groups["neighbour"]).any()
    mine = read.similar_partnerships(CHOSEN)
    assert len(mine) == 5 and CHOSEN not in set(mine["code"]) and mine["distance"].is_monotonic_increasing
    assert read.similar_partnerships("no-such-partnership").empty
    inputs = read.similar_inputs()
    assert {"log10_population", "share_under_18", "share_15_64", "share_65_plus", "ocu_prevalence"} == set(inputs)
    assert inputs.notna().all().all()


def test_show_all_draws_every_partnership_with_the_top_axis(cb, read):
    figure = bars(cb, "all")["figure"]
    assert len(drawn(figure)) == len(read.partnerships())
    assert figure.layout.xaxis.side == "top"
    bars_y = sorted(y for t in figure.data if t.type == "bar" for y in t.y)
    assert len(bars_y) == len(set(bars_y))  # one bar per row


def test_show_region_draws_the_chosen_partnerships_region(cb, read):
    parts = read.partnerships().set_index("code")
    region = parts.at[CHOSEN, "region_code"]
    result = bars(cb, "region")
    assert set(drawn(result["figure"])) == set(parts.index[parts["region_code"] == region])
    assert parts.at[CHOSEN, "region_name"] in result["summary"]


def test_show_similar_draws_the_chosen_and_its_group(cb, read):
    result = bars(cb, "similar")
    expected = {CHOSEN, *read.similar_partnerships(CHOSEN)["code"]}
    assert set(drawn(result["figure"])) == expected
    assert "similar partnerships" in result["summary"]
    values = next(t for t in result["figure"].data if t.name == "values").text
    assert len(values) == len(expected) and all("(" in v and "–" in v for v in values)


def test_show_rank_draws_the_neighbours_in_rank(cb, read):
    frame = read.area_values(METRIC, area_type="partnership")
    known = frame[frame["value"].notna() & ~frame["suppressed"]].sort_values("value", ascending=False)
    order = known["area_code"].tolist()
    at = order.index(CHOSEN)
    codes = drawn(bars(cb, "rank")["figure"])
    assert codes == order[max(0, at - 4): at + 5]
    assert CHOSEN in codes and len(codes) <= 9


def test_the_csv_holds_exactly_the_drawn_bars(cb):
    for show in ("all", "region", "similar", "rank"):
        figure = bars(cb, show)["figure"]
        rows = csv_rows(cb, show)
        assert rows["area_code"].tolist() == drawn(figure), show
        assert {"value", "lower_ci_95", "upper_ci_95", "comparison_with_england", "shown"} <= set(rows.columns)


def test_without_a_chosen_partnership_a_group_falls_back_to_all(cb, read):
    result = bars(cb, "similar", highlight="none")
    assert len(drawn(result["figure"])) == len(read.partnerships())
    assert "Choose a partnership" in result["summary"]


def test_the_funnel_rings_the_similar_partnerships(cb, read):
    result = cb.update_funnel(metric=METRIC, period="", region="all", level="95", highlight=CHOSEN)
    ringed = next(t for t in result["figure"].data if t.name == "Similar partnerships")
    names = set(read.similar_partnerships(CHOSEN)["name"])
    assert set(ringed.text) <= names and len(ringed.text) >= 1 and ringed.mode == "markers"
    assert "ringed" in result["summary"] and all(name in result["summary"] for name in names)


def test_the_page_arrives_with_the_chart_and_the_show_choice(cb, read):
    from layouts.compare import page

    layout = page.layout(metric=METRIC, highlight=CHOSEN, show="similar")

    def walk(node):
        yield node
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children] if children is not None else []:
            yield from walk(child)

    nodes = list(walk(layout))
    show = next(n for n in nodes if getattr(n, "id", None) == ids.COMPARE_SHOW)
    assert show.value == "similar"
    graph = next(n for n in nodes if getattr(n, "id", None) == ids.COMPARE_BARS_CHART)
    assert set(drawn(graph.figure)) == {CHOSEN, *read.similar_partnerships(CHOSEN)["code"]}


def test_the_show_choice_is_kept_in_the_link(cb):
    result = cb.update_compare(metric=METRIC, period="", region="all", sort="name", level="95", highlight=CHOSEN,
                               show="rank")
    assert result["url_state"]["show"] == "rank" and result["show"] == "rank"
    plain = cb.update_compare(metric=METRIC, period="", region="all", sort="name", level="95", highlight=CHOSEN,
                              show="all")
    assert "show" not in plain["url_state"]
    bad = cb.update_compare(query={"metric": METRIC, "show": "banana"})
    assert any("Cannot show" in str(p.children) for p in bad["status"])


def test_compare_page_answers_for_each_show_choice(client):
    for show in ("all", "region", "similar", "rank"):
        response = client.get(f"/compare?metric={METRIC}&highlight={CHOSEN}&show={show}")
        assert response.status_code == 200
