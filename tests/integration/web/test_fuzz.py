"""Bad input never breaks the app: property-based tests over URLs, callback requests and uploaded files.

Each property runs a bounded number of examples (``max_examples``, no deadline) so the suite stays fast.
"""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from callbacks import upload
from data_access.db import make_engine
from data_access.models import Observation, Period, Release, UploadAudit
from tests.support.fixtures.security import long_csv
from tests.support.live import dash_payload

BOUNDED = settings(max_examples=50, deadline=None, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
LEAK = re.compile(r"Traceback|File \"|site-packages|/work/")
PREFIXES = ["/", "/outcome/", "/partnership/E06000001/pack.pdf", "/partnership/E06000001/changes", "/present/", "/partnership/", "/metric/", "/present/", "/compare", "/about", "/download/observations.csv",
            "/geo/", "/assets/", "/_dash-component-suites/", "/_dash-layout", "/_dash-dependencies", "/ready",
            "/health", "/signin", "/upload", "/_favicon.ico"]
KEYS = ["metric", "period", "area", "area_type", "level", "colour", "map", "code", "view", "confidence", "region",
        "sort", "highlight", "outcome", "x", "release", "meeting", "slide", "since", "present", "page", "m"]
#: Values that pass a careless check: digits int() refuses or reads differently, look-alike dates, huge numbers.
HOSTILE = ["²", "١٢", "١", "𝟗", "1²", "0x10", "1e400", "-0", "9" * 40, "2024-02-30", "２０２４-０１-０１", "2024-1-1",
           "%00", "\x00", "NaN", "inf", "../../etc/passwd", "<script>", "' OR 1=1 --", "=cmd|' /C calc'!A0", "🙂" * 50]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
huge = st.sampled_from(["x" * 100_000, 10**40, -(10**40), 1e308, float("inf"), float("nan"), "\x00" * 50, "🙂" * 1000])
scalars = st.none() | st.booleans() | st.integers() | st.floats() | text | huge
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
                           max_leaves=12)
queries = st.dictionaries(st.sampled_from(KEYS) | text,
                          text | st.sampled_from(["2024/25", "utla", "E06000001", *HOSTILE]), max_size=4)


