"""Outcome pages (/outcome/<slug>): the selections — period, area, measure details — and the address bar.

Callback graph (inputs → outputs):

- measure → period options, period notice; the period itself by a side update     (``choose_period``)
- period picker → the period chosen for the charts, unless the move was a correction (``picker_gate``)
- page store → area options, area notice; a correction of the area likewise       (``load_area_options``)
- map click, comparison click, area picker → area, area notice                   (``choose_area``)
- measure → definition, national-only note, which sections show                  (``show_measure``)
- every selection → the page's URL-state store (the query string)                (clientside)
- measure, chosen period, level, colouring, map kind, area (+ geometry key, picker period) → map (a Patch
  after the first draw), geometry key, legend, the sentence under the map         (``map.update_map``)
- measure, chosen period, level, area → map table, provenance, download         (``map.describe_map``)
- measure, area → trend chart, summary, table, provenance, download link         (``charts.update_trend``)
- measure, area → the headline above the controls (latest figure against England and baseline)
                                                                                  (``headline.update_headline``)

The definition and the trend come with the page: its layout builds them with the same view functions
(``layouts.outcome.views``), so the first chart does not wait for a request, and their callbacks
(``prevent_initial_call``) answer only a later change of measure or area.
- measure, chosen period, level, area → comparison chart and the same companions  (``charts.update_compare``)

The period and area asked for in the URL can only be checked against the data. The layout puts them
in the pickers unchecked, and every chart callback checks them itself, so the charts are asked for as
soon as the page arrives: Dash holds back a callback while another that outputs one of its inputs is
pending, so the pickers' callbacks never output the picker values on the first call. When the URL
asked for something that does not exist (or for no period), they move the picker with ``set_props``
and give the notice. The charts have already drawn the checked value, so that move does not reach them
(``picker_gate``); the charts read the picker's period as state and redraw when someone chooses one.
"""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, clientside_callback, set_props

from callbacks import picker_gate  # noqa: F401  (registers the picker gate)
from callbacks.outcome import charts, headline, map  # noqa: F401  (register the chart and headline callbacks)
from data_access.geography import ENGLAND
from layouts._shared.url_state import url_state_id
from layouts.outcome.checks import (
    area_options,
    checked_area,
    checked_period,
    metric_spec,
    page_request,
    page_slug,
    period_options,
    triggered_id,
)
from layouts.outcome.parts import status_alerts
from layouts.outcome.views import measure_view
from presentation import ids
from presentation.figures import clicked_area_code


@callback(
    Output(ids.OUTCOME_PERIOD, "options"),
    Output(ids.OUTCOME_PERIOD_STATUS, "children"),
    Input(ids.OUTCOME_METRIC, "value"),
    State(ids.OUTCOME_PERIOD, "value"),
    State(ids.OUTCOME_PAGE, "data"),
)
def choose_period(metric_id, period, page):
    """Periods with data for the measure, newest first; the picker moves only when its period has no data.

    The move is a side update (``set_props``), not an output, so the charts, which check the period
    themselves, are asked for at the same time as this callback rather than after it.
    """
    options, chosen, status = period_choice(metric_id, period, page, first_call=triggered_id() is None)
    if chosen != period:
        set_props(ids.OUTCOME_PERIOD, {"value": chosen})
    return options, status


def period_choice(metric_id, period, page, *, first_call: bool) -> tuple[list[dict], str, list]:
    """The period picker's options, its checked value and any notice.

    The first call checks what the URL asked for, with a notice when it has no data; after that,
    another measure keeps the period when it has it and takes its latest quietly otherwise (its periods
    may be of another kind: quarters, pooled years).
    """
    messages: list[str] = []
    spec = metric_spec(metric_id, page_slug(page), messages)
    if first_call:
        chosen = checked_period(spec, page_request(page, "period") or period, messages)
    else:
        chosen = checked_period(spec, period, [])
    options = period_options(spec)
    return options, chosen or "", status_alerts(messages)


def clicked_bar_code(click_data: dict | None) -> str | None:
    """The area code of a clicked bar of the comparison chart (its y value is the area code)."""
    points = (click_data or {}).get("points") or []
    code = points[0].get("y") if points else None
    return str(code) if code else None


