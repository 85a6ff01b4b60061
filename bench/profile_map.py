"""Profile the outcome map's recolour callback in-process and say where its time goes.

    python bench/profile_map.py [--instance DIR] [--n 30] [--top 25]

Without ``--instance`` it builds a SQLite demonstration store in a temporary folder first (as
``bench/run.py`` does). The recolour requests are the benchmark's own (built from
``/_dash-dependencies`` and the page layout); each is replayed through Flask's test client under
cProfile, after one unprofiled pass so caches are warm. The breakdown attributes cumulative time
to the parts of the answer: data access, map values, the map-as-a-table, and JSON encoding.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: (label, substring of "file:line(function)" in the profile), first match wins per label.
PARTS = [
    ("whole callback (update_map)", "callbacks/outcome/map.py", "update_map"),
    ("data access (area_values)", "data_access/read/__init__.py", "area_values"),
    ("data access (metric_periods)", "data_access/read/__init__.py", "metric_periods"),
    ("data access (resolve_area)", "data_access/read/__init__.py", "resolve_area"),
    ("data access (current_release)", "data_access/read/releases.py", "current_release"),
    ("map values (map_values)", "choropleth.py", "map_values"),
    ("map as a table (area_table)", "layouts/outcome/tables.py", "area_table"),
    ("legend (map_legend)", "map_legend.py", "map_legend"),
    ("caption (map_caption)", "map_caption.py", "map_caption"),
    ("JSON encoding (to_json)", "dash/_utils.py", "to_json"),
]


def _prepare(instance: str | None) -> tuple[Path, bool]:
    if instance:
        return Path(instance), False
    from bench.servers import base_env
    from bench.store import build, prepare

    workdir = Path(tempfile.mkdtemp(prefix="cdp-profile-"))
    target = prepare("sqlite", "filesystem", workdir, base_env())
    build(target, parallel_boundaries=True)
    return target.instance, True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instance", help="An instance folder with a built store (default: build one).")
    parser.add_argument("--n", type=int, default=30, help="Recolours to profile.")
    parser.add_argument("--top", type=int, default=25, help="Functions to list by cumulative time.")
    args = parser.parse_args(argv)
    instance, built = _prepare(args.instance)
    os.environ.update(CDP_INSTANCE_DIR=str(instance), CACHE_DIR=str(instance / "cache"), CDP_MODE="public",
                      CACHE_TYPE="FileSystemCache")
    for name in ("DATABASE_URL", "CACHE_REDIS_URL", "CDP_BOUNDARY_CACHE"):
        os.environ.pop(name, None)
    try:
        from werkzeug.serving import make_server

        from app import server
        from bench import measure

        httpd = make_server("127.0.0.1", 0, server, threaded=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_port}"
        outcome = [f"/outcome/{o}" for o in ("treatment", "recovery", "deaths-and-harm")]
        scenario = measure.build_map_scenario(url, outcome, max_metrics=4)
        httpd.shutdown()
        bodies = [json.dumps(scenario.body(step)) for step in scenario.interactions]
        client = server.test_client()

        def post(body: str) -> None:
            response = client.post("/_dash-update-component", data=body, content_type="application/json")
            assert response.status_code == 200, response.status_code

        for body in bodies:
            post(body)
        started = time.perf_counter()
        for i in range(args.n):
            post(bodies[i % len(bodies)])
        plain_ms = (time.perf_counter() - started) * 1000 / args.n
        profile = cProfile.Profile()
        profile.enable()
        for i in range(args.n):
            post(bodies[i % len(bodies)])
        profile.disable()
    finally:
        if built:
            shutil.rmtree(instance.parent, ignore_errors=True)

    stats = pstats.Stats(profile)
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    print(f"Map recolour, in-process (no HTTP, no compression): {plain_ms:.1f} ms per request unprofiled.")
    print(f"Under the profiler {total * 1000 / args.n:.1f} ms per request; share of that time by part:\n")
    print("| part | ms per request (profiled) | share |\n|---|---|---|")
    for label, file_part, function in PARTS:
        hits = [value for (file, _line, name), value in stats.stats.items()  # type: ignore[attr-defined]
                if file_part in file and name == function]
        if hits:
            cumulative = max(hit[3] for hit in hits)
            print(f"| {label} | {cumulative * 1000 / args.n:.1f} | {100 * cumulative / total:.0f}% |")
    buffer = io.StringIO()
    pstats.Stats(profile, stream=buffer).sort_stats("cumulative").print_stats(args.top)
    print("\n" + buffer.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
