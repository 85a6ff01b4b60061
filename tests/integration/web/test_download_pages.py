"""The definitions and downloads pages, the CSV routes and the status of unknown addresses, over HTTP.

Flask test client over the demonstration store: both pages list every metric of the catalogue, the
footer's links resolve on every page, an unknown address answers 404 with the friendly page, the CSV
route explains itself when asked without usable parameters, the footprint CSV has its columns and
rows, values are rounded as published (every digit on request), counts are whole numbers, and the
trend chart's CSV holds the lines the chart draws.
"""

from __future__ import annotations

import io
import json
import re
from html import escape, unescape
from typing import Any

import pandas as pd
import pytest

DEATHS = "drug_misuse_deaths"  # a DSR: one decimal place, with numerators and denominators
COUNT = "county_lines_closed"  # a count: whole numbers
PAGE = {"slug": "deaths-and-harm", "period": None, "area": None}
ORIGIN = {"Origin": "http://localhost"}
HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def catalogue():
    from data_access.catalogue import get_catalogue

    return get_catalogue()


def strings(node: Any) -> list[str]:
    """Every string in a layout's JSON (component text, props and the static blocks' markup)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in strings(value)]
    return []


def first_view(client, path: str) -> str:
    """All text the shell sends for ``path`` with the page built in (what the browser's first layout holds)."""
    response = client.get("/_dash-layout", query_string={"page": path})
    assert response.status_code == 200
    return "\n".join(strings(response.get_json()))


def hrefs(text: str) -> set[str]:
    """Link targets, from the components' ``href`` props and from the static blocks' markup."""
    return {unescape(href) for href in HREF.findall(text)}


def links_in_layout(client, path: str) -> set[str]:
    response = client.get("/_dash-layout", query_string={"page": path})

    def walk(node: Any) -> list[str]:
        if isinstance(node, dict):
            found = [node["href"]] if isinstance(node.get("href"), str) else []
            return found + [href for value in node.values() for href in walk(value)]
        if isinstance(node, list):
            return [href for value in node for href in walk(value)]
        return []

    data = response.get_json()
    return set(walk(data)) | hrefs("\n".join(strings(data)))


def routed_page(client, path: str) -> str:
    """What Dash's page router answers for ``path`` (the content a browser shows for an unknown address)."""
    from app import app

    client.get("/")
    key = next(k for k in app.callback_map if "_pages_content.children" in k)
    outputs = []
    for part in (p for p in key.strip(".").split("...") if p):
        component, _, prop = part.rpartition(".")
        outputs.append({"id": component, "property": prop})
    body = {"output": key, "outputs": outputs, "changedPropIds": [], "state": [], "inputs": [
        {"id": "_pages_location", "property": "pathname", "value": path},
        {"id": "_pages_location", "property": "search", "value": ""}]}
    response = client.post("/_dash-update-component", json=body, headers=ORIGIN)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def csv(client, url: str, **params) -> tuple[pd.DataFrame, str]:
    response = client.get(url, query_string=params or None)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), text


class TestDefinitionsPage:
    def test_it_lists_every_metric_by_outcome_with_its_words_and_a_link(self, client, catalogue):
        from data_access.catalogue import get_catalogue
        from presentation.blocks.definitions import POLARITY_WORDS

        assert client.get("/definitions").status_code == 200
        page = first_view(client, "/definitions")
        assert "Metric definitions" in page
        links = hrefs(page)
        for spec in get_catalogue().metrics.values():
            assert f"/metric/{spec.id}" in links, spec.id
            assert escape(spec.definition, quote=True) in page, spec.id
            assert escape(spec.value_unit, quote=True) in page, spec.id
        assert all(escape(words, quote=True) in page for words in {POLARITY_WORDS[m.polarity]
                                                                    for m in catalogue.metrics.values()})
        positions = [page.index(f"<h2>{escape(outcome.name, quote=True)}</h2>") for outcome in catalogue.outcomes]
        assert positions == sorted(positions)

    def test_sources_read_plainly(self, client, catalogue):
        page = first_view(client, "/definitions")
        markup = page[page.index("<h2>"):]
        assert "INFERRED" not in markup and "UNCONFIRMED" not in markup and "(likely" not in markup
        from presentation.catalogue_text import SOURCE_NOT_CONFIRMED

        unsure = [m for m in catalogue.metrics.values() if m.source_status != "confirmed"]
        assert unsure and markup.count(f"({SOURCE_NOT_CONFIRMED})") == len(unsure)

    def test_each_metric_link_opens_its_definition(self, client, catalogue):
        for spec in catalogue.metrics.values():
            assert spec.name in routed_page(client, f"/metric/{spec.id}")


