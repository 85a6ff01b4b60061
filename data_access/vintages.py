"""Geography vintages: which set of upper-tier authorities a published figure is on.

England's counties and unitary authorities were reorganised in April 2019 (Bournemouth,
Christchurch and Poole; Dorset), April 2020 (Buckinghamshire), April 2021 (North and West
Northamptonshire) and April 2023 (Cumberland, Westmorland and Furness, North Yorkshire, Somerset).
Publishers state the set their figures are on, and often re-base history onto a newer set:
Fingertips area types 102, 202, 302, 402 and 502 are these five vintages, and a 502 export
carries, for example, Cumberland's values back to 2015. So every observation records its vintage,
an area is checked against the vintage (not the period), and a chart draws one vintage at a time.

A vintage is named by the year its authorities came into force (``"2023"``); it covers the days
from its start to the day before the next vintage starts, and an area belongs to it when the area
is in force on the vintage's reference day (its last day, or its first for the current one).
A long CSV that names no vintage is on the authorities in force at each period's end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Vintage:
    """One set of upper-tier authorities, in force from ``starts`` until the next vintage starts."""

    code: str
    fingertips_area_type: int
    starts: date
    ends: date | None
    label: str

    @property
    def reference_day(self) -> date:
        """The day whose authorities make up the vintage."""
        return self.ends if self.ends is not None else self.starts


_STARTS = (("2009", 102, date(2009, 4, 1), "before April 2019"),
           ("2019", 202, date(2019, 4, 1), "April 2019 to March 2020"),
           ("2020", 302, date(2020, 4, 1), "April 2020 to March 2021"),
           ("2021", 402, date(2021, 4, 1), "April 2021 to March 2023"),
           ("2023", 502, date(2023, 4, 1), "from April 2023"))

VINTAGES: tuple[Vintage, ...] = tuple(
    Vintage(code, area_type, start,
            _STARTS[i + 1][2] - timedelta(days=1) if i + 1 < len(_STARTS) else None,
            f"upper-tier local authorities as {'' if code == '2023' else 'they were '}{period}")
    for i, (code, area_type, start, period) in enumerate(_STARTS))
BY_CODE = {v.code: v for v in VINTAGES}
CURRENT = VINTAGES[-1]

# How Fingertips has named these area types over the years ("Counties & UAs (from Apr 2021)",
# "Counties & UAs (2021/22-2022/23)", "Upper tier local authorities (4/21-3/23)", "… (post 4/23)",
# "… (pre 4/19)").
_PRE_2019 = re.compile(r"\bpre[\s-]*(?:4/19|apr(?:il)?\s*2019)\b", re.I)
_FROM = re.compile(r"(?:\b(\d{1,2})/(\d{2})\b|\bapr(?:il)?\s*(20\d{2})\b)", re.I)
_FINANCIAL_YEAR = re.compile(r"\b(20\d{2})/\d{2}\b")  # "Counties & UAs (2021/22-2022/23)"
_COUNTY_UA = re.compile(r"count(?:y|ies)\s*(?:&|and)\s*ua|upper[\s-]*tier", re.I)


class UnknownVintage(ValueError):
    """A geography name or code that matches none of the vintages."""


def vintage(code: str) -> Vintage:
    """The vintage named ``code`` (``"2023"``), or one of its Fingertips area type ids (``"502"``)."""
    text = str(code).strip()
    if text in BY_CODE:
        return BY_CODE[text]
    for item in VINTAGES:
        if text == str(item.fingertips_area_type):
            return item
    raise UnknownVintage(f"unknown geography '{text}': use one of {', '.join(BY_CODE)} "
                         f"(or Fingertips area type {', '.join(str(v.fingertips_area_type) for v in VINTAGES)})")


def in_force_on(day: date) -> Vintage:
    """The vintage whose authorities were in force on ``day``."""
    current = VINTAGES[0]
    for item in VINTAGES:
        if item.starts <= day:
            current = item
    return current


def from_fingertips_area_type(name: str) -> Vintage | None:
    """The vintage a Fingertips "Area Type" value names, or None for England, regions and others."""
    text = str(name).strip()
    if text.isdigit():
        try:
            return vintage(text)
        except UnknownVintage:
            return None
    if not _COUNTY_UA.search(text):
        return None
    if _PRE_2019.search(text):
        return BY_CODE["2009"]
    match = _FROM.search(text)
    if match is not None:
        year = int(match.group(3)) if match.group(3) else 2000 + int(match.group(2))
    elif (financial := _FINANCIAL_YEAR.search(text)) is not None:
        year = int(financial.group(1))
    else:
        return None
    return in_force_on(date(year, 4, 1)) if year >= 2019 else BY_CODE["2009"]


def valid_in(valid_from: date, valid_to: date | None, item: Vintage) -> bool:
    """True when an area with these dates belongs to ``item``."""
    day = item.reference_day
    return valid_from <= day and (valid_to is None or day <= valid_to)


def label(code: str | None) -> str:
    """Plain words for a vintage code, for chart notes and downloads ("" when not known)."""
    item = BY_CODE.get(str(code)) if code else None
    return item.label if item is not None else ""
