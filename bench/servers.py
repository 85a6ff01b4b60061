"""Start and stop gunicorn servers for the benchmark, and read their workers' memory from /proc.

Every server runs with the project's ``gunicorn.conf.py`` (so worker class, threads and preload
are what production uses) on ``127.0.0.1`` and a free port; the worker count comes from
``WEB_CONCURRENCY``. Only the processes started here are ever signalled, by their own ids.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """One gunicorn master started by the benchmark."""

    name: str
    process: subprocess.Popen
    url: str
    log_path: Path
    started_s: float = 0.0
    extra: dict = field(default_factory=dict)

    def worker_pids(self) -> list[int]:
        """Pids of the master's direct children (the gunicorn workers)."""
        return children_of(self.process.pid)

    def stop(self, grace_s: float = 3) -> None:
        """SIGINT the master (gunicorn's quick shutdown); after ``grace_s`` SIGKILL its workers and it.

        Workers may still be answering requests a load generator abandoned; the benchmark's data is
        thrown away, so there is nothing to wait for.
        """
        self.signal_stop()
        try:
            self.process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            for pid in self.worker_pids():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait(timeout=10)

    def signal_stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def stop_all(servers: list[Server]) -> None:
    """Stop several servers at once (signal all, then wait for each)."""
    for server in servers:
        server.signal_stop()
    for server in servers:
        server.stop()


def children_of(pid: int) -> list[int]:
    """Direct child pids of ``pid`` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(p) for p in task.read_text().split()]
        except OSError:
            continue
    return sorted(set(found))


def memory_mb(pid: int) -> dict[str, float]:
    """Resident (VmRSS) and proportional (Pss, shared pages split between sharers) memory of ``pid`` in MB."""
    out = {"rss_mb": float("nan"), "pss_mb": float("nan")}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out["rss_mb"] = round(int(line.split()[1]) / 1024, 1)
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                out["pss_mb"] = round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return out


def start_gunicorn(name: str, app_spec: str, env: dict[str, str], log_dir: Path, *, workers: int | None = None,
                   ready_path: str = "/", timeout_s: float = 90) -> Server:
    """Serve ``app_spec`` (``module:server``) under gunicorn and wait until ``ready_path`` answers 200."""
    port = free_port()
    child_env = dict(env)
    if workers is not None:
        child_env["WEB_CONCURRENCY"] = str(workers)
    log_path = log_dir / f"gunicorn-{name}-{port}.log"
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "--chdir", str(ROOT), "--no-control-socket", app_spec]
    started = time.perf_counter()
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=child_env, stdout=log, stderr=subprocess.STDOUT)
    server = Server(name=name, process=process, url=f"http://127.0.0.1:{port}", log_path=log_path)
    wait_ready(server, ready_path, timeout_s)
    server.started_s = round(time.perf_counter() - started, 2)
    expected = int(child_env.get("WEB_CONCURRENCY", "0") or 0)
    deadline = time.monotonic() + 20
    while expected and len(server.worker_pids()) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return server


def wait_ready(server: Server, path: str, timeout_s: float) -> None:
    """Poll ``path`` until it answers 200; raise with the server's log when it dies or times out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn {server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            if requests.get(server.url + path, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn {server.name} not ready after {timeout_s:.0f} s:\n{server.log_tail()}")


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages (other work competing for the CPUs)."""
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except (OSError, ValueError):
        return []


def base_env() -> dict[str, str]:
    """The environment every benchmark process starts from: this one, minus settings the run sets itself."""
    env = dict(os.environ)
    for name in ("DATABASE_URL", "CACHE_TYPE", "CACHE_REDIS_URL", "CACHE_DIR", "CDP_INSTANCE_DIR",
                 "CDP_BOUNDARY_CACHE", "BIND"):
        env.pop(name, None)
    env.setdefault("CDP_MODE", "public")
    env["PYTHONUNBUFFERED"] = "1"
    return env
