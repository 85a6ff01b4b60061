"""Turn a benchmark run into its summary, the targets it meets, and markdown tables."""

from __future__ import annotations

import math
from typing import Any

KB = 1024

#: (summary key, the target in words), in the order the targets table shows them.
TARGET_ROWS: list[tuple[str, str]] = [
    ("map_update_p95_ms", "map recolour p95 ≤ 20 ms"),
    ("map_update_bytes", "map recolour ≤ 15 KB per interaction (wire)"),
    ("naive_ratio_p95", "≥ 20× faster than the naive full figure (p95)"),
    ("boundary_bytes", "partnership layer ≤ 250 KB raw"),
    ("boundary_gzip_bytes", "partnership layer ≤ 80 KB gzip"),
    ("first_chart_ratio", "first chart cold ≤ 0.75× the minimal Dash page (worst page)"),
    ("chart_page_transfer_bytes", "chart page ≤ 700 KB received, cold (worst page)"),
    ("warm_first_chart_max_ms", "first chart warm ≤ 1 s (worst page)"),
    ("throughput_rps", "≥ 200 callback requests/s with 50 clients"),
    ("errors", "zero errors under load"),
    ("worker_rss_mb", "≤ 300 MB RSS per worker (largest)"),
]


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value))


def summarise_run(run: dict[str, Any]) -> dict[str, Any]:
    """The flat summary of one store+cache run (the keys of the final JSON line)."""
    patch, naive = run["map"]["patch"], run["map"]["naive"]
    layer = run["boundaries"].get("partnership", {})
    pages = run.get("browser", {}).get("pages", {})
    minimal = run.get("browser", {}).get("minimal", {})
    cold = {path: r["cold"]["first_chart_ms"] for path, r in pages.items()}
    warm = {path: r["warm"]["first_chart_ms"] for path, r in pages.items()}
    load = run["load"]
    rss = [w["rss_mb"] for w in run["memory"]["workers"]]
    summary = {
        "store": run["store"], "cache": run["cache"],
        "map_update_p50_ms": patch["p50_ms"], "map_update_p95_ms": patch["p95_ms"],
        "map_update_bytes": patch["wire_bytes"], "map_update_raw_bytes": patch["raw_bytes"],
        "naive_map_update_p50_ms": naive["p50_ms"], "naive_map_update_p95_ms": naive["p95_ms"],
        "naive_map_update_bytes": naive["wire_bytes"], "naive_map_update_raw_bytes": naive["raw_bytes"],
        "naive_ratio_p95": round(naive["p95_ms"] / patch["p95_ms"], 2) if patch["p95_ms"] else None,
        "boundary_bytes": layer.get("raw"), "boundary_gzip_bytes": layer.get("gzip"),
        "first_chart_ms": cold, "warm_first_chart_ms": warm,
        "minimal_dash_first_chart_ms": minimal.get("cold", {}).get("first_chart_ms"),
        "minimal_dash_warm_first_chart_ms": minimal.get("warm", {}).get("first_chart_ms"),
        "throughput_rps": load["throughput_rps"], "errors": load["errors"] + patch["errors"] + naive["errors"],
        "load_p95_ms": load["p95_ms"],
        "worker_rss_mb": max(rss) if rss else None,
        "demo_build_s": run["build"]["demo_build_s"],
        "load_average": run.get("load_average_start"),
    }
    charted = [v for v in cold.values() if _finite(v)]
    base = summary["minimal_dash_first_chart_ms"]
    summary["first_chart_ratio"] = round(max(charted) / base, 2) if charted and _finite(base) and base else None
    warm_values = [v for v in warm.values() if _finite(v)]
    summary["warm_first_chart_max_ms"] = max(warm_values) if warm_values else None
    # Everything a page with a chart received by its first chart (compressed, as sent, cold cache).
    received = [r["cold"].get("transfer_bytes") for path, r in pages.items() if _finite(cold.get(path))]
    received = [v for v in received if _finite(v)]
    summary["chart_page_transfer_bytes"] = max(received) if received else None
    return summary