class TestDownloadPage:
    def test_it_lists_every_metric_with_its_csv_links_and_the_footprint(self, client, catalogue):
        from layouts._shared.download_scheme import FOOTPRINT_PATH, PARAMETERS

        assert client.get("/download").status_code == 200
        page = first_view(client, "/download")
        links = links_in_layout(client, "/download")
        assert FOOTPRINT_PATH in links
        for spec in catalogue.metrics.values():
            assert f"/download/observations.csv?metric={spec.id}" in links, spec.id
            assert f"/metric/{spec.id}" in links, spec.id
        for parameter in PARAMETERS:  # the URL scheme is documented on the page
            assert parameter.name in page and parameter.meaning in page

    def test_every_link_on_it_answers_a_csv(self, client):
        links = sorted(link for link in links_in_layout(client, "/download") if link.startswith("/download/"))
        assert len(links) > 60
        for link in links:
            response = client.get(link)
            assert response.status_code == 200 and response.mimetype == "text/csv", link
            assert len(response.get_data(as_text=True).splitlines()) > 1, link


class TestLinksAndStatus:
    @pytest.mark.parametrize("path", ["/", "/about", "/outcome/treatment", "/compare", "/metric/drug_misuse_deaths",
                                      "/definitions", "/download", "/no-such-page"])
    def test_footer_links_are_on_every_page_and_resolve(self, client, path):
        from layouts._shared.shell import FOOTER_LINKS

        links = links_in_layout(client, path)
        for _label, href in FOOTER_LINKS:
            assert href in links, (path, href)
            assert client.get(href).status_code == 200, href

    @pytest.mark.parametrize("path", ["/no-such-page", "/outcome/no-such-outcome", "/download/nothing-here",
                                      "/404", "/about/extra"])
    def test_an_unknown_address_answers_404_with_the_friendly_page(self, client, path):
        response = client.get(path)
        assert response.status_code == 404 and response.mimetype == "text/html"
        assert b"_dash-renderer" in response.data or b"dash_renderer" in response.data  # the app, not a bare error
        page = routed_page(client, path)
        assert "Page not found" in page and '"/download"' in page and '"/"' in page

    def test_a_metric_page_for_no_metric_answers_404_with_the_list_of_metrics(self, client, catalogue):
        assert client.get("/metric/no-such-metric").status_code == 404
        page = routed_page(client, "/metric/no-such-metric")
        assert "Metric not found" in page and all(f"/metric/{m}" in page for m in catalogue.metrics)

    def test_a_partnership_page_for_no_partnership_answers_404(self, client):
        for path in ("/partnership/no-such-partnership", "/partnership/no-such-partnership/changes"):
            assert client.get(path).status_code == 404, path
        assert "There is no partnership called" in routed_page(client, "/partnership/no-such-partnership")

    @pytest.mark.parametrize("path", ["/partnership/{code}", "/partnership/{code}/changes", "/partnership/E06000001"])
    def test_a_partnership_page_for_a_partnership_or_its_member_answers_200(self, client, path):
        from data_access.read import partnerships

        assert client.get(path.format(code=partnerships()["code"].iloc[0])).status_code == 200

    @pytest.mark.parametrize("path", ["/", "/about", "/compare", "/outcome/drug-use", "/metric",
                                      "/metric/drug_misuse_deaths", "/partnership", "/definitions", "/download"])
    def test_known_pages_still_answer_200_with_their_first_view(self, client, path):
        assert client.get(path).status_code == 200
        assert "Page not found" not in first_view(client, path)

    def test_the_app_machinery_keeps_its_own_statuses(self, client):
        assert client.get("/_dash-layout", query_string={"page": "/no-such-page"}).status_code == 200
        assert client.get("/_dash-dependencies").status_code == 200
        assert client.get("/assets/theme.css").status_code == 200


