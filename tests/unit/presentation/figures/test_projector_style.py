"""A slide's chart at projector scale: every text ≥ 24 px, thicker lines and markers, the height left to the screen,
and the footer's sentences handed to the slide; the page's own figure is left as it was."""

from __future__ import annotations

import pytest

from presentation.figures import national_figure, trend_figure
from presentation.figures.projector import CHART_FONT, MIN_LINE, MIN_MARKER, footnotes, projector_figure, smallest_font
from tests.support.layout_samples import baseline_summary, series, spec

DEATHS = "drug_misuse_deaths"


@pytest.fixture
def page_figure():
    rows = series(provisional_period="2021-23")
    return trend_figure(rows, spec=spec(DEATHS), selected_code="P1", baseline_summary=baseline_summary(),
                        title="Cleveland and England, by period", source_line="Source: OHID.", height=400)


def _lines(fig):
    return {t.name: t.line.width for t in fig.data if t.line is not None and t.line.width}


class TestProjectorFigure:
    def test_every_text_is_at_least_24_px(self, page_figure):
        """Given a page chart with 12–15 px text, then on a slide no text is under 24 px."""
        assert smallest_font(page_figure) < CHART_FONT  # the page's chart is smaller: the test can fail
        slide = projector_figure(page_figure)
        assert CHART_FONT >= 24 and smallest_font(slide) >= CHART_FONT
        assert slide.layout.font.size >= 24 and slide.layout.legend.font.size >= 24
        for axis in (slide.layout.xaxis, slide.layout.yaxis):
            assert axis.tickfont.size >= 24 and axis.title.font.size >= 24
        assert slide.layout.annotations and all(a.font.size >= 24 for a in slide.layout.annotations)

    def test_a_shown_title_is_24_px_too(self, page_figure):
        slide = projector_figure(page_figure, show_title=True)
        assert slide.layout.title.text and slide.layout.title.font.size >= 24 and smallest_font(slide) >= 24

    def test_lines_and_markers_are_thicker(self, page_figure):
        slide = projector_figure(page_figure)
        before, after = _lines(page_figure), _lines(slide)
        assert set(after) == set(before)
        for name, width in after.items():
            assert width >= max(MIN_LINE, before[name]) and width > before[name], name
        markers = [t.marker.size for t in slide.data if "markers" in (t.mode or "") and t.marker.size != 1]
        assert markers and all(size >= MIN_MARKER for size in markers)

    def test_band_edges_stay_invisible(self, page_figure):
        slide = projector_figure(page_figure)
        assert [t.line.width for t in slide.data if t.name.startswith("95% confidence interval")
                and t.fill in ("tonexty", None) and t.mode == "lines"] == [0] * 2

    def test_the_height_is_left_to_the_screen(self, page_figure):
        slide = projector_figure(page_figure)
        assert page_figure.layout.height and slide.layout.height is None and slide.layout.autosize is True
        assert slide.layout.hovermode is False

    def test_the_footer_leaves_the_chart_and_its_notes_go_to_the_slide(self, page_figure):
        names = {a.name for a in page_figure.layout.annotations}
        assert {"source", "change", "provisional"} <= names
        slide = projector_figure(page_figure)
        assert not {"source", "change", "provisional"} & {a.name for a in slide.layout.annotations}
        notes = footnotes(page_figure)
        assert any("provisional" in note for note in notes)
        assert not any("OHID" in note or "baseline" in note for note in notes)
        assert all("<br>" not in note for note in notes)

    def test_the_page_figure_is_unchanged(self, page_figure):
        before = page_figure.to_plotly_json()
        projector_figure(page_figure)
        assert page_figure.to_plotly_json() == before

    def test_england_chart(self):
        fig = national_figure(series(region=False), spec=spec(DEATHS), baseline_summary=baseline_summary())
        assert smallest_font(projector_figure(fig)) >= 24
