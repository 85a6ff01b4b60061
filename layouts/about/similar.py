"""The About page's "Similar partnerships" section: how each partnership's comparator group is chosen.

Pure text from the method's own constants (``data_access.read.similar``), so the page names exactly
the inputs the groups are computed from.
"""

from __future__ import annotations

from dash import html

from data_access.read.similar import GROUP_SIZE, INPUTS

SECTION_ID = "similar"


def similar_method() -> html.Section:
    """The method, its inputs, what is left out and why, and where the groups are used."""
    return html.Section([
        html.H2("Similar partnerships", id=SECTION_ID),
        html.P(f"Each partnership has a group of the {GROUP_SIZE} partnerships most like it, so that it can be "
               "compared with places facing similar circumstances as well as with England and its region. The "
               "groups are used on the compare page (“Show: the chosen partnership and its similar "
               "partnerships”, and ringed on the funnel plot), and named on each partnership's profile and in its board "
               "pack."),
        html.H3("Inputs"),
        html.P("For each partnership, summed over its current member authorities:"),
        html.Ul([html.Li(text) for text in INPUTS.values()]),
        html.P("Population figures are the ONS mid-2022 estimates; prevalence is the latest estimate loaded. "
               "Deprivation and population density are not used: this service holds no deprivation index, and "
               "its geography facts carry no land areas. Outcome measures (such as numbers in treatment) are "
               "left out on purpose, so that a group is not chosen by the results it is then compared on."),
        html.H3("Method"),
        html.Ol([
            html.Li("A missing input takes the median of all partnerships."),
            html.Li("Each input is standardised to a z-score (its mean subtracted, divided by its standard "
                    "deviation across partnerships), so that every input counts equally."),
            html.Li("The distance between two partnerships is the Euclidean distance between their z-scores."),
            html.Li(f"A partnership's group is the {GROUP_SIZE} other partnerships nearest to it, ties broken by "
                    "partnership code. The groups are recomputed with each data release."),
        ]),
        html.P("Being in a partnership's group is not symmetric: B can be among A's nearest without A being among "
               "B's. A group is a starting point for comparison, not a judgement that the places are alike in "
               "every way that matters."),
    ])
