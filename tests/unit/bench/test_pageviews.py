"""The page-view benchmark's choice of pages, what counts in a page view, its wrk script and its verdicts."""

from __future__ import annotations

from bench import report
from bench.pageview_capture import Request, chart_pages, counted
from bench.pageview_load import _lua_request, flatten

PAGES = ["/", "/partnership", "/outcome/drug-use", "/outcome/treatment", "/compare", "/metric/ocu_prevalence",
         "/about", "/partnership/greater-manchester/changes", "/partnership/greater-manchester",
         "/partnership/lancashire", "/present/greater-manchester"]


def test_the_chart_pages_are_the_overview_outcomes_compare_and_one_partnership():
    assert chart_pages(PAGES) == ["/", "/outcome/drug-use", "/outcome/treatment", "/compare",
                                  "/partnership/greater-manchester", "/present/greater-manchester"]


def test_cached_static_files_are_not_part_of_a_page_view():
    assert counted("/_dash-layout?page=%2F") and counted("/_dash-update-component?endId=x") and counted("/compare")
    for path in ("/assets/theme.css", "/_dash-component-suites/dash/dcc/x.js", "/geo/partnership.ab12.geojson",
                 "/favicon.ico"):
        assert not counted(path)


def test_the_wrk_request_keeps_the_body_and_content_type_verbatim():
    body = '{"output":"a.children","inputs":[{"id":"x","property":"value","value":"]=]"}]}'
    lua = _lua_request(Request("POST", "/_dash-update-component?endId=t", body, "application/json"))
    assert lua.startswith('wrk.format([=[POST]=], [=[/_dash-update-component?endId=t]=]')
    assert f"[==[{body}]==]" in lua  # the body holds "]=]", so a longer bracket is used
    assert "[ [=[Content-Type]=] ] = [=[application/json]=]" in lua
    assert _lua_request(Request("GET", "/", None, None)).endswith(", nil)")


def test_page_views_are_flattened_in_order():
    one, two = [Request("GET", "/", None, None)], [Request("GET", "/compare", None, None)] * 2
    assert [r.path for r in flatten([one, two])] == ["/", "/compare", "/compare"]


def _run(**values):
    base = {"store": "sqlite", "cache": "filesystem", "clients": 50, "workers": 2, "page_views_per_s": 180.0,
            "requests_per_s": 1134.0, "requests_per_page_view": 6.3, "request_p50_ms": 30.0, "request_p95_ms": 90.0,
            "page_view_p50_ms": 200.0, "page_view_p95_ms": 280.0, "errors": 0, "worker_rss_mb": 250.0,
            "load_average_start": [1.0, 1.0, 1.0]}
    return {**base, **values}


def test_the_targets_are_checked_against_their_limits():
    assert all(report.pageview_checks(_run()).values())
    missed = report.pageview_checks(_run(page_views_per_s=149.9, page_view_p95_ms=301, errors=1, worker_rss_mb=301))
    assert not any(missed.values())
    assert report.pageview_checks(_run(page_view_p95_ms=float("nan")))["page_view_p95_ms"] is None


def test_the_table_names_each_run_and_what_it_missed():
    table = report.pageviews_table([_run(), _run(store="postgres", cache="redis", page_views_per_s=120.0)])
    rows = table.splitlines()
    assert len(rows) == 4
    assert "| sqlite + filesystem |" in rows[2] and rows[2].endswith("| all |")
    assert "| postgres + redis |" in rows[3] and "page_views_per_s missed" in rows[3]