def checks(summary: dict[str, Any]) -> dict[str, bool | None]:
    """Each target → met (True), missed (False) or not measured (None)."""
    def at_most(key: str, limit: float) -> bool | None:
        value = summary.get(key)
        return value <= limit if _finite(value) else None

    def at_least(key: str, limit: float) -> bool | None:
        value = summary.get(key)
        return value >= limit if _finite(value) else None

    return {
        "map_update_p95_ms": at_most("map_update_p95_ms", 20),
        "map_update_bytes": at_most("map_update_bytes", 15 * KB),
        "naive_ratio_p95": at_least("naive_ratio_p95", 20),
        "boundary_bytes": at_most("boundary_bytes", 250 * KB),
        "boundary_gzip_bytes": at_most("boundary_gzip_bytes", 80 * KB),
        "first_chart_ratio": at_most("first_chart_ratio", 0.75),
        "chart_page_transfer_bytes": at_most("chart_page_transfer_bytes", 700 * KB),
        "warm_first_chart_max_ms": at_most("warm_first_chart_max_ms", 1000),
        "throughput_rps": at_least("throughput_rps", 200),
        "errors": summary.get("errors") == 0 if summary.get("errors") is not None else None,
        "worker_rss_mb": at_most("worker_rss_mb", 300),
    }