@callback(
    Output(ids.OUTCOME_AREA, "options"),
    Output(ids.OUTCOME_AREA_STATUS, "children"),
    Input(ids.OUTCOME_PAGE, "data"),
)
def load_area_options(page):
    """Every area for the picker; an asked area that does not exist becomes England, with a notice.

    The picker starts on the asked area (``layouts.outcome.page.asked_area_option``) and the charts check it
    themselves, so they do not wait for this list. A correction is a side update (``set_props``).
    """
    options, chosen, status = area_choice(page)
    if chosen != (page_request(page, "area") or ENGLAND):  # the picker starts on that value
        set_props(ids.OUTCOME_AREA, {"value": chosen})
    return options, status


def area_choice(page) -> tuple[list[dict], str, list]:
    """The picker's options, the checked area the URL asked for (England when none) and any notice."""
    messages: list[str] = []
    chosen = checked_area(page_request(page, "area") or ENGLAND, messages)
    return area_options(), chosen["code"], status_alerts(messages)


@callback(
    Output(ids.OUTCOME_AREA, "value"),
    Output(ids.OUTCOME_AREA_STATUS, "children", allow_duplicate=True),
    Input(ids.OUTCOME_MAP, "clickData"),
    Input(ids.OUTCOME_COMPARE, "clickData"),
    Input(ids.OUTCOME_AREA, "value"),
    prevent_initial_call=True,
)
def choose_area(map_click, compare_click, area):
    """The selected area after a click on the map or a bar, or a choice in the picker."""
    trigger = triggered_id()
    if trigger == ids.OUTCOME_MAP:
        asked = clicked_area_code(map_click)
    elif trigger == ids.OUTCOME_COMPARE:
        asked = clicked_bar_code(compare_click)
    else:
        asked = area
    messages: list[str] = []
    chosen = checked_area(asked or ENGLAND, messages)
    if trigger == ids.OUTCOME_AREA and (area in (None, "") or chosen["code"] == area):
        # Not a choice (the picker cannot be cleared): the picker dropping a value it has no option for
        # yet, or echoing one. Keep the selection and any notice from the URL check.
        return dash.no_update, dash.no_update
    return chosen["code"], status_alerts(messages)


@callback(
    Output(ids.OUTCOME_DEFINITION, "children"),
    Output(ids.OUTCOME_NATIONAL_NOTE, "children"),
    Output(ids.OUTCOME_MAP_SECTION, "className"),
    Output(ids.OUTCOME_COMPARE_SECTION, "className"),
    Output(ids.OUTCOME_LOCAL_CONTROLS, "className"),
    Input(ids.OUTCOME_METRIC, "value"),
    State(ids.OUTCOME_PAGE, "data"),
    prevent_initial_call=True,  # the first definition comes with the page (``layouts/outcome/page.py``)
)
def show_measure(metric_id, page):
    """The measure's definition with its next release as the schedule says today; a national-only measure
    hides the map, comparison and their controls."""
    return measure_view(metric_id, page)


# Every selection, for the query string; England, the default area, is left out to keep links short.
# Clientside: it only reshapes the pickers' values, so it needs no request (two on every arrival).
clientside_callback(
    f"""function (metric, period, area, level, colour, map) {{
        var state = {{metric: metric, period: period, area: area === "{ENGLAND}" ? null : area,
                     level: level, colour: colour, map: map}};
        var kept = {{}};
        Object.keys(state).forEach(function (key) {{
            if (state[key] !== null && state[key] !== undefined && state[key] !== "") {{ kept[key] = String(state[key]); }}
        }});
        return kept;
    }}""",
    Output(url_state_id(ids.OUTCOME_URL_STATE), "data"),
    Input(ids.OUTCOME_METRIC, "value"),
    Input(ids.OUTCOME_PERIOD, "value"),
    Input(ids.OUTCOME_AREA, "value"),
    Input(ids.OUTCOME_AREA_TYPE, "value"),
    Input(ids.OUTCOME_COLOUR_BY, "value"),
    Input(ids.OUTCOME_MAP_KIND, "value"),
)
