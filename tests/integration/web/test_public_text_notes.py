"""No editor's or research note reaches the public: every page, chart, export, slide and the board pack is
scanned for the markers a note leaves ("UNCONFIRMED", "INFERRED:", "as printed", "to be confirmed",
"no numeric target found", a bracketed placeholder, a guess with "likely" …).

Pages are read as the browser gets them (each registered page's layout response, with its first charts,
over the demonstration store); every outcome page is read once for each of its measures, so every
measure's definition, notes and chart footers are read; exports are the CSV routes; the pack is the PDF's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import dash
import pytest

from data_access.catalogue import get_catalogue
from data_access.catalogue.public_text import note_markers

ORIGIN = {"Origin": "http://localhost"}
PARTNERSHIP = "cleveland"
#: Keys whose values are machinery, not text a person reads.
NOT_TEXT = {"id", "className", "style", "type", "namespace", "src", "d", "path", "mapbox"}


@pytest.fixture(scope="module")
def http(web_env):
    from app import server

    client = server.test_client()
    client.get("/")
    return client


def strings(node, key: str | None = None) -> Iterator[str]:
    """Every string value in a JSON tree, skipping ids, classes and styles."""
    if key in NOT_TEXT:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for name, value in node.items():
            yield from strings(value, name)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value, key)


def page_addresses() -> list[str]:
    """Every registered page, with templates filled: every metric, one partnership and England, and every
    outcome page once for each of its measures."""
    import app  # noqa: F401  (registers the pages)

    catalogue = get_catalogue()
    addresses = []
    for page in dash.page_registry.values():
        template = page.get("path_template")
        if template is None:
            addresses.append(page["path"])
        elif "<metric_id>" in template:
            addresses += [template.replace("<metric_id>", m) for m in catalogue.metrics]
        elif "<code>" in template:
            addresses += [template.replace("<code>", code) for code in (PARTNERSHIP, "england")]
    for outcome in catalogue.outcomes:
        addresses += [f"/outcome/{outcome.slug}?metric={m.id}" for m in catalogue.outcome_metrics(outcome.slug)]
    addresses += [f"/compare?metric={m}" for m in catalogue.metrics]
    return addresses


def layout_text(http, address: str) -> str:
    response = http.get("/_dash-layout", query_string={"page": address}, headers=ORIGIN)
    assert response.status_code == 200, address
    return "\n".join(strings(response.get_json()))


def test_the_scan_finds_a_note_in_a_layout():
    """The scan is real: a note put in a layout's text is found."""
    layout = {"props": {"children": [{"props": {"children": "Source: UNCONFIRMED (likely Home Office)",
                                                "id": "x"}}]}}
    assert len(note_markers("\n".join(strings(layout)))) == 2


@pytest.mark.parametrize("address", page_addresses())
def test_no_page_shows_a_note(http, address):
    assert note_markers(layout_text(http, address)) == []


def test_no_csv_export_holds_a_note(http):
    problems = {}
    for metric_id in get_catalogue().metrics:
        for area_type in ("partnership", "utla"):
            response = http.get(f"/download/observations.csv?metric={metric_id}&area_type={area_type}")
            if response.status_code == 200:
                problems[(metric_id, area_type)] = note_markers(response.get_data(as_text=True))
    footprint = http.get("/download/footprint.csv")
    if footprint.status_code == 200:
        problems["footprint"] = note_markers(footprint.get_data(as_text=True))
    assert problems and {key: found for key, found in problems.items() if found} == {}


def test_no_chart_footer_holds_a_note(http):
    """The source drawn inside every chart (and so in its PNG export) and the card's source line."""
    from layouts.outcome.checks import provenance

    found = {m: note_markers(" ".join(provenance(spec))) for m, spec in get_catalogue().metrics.items()}
    assert {m: notes for m, notes in found.items() if notes} == {}


def test_the_board_pack_holds_no_note(http):
    from tests.support.pdf_text import pdf_text

    response = http.get(f"/partnership/{PARTNERSHIP}/pack.pdf", follow_redirects=True)
    assert response.status_code == 200
    assert note_markers(pdf_text(response.data)) == []


def test_no_comparison_chart_of_areas_holds_a_note(http):
    """The outcome page's comparison of areas arrives by callback, not with the page: read it for every local
    measure (figure with its in-chart footer, summary, table and provenance)."""
    from plotly.utils import PlotlyJSONEncoder

    from callbacks.outcome.charts import update_compare

    texts = {}
    for metric_id, spec in get_catalogue().metrics.items():
        if spec.is_local:
            answer = update_compare(metric_id, None, "partnership", "cleveland", {"slug": None})
            texts[metric_id] = "\n".join(strings(json.loads(json.dumps(answer, cls=PlotlyJSONEncoder))))
    assert texts and all("Source: " in text for text in texts.values())  # the charts were drawn
    found = {metric_id: note_markers(text) for metric_id, text in texts.items()}
    assert {m: notes for m, notes in found.items() if notes} == {}
