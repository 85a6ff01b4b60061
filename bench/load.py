"""Sustained load: many concurrent clients sending map-recolour callbacks for a fixed time.

Uses ``wrk`` when it is installed (a C client: the load generator barely competes with the server
for CPU), else a pool of Python threads, one ``requests.Session`` each. Either way every client
keeps its connection open, cycles through the same recolour bodies and counts as an error any
failed connection, timeout or HTTP status of 400 and above.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests

from bench.dash_client import BROWSER_ENCODING, UPDATE_PATH
from bench.measure import percentile

#: A browser waits for a slow callback; the load test does too, so slowness shows as latency, not errors.
REQUEST_TIMEOUT_S = 30

#: The end of every wrk script: up to three error answers and the run's summary, as lines Python reads back
#: (``run_wrk_script``). Plain Lua, appended after the script's own template is filled.
WRK_REPORT = """
local reported = 0
response = function(status, headers, body)
  if status >= 400 and reported < 3 then
    reported = reported + 1
    local text = string.gsub(string.sub(body or "", 1, 300), "%s+", " ")
    io.write("WRK_ERROR " .. status .. " " .. text .. "\\n")
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""

#: wrk's error counters, summed as the run's errors.
WRK_ERROR_KINDS = ("connect", "read", "write", "status", "timeout")

_WRK_SCRIPT = """
local bodies = {%(bodies)s}
local counter = 0
local headers = {["Content-Type"] = "application/json", ["Accept-Encoding"] = "%(encoding)s"}

request = function()
  counter = counter + 1
  return wrk.format("POST", "%(path)s", headers, bodies[(counter %% #bodies) + 1])
end
"""


def _lua_string(text: str) -> str:
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def run_wrk_script(base_url: str, script: str, *, clients: int, seconds: float,
                   threads: int = 2) -> tuple[dict[str, int], list[str]]:
    """Run wrk with ``script`` (plus ``WRK_REPORT``) against ``base_url``: its summary and up to three error samples."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + WRK_REPORT)
        path = Path(handle.name)
    try:
        command = ["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{max(1, round(seconds))}s",
                   "--timeout", f"{REQUEST_TIMEOUT_S}s", "-s", str(path), base_url]
        completed = subprocess.run(command, capture_output=True, text=True,
                                   timeout=seconds + REQUEST_TIMEOUT_S + 30, check=False)
    finally:
        path.unlink(missing_ok=True)
    lines = completed.stdout.splitlines()
    summary = next((line for line in lines if line.startswith("WRK_JSON ")), None)
    if summary is None:
        raise RuntimeError(f"wrk gave no summary:\n{completed.stdout}\n{completed.stderr}")
    samples = [line.removeprefix("WRK_ERROR ") for line in lines if line.startswith("WRK_ERROR ")]
    return json.loads(summary.removeprefix("WRK_JSON ")), samples[:3]


def run_load(base_url: str, bodies: list[str], *, clients: int, seconds: float, client: str = "auto") -> dict[str, Any]:
    """Drive ``clients`` concurrent connections for ``seconds``; requests/s, latency percentiles, errors."""
    use_wrk = client == "wrk" or (client == "auto" and shutil.which("wrk"))
    if use_wrk:
        return _run_wrk(base_url, bodies, clients=clients, seconds=seconds)
    return _run_threads(base_url, bodies, clients=clients, seconds=seconds)


def _run_wrk(base_url: str, bodies: list[str], *, clients: int, seconds: float) -> dict[str, Any]:
    script = _WRK_SCRIPT % {"bodies": ", ".join(_lua_string(b) for b in bodies), "encoding": BROWSER_ENCODING,
                            "path": UPDATE_PATH}
    data, samples = run_wrk_script(base_url, script, clients=clients, seconds=seconds)
    duration = data["duration_us"] / 1e6
    kinds = {k: data[k] for k in WRK_ERROR_KINDS}
    return {"client": "wrk", "clients": clients, "seconds": round(duration, 2), "requests": data["requests"],
            "throughput_rps": round(data["requests"] / duration, 1), "errors": sum(kinds.values()),
            "error_kinds": kinds,
            "p50_ms": round(data["p50_us"] / 1000, 1), "p95_ms": round(data["p95_us"] / 1000, 1),
            "p99_ms": round(data["p99_us"] / 1000, 1), "max_ms": round(data["max_us"] / 1000, 1),
            "error_samples": samples}


def _run_threads(base_url: str, bodies: list[str], *, clients: int, seconds: float) -> dict[str, Any]:
    encoded = [b.encode() for b in bodies]
    url = base_url + UPDATE_PATH
    headers = {"Content-Type": "application/json", "Accept-Encoding": BROWSER_ENCODING}
    lock = threading.Lock()
    latencies: list[float] = []
    errors = {"http": 0, "exception": 0}
    error_samples: list[str] = []
    start_gate = threading.Barrier(clients + 1)
    stop_at: list[float] = []

    def worker(index: int) -> int:
        session = requests.Session()
        done = 0
        mine: list[float] = []
        start_gate.wait()
        position = index
        while time.perf_counter() < stop_at[0]:
            started = time.perf_counter()
            try:
                response = session.post(url, data=encoded[position % len(encoded)], headers=headers,
                                         timeout=REQUEST_TIMEOUT_S)
                _ = response.content
                failed = response.status_code >= 400
                kind, detail = "http", f"{response.status_code} {response.text[:200]}"
            except requests.RequestException as error:
                failed, kind, detail = True, "exception", repr(error)[:200]
            if failed:
                with lock:
                    errors[kind] += 1
                    if len(error_samples) < 3:
                        error_samples.append(detail)
            else:
                mine.append((time.perf_counter() - started) * 1000)
            done += 1
            position += 1
        with lock:
            latencies.extend(mine)
        session.close()
        return done

    with ThreadPoolExecutor(max_workers=clients) as pool:
        futures = [pool.submit(worker, i) for i in range(clients)]
        stop_at.append(time.perf_counter() + seconds)
        began = time.perf_counter()
        start_gate.wait()
        total = sum(f.result() for f in futures)
        elapsed = time.perf_counter() - began
    return {"client": "python-threads", "clients": clients, "seconds": round(elapsed, 2), "requests": total,
            "throughput_rps": round(total / elapsed, 1), "errors": sum(errors.values()), "error_kinds": errors,
            "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1),
            "p99_ms": round(percentile(latencies, 99), 1), "max_ms": round(max(latencies), 1) if latencies else None,
            "error_samples": error_samples}
