"""Board packs: one PDF per partnership, pinned to a data release, for the people in the room.

``pack_pdf(code, release_id)`` gathers the partnership's headline measures as of that release
(``gather``), words them with the dashboard's own sentence rules (``compose``), draws the charts
natively (``charts``), writes the pack as HTML (``html_*``) and renders it as a tagged PDF (``pdf``).
The bytes are cached in the shared cache, keyed by partnership, release, meeting date and
``release_key()`` (a footprint change rebuilds).

It sits with the presentation it shares with the pages (theme, formatting, sentence rules), above
``data_access``, and reads the store only through ``data_access.read``'s functions (``gather``).
"""

from __future__ import annotations

from datetime import date

from data_access.cache import cache
from data_access.read.releases import release_key
from presentation.boardpack.gather import find_partnership, gather_pack
from presentation.boardpack.pdf import render_pack

__all__ = ["PACK_VERSION", "find_partnership", "pack_pdf"]

# Bump when the layout changes, so cached packs of the old layout are not served.
PACK_VERSION = 5


def _key(code: str, release_id: int, meeting: date | None, pack_url: str) -> str:
    day = meeting.isoformat() if meeting else "-"
    return f"boardpack:v{PACK_VERSION}:{code}:r{release_id}:{day}:{release_key()}:{pack_url}"


def pack_pdf(code: str, release_id: int, *, meeting: date | None = None, pack_url: str = "") -> bytes:
    """The PDF bytes of partnership ``code``'s board pack as of visible release ``release_id``.

    Raises:
        LookupError: unknown partnership or release.
    """
    active = getattr(cache, "app", None) is not None
    key = _key(code, release_id, meeting, pack_url)
    if active:
        cached = cache.get(key)
        if cached:
            return cached
    pdf = render_pack(gather_pack(code, release_id), meeting=meeting, pack_url=pack_url)
    if active:
        cache.set(key, pdf)
    return pdf