class TestCsvHelp:
    def test_the_bare_address_explains_its_parameters(self, client):
        from layouts._shared.download_scheme import PARAMETERS

        response = client.get("/download/observations.csv")
        assert response.status_code == 200 and response.mimetype == "text/html"
        body = response.get_data(as_text=True)
        assert 'href="/download"' in body
        assert all(f"<code>{p.name}</code>" in body for p in PARAMETERS)

    @pytest.mark.parametrize(("query", "says"), [
        ({"foo": "1"}, "metric parameter is missing"),
        ({"metric": "nonsense"}, "Unknown metric 'nonsense'"),
        ({"metric": DEATHS, "area_type": "galaxy"}, "Unknown area_type 'galaxy'"),
        ({"metric": DEATHS, "period": "1066"}, "No period '1066'"),
        ({"metric": DEATHS, "precision": "exact"}, "Unknown precision 'exact'"),
        ({"metric": DEATHS, "area": "NOWHERE"}, "Unknown area 'NOWHERE'"),
        ({"metric": DEATHS, "area": ",".join(f"E0600{n:04d}" for n in range(21))}, "at most 20 areas"),
    ])
    def test_a_parameter_it_cannot_use_gets_help_saying_which(self, client, query, says):
        response = client.get("/download/observations.csv", query_string=query)
        assert response.status_code == 400 and response.mimetype == "text/html"
        body = unescape(response.get_data(as_text=True))
        assert says in body and 'href="/download"' in body and "<code>precision</code>" in body


class TestFootprintCsv:
    def test_columns_and_one_row_per_member_of_the_footprint_in_force(self, client):
        from data_access.read import partnerships
        from data_access.read.downloads import FOOTPRINT_COLUMNS

        frame, _ = csv(client, "/download/footprint.csv")
        assert list(frame.columns) == FOOTPRINT_COLUMNS
        shown = partnerships()
        assert set(frame["partnership_code"]) == set(shown["code"])
        assert not frame.duplicated("member_code").any()
        assert set(frame["sourced_or_assumed"]) == {"sourced", "assumed"}
        assert (frame["member_name"] != "").all() and (frame["partnership_name"] != "").all()
        assert (frame.loc[frame["sourced_or_assumed"] == "sourced", "source"] != "").all()
        for row in shown.itertuples():  # each partnership's current members are all there, by code and name
            members = frame[frame["partnership_code"] == row.code]
            assert set(row.member_codes.split(";")) <= set(members["member_code"])
            assert set(row.member_names.split(";")) <= set(members["member_name"])
            assert set(members["partnership_name"]) == {row.name}


