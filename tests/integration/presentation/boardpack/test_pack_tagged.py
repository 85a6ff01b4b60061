"""The board pack is a tagged PDF a screen reader can use, checked in its structure tree with pikepdf (not by
eye): marked content, language and title, headings, tables with header cells, and every chart a figure whose
alternative text is the chart's summary sentence."""

from __future__ import annotations

import io
import os

import pytest

pikepdf = pytest.importorskip("pikepdf")


@pytest.fixture(scope="module")
def gathered(web_env):
    import app  # noqa: F401  (live caches: the tables are built once)
    from data_access.read.pinned import newest_release_id
    from presentation.boardpack.gather import gather_pack

    return gather_pack("cleveland", newest_release_id())


@pytest.fixture(scope="module")
def pdf(gathered):
    from presentation.boardpack.pdf import render_pack

    data = render_pack(gathered, pack_url="/partnership/cleveland/pack.pdf?release=1")
    if os.environ.get("CDP_PACK_SAMPLE"):  # a copy to look at
        with open(os.environ["CDP_PACK_SAMPLE"], "wb") as out:
            out.write(data)
    with pikepdf.open(io.BytesIO(data)) as document:
        yield document


def _elements(node, found=None):
    """Every structure element under ``node`` as (type, element), in reading order."""
    found = [] if found is None else found
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append((str(kid.S), kid))
            _elements(kid, found)
    return found


def _text(value) -> str:
    return str(value) if value is not None else ""


@pytest.fixture(scope="module")
def elements(pdf):
    root = pdf.Root
    assert "/StructTreeRoot" in root
    return _elements(root.StructTreeRoot)


def test_the_pack_is_marked_with_a_language_and_a_title(pdf):
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo["/Title"]).startswith("Cleveland: board pack, data release ")
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True


def test_sections_measures_and_tables_have_headings(elements, gathered):
    kinds = [kind for kind, _ in elements]
    assert kinds.count("/H1") >= 1 + 1 + len(gathered.outcomes)  # status page, cover, each outcome
    assert kinds.count("/H2") >= sum(len(o.metrics) for o in gathered.outcomes)
    assert "/H3" in kinds


def test_tables_have_header_cells(elements):
    tables = [element for kind, element in elements if kind == "/Table"]
    assert len(tables) >= 2
    for table in tables:
        cells = [kind for kind, _ in _elements(table)]
        assert "/TH" in cells and "/TD" in cells


def test_every_chart_is_a_figure_described_by_its_summary(elements, gathered):
    from presentation.boardpack import compose

    figures = [element for kind, element in elements if kind == "/Figure"]
    shown = [(outcome, metric) for outcome in gathered.outcomes for metric in outcome.metrics
             if not metric.series.empty and metric.series["value"].notna().any()]
    expected = [compose.chart_alt(metric, gathered, outcome.outcome) for outcome, metric in shown]
    assert expected and all(text.strip() for text in expected)
    for text, (outcome, metric) in zip(expected, shown, strict=True):
        assert text.startswith(compose.sentence(metric, gathered.name, outcome.outcome) + " Lines: ")
        assert ("its region, North East (dotted)" in text) == metric.local  # Cleveland's region, as on the page
    assert any("England's ambition: 54,500 more people in treatment by 2024/25 (dash-dot)" in t for t in expected)
    assert [_text(figure.get("/Alt")) for figure in figures] == expected


def test_chart_text_is_set_in_the_embedded_body_font(pdf):
    """Given the charts are SVG images whose labels ask for CDPVera, then every font in the file (the charts'
    forms included) is an embedded subset of the pack's Vera, so no chart label falls back to a system font."""
    fonts = {}
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/FontDescriptor" in obj:
            fonts[str(obj.BaseFont)] = "/FontFile2" in obj.FontDescriptor
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+", 1)[-1] for name in fonts} == {"CDPVera", "CDPVera-Bold"}
    chart_page = next(page for page in pdf.pages if "/XObject" in page.Resources)
    forms = [x for x in chart_page.Resources.XObject.values() if x.get("/Subtype") == "/Form"]
    used = {str(f.BaseFont).split("+", 1)[-1] for form in forms
            for f in form.get("/Resources", {}).get("/Font", {}).values()}
    assert forms and used <= {"CDPVera", "CDPVera-Bold"}
