"""The sentence under a map, written from the same colour classes the map is drawn with.

A map's caption once always compared areas with England, whatever the map was coloured by, and a
colouring with nothing to colour (change since baseline for a measure without a baseline) left a
grey map and no word of why. Both the caption and the reason are counted here from the
``categorise`` frame that gives the map its colours, so the words cannot disagree with the map.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from presentation.figures._categories import map_categories

if TYPE_CHECKING:
    from data_access.catalogue import MetricSpec

#: How one class reads after its count ("12 better than England", "30 in the middle 20%").
_PHRASES = {
    "no_significant_change": "showed no significant change since the baseline",
    "improved": "improved since the baseline", "worsened": "worsened since the baseline",
    "increased": "increased since the baseline", "decreased": "decreased since the baseline",
}
_HEADINGS = {"value": "by value, in fifths", "comparison": "compared with England",
             "change": "by change since the baseline"}


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} " + (noun[:-1] + "ies" if noun.endswith("y") else noun + "s")


def _phrase(key: str, text: str) -> str:
    if key in _PHRASES:
        return _PHRASES[key]
    if key.startswith("q"):
        return f"in the {text.lower()} of values"
    return text[0].lower() + text[1:]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def nothing_to_colour(classes: pd.DataFrame | None, colour_by: str, spec: MetricSpec, *, period: str | None,
                      noun: str) -> str | None:
    """Why no area can be coloured, or None when at least one area has a colour class.

    The reasons are the ones the read layer has for leaving every area unclassed: no baseline in
    the framework, a baseline period (change is measured from it), or no value to class at all.
    """
    last = map_categories(colour_by, spec)[-1].key
    if classes is not None and (classes["key"] != last).any():
        return None
    when = f" for {period}" if period else ""
    if colour_by == "change":
        if spec.baseline_rule == "none" or not spec.baseline_periods:
            return (f"Nothing to colour: {spec.short_name} has no baseline in the framework, so there is no change "
                    "since a baseline to show. Colour by value or by comparison with England instead.")
        if period in spec.baseline_periods:
            return (f"Nothing to colour: {period} is a baseline period of {spec.short_name}; change is measured "
                    "from it. Choose a later period.")
        return f"Nothing to colour: no {noun}'s change since the baseline could be tested{when}."
    if colour_by == "comparison":
        return (f"Nothing to colour: no {noun} could be compared with England{when} "
                "(values are suppressed, missing or have no interval).")
    return f"Nothing to colour: no {noun} has a value{when}."


def map_caption(classes: pd.DataFrame | None, colour_by: str, spec: MetricSpec, *, period: str | None,
                noun: str) -> str:
    """How many areas fall in each colour class of the map as coloured, or why none can be coloured.

    E.g. "Coloured compared with England: of 120 partnerships in 2022-24, 38 better than England,
    50 similar to England, 27 worse than England and 5 not compared, suppressed or no data."
    """
    reason = nothing_to_colour(classes, colour_by, spec, period=period, noun=noun)
    if reason is not None:
        return reason
    categories = map_categories(colour_by, spec)
    counts = classes["key"].value_counts()
    parts = [f"{int(counts.get(c.key, 0))} {_phrase(c.key, c.text)}" for c in categories[:-1]]
    unclassed = int(counts.get(categories[-1].key, 0))
    if unclassed:
        parts.append(f"{unclassed} {categories[-1].text.lower()}")
    when = f" in {period}" if period else ""
    return f"Coloured {_HEADINGS[colour_by]}: of {_plural(len(classes), noun)}{when}, {_join(parts)}."
