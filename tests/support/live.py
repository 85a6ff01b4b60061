"""The real app under gunicorn in a child process on a loopback port, for tests that need a whole server.

Dash keeps its pages and callbacks in process-wide registries, so an app in another mode (internal)
or with another store or cache at start-up must run in its own process; this is that process.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.support.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppProcess:
    """``gunicorn -c gunicorn.conf.py app:server`` with ``env`` on top of this environment."""

    def __init__(self, env: dict[str, str], log_path: Path, *, workers: int = 1, threads: int = 4,
                 port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = {**os.environ, "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": str(threads),
                    "GUNICORN_ACCESS_LOG": "/dev/null", "PYTHONUNBUFFERED": "1", **env}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> AppProcess:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def start(self, timeout: float = 90, *, wait_for_health: bool = True) -> None:
        """Start gunicorn and wait until ``/health`` answers, or, with ``wait_for_health=False``, only until
        its socket takes connections (nothing has been asked of the app yet)."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{self.port}",
             "app:server"], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.log()[-4000:]}")
            if not wait_for_health and _accepts(self.port):
                return
            try:
                if wait_for_health and requests.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the app did not answer /health within {timeout} s:\n{self.log()[-4000:]}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def worker_pids(self) -> list[int]:
        """The gunicorn workers (children of the master process)."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` in KiB (0 when it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def callback_outputs(output: str) -> list[dict[str, str]]:
    """Dash's ``outputs`` list for a callback's output key (``..a.b...c.d..`` or ``a.b``)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outputs = []
    for part in parts:
        name, _, prop = part.rpartition(".")
        outputs.append({"id": json.loads(name) if name.startswith("{") else name, "property": prop})
    return outputs


def dash_payload(dependency: dict, inputs: list, state: list | None = None, changed: list[str] | None = None) -> dict:
    """The JSON Dash's renderer posts to ``/_dash-update-component`` for ``dependency`` (from ``/_dash-dependencies``)."""
    def values(specs: list[dict], given: list) -> list[dict]:
        return [{"id": json.loads(spec["id"]) if spec["id"].startswith("{") else spec["id"],
                 "property": spec["property"], "value": value} for spec, value in zip(specs, given, strict=True)]

    outputs = callback_outputs(dependency["output"])
    return {"output": dependency["output"], "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": values(dependency["inputs"], inputs), "state": values(dependency.get("state", []), state or []),
            "changedPropIds": changed if changed is not None else
            [f"{spec['id']}.{spec['property']}" for spec in dependency["inputs"][:1]]}


def find_dependency(dependencies: list[dict], output_part: str) -> dict:
    """The callback whose output key contains ``output_part`` (e.g. ``"upload-preview.children"``)."""
    return next(dep for dep in dependencies if output_part in dep["output"])