def combine(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """One summary for several runs: the worst value of each measure (the strictest minimal-page yardstick)."""
    if len(summaries) == 1:
        return dict(summaries[0])
    worst_high = ["map_update_p50_ms", "map_update_p95_ms", "map_update_bytes", "map_update_raw_bytes",
                  "boundary_bytes", "boundary_gzip_bytes", "worker_rss_mb", "demo_build_s", "first_chart_ratio",
                  "chart_page_transfer_bytes",
                  "warm_first_chart_max_ms", "load_p95_ms"]
    worst_low = ["throughput_rps", "naive_ratio_p95", "naive_map_update_p50_ms", "naive_map_update_p95_ms",
                 "naive_map_update_bytes", "naive_map_update_raw_bytes", "minimal_dash_first_chart_ms",
                 "minimal_dash_warm_first_chart_ms"]
    out: dict[str, Any] = {"store": "+".join(s["store"] for s in summaries),
                           "cache": "+".join(s["cache"] for s in summaries)}
    for key in worst_high:
        values = [s[key] for s in summaries if _finite(s.get(key))]
        out[key] = max(values) if values else None
    for key in worst_low:
        values = [s[key] for s in summaries if _finite(s.get(key))]
        out[key] = min(values) if values else None
    out["errors"] = sum(s["errors"] or 0 for s in summaries)
    for key in ("first_chart_ms", "warm_first_chart_ms"):
        paths = dict.fromkeys(p for s in summaries for p in s[key])
        out[key] = {p: max((s[key].get(p) for s in summaries if _finite(s[key].get(p))), default=None)
                    for p in paths}
    return out


def _fmt(key: str, value: Any) -> str:
    if not _finite(value):
        return "—"
    if key.endswith("_bytes"):
        return f"{value / KB:,.1f} KB"
    if key.endswith("_ms"):
        return f"{value:,.1f} ms"
    if key.startswith("naive_ratio") or key.endswith("_ratio"):
        return f"{value:.2f}×"
    if key.endswith("_rps"):
        return f"{value:,.1f} req/s"
    if key.endswith("_mb"):
        return f"{value:,.0f} MB"
    if key.endswith("_s"):
        return f"{value:,.1f} s"
    return f"{value}"


def _mark(passed: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "n/a"}[passed]


def targets_table(summaries: list[dict[str, Any]]) -> str:
    """Target rows × runs, each cell the measured value and whether it meets the target."""
    names = [f"{s['store']} + {s['cache']}" for s in summaries]
    lines = ["| target | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    results = [checks(s) for s in summaries]
    for key, text in TARGET_ROWS:
        cells = [f"{_fmt(key, s.get(key))} ({_mark(r[key])})" for s, r in zip(summaries, results, strict=True)]
        lines.append(f"| {text} | " + " | ".join(cells) + " |")
    extra = [("map_update_p50_ms", "map recolour median"), ("map_update_raw_bytes", "map recolour, decoded JSON"),
             ("naive_map_update_p50_ms", "naive full figure median"),
             ("naive_map_update_p95_ms", "naive full figure p95"),
             ("naive_map_update_bytes", "naive full figure bytes (wire)"),
             ("naive_map_update_raw_bytes", "naive full figure, decoded JSON"),
             ("minimal_dash_first_chart_ms", "minimal Dash page, first chart cold"),
             ("minimal_dash_warm_first_chart_ms", "minimal Dash page, first chart warm"),
             ("load_p95_ms", "p95 latency under load"), ("demo_build_s", "demo build (init + demo)")]
    for key, text in extra:
        lines.append(f"| {text} | " + " | ".join(_fmt(key, s.get(key)) for s in summaries) + " |")
    return "\n".join(lines)


def pages_table(runs: list[dict[str, Any]]) -> str:
    """Per page and run: first-load bytes (gzip / raw), browser transfer, cold and warm first chart."""
    lines = ["| run | page | first load gzip | first load raw | browser transfer (cold) | first chart cold | "
             "first chart warm | content (no chart) |", "|---|---|---|---|---|---|---|---|"]
    for run in runs:
        name = f"{run['store']} + {run['cache']}"
        browser = run.get("browser", {}).get("pages", {})
        for path, sizes in run["first_load"].items():
            timing = browser.get(path, {})
            cold, warm = timing.get("cold", {}), timing.get("warm", {})
            lines.append(f"| {name} | `{path}` | {_fmt('x_bytes', sizes['total_gzip'])} | "
                         f"{_fmt('x_bytes', sizes['total_raw'])} | {_fmt('x_bytes', cold.get('transfer_bytes'))} | "
                         f"{_fmt('x_ms', cold.get('first_chart_ms'))} | {_fmt('x_ms', warm.get('first_chart_ms'))} | "
                         f"{_fmt('x_ms', cold.get('settled_ms') if cold.get('first_chart_ms') is None else None)} |")
        minimal = run.get("browser", {}).get("minimal")
        if minimal:
            lines.append(f"| {name} | minimal Dash page | — | — | "
                         f"{_fmt('x_bytes', minimal['cold'].get('transfer_bytes'))} | "
                         f"{_fmt('x_ms', minimal['cold'].get('first_chart_ms'))} | "
                         f"{_fmt('x_ms', minimal['warm'].get('first_chart_ms'))} | — |")
    return "\n".join(lines)


def scaling_table(runs: list[dict[str, Any]]) -> str:
    """Throughput against worker count, per run."""
    lines = ["| run | workers | requests/s | p50 | p95 | errors | RSS per worker (max) |",
             "|---|---|---|---|---|---|---|"]
    for run in runs:
        for row in run.get("scaling", []):
            lines.append(f"| {run['store']} + {run['cache']} | {row['workers']} | {row['throughput_rps']:,.1f} | "
                         f"{row['p50_ms']:,.0f} ms | {row['p95_ms']:,.0f} ms | {row['errors']} | "
                         f"{row['worker_rss_mb']:,.0f} MB |")
    return "\n".join(lines) if len(lines) > 2 else ""


#: The page-view run's summary keys, in the order its summary line gives them.
PAGEVIEW_KEYS = ("store", "cache", "workers", "clients", "client", "page_views_per_s", "requests_per_s",
                 "requests_per_page_view", "request_p50_ms", "request_p95_ms", "page_view_p50_ms", "page_view_p95_ms",
                 "errors", "worker_rss_mb", "load_average_start")


def pageview_checks(run: dict[str, Any]) -> dict[str, bool | None]:
    """The realistic-load targets: ≥ 150 page views/s, page view p95 ≤ 300 ms, 0 errors, ≤ 300 MB per worker."""
    def check(key: str, ok: Any) -> bool | None:
        return ok(run[key]) if _finite(run.get(key)) else None

    return {"page_views_per_s": check("page_views_per_s", lambda v: v >= 150),
            "page_view_p95_ms": check("page_view_p95_ms", lambda v: v <= 300),
            "errors": check("errors", lambda v: v == 0),
            "worker_rss_mb": check("worker_rss_mb", lambda v: v <= 300)}


def pageviews_table(runs: list[dict[str, Any]]) -> str:
    """Page views per second and their latency, errors and worker memory, one row per store + cache."""
    lines = ["| run | clients / workers | page views/s | requests/s | requests per view | request p50 / p95 | "
             "page view p50 / p95 | errors | RSS per worker (max) | load average | targets met |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for run in runs:
        met = pageview_checks(run)
        verdict = "all" if all(met.values()) else ", ".join(k for k, v in met.items() if v is False) + " missed"
        lines.append(f"| {run['store']} + {run['cache']} | {run['clients']} / {run['workers']} | "
                     f"{run['page_views_per_s']:,.1f} | {run['requests_per_s']:,.1f} | "
                     f"{run['requests_per_page_view']:.2f} | {run['request_p50_ms']:,.0f} / "
                     f"{run['request_p95_ms']:,.0f} ms | {run['page_view_p50_ms']:,.0f} / "
                     f"{run['page_view_p95_ms']:,.0f} ms | {run['errors']} | {run['worker_rss_mb']:,.0f} MB | "
                     f"{' '.join(f'{x:.1f}' for x in run.get('load_average_start') or [])} | {verdict} |")
    return "\n".join(lines)
