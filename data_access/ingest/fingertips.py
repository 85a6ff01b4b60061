"""Pull the catalogue's Fingertips indicators with ``fingertips_py`` and load them like any file.

The Fingertips API is slow and sometimes down, so it is only ever called from the CLI, never while
serving a page. The response (the DataFrame ``fingertips_py.get_data_by_indicator_ids`` builds from
the API's CSV) is written back to CSV bytes and goes through exactly the validation and load path
of ``data load``; its SHA-256 makes a repeated identical pull a no-op. The API's address is a setting
(``CDP_FINGERTIPS_URL``, or ``api_url``): ``fingertips_py`` keeps it in module-level ``base_url``
names, which are pointed at it for the duration of one call, so a mirror or a local test server is
read by the same client code. ``from_path`` reads recorded responses instead (offline machines).
Any failure to obtain data becomes one ``FetchFailed`` with a one-line reason, before anything is
written.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.error import URLError

import pandas as pd
import requests
from fingertips_py import api_calls, metadata, retrieve_data
from sqlalchemy import Engine

from config import FINGERTIPS_API_URL, get_settings
from data_access.catalogue import get_catalogue
from data_access.ingest.layouts import FINGERTIPS_REQUIRED, indicator_map
from data_access.ingest.load import load_bytes
from data_access.ingest.report import FetchFailed, LoadResult

DEFAULT_AREA_TYPE_ID = 502  # upper-tier local authorities (from April 2023)
DEFAULT_PARENT_AREA_TYPE_ID = 6  # regions, so England, region and authority rows all come back


def configured_indicator_ids() -> list[int]:
    """Every Fingertips indicator id the catalogue maps to a metric, in catalogue order."""
    return list(indicator_map(get_catalogue()))


def check_indicator_ids(requested: list[int] | None) -> list[int]:
    """The ids to pull: the requested ones (each must be mapped to a metric) or all configured ones."""
    configured = configured_indicator_ids()
    if not requested:
        return configured
    unknown = [i for i in requested if i not in configured]
    if unknown:
        raise ValueError(f"indicator(s) {', '.join(map(str, unknown))} are not mapped to any catalogue metric; "
                         f"configured: {', '.join(map(str, configured))}")
    return list(dict.fromkeys(requested))


def api_base_url(api_url: str | None = None) -> str:
    """The API base URL to call: ``api_url`` or the configured one, always ending with ``/``."""
    url = (api_url or get_settings().fingertips_url).strip()
    return url if url.endswith("/") else url + "/"


def fetch_fingertips(indicator_ids: list[int], area_type_id: int = DEFAULT_AREA_TYPE_ID,
                     parent_area_type_id: int = DEFAULT_PARENT_AREA_TYPE_ID,
                     from_path: str | Path | None = None, api_url: str | None = None) -> pd.DataFrame:
    """The API's rows for ``indicator_ids`` (or the recorded responses under ``from_path``).

    Raises:
        FetchFailed: the API could not be reached, answered with an error, or sent something that is
            not indicator data; or the recorded files are missing or unreadable.
    """
    if from_path is not None:
        frame = _read_recorded(Path(from_path))
    else:
        frame = _call_api(indicator_ids, area_type_id, parent_area_type_id, api_base_url(api_url))
    missing = [c for c in FINGERTIPS_REQUIRED if c not in frame.columns]
    if missing:
        raise FetchFailed(f"the Fingertips response is not indicator data (no column(s) {', '.join(missing[:3])}"
                          f"{'…' if len(missing) > 3 else ''}; it begins {_opening(frame)!r})")
    ids = pd.to_numeric(frame["Indicator ID"], errors="coerce")
    frame = frame[ids.isin(indicator_ids)].reset_index(drop=True)
    if frame.empty:
        raise FetchFailed(f"Fingertips returned no rows for indicator(s) {', '.join(map(str, indicator_ids))} "
                          f"at area type {area_type_id}")
    return frame


def _call_api(indicator_ids: list[int], area_type_id: int, parent_area_type_id: int, base_url: str) -> pd.DataFrame:
    # fingertips_py copies ``base_url`` into each of its modules at import; point them all at the API for
    # this call only, so nothing else in the process is redirected.
    modules = (api_calls, metadata, retrieve_data)
    saved = [module.base_url for module in modules]
    for module in modules:
        module.base_url = base_url
    try:
        return retrieve_data.get_data_by_indicator_ids(list(indicator_ids), area_type_id,
                                                       parent_area_type_id=parent_area_type_id)
    except (URLError, requests.RequestException, OSError) as error:
        raise FetchFailed(f"could not reach the Fingertips API ({base_url}): {_reason(error)}") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FetchFailed(f"the Fingertips API ({base_url}) sent an unreadable response: {_reason(error)}") from error
    finally:
        for module, url in zip(modules, saved, strict=True):
            module.base_url = url


def _opening(frame: pd.DataFrame) -> str:
    """The first characters of what came back (an error page's header row becomes column names)."""
    text = ",".join(str(c) for c in frame.columns)
    if not frame.empty:
        text += " " + ",".join(str(v) for v in frame.iloc[0].tolist())
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _read_recorded(path: Path) -> pd.DataFrame:
    files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise FetchFailed(f"no recorded Fingertips responses (*.csv) found at {path}")
    try:
        # Read the way fingertips_py reads the API's CSV, so a recording behaves like a live response.
        return pd.concat([pd.read_csv(f, low_memory=False) for f in files], ignore_index=True)
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise FetchFailed(f"cannot read the recorded Fingertips responses at {path}: {_reason(error)}") from error


def _reason(error: BaseException) -> str:
    """The innermost useful line of an error (requests wraps the DNS or socket error twice)."""
    seen = error
    for _ in range(3):
        inner = getattr(seen, "reason", None) or (seen.args[0] if seen.args else None)
        if not isinstance(inner, BaseException):
            break
        seen = inner
    text = str(getattr(seen, "reason", "") or seen).strip().splitlines()
    return text[0] if text else type(error).__name__


def response_bytes(frame: pd.DataFrame) -> bytes:
    """The response as CSV bytes: what is validated, loaded and hashed (floats written exactly)."""
    return frame.to_csv(index=False).encode("utf-8")


def describe_request(indicator_ids: list[int], area_type_id: int, parent_area_type_id: int,
                     from_path: str | Path | None, api_url: str | None = None) -> str:
    """The release's source line: where the data came from and what was asked for."""
    ids = ",".join(map(str, indicator_ids))
    if from_path is not None:
        where = f"recorded responses in {Path(from_path).name}"
    else:
        base = api_base_url(api_url)
        where = "Fingertips API" + ("" if base == FINGERTIPS_API_URL else f" at {base}")
    return f"{where}: indicators {ids}, area type {area_type_id}, parent area type {parent_area_type_id}"


def load_fingertips(engine: Engine, *, indicator_ids: list[int] | None = None,
                    area_type_id: int = DEFAULT_AREA_TYPE_ID, parent_area_type_id: int = DEFAULT_PARENT_AREA_TYPE_ID,
                    from_path: str | Path | None = None, api_url: str | None = None, publisher: str | None = None,
                    published_date: date | None = None, visibility: str = "published") -> LoadResult:
    """Fetch and load as one release.

    Raises:
        ValueError: a requested indicator is not mapped to a metric.
        FetchFailed: no data could be obtained; nothing was written.
        ValidationFailed: the data has problems; nothing was written.
    """
    ids = check_indicator_ids(indicator_ids)
    frame = fetch_fingertips(ids, area_type_id, parent_area_type_id, from_path, api_url)
    return load_bytes(response_bytes(frame), engine, source=describe_request(ids, area_type_id, parent_area_type_id,
                                                                              from_path, api_url),
                      publisher=publisher, published_date=published_date, visibility=visibility,
                      geography=str(area_type_id))
