"""The compare-areas chart carries a narrow form for phones: shorter names and the value alone in a narrower
column, so its bars keep room at 375 px; the wide form it goes back to is the figure as built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data_access.catalogue import get_catalogue
from presentation.figures import compare_figure
from presentation.figures.compare import NARROW_NAME_CHARS, VALUES_MARGIN
from tests.support.paths import PROJECT_ROOT

DEATHS = get_catalogue().metric("drug_misuse_deaths")


def rows(n: int) -> pd.DataFrame:
    values = np.linspace(2.0, 9.0, n)
    return pd.DataFrame({"area_code": [f"P{i:03d}" for i in range(n)],
                         "area_name": [f"Area number {i} of the long names" for i in range(n)],
                         "value": values, "lower_ci": values - 0.5, "upper_ci": values + 0.75,
                         "comparison": ["similar"] * n, "suppressed": [False] * n})


def form(selected: str | None = None) -> tuple[dict, object]:
    fig = compare_figure(rows(5), spec=DEATHS, england_value=5.0, selected_code=selected)
    return fig.layout.meta["narrow_form"], fig


def test_the_narrow_form_prints_values_alone_in_a_narrower_column():
    narrow, fig = form()
    values = fig.data[narrow["trace"]]
    assert values.name == "values"
    assert narrow["narrow"]["text"] == ["9.0", "7.2", "5.5", "3.8", "2.0"]
    assert narrow["wide"]["text"] == list(values.text) and "(" in values.text[0]
    assert narrow["narrow"]["layout"]["margin.r"] < VALUES_MARGIN / 2
    assert narrow["wide"]["layout"]["margin.r"] == fig.layout.margin.r == VALUES_MARGIN


def test_the_narrow_form_shortens_names_keeping_the_glyph_and_the_selection():
    narrow, fig = form(selected="P002")
    short = narrow["narrow"]["layout"]["yaxis.ticktext"]
    assert narrow["wide"]["layout"]["yaxis.ticktext"] == list(fig.layout.yaxis.ticktext)
    assert len(short) == len(fig.layout.yaxis.ticktext)
    for text in short:
        name = text.replace("<b>", "").replace("</b>", "").rsplit(" ", 1)[0]
        assert len(name) <= NARROW_NAME_CHARS and name.endswith("…") and text.rstrip("</b>").endswith("≈")
    assert [t.startswith("<b>") for t in short] == [c == "P002" for c in fig.layout.yaxis.categoryarray]


def test_the_narrow_subtitle_says_what_the_column_prints_in_no_more_lines():
    narrow, fig = form()
    said = narrow["narrow"]["layout"]["title.subtitle.text"]
    assert "Values printed on the right" in said and "whiskers" in said
    assert said.count("<br>") <= fig.layout.title.subtitle.text.count("<br>")


def test_a_script_applies_the_narrow_form():
    script = (Path(PROJECT_ROOT) / "assets" / "narrow_charts.js").read_text(encoding="utf-8")
    assert "narrow_form" in script and "Plotly.update" in script and "plotly_afterplot" in script
