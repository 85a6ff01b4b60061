"""Which data is current: visible releases, the current footprint, and the cache key they make.

Every memoized read takes ``release_key()`` as an argument, so a new release, footprint or schedule
version invalidates cached answers without any explicit purge. The key ends with the store's
generation digest (``data_access.generation``), so it changes whenever what the store holds
changes, also when release numbers repeat after a backup is restored.

Real and demonstration data never mix by accident: once the store holds a visible real release,
demonstration releases drop out of every read (``visible_release_filter``), unless the deployment
asks for them beside the real ones (``CDP_SHOW_DEMO=1``). The rule lives only here, so every
reader of observations or releases follows it and the demonstration label follows what is shown.
"""

from __future__ import annotations

import hashlib

import pandas as pd
from sqlalchemy import and_, exists, func, or_, select, true
from sqlalchemy.engine import make_url
from sqlalchemy.orm import aliased

from config import get_settings
from data_access.db import get_engine
from data_access.generation import content_digest
from data_access.models import FootprintVersion, Release
from data_access.read.memory import ANSWERS, per_request, recently, remembered


def _instance_filter(release):
    """Public instances see only published releases; internal ones see every release."""
    return release.visibility == "published" if get_settings().is_public else true()


def visible_release_filter():
    """The releases every read sees: those this instance may show, without demonstration releases once
    a real one is visible (unless ``CDP_SHOW_DEMO=1`` keeps them beside it).

    One SQL condition on ``Release`` (the real-release test is a subquery over the same table), so a
    read and the release list it is labelled by always agree.
    """
    shown = _instance_filter(Release)
    if get_settings().show_demo:
        return shown
    real = aliased(Release)
    real_visible = exists().where(_instance_filter(real), real.is_demo.is_(False))
    return and_(shown, or_(Release.is_demo.is_(False), ~real_visible))


def release_key() -> str:
    """A short key naming the data a page sees: newest visible release, footprint, mode, store and content.

    The store part (a digest of the database's name and options, not its host or credentials, so a
    primary and its read replicas share cached answers) keeps two stores that meet in one cache or
    one process (two test stores, say) from ever reading each other's answers under the same
    release numbers. Asked once per web request in public mode, and there at most once a second
    per worker (``CDP_RELEASE_CHECK_SECONDS``).

    The last part is ``content_digest``: the generation token every write renews, with the releases'
    ids, file hashes, row counts and visibility and the current footprint and schedule versions. A
    restored backup and a load after it therefore never meet answers cached for other content.
    """
    return per_request("release_key", lambda: recently("release_key", _query_release_key))


def _query_release_key() -> str:
    visible = visible_release_filter()
    newest = select(func.max(Release.id)).where(visible).scalar_subquery()
    count = select(func.count(Release.id)).where(visible).scalar_subquery()
    # Whether demonstration releases are shown is part of the key: the rule's outcome changes the data.
    demos = select(func.count(Release.id)).where(visible, Release.is_demo.is_(True)).scalar_subquery()
    footprint = select(FootprintVersion.id).where(FootprintVersion.is_current).limit(1).scalar_subquery()
    with get_engine().connect() as conn:
        newest, count, demos, footprint = conn.execute(select(newest, count, demos, footprint)).one()
        content = content_digest(conn)
    settings = get_settings()
    return (f"r{newest or 0}.{count or 0}.d{demos or 0}-f{footprint or 0}-{settings.mode}"
            f"-s{_store_digest(settings.database_url)}-g{content}")


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
    """The newest visible release as a dict, or None for an empty store.

    ``any_demo``: demonstration values are among those shown (a demonstration release is visible);
    ``all_demo``: every visible release is demonstration data (no real figure is shown).
    """
    frame = releases()
    if frame.empty:
        return None
    latest = frame.iloc[0].to_dict()
    demo = frame["is_demo"].astype(bool)
    latest["any_demo"], latest["all_demo"] = bool(demo.any()), bool(demo.all())
    return latest
