"""Which data is current: visible releases, the current footprint, and the cache key they make.

Every memoized read takes ``release_key()`` as an argument, so a new release or footprint
version invalidates cached answers without any explicit purge.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from config import get_settings
from data_access.db import get_engine
from data_access.models import FootprintVersion, Release
from data_access.read._local import ANSWERS, per_request, recently, remembered


def visible_release_filter():
    """Public instances show only published releases; internal ones show everything."""
    if get_settings().is_public:
        return Release.visibility == "published"
    return Release.id.is_not(None)


def release_key() -> str:
    """A short key naming the data a page sees: newest visible release, footprint, mode and store.

    The store part (a digest of the database's name and options, not its host or credentials, so a
    primary and its read replicas share cached answers) keeps two stores that meet in one cache or
    one process (two test stores, say) from ever reading each other's answers under the same
    release numbers. Asked once per web request in public mode, and there at most once a second
    per worker (``CDP_RELEASE_CHECK_SECONDS``).
    """
    return per_request("release_key", lambda: recently("release_key", _query_release_key))


def _query_release_key() -> str:
    visible = visible_release_filter()
    newest = select(func.max(Release.id)).where(visible).scalar_subquery()
    count = select(func.count(Release.id)).where(visible).scalar_subquery()
    footprint = select(FootprintVersion.id).where(FootprintVersion.is_current).limit(1).scalar_subquery()
    with get_engine().connect() as conn:
        newest, count, footprint = conn.execute(select(newest, count, footprint)).one()
    settings = get_settings()
    return f"r{newest or 0}.{count or 0}-f{footprint or 0}-{settings.mode}-s{_store_digest(settings.database_url)}"


def _store_digest(url: str) -> str:
    parsed = make_url(url)
    identity = f"{parsed.get_backend_name()}|{parsed.database}|{sorted(parsed.query.items())}"
    return hashlib.sha256(identity.encode()).hexdigest()[:10]


def releases() -> pd.DataFrame:
    """Visible releases, newest first: id, source, publisher, published_date, extracted_date,
    loaded_at, is_demo, visibility, row_count.

    Releases are only ever added, and in public mode publishing one changes the visible count, so
    there the list is a function of ``release_key()`` and is remembered per process.
    """
    if get_settings().is_public:
        return remembered(ANSWERS, ("releases", release_key()), _query_releases).copy()
    return _query_releases()


def _query_releases() -> pd.DataFrame:
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
