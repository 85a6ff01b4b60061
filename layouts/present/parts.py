"""Presentation mode's ids and slides: one headline measure per screen, for a board meeting's projector.

Kept apart from the page module (``layouts/present/page.py`` registers a page, so it cannot be imported
before the app exists) so the layout and its callbacks share the ids. Each slide leads with one
large number and says in words what it means; its chart is static (no mode bar, nothing to hover)
because in the room nothing may need a mouse.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import plotly.graph_objects as go
from dash import dcc, html

from presentation import ids
from presentation.blocks.static import html_block, markup
from presentation.figures import chart_config, export_filename

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec, OutcomeSpec


def slide_id(index: int) -> dict[str, Any]:
    """The pattern-matching id of slide ``index`` (0-based)."""
    return {"type": ids.PRESENT_SLIDE_TYPE, "index": index}


def slide_chart_id(index: int) -> dict[str, Any]:
    """The pattern-matching id of slide ``index``'s chart box, which paging fills when the slide is shown."""
    return {"type": ids.PRESENT_SLIDE_CHART_TYPE, "index": index}


def slide_number(raw: Any, count: int, messages: list[str]) -> int:
    """The 1-based slide from ``?slide=`` (1 when absent; 1 with a message when it makes no sense)."""
    if raw in (None, ""):
        return 1
    text = str(raw).strip()
    # ASCII digits only: str.isdigit() accepts "²", which int() refuses.
    if re.fullmatch(r"[0-9]{1,6}", text) and 1 <= int(text) <= count:
        return int(text)
    shown = text if len(text) <= 20 else text[:17] + "…"
    messages.append(f"There is no slide “{shown}”: slides are numbered 1 to {count}. Showing slide 1.")
    return 1


def slide_graph(figure: go.Figure, spec: MetricSpec, area_name: str) -> dcc.Graph:
    """The static chart: the export config (filename, size) kept, but no mode bar and no interaction."""
    config = {**chart_config(export_filename(spec.id, area_name, "presentation"), spec.name),
              "staticPlot": True, "displayModeBar": False}
    # The height comes from the stylesheet (the screen's height left after the words), so the slide fills any
    # projector; ``responsive`` redraws the chart when the window changes.
    figure.update_layout(height=None, autosize=True)
    return dcc.Graph(figure=figure, config={**config, "responsive": True}, responsive=True,
                     className="present-slide__graph")


def slide(index: int, count: int, *, outcome: OutcomeSpec, spec: MetricSpec, facts: list[Any], local: bool,
          so_what: str, sentence: str, notes: list[str], source_line: str, graph: dcc.Graph | None,
          current: int, scope: str | None = None) -> html.Section:
    """One measure on one screen: "n of count", outcome (and "England only" when the figures are England's
    in a partnership's deck), name, the "so what" line, the facts with their status chips, and the chart
    filling the rest of the screen, with its one-sentence caption, what its marks mean and the source under it."""
    # The words are read-only: each part is one static block (``blocks.html_block``), not a dozen components.
    head = [html.Span(f"{index + 1} of {count}", className="present-slide__position"), " · ", outcome.name]
    if scope:
        head += [" ", html.Span(scope, className="present-slide__scope")]
    # Only the shown slide's chart is drawn: the others wait in the deck's chart store until paging shows
    # them (``assets/present.js``), so opening the deck draws one chart, not twelve.
    if graph is None:
        content = html.P("No values have been published for this measure yet.")
    else:
        content = graph if index == current else None
    chart = html.Div(content, id=slide_chart_id(index), className="present-slide__chart",
                     role="img" if graph is not None else None,
                     **({"aria-label": f"Trend chart. {sentence}"} if graph is not None else {}))
    below = " ".join([*notes, source_line])
    # The chart's sentence is its caption, as with every chart of the site: beside the chart, under the chips,
    # where the facts column has room, so the chart keeps the screen's height.
    caption = html.P(sentence, className="present-slide__caption") if graph is not None else None
    return html.Section([
        html_block(markup([
            html.P(head, className="present-slide__outcome"),
            html.H2(spec.name, className="present-slide__title"),
            html.P(so_what, className="present-slide__so-what"),
        ]), class_name="present-slide__head"),
        html.Div([html_block(markup([*facts, caption]), class_name="present-slide__facts"),
                  html.Div([chart, html.P(below, className="present-slide__source")],
                           className="present-slide__visual")],
                 className="present-slide__body" + ("" if local else " present-slide__body--england")),
    ], id=slide_id(index), hidden=index != current, className="present-slide",
        **{"aria-roledescription": "slide", "aria-label": f"{index + 1} of {count}: {spec.short_name}"
           + (f" ({scope})" if scope else "")})


def nav_bar() -> html.Nav:
    """Previous / position / Next: real buttons, reachable by Tab; the keys ← → PageUp PageDown click them."""
    return html.Nav([
        html.Button([html.Span("← ", **{"aria-hidden": "true"}), "Previous"], id=ids.PRESENT_PREVIOUS, type="button", className="btn btn-outline-primary present-nav__button",
                    **{"aria-controls": ids.PRESENT_DECK}),
        html.Div([
            html.P(id=ids.PRESENT_COUNTER, className="present-nav__counter", **{"aria-live": "polite", "aria-atomic": "true"}),
            html.P("Keys: ← → or Page Up / Page Down; Home / End: first / last", className="present-nav__help"),
        ], className="present-nav__middle"),
        html.Button(["Next", html.Span(" →", **{"aria-hidden": "true"})], id=ids.PRESENT_NEXT, type="button", className="btn btn-primary present-nav__button",
                    **{"aria-controls": ids.PRESENT_DECK}),
    ], className="present-nav", **{"aria-label": "Slides"})
