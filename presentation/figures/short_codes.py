"""Short codes that label the tile map's hexagons: two or three capitals per area, unique on the map.

No official short code exists for every partnership and authority, so one is made from the name:
the initials of its main words ("North East Lincolnshire" → NEL, "West Sussex" → WS), or the first
three letters of a one-word name ("Manchester" → MAN). A code already taken goes to the next
candidate built from the name's letters in order (Leicester LEI, Leicestershire LCE), so codes are
deterministic (areas are taken in code order) and read like their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import combinations

#: Words left out of initials: they rarely tell two areas apart.
_MINOR = {"and", "of", "the", "upon", "on", "city", "county", "council", "borough", "royal", "in", "with"}


def _words(name: str) -> list[str]:
    words = [w for w in re.split(r"[^A-Za-z]+", name) if w]
    main = [w for w in words if w.lower() not in _MINOR]
    return [w.upper() for w in (main or words)]


def _candidates(name: str) -> Iterator[str]:
    words = _words(name)
    if not words:
        return
    if len(words) > 1:
        yield "".join(w[0] for w in words[:3])
        first, second = words[0], words[1]
        yield from (first[0] + second[:2], first[:2] + second[0])
    letters = "".join(words)
    yield letters[:3]
    for i, j in combinations(range(1, len(letters)), 2):
        yield letters[0] + letters[i] + letters[j]


@lru_cache(maxsize=8)
def _codes(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    used: set[str] = set()
    result: dict[str, str] = {}
    for code, name in sorted(pairs):
        choice = next((c for c in _candidates(name) if c not in used), None)
        if choice is None:  # a name with too few letters for a free code: number it
            stem = (_words(name) or ["A"])[0][:2]
            choice = next(f"{stem}{n}" for n in range(1, 1000) if f"{stem}{n}" not in used)
        used.add(choice)
        result[code] = choice
    return result


def short_codes(names: Mapping[str, str]) -> dict[str, str]:
    """``{area code: short code}`` for every area of ``names`` (area code → name), unique among them."""
    return dict(_codes(tuple(sorted((str(k), str(v)) for k, v in names.items()))))
