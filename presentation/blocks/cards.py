"""Chart cards, banners and provenance lines: the frame every chart sits in.

A chart card gives each chart what the design requires of it: a text heading, a plain-English
summary that the chart references with ``aria-describedby``, a "Show as table" alternative in a
native ``<details>`` (keyboard and screen-reader accessible with no script), a CSV download, a
link to the definition, and the source and "data up to" lines.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from presentation import ids

_HEADINGS = {1: html.H1, 2: html.H2, 3: html.H3, 4: html.H4}


def heading(level: int, children: Any, **kwargs: Any) -> Any:
    """An ``h1``–``h4`` element; pages choose the level so each page's outline stays correct."""
    if level not in _HEADINGS:
        raise ValueError(f"heading level must be 1-4, not {level!r}")
    return _HEADINGS[level](children, **kwargs)


def chart_meta_lines(source_line: str, updated_line: str | None = None,
                     geography_line: str | None = None) -> list[html.P]:
    """The children of a card's meta block; callbacks return this to ``ids.chart_meta(name)``.

    ``geography_line`` says which authorities the figures are drawn on (``formatting.geography_line``).
    """
    lines = [html.P(source_line, className="chart-card__source")]
    if updated_line:
        lines.append(html.P(updated_line, className="chart-card__updated"))
    if geography_line:
        lines.append(html.P(geography_line, className="chart-card__geography"))
    return lines


def download_controls(name: str, label: str = "Download data (CSV)") -> html.Div:
    """A download button and its ``dcc.Download``, with the chart's pattern-matching ids."""
    return html.Div([
        html.Button(label, id=ids.chart_download_button(name), type="button", className="btn btn-outline-primary"),
        dcc.Download(id=ids.chart_download(name)),
    ], className="chart-card__download")


def chart_card(
    title: str,
    graph_component: Any,
    *,
    name: str,
    summary_text: str,
    source_line: str,
    updated_line: str | None = None,
    table_component: Any = None,
    download_component: Any = None,
    with_download: bool = True,
    definition_link: str | None = None,
    heading_level: int = 2,
    summary_visible: bool = True,
    extra: Any = None,
    meta_lines: Any = None,
) -> html.Section:
    """A chart with its heading, summary, table alternative, download, definition link and provenance.

    Args:
        title: the heading text (also the chart region's accessible name).
        graph_component: usually a ``dcc.Graph`` (or a loading wrapper around one).
        name: the card's key in the pattern-matching ids (``ids.chart_summary(name)`` …) that
            callbacks update: summary, table, meta lines and download.
        summary_text: the sentence from ``summaries`` describing what the chart shows.
        table_component: the table alternative (``tables.data_table``); may be filled later.
        download_component: replaces the default CSV button + ``dcc.Download``.
        with_download: False for cards whose data has no download (rare: design rule 6).
        definition_link: href of the metric's definition.
        summary_visible: False keeps the summary for screen readers only.
        extra: controls or a legend shown between heading and chart (e.g. ``map_legend``).
        meta_lines: the provenance lines, when the page has them already (else source and updated lines).
    """
    summary_id = ids.chart_summary(name)
    actions = []
    if download_component is not None:
        actions.append(download_component)
    elif with_download:
        actions.append(download_controls(name))
    if definition_link:
        actions.append(html.A("About this data", href=definition_link, className="chart-card__definition"))
    region = html.Div(
        graph_component, role="figure", className="chart-card__graph",
        **{"aria-label": title, "aria-describedby": ids.dom_id(summary_id)},
    )
    children = [
        heading(heading_level, title, className="chart-card__title"),
        extra,
        region,
        html.P(summary_text, id=summary_id, **{"aria-live": "polite"},
               className="chart-card__summary" + ("" if summary_visible else " visually-hidden")),
        html.Details([
            html.Summary("Show as table"),
            html.Div(table_component, id=ids.chart_table(name), className="table-scroll", tabIndex=0,
                     role="region", **{"aria-label": f"{title}: table"}),
        ], className="chart-card__table"),
        html.Div(actions, className="chart-card__actions") if actions else None,
        html.Div(chart_meta_lines(source_line, updated_line) if meta_lines is None else meta_lines,
                 id=ids.chart_meta(name), className="chart-card__meta"),
    ]
    return html.Section([c for c in children if c is not None], className="chart-card card")


def demo_banner(*, beside_real: bool = False) -> html.Div:
    """The banner every page shows while the values shown include demonstration data.

    ``beside_real``: demonstration releases are shown beside real ones (``CDP_SHOW_DEMO=1``), so the
    banner says only some values are generated.
    """
    if beside_real:
        return html.Div([
            html.Strong("Demonstration data shown beside real figures. "),
            html.Span("Some values on this site are generated for demonstration and testing; the About page "
                      "lists which releases are demonstration data. Do not use those values for decisions or "
                      "quote them."),
        ], role="status", className="demo-banner")
    return html.Div([
        html.Strong("Demonstration data — not real figures. "),
        html.Span("The values on this site are generated for demonstration and testing. "
                  "Do not use them for decisions or quote them."),
    ], role="status", className="demo-banner")


def provenance_footer(
    *,
    source: str,
    data_up_to: str | None = None,
    release: str | None = None,
    published: str | None = None,
    extracted: str | None = None,
    is_demo: bool = False,
    pooled: bool = False,
) -> html.Div:
    """Where the numbers come from: source, period covered, release, dates and what is derived here.

    ``pooled`` adds the statement that partnership figures are this service's derived analysis
    (members' counts pooled), not the publisher's official statistics.
    """
    lines = [html.P(["Source: ", source])]
    if data_up_to:
        lines.append(html.P(f"Data up to: {data_up_to}"))
    if release or published:
        text = "Release: " + (release or "")
        if published:
            text += f" (published {published})" if release else f"published {published}"
        lines.append(html.P(text))
    if extracted:
        lines.append(html.P(f"Extracted: {extracted}"))
    if pooled:
        lines.append(html.P("Partnership figures are derived by this service by pooling the numerators and "
                            "denominators of member local authorities; they are not official statistics."))
    if is_demo:
        lines.append(html.P(html.Strong("Demonstration data — not real figures.")))
    return html.Div(lines, className="provenance")
