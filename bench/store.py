"""Build the demonstration store a benchmark run serves: SQLite or PostgreSQL, filesystem or Redis cache.

Each run gets a new temporary instance folder. PostgreSQL runs create their own database
(``cdp_bench_<random>``) and drop it afterwards; Redis runs use their own database number and
delete only the app's ``cdp:`` keys there, before (a stale key from an earlier run with the same
release key would be served) and after. The store is built with the project's own CLI
(``flask --app app data init|demo|boundaries``), timed as a user would see it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.servers import ROOT

SHARED_BOUNDARIES = ROOT.parent / "shared" / "data" / "boundaries" / "ctyua_dec2024_en_buc_wgs84.geojson"
DEFAULT_PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
CACHE_PREFIX = "cdp:"


@dataclass
class Target:
    """One store + cache combination: the environment its processes run with, and how to clean up."""

    store: str
    cache: str
    instance: Path
    env: dict[str, str]
    pg_database: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.store}+{self.cache}"


def pg_admin_url() -> str:
    return os.environ.get("BENCH_PG_ADMIN_URL", DEFAULT_PG_ADMIN)


def redis_url() -> str:
    return os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)


def prepare(store: str, cache: str, workdir: Path, env: dict[str, str]) -> Target:
    """Create the instance folder, the PostgreSQL database and a clean Redis namespace as asked."""
    instance = workdir / f"instance-{store}-{cache}"
    instance.mkdir(parents=True)
    env = dict(env, CDP_INSTANCE_DIR=str(instance), CACHE_DIR=str(instance / "cache"))
    target = Target(store=store, cache=cache, instance=instance, env=env)
    if store == "postgres":
        import psycopg

        target.pg_database = f"cdp_bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(pg_admin_url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{target.pg_database}"')
        admin = pg_admin_url().rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        env["DATABASE_URL"] = f"{admin}/{target.pg_database}"
    if cache == "redis":
        env["CACHE_TYPE"], env["CACHE_REDIS_URL"] = "RedisCache", redis_url()
        target.notes.append(f"Redis {redis_url()}: removed {clear_redis()} stale {CACHE_PREFIX}* keys")
    else:
        env["CACHE_TYPE"] = "FileSystemCache"
    return target


def clear_redis() -> int:
    """Delete the app's cache keys in the benchmark's Redis database; the number removed."""
    import redis

    client = redis.Redis.from_url(redis_url())
    keys = list(client.scan_iter(match=f"{CACHE_PREFIX}*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start:start + 500])
    client.close()
    return len(keys)


def cleanup(target: Target) -> None:
    """Drop the run's PostgreSQL database and its Redis keys (call after its servers have stopped)."""
    if target.pg_database:
        import psycopg

        with psycopg.connect(pg_admin_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{target.pg_database}" WITH (FORCE)')
    if target.cache == "redis":
        clear_redis()


def boundary_source() -> str | None:
    """CDP_BOUNDARIES, else the shared ONS file when present, else None (the tile map)."""
    configured = os.environ.get("CDP_BOUNDARIES")
    if configured:
        return configured
    return str(SHARED_BOUNDARIES) if SHARED_BOUNDARIES.exists() else None


def _flask(target: Target, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "app", "data", *args]
    return subprocess.Popen(command, cwd=ROOT, env=target.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def _finish(process: subprocess.Popen, what: str) -> str:
    output, _ = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"`flask --app app data {what}` failed ({process.returncode}):\n{output}")
    return output


def build(target: Target, *, parallel_boundaries: bool, after_init: Callable[[], None] | None = None) -> dict:
    """Run init, demo and boundaries; return their wall times (``demo_build_s`` = init + demo).

    With ``parallel_boundaries`` the boundary build runs beside the demo load (quick runs on a
    clock); the two are independent once ``init`` has written the footprint. ``after_init`` is
    called as soon as the store exists (to start work that needs only the footprint).
    """
    source = boundary_source()
    boundary_args = [source] if source else ["--tiles"]
    timings: dict = {"boundary_source": source or "tiles"}
    started = time.perf_counter()
    _finish(_flask(target, "init"), "init")
    timings["init_s"] = round(time.perf_counter() - started, 2)
    if after_init is not None:
        after_init()

    demo_started = time.perf_counter()
    demo = _flask(target, "demo")
    boundaries = _flask(target, "boundaries", *boundary_args) if parallel_boundaries else None
    timings["demo_output"] = _finish(demo, "demo").strip().splitlines()[-2:]
    timings["demo_s"] = round(time.perf_counter() - demo_started, 2)
    timings["demo_build_s"] = round(timings["init_s"] + timings["demo_s"], 2)
    if boundaries is None:
        boundary_started = time.perf_counter()
        _finish(_flask(target, "boundaries", *boundary_args), "boundaries")
        timings["boundaries_s"] = round(time.perf_counter() - boundary_started, 2)
    else:
        _finish(boundaries, "boundaries")
        timings["boundaries_s"] = round(time.perf_counter() - demo_started, 2)
        timings["boundaries_parallel_with_demo"] = True
    return timings