class TestPrecision:
    def test_values_are_at_the_published_precision_and_counts_whole(self, client, catalogue):
        frame, text = csv(client, "/download/observations.csv", metric=DEATHS, area_type="partnership")
        assert catalogue.metric(DEATHS).published_decimals == 1
        for column in ("value", "lower_ci_95", "upper_ci_95", "england_value", "baseline_value",
                       "change_since_baseline"):
            cells = frame[column][frame[column] != ""]
            assert not cells.empty and cells.str.fullmatch(r"-?\d+\.\d").all(), (column, cells.head())
        for column in ("numerator", "denominator"):
            cells = frame[column][frame[column] != ""]
            assert not cells.empty and cells.str.fullmatch(r"\d+").all(), column
        assert not re.search(r"\d\.\d{5,}", text) and ",26.0," not in text

    def test_a_count_metric_is_whole_numbers(self, client):
        frame, _ = csv(client, "/download/observations.csv", metric=COUNT)
        cells = frame["value"][frame["value"] != ""]
        assert not cells.empty and cells.str.fullmatch(r"\d+").all()

    def test_full_precision_keeps_every_digit_and_rounds_to_the_published_figure(self, client, catalogue):
        from presentation.formatting import format_number

        spec = catalogue.metric(DEATHS)
        published, _ = csv(client, "/download/observations.csv", metric=DEATHS, area_type="utla")
        full, _ = csv(client, "/download/observations.csv", metric=DEATHS, area_type="utla", precision="full")
        assert list(full.columns) == list(published.columns) and len(full) == len(published)
        keys = ["area_code", "period"]
        both = published.merge(full, on=keys, suffixes=("", "_full"))
        valued = both[both["value"] != ""]
        assert not valued.empty
        assert (valued["value_full"].str.len() > valued["value"].str.len()).any()  # more digits than published
        for row in valued.itertuples():  # the published cell is the full value as the page formats it
            assert row.value == format_number(float(row.value_full), spec).replace(",", "")
        assert both["numerator_full"][both["numerator_full"] != ""].str.fullmatch(r"\d+").all()

    def test_the_profile_csv_is_at_each_metrics_published_precision(self, client, catalogue):
        from data_access.read import partnerships
        from layouts.partnership.views import profile_csv_view

        code = str(partnerships()["code"].iloc[0])
        text, _ = profile_csv_view(code)
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        checked = 0
        for row in frame[frame["value"] != ""].itertuples():
            places = catalogue.metric(row.metric_id).published_decimals
            pattern = r"-?\d+" + (rf"\.\d{{{places}}}" if places else "")
            for cell in (row.value, row.lower_ci, row.upper_ci, row.england_value, row.change_since_baseline):
                assert cell == "" or re.fullmatch(pattern, cell), (row.metric_id, cell)
                checked += cell != ""
        assert checked > 50

    def test_the_compare_tables_csv_is_at_the_published_precision(self, client, catalogue):
        from data_access.read import area_values, metric_periods, partnerships
        from layouts.compare.table import compare_frame, download_frame

        period = metric_periods(DEATHS)[-1]
        values = area_values(DEATHS, area_type="partnership", period=period)
        frame = compare_frame(partnerships(), {DEATHS: values}, level="95")
        out = download_frame(frame, [catalogue.metric(DEATHS)], periods={DEATHS: period},
                             england={DEATHS: 5.123456}, level="95", release=None)
        shown = out[out["value"].notna()]
        assert len(shown) > 50
        for column in ("value", "lower_ci_95", "upper_ci_95", "england_value"):
            cells = shown[column].dropna().astype(str)
            assert len(cells) > 50 and cells.str.fullmatch(r"-?\d+\.\d").all(), column
        assert set(shown["quintile"].dropna().astype(str)) <= {"1", "2", "3", "4", "5"}

    def test_the_compare_pages_chart_csvs_are_at_the_published_precision(self, client):
        from callbacks.compare import download_funnel
        from layouts.compare.bars import bars_csv_view

        bars, _ = bars_csv_view("ocu_prevalence")
        funnel = download_funnel(n_clicks=1, metric="ocu_prevalence", period="", region="all", level="95",
                                 highlight="none")["content"]
        for text, columns, counts in ((bars, ("value", "lower_ci_95", "upper_ci_95", "england_value"), ()),
                                      (funnel, ("value", "england_value", "lower_limit_95", "upper_limit_99_8"),
                                       ("numerator", "denominator"))):
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
            for column in columns:
                cells = frame[column][frame[column] != ""]
                assert len(cells) > 5 and cells.str.fullmatch(r"-?\d+\.\d").all(), column
            for column in counts:
                cells = frame[column][frame[column] != ""]
                assert len(cells) > 5 and cells.str.fullmatch(r"\d+").all(), column


class TestChartCsv:
    def test_the_trend_csv_holds_the_lines_the_trend_draws(self, client):
        from data_access.read import partnerships
        from layouts.outcome.views import trend_view

        shared = partnerships()
        code = str(shared.loc[shared["n_members"] > 1, "code"].iloc[0])
        view = trend_view(DEATHS, code, PAGE)
        lines = {trace.name for trace in view.figure.data if trace.mode == "lines+markers"}  # not the CI band
        frame, _ = csv(client, view.download_href)
        assert set(frame["area_name"]) == lines and len(lines) == 3  # the area, its region and England
        chosen = frame[frame["area_code"] == code]
        drawn = next(t for t in view.figure.data if t.name == chosen["area_name"].iloc[0])
        assert len(chosen) == len(drawn.x)

    def test_a_national_trend_csv_is_englands_line(self, client):
        from data_access.geography import ENGLAND
        from layouts.outcome.views import trend_view

        view = trend_view("hepatitis_c_pwid", "E08000016", PAGE)
        frame, _ = csv(client, view.download_href)
        assert set(frame["area_code"]) == {ENGLAND}
