"""The About page's fixed sections: what the dashboard is, sources, attribution, methods, demonstration data, licence.

Pure (catalogue and text only). The attribution strings are those of the shared data's
provenance notes ("Attribution text"), which must travel with the dashboard word for word.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data_access.catalogue import get_catalogue
from layouts._shared.methods import (
    CHANGE,
    CI_METHODS,
    COMPARISON,
    PHSTATS,
    POOLING,
    QUINTILES,
    TREND,
    suppression_rules,
)
from layouts._shared.shell import OGL_URL
from layouts._shared.sources import by_publisher
from presentation.catalogue_text import SOURCE_NOT_CONFIRMED, source_confirmed

ONS_BOUNDARIES = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
                  "Contains OS data © Crown copyright and database right 2024.")
ONS_BOUNDARIES_2021 = ("Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
                       "Contains OS data © Crown copyright and database right 2022.")
ONS_POPULATION = "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."
MYSOCIETY = "UK Local Authority Names and Codes, mySociety, CC BY 4.0"
PARTNERSHIP_LIST = ("The list of partnerships and their member authorities was compiled from public web pages "
                    "(the source of each is shown in the footprint table below). It is not an official list.")
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"
GPL_URL = "https://www.gnu.org/licenses/gpl-3.0.html"
SECTIONS = (("what", "What this dashboard is"), ("sources", "Sources"), ("attribution", "Attribution"),
            ("methods", "Methods"), ("similar", "Similar partnerships"),
            ("footprint", "Partnership footprint"), ("releases", "Data releases"),
            ("licence", "Licence"))


def contents() -> html.Nav:
    return html.Nav([html.H2("Contents", className="h4"),
                     # Spaced so each link is a 24 px touch target on a phone (WCAG 2.5.8).
                     html.Ul([html.Li(html.A(title, href=f"#{key}"), className="py-1") for key, title in SECTIONS])],
                    **{"aria-label": "Contents"})


def what_it_is() -> html.Section:
    framework = get_catalogue().framework
    return html.Section([
        html.H2("What this dashboard is", id="what"),
        html.P(f"An interactive view of England's {framework.get('name', 'National Combating Drugs Outcomes Framework')}"
               f" — the measures of the 10-year drugs strategy, {framework.get('strategy', 'From Harm to Hope')} — "
               "seen through Combating Drugs Partnerships: the local partnerships, each of one or more upper-tier "
               "local authorities, that account for progress against the framework."),
        html.P("It is the screen a partnership board looks at in its meeting, the tool the Joint Combating Drugs "
               "Unit uses to compare partnerships, and, as a published read-only site, what the public sees. It "
               "covers the six outcomes, their headline and supporting metrics, each partnership's value against "
               "England, its change since the framework's baseline and its recent trend."),
        html.P("Statistical status: the data come from official statistics and management information published "
               "by the bodies listed under Sources. Partnership figures are this service's derived analysis — "
               "member authorities' counts pooled — and are not official statistics."),
    ])


def sources() -> html.Section:
    groups = []
    for publisher, metrics in by_publisher(get_catalogue().metrics.values()).items():
        items = []
        for spec in metrics:
            items.append(html.Li([html.A(spec.name, href=f"/metric/{spec.id}"), f": {spec.source}",
                                  None if source_confirmed(spec) else html.Strong(f" ({SOURCE_NOT_CONFIRMED})")]))
        groups += [html.H3(publisher), html.Ul(items)]
    return html.Section([
        html.H2("Sources", id="sources"),
        html.P("Each metric's source as recorded in the framework catalogue, grouped by publisher. Where a source is "
               f"marked “{SOURCE_NOT_CONFIRMED}”, the framework documents do not name it; see the metric's page "
               "for how sure its entry is."),
        *groups,
    ])


def attribution() -> html.Section:
    return html.Section([
        html.H2("Attribution", id="attribution"),
        html.H3("ONS boundaries and lookups"),
        html.P(ONS_BOUNDARIES),
        html.P(["For the December 2021 boundaries (used for Cumbria, North Yorkshire and Somerset before their "
                "April 2023 reorganisation): ", ONS_BOUNDARIES_2021]),
        html.H3("ONS population estimates"),
        html.P(ONS_POPULATION),
        html.H3("Local authority names and regions"),
        html.P([MYSOCIETY, " (", html.A("licence", href=CC_BY_URL), ")."]),
        html.H3("Partnership list"),
        html.P(PARTNERSHIP_LIST),
    ])


def _list(mapping: dict[str, str], words: dict[str, str]) -> html.Ul:
    return html.Ul([html.Li([html.Strong(words.get(key, key)), f": {text}."]) for key, text in mapping.items()])


def methods() -> html.Section:
    measures = {"proportion": "Proportions", "crude_rate": "Crude rates", "dsr": "Directly standardised rates",
                "count": "Counts", "mean": "Averages"}
    intervals = {"wilson": "Wilson", "byar": "Byar", "dobson": "Dobson", "none": "None"}
    return html.Section([
        html.H2("Methods", id="methods"),
        html.H3("Pooling partnerships"),
        html.P("A partnership's value is computed from its member authorities' numerators and denominators, never "
               "by averaging their rates (an average would weigh a small authority like a large one)."),
        _list(POOLING, measures),
        html.H3("Confidence intervals"),
        html.P(f"Intervals are calculated by the methods OHID uses on Fingertips, with {PHSTATS}, at 95% and 99.8%."),
        _list(CI_METHODS, intervals),
        html.H3("Comparison with England"),
        html.P(f"An area is {COMPARISON} Where a metric has no interval, {QUINTILES}. Colours follow the metric's "
               "polarity (better, similar, worse) or, where higher is neither better nor worse, read higher, similar "
               "or lower; every coloured mark also carries a symbol and words."),
        html.H3("Recent trend"),
        _list(TREND, measures),
        html.H3("Change since baseline"),
        html.P("Each metric has its own baseline period (2019/20, 2021/22, a 3-year average, or none). Change since "
               "baseline is tested as a difference — two values can differ significantly while their intervals "
               "overlap — two-sided at 95%:"),
        _list(CHANGE, measures),
        html.H3("Disclosure control (suppression)"),
        *[html.P(rule) for rule in suppression_rules(
            [int(m.suppression_threshold) for m in get_catalogue().metrics.values() if m.suppression_threshold > 0])],
        html.H3("Demonstration data"),
        html.P("While no real extract is loaded, the dashboard shows demonstration data, and every page says so. "
               "Once a real release is loaded, no demonstration value is shown beside it, unless this instance is "
               "set to show both; then the banner, the charts, the downloads and the board pack say that "
               "demonstration data is included. Demonstration data is generated by the project's own code from a "
               "fixed seed, so it is the same every time. For each "
               "metric and period, England's figure is fixed first from the real published national figures "
               "(interpolated between the years they exist for); authority counts are then drawn at random around "
               "it, in proportion to each authority's real ONS mid-2022 population times a persistent area effect, "
               "with small year-to-year changes. A small share of cells is left blank, as real publications have "
               "gaps."),
        html.P(html.Strong("Demonstration values are not real: they must not be used for decisions or quoted.")),
    ])


def licence() -> html.Section:
    return html.Section([
        html.H2("Licence", id="licence"),
        html.P(["The dashboard's code is licensed under the ", html.A("GNU General Public Licence", href=GPL_URL),
                ", version 3 or any later version (GPL-3.0-or-later), to match PHStatsMethods (GPL-3), whose "
                "methods it uses."]),
        html.P(["ONS boundaries, lookups and population estimates are used under the ",
                html.A("Open Government Licence v3.0", href=OGL_URL), "; the mySociety names and codes under ",
                html.A("CC BY 4.0", href=CC_BY_URL), ". Published statistics remain under their publishers' "
                "licences (for official statistics, usually the Open Government Licence)."]),
    ])


def placeholder(section_id: str, title: str, component_id: str, intro: Any = None) -> html.Section:
    """A section whose body a callback fills from the store."""
    return html.Section([html.H2(title, id=section_id), intro,
                         html.Div(html.P("Loading…"), id=component_id, **{"aria-live": "polite"})])
