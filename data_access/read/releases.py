"""Which data is current: visible releases, the current footprint, and the cache key they make.

Every memoized read takes ``release_key()`` as an argument, so a new release or footprint
version invalidates cached answers without any explicit purge.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import func, select

from config import get_settings
from data_access.db import get_engine
from data_access.models import FootprintVersion, Release


def visible_release_filter():
    """Public instances show only published releases; internal ones show everything."""
    if get_settings().is_public:
        return Release.visibility == "published"
    return Release.id.is_not(None)


def release_key() -> str:
    """A short key naming the data a page sees: store, newest visible release, footprint and mode.

    The store's URL and load times are part of it, so a rebuilt store that reuses release ids
    never meets answers cached for its predecessor.
    """
    settings = get_settings()
    with get_engine().connect() as conn:
        newest = conn.execute(select(func.max(Release.id), func.count(Release.id), func.max(Release.loaded_at))
                              .where(visible_release_filter())).one()
        footprint = conn.execute(select(FootprintVersion.id, FootprintVersion.loaded_at)
                                 .where(FootprintVersion.is_current)).first()
    identity = f"{settings.database_url}|{newest[2]}|{footprint[1] if footprint else ''}"
    digest = hashlib.sha256(identity.encode()).hexdigest()[:10]
    return f"r{newest[0] or 0}.{newest[1] or 0}-f{footprint[0] if footprint else 0}-{settings.mode}-{digest}"


def releases() -> pd.DataFrame:
    """Visible releases, newest first: id, source, publisher, published_date, extracted_date,
    loaded_at, is_demo, visibility, row_count."""
    columns = [Release.id, Release.source, Release.publisher, Release.published_date, Release.extracted_date,
               Release.loaded_at, Release.is_demo, Release.visibility, Release.row_count]
    with get_engine().connect() as conn:
        rows = conn.execute(select(*columns).where(visible_release_filter()).order_by(Release.id.desc())).all()
    return pd.DataFrame(rows, columns=[c.key for c in columns])


def current_release() -> dict | None:
    """The newest visible release as a dict, or None for an empty store."""
    frame = releases()
    if frame.empty:
        return None
    latest = frame.iloc[0].to_dict()
    latest["any_demo"] = bool(frame["is_demo"].any())
    return latest