def assert_handled(response) -> None:
    assert response.status_code < 500 or response.status_code == 503, response.status_code
    assert not LEAK.search(response.get_data()[:200_000].decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def dependencies(web_env) -> list[dict]:
    from app import server

    return json.loads(server.test_client().get("/_dash-dependencies").data)


@BOUNDED
@given(prefix=st.sampled_from(PREFIXES), segment=text, query=queries)
def test_any_url_and_query_string(client, prefix, segment, query):
    response = client.get(prefix + quote(segment, safe="/"), query_string=query)
    assert_handled(response)


@BOUNDED
@given(body=json_values)
def test_any_json_body_to_the_callback_endpoint(client, body):
    assert_handled(client.post("/_dash-update-component", json=body))


@BOUNDED
@given(raw=st.binary(max_size=2000) | text.map(str.encode))
def test_any_bytes_to_the_callback_endpoint(client, raw):
    assert_handled(client.post("/_dash-update-component", data=raw, content_type="application/json"))


@BOUNDED
@given(data=st.data())
def test_real_callbacks_with_wrong_values_and_missing_keys(client, dependencies, data):
    dependency = data.draw(st.sampled_from(dependencies))
    inputs = [data.draw(json_values) for _ in dependency["inputs"]]
    state = [data.draw(json_values) for _ in dependency.get("state", [])]
    payload = dash_payload(dependency, inputs, state)
    for key in data.draw(st.lists(st.sampled_from(sorted(payload)), max_size=2, unique=True)):
        del payload[key]
    if data.draw(st.booleans()):
        payload["output"] = data.draw(st.sampled_from([payload.get("output", ""), "unknown.children", "..a.b...c.d.."]))
    assert_handled(client.post("/_dash-update-component", json=payload))


@BOUNDED
@given(prefix=st.sampled_from(PREFIXES), segment=text, query=queries)
def test_every_page_renders_for_any_path_and_query(client, dependencies, caplog, prefix, segment, query):
    """The page router calls each page's layout with the URL's query: odd queries must still give a page."""
    router = next(dep for dep in dependencies if "_pages_content.children" in dep["output"])
    search = "?" + urlencode(query) if query else ""
    names = [spec["id"] for spec in router["inputs"]]
    values = [prefix + quote(segment, safe="/") if name == "_pages_location" and spec["property"] == "pathname"
              else search if spec["property"] == "search" else None
              for name, spec in zip(names, router["inputs"], strict=True)]
    with caplog.at_level(logging.ERROR, logger="web.security"):
        response = client.post("/_dash-update-component", json=dash_payload(router, values, [None] * len(
            router.get("state", []))))
    assert_handled(response)
    assert response.status_code == 200, [r.getMessage() for r in caplog.records]
    assert "_pages_content" in response.get_data(as_text=True)


ROUTES = ["/partnership/{code}/pack.pdf", "/partnership/{code}", "/partnership/{code}/changes", "/present/{code}",
          "/download/observations.csv", "/", "/outcome/treatment", "/compare", "/metric/successful_completions_adults"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("key", ["release", "meeting", "slide", "since", "metric", "period", "area_type", "area",
                                 "present", "level"])
def test_hostile_values_in_every_route_and_page_are_refused_politely(client, dependencies, caplog, route, key):
    """Each route and each page's layout, with each query value that slips past ``str.isdigit`` and friends."""
    from presentation.boardpack import find_partnership

    path = route.format(code=find_partnership("E06000001")["code"])
    router = next(dep for dep in dependencies if "_pages_content.children" in dep["output"])
    with caplog.at_level(logging.INFO):
        for value in HOSTILE:
            assert_handled(client.get(path, query_string={key: value}))
            values = [path if spec["property"] == "pathname" else "?" + urlencode({key: value})
                      if spec["property"] == "search" else None for spec in router["inputs"]]
            page = client.post("/_dash-update-component", json=dash_payload(router, values, [None] * len(
                router.get("state", []))))
            assert_handled(page)
    assert not [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    from data_access.setup import init_store

    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'store.sqlite3'}")
    init_store(engine)
    yield engine
    engine.dispose()


def _snapshot(engine) -> tuple:
    with engine.connect() as conn:
        return tuple(conn.scalar(select(func.count()).select_from(t)) for t in (Release, Observation, Period, UploadAudit))


HEADERS = ["metric", "area_code", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci", "note",
           "breakdown", "Indicator ID", "Area Code", "Time period", "Value"]
cells = st.sampled_from(["successful_completions_adults", "numbers_in_treatment", "E06000001", "E10000002",
                         "2024/25", "2019 - 21", "2023", "12.5", "-1", "1e400", "", "*", "NaN", '"', ",,", "\n"]) | text
csv_like = st.builds(
    lambda header, rows, sep: ("\n".join(sep.join(r) for r in [header, *rows]) + "\n"),
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10, unique=True),
    st.lists(st.lists(cells, max_size=11), max_size=8), st.sampled_from([",", ";", "\t"]))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])


@BOUNDED
@given(content=st.binary(min_size=1, max_size=3000) | st.tuples(csv_like, encodings).map(
    lambda pair: pair[0].encode(pair[1], errors="replace")))
def test_any_uploaded_file_is_checked_without_error_and_never_partly_written(fuzz_store, content):
    before = _snapshot(fuzz_store)
    check = upload.check_upload(content, "fuzz.csv", fuzz_store)  # must not raise, whatever the bytes
    assert check.ok or check.problems
    try:
        upload.load_upload(content, "fuzz.csv", user="fuzzer", engine=fuzz_store)
    except upload.ValidationFailed as failed:
        assert failed.report.problems
        assert _snapshot(fuzz_store) == before  # refused: nothing at all was written
        return
    except Exception as error:  # noqa: BLE001 - an exception from the loader must still leave nothing behind
        assert _snapshot(fuzz_store) == before, error
        raise
    after = _snapshot(fuzz_store)
    assert after[0] == before[0] + 1 and after[3] == before[3] + 1  # loaded whole: one release, one audit entry


def test_a_valid_generated_file_does_load(fuzz_store):
    content = long_csv([("successful_completions_adults", "E06000001", "2023/24", 50.0, 10, 20)])
    assert upload.check_upload(content, "ok.csv", fuzz_store).ok
    release_id, rows, created = upload.load_upload(content, "ok.csv", user="fuzzer", engine=fuzz_store)
    assert created and rows == 1
