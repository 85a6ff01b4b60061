"""Generate a large valid long CSV and, optionally, time loading it (not part of the test suite).

    .venv/bin/python tests/support/make_large_csv.py --rows 1000000 --out /tmp/large.csv \
        --load sqlite:////tmp/large.sqlite3

Rows cycle through the catalogue's financial-year authority metrics, every authority in force from
April 2009 to March 2023, the fourteen financial years from 2009/10 and 57 age-band/sex breakdowns, so every key is distinct and every
row passes validation. Prints the seconds taken and rows per second for validation plus the write.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from data_access.catalogue import get_catalogue  # noqa: E402
from data_access.db import make_engine  # noqa: E402
from data_access.ingest import load_file  # noqa: E402
from data_access.setup import init_store  # noqa: E402

AGE_BANDS = [f"{a}-{a + 4}" for a in range(0, 90, 5)] + ["90+"]
SEXES = ("male", "female", "persons")
HEADER = ("metric", "area_code", "period", "value", "numerator", "denominator", "lower_ci", "upper_ci", "note",
          "breakdown")


def authorities() -> list[str]:
    with (ROOT / "geodata" / "areas.csv").open(encoding="utf-8") as handle:
        return [r["code"] for r in csv.DictReader(handle)
                if r["type"] == "utla" and date.fromisoformat(r["valid_from"]) <= date(2009, 4, 1)
                and (not r["valid_to"] or date.fromisoformat(r["valid_to"]) >= date(2023, 3, 31))]


def write(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    metrics = [m for m in get_catalogue().metrics.values() if m.is_local and m.period_type == "financial_year"]
    periods = [f"{y}/{str(y + 1)[-2:]}" for y in range(2009, 2023)]
    breakdowns = [f"{age}; {sex}" for age in AGE_BANDS for sex in SEXES]
    keys = itertools.product(metrics, periods, authorities(), breakdowns)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for metric, period, area, breakdown in itertools.islice(keys, rows):
            denominator = rng.randint(200, 5000)
            numerator = rng.randint(0, denominator)
            value = round(numerator / denominator * metric.multiplier, 3)
            half = round(0.05 * metric.multiplier, 3)
            out.writerow((metric.id, area, period, value, numerator, denominator, round(max(value - half, 0), 3),
                          round(value + half, 3), "", breakdown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/large_long.csv"))
    parser.add_argument("--load", metavar="DATABASE_URL", help="initialise this store and time loading the file")
    args = parser.parse_args()
    started = time.perf_counter()
    write(args.out, args.rows)
    print(f"wrote {args.rows:,} rows to {args.out} in {time.perf_counter() - started:.1f} s")
    if args.load:
        engine = make_engine(args.load)
        init_store(engine)
        started = time.perf_counter()
        result = load_file(args.out, engine, publisher="benchmark")
        seconds = time.perf_counter() - started
        print(f"validated and loaded {result.rows:,} rows as release {result.release_id} (created={result.created}) "
              f"in {seconds:.1f} s: {result.rows / seconds:,.0f} rows/s")


if __name__ == "__main__":
    main()
