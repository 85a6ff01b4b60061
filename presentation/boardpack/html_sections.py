"""The board pack's cover and outcome sections as tagged HTML, in reading order.

The words are ``compose``'s, as they have always been. Headings nest (h1 a section, h2 a measure, h3 its
table), tables have header cells, and each chart is an image whose alternative text is the same one-sentence
summary the dashboard shows under that chart, then the lines it draws (the partnership, its region,
England, England's ambition), so a screen reader hears what the chart shows.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from reportlab.graphics import renderSVG

from data_access.geography import ENGLAND
from presentation.boardpack import compose, styles
from presentation.boardpack.gather import MetricData, OutcomeData, PackData
from presentation.boardpack.html_text import esc, para, table

log = logging.getLogger(__name__)
WIDTH = 595.2756 - 2 * styles.PAGE_MARGIN  # A4's width less the margins, in points (the charts' drawing width)
GROUP_WORDS = {"strategic": "Strategic outcome", "intermediate": "Intermediate outcome"}
HOW_TO_READ = [
    "Each headline measure shows its latest value and period. For a partnership, the value pools the member "
    "authorities' numerators and denominators; “compared with England” tests the difference at 95%.",
    "“Change since baseline” tests the difference between the latest value and the framework baseline "
    "(2019/20, 2021/22 or a three-year average, depending on the measure) at 95%.",
    "“Recent trend” tests the latest five periods for a significant rise or fall.",
    "Measures published only for England (the drug use survey, crime and supply measures) show England's figures.",
    "Suppressed values were withheld by the publisher to protect confidentiality; they are never shown as zero.",
]
Draw = Callable[..., Any]


def cover(pack: PackData, meeting: date | None, pack_url: str) -> str:
    """Title, meeting, data as at, demonstration warning, footprint, contents, how to read, how to rebuild."""
    release = pack.release
    out = [f'<section class="cover"><h1 class="title">{esc(pack.name)}</h1>',
           para("Combating Drugs Partnership board pack: headline measures of the National Combating Drugs "
                "Outcomes Framework", "subtitle")]
    if meeting is not None:
        out.append(para(f"Prepared for the board meeting on {compose.day(meeting)}.", "meeting"))
    extracted = compose.day(release.get("extracted_date")) or "date not recorded"
    published = f" on {compose.day(release.get('published_date'))}" if release.get("published_date") else ""
    out.append(para(f"Data as at {extracted}: data release {release['id']} ({release.get('source')}), "
                    f"published by {release.get('publisher') or 'not stated'}{published}, extracted {extracted}, "
                    f"loaded {compose.day(release.get('loaded_at')) or 'date not recorded'}."))
    if release.get("any_demo"):
        out.append(para(compose.DEMO_WARNING, "banner"))
    count = len(pack.members[pack.members["valid_to"].isna()])
    where = f" in {pack.region_name}" if pack.region_name else ""
    status = ("sourced: the grouping is taken from a published source" if pack.status == "sourced" else
              "assumed: no published source was found, so the grouping is this service's assumption")
    out += ["<h2>Footprint</h2>",
            para(f"{pack.name} is a partnership of {count} local {'authority' if count == 1 else 'authorities'}"
                 f"{where}. Its footprint is {status}.")]
    out += [para(line) for line in compose.member_lines(pack)]
    if pack.footprint:
        out.append(para(f"Footprint version {pack.footprint.get('id')}: {pack.footprint.get('label')}.", "small"))
    out.append("<h2>Contents</h2><ol class=\"contents\">" + "".join(
        f"<li>{esc(f'{o.outcome.name} ({GROUP_WORDS.get(o.outcome.group, o.outcome.group).lower()})')}</li>"
        for o in pack.outcomes) + "</ol>")
    out.append("<h2>How to read this pack</h2><ul>" + "".join(f"<li>{esc(t)}</li>" for t in HOW_TO_READ) + "</ul>")
    pinned = f"This pack is pinned to data release {release['id']}: the same link rebuilds the same pack."
    out += ['<div class="rebuild"><h2>Rebuild this pack</h2>', para(pinned),
            # The address on a line of its own, so it reads (and copies) as one address.
            para(pack_url, "address") if pack_url else "", para(styles.LICENCE_LINE + ".", "small"), "</div></section>"]
    return "".join(out)


def _tiles(outcome: OutcomeData) -> str:
    tiles = []
    for metric in outcome.metrics:
        lines = compose.tile(metric)
        tiles.append(f'<div class="tile"><p class="tile-title">{esc(lines["title"])}</p>'
                     f'<p class="value">{esc(lines["value"])}</p>'
                     + "".join(para(lines[k], "tile-line") for k in ("period", "england", "comparison", "change",
                                                                        "trend")) + "</div>")
    return f'<div class="tiles">{"".join(tiles)}</div>'


def chart(metric: MetricData, pack: PackData, outcome: OutcomeData, draw: Draw) -> str:
    """The trend chart as an SVG image described by its summary sentence; a note when nothing is published; the
    values as a table when the drawing fails (a chart must never cost the meeting its pack)."""
    code, name = (pack.code, pack.name) if metric.local else (ENGLAND, "England")
    if metric.series.empty or metric.series["value"].notna().sum() == 0:
        return para("No values have been published for this measure yet, so there is no chart.")
    try:
        drawing = draw(metric.series, spec=metric.spec, selected_code=code, selected_name=name,
                       summary=metric.summary, width=WIDTH, ambition=metric.ambition)
        # reportlab writes "fill: None", which SVG renderers read as the default, black: say "none".
        svg = renderSVG.drawToString(drawing).replace(": None;", ": none;")
    except Exception:
        log.warning("board pack: chart for %s (%s) could not be drawn; table only", metric.spec.id, pack.code,
                    exc_info=True)
        header, rows = compose.trend_table(metric, code, name)
        return (para("The chart could not be drawn; its values are in this table.")
                + table(header, rows, numeric=tuple(range(1, len(header)))))
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = compose.chart_alt(metric, pack, outcome.outcome)
    return f'<img class="chart" src="{source}" alt="{esc(alt)}">'


def _metric(metric: MetricData, outcome: OutcomeData, pack: PackData, draw: Draw) -> str:
    on_track = compose.ambition_status(metric, pack)
    block = (f'<div class="measure"><h2>{esc(compose.chart_title(metric, pack.name))}</h2>'
             f"{chart(metric, pack, outcome, draw)}"
             f"{para(compose.sentence(metric, pack.name, outcome.outcome))}"
             + (para(on_track) if on_track else "")
             + "".join(para(line, "small") for line in compose.provenance(metric, pack)) + "</div>")
    if metric.local and not metric.latest_rows.empty:
        header, rows = compose.latest_table(metric)
        period = metric.summary.get("latest_period")
        title = f"{metric.spec.short_name}, {period}: the partnership, its member authorities and England"
        notes = "".join(para("Note: " + line, "small") for line in compose.table_notes(metric))
        keep = " keep" if len(rows) <= 12 else ""
        block += (f'<div class="table-block{keep}"><h3>{esc(title)}</h3>'
                  f"{table(header, rows, numeric=(1, 2, 3, 5), bold_first_row=True)}{notes}</div>")
    elif not metric.local:
        header, rows = compose.trend_table(metric, ENGLAND, "England")
        block += (f'<div class="table-block keep"><h3>{esc(f"{metric.spec.short_name}: England by period")}</h3>'
                  f'{table(header, rows[-8:], numeric=(1,), kind="data narrow")}</div>')
    return block


def outcome_section(outcome: OutcomeData, pack: PackData, draw: Draw) -> str:
    """One outcome on a new page: its group, name, ambition, headline tiles, then each headline measure."""
    spec = outcome.outcome
    out = [f'<section class="outcome">{para(GROUP_WORDS.get(spec.group, spec.group), "small")}',
           f"<h1>{esc(spec.name)}</h1>"]
    goal = compose.ambition(spec)
    if goal:
        out.append(para(f"Ambition: {goal}."))
    out.append(_tiles(outcome))
    out += [_metric(metric, outcome, pack, draw) for metric in outcome.metrics]
    return "".join(out) + "</section>"
