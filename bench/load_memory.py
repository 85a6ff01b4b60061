"""Peak memory and time of loading a one-million-row Fingertips export into each store.

    .venv/bin/python bench/load_memory.py                      # 1,000,000 rows, SQLite and PostgreSQL
    .venv/bin/python bench/load_memory.py --rows 200000 --stores sqlite

A Fingertips-shaped export (every column of the API's ``all_data/csv`` response) is written to a
temporary folder: every Fingertips indicator the catalogue maps, fifteen periods each, England,
the nine regions and every authority that exists throughout, and 114 sex/age breakdowns, so every
row is distinct and valid (rows beyond that key space are not written). Each store is created fresh (a SQLite file; a throwaway PostgreSQL schema,
dropped afterwards) and initialised in one child process; the file is then loaded with
``load_file`` (what ``flask data load`` runs) in another child, which reports its own peak resident
set size (``getrusage().ru_maxrss``) so the figure is the load's alone. ``--profile`` also traces
the load's Python allocations with ``tracemalloc`` and prints the largest sites.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER = ("Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
          "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit",
          "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note",
          "Recent Trend", "Compared to England value or percentiles", "Compared to percentiles",
          "Time period Sortable", "New data", "Compared to goal", "Time period range")
SEXES = ("Persons", "Male", "Female")
AGES = ("All ages", *(f"{a}-{a + 4} yrs" for a in range(0, 90, 5)), "90+ yrs", *(f"{a} yrs" for a in range(18)))
COMPARED = ("Better", "Similar", "Worse", "Not compared")


def _areas() -> list[tuple[str, str, str, str, str]]:
    """(code, name, area type, parent code, parent name) of every area valid throughout 2009–2023."""
    with (ROOT / "geodata" / "areas.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["valid_to"] and r["valid_from"] <= "2009-04-01"]
    names = {r["code"]: r["name"] for r in rows}
    kinds = {"country": "England", "region": "Region", "utla": "Counties & UAs (from Apr 2023)"}
    return [(r["code"], r["name"], kinds[r["type"]], r["parent_code"], names.get(r["parent_code"], ""))
            for r in rows]


def _indicators() -> dict[int, tuple[str, str]]:
    """Every Fingertips indicator the catalogue maps: id → (name, period type)."""
    from data_access.catalogue import get_catalogue

    return {ind: (spec.name, spec.period_type) for spec in get_catalogue().metrics.values()
            for ind in spec.fingertips_indicator_ids}


def _period(kind: str, year: int) -> tuple[str, str, str]:
    """(label, sortable, range) of the period starting in ``year`` for a metric's period type."""
    if kind == "rolling_3_year":
        return f"{year} - {str(year + 2)[-2:]}", f"{year}0000", "3y"
    if kind == "calendar_year":
        return str(year), f"{year}0000", "1y"
    return f"{year}/{str(year + 1)[-2:]}", f"{year}0000", "1y"


def write_export(path: Path, rows: int, seed: int = 1) -> int:
    """Write ``rows`` distinct valid rows (fewer if the key space is smaller); returns the count."""
    rng = random.Random(seed)
    keys = itertools.product(_indicators().items(), range(2008, 2023), _areas(), SEXES, AGES)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for (indicator, (name, kind)), year, area, sex, age in itertools.islice(keys, rows):
            code, area_name, area_type, parent, parent_name = area
            denominator = rng.randint(2000, 600000)
            count = rng.randint(0, denominator // 10)
            value = round(count / denominator * 100, 1)
            half = round(0.02 * value + 0.1, 1)
            lower, upper = round(max(value - half, 0), 1), round(value + half, 1)
            label, sortable, span = _period(kind, year)
            out.writerow((indicator, name, parent, parent_name, code, area_name, area_type, sex, age, "", "",
                          label, value, lower, upper, round(max(lower - 0.1, 0), 1), round(upper + 0.1, 1), count,
                          denominator, "", "", rng.choice(COMPARED), "Not compared", sortable, "", "", span))
            written += 1
    return written


def _child(url: str, path: str, profile: bool) -> None:
    """Load ``path`` into the store at ``url`` and print one JSON line (runs in its own process)."""
    if profile:
        import tracemalloc

        tracemalloc.start(12)
    from data_access.db import make_engine
    from data_access.ingest import load_file

    engine = make_engine(url)
    started = time.perf_counter()
    result = load_file(path, engine, publisher="benchmark")
    seconds = time.perf_counter() - started
    report = {"rows": result.rows, "created": result.created, "seconds": round(seconds, 1),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if profile:
        snapshot = tracemalloc.take_snapshot()
        _, peak = tracemalloc.get_traced_memory()
        report["traced_peak_mb"] = round(peak / 2**20, 1)
        stats = snapshot.statistics("traceback")[:5]
        report["largest_live"] = [f"{s.size / 2**20:.1f} MB {s.traceback.format()[-1].strip()}" for s in stats]
    print(json.dumps(report))


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _pg_schema(admin_url: str, schema: str, create: bool) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(admin_url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"' if create else f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def measure(store: str, path: Path, workdir: Path, pg_url: str, profile: bool) -> dict:
    """Initialise a fresh store in one child process and load ``path`` in another."""
    env = dict(os.environ, CDP_INSTANCE_DIR=str(workdir / f"instance-{store}"))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    if store == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    else:
        _pg_schema(pg_url, schema, create=True)
        sep = "&" if "?" in pg_url else "?"
        url = f"{pg_url}{sep}options=-csearch_path%3D{schema}"
    try:
        _run(["-c", "import sys; from data_access.db import make_engine; from data_access.setup import init_store; "
                    "init_store(make_engine(sys.argv[1]))", url], env)
        line = _run([__file__, "--child", url, str(path), *(["--profile"] if profile else [])], env)
        return {"store": store, **json.loads(line.strip().splitlines()[-1])}
    finally:
        if store == "postgresql":
            _pg_schema(pg_url, schema, create=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--stores", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--pg-url", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_PG))
    parser.add_argument("--profile", action="store_true", help="trace Python allocations (slower)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child, profile=args.profile)
        return
    with tempfile.TemporaryDirectory(prefix="cdp-load-bench-") as tmp:
        workdir = Path(tmp)
        path = workdir / "fingertips_export.csv"
        started = time.perf_counter()
        rows = write_export(path, args.rows)
        print(f"wrote {rows:,} Fingertips rows ({path.stat().st_size / 2**20:.0f} MB) in "
              f"{time.perf_counter() - started:.1f} s")
        for store in args.stores.split(","):
            result = measure(store.strip(), path, workdir, args.pg_url, args.profile)
            print(json.dumps(result))
            print(f"{result['store']}: {result['rows']:,} rows in {result['seconds']} s, "
                  f"peak RSS {result['peak_rss_mb']:,.0f} MB")


if __name__ == "__main__":
    main()
