"""Measure the web workers' memory while several people upload a large file at once.

    .venv/bin/python bench/uploads.py [--tree DIR] [--uploads 8] [--mb 20] [--same-user]

Serves the app in ``--tree`` (default: this checkout; point it at an extracted older commit to
compare) with gunicorn on 127.0.0.1 in internal mode, signs in ``--uploads`` users (or one user
``--same-user`` times over), sends each a valid long CSV of about ``--mb`` MB at the same moment the
way the upload page does (a ``dcc.Upload`` callback for trees that have no ``/upload/file``, else a
POST to ``/upload/file`` followed by the check callback), and prints each worker's resident memory
before, its peak (``VmHWM``) and after, and what each upload was answered.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.live import dash_payload, find_dependency, free_port  # noqa: E402

PASSWORD = "a long enough password"
SETUP = """
import sys
from data_access.db import make_engine
from data_access.setup import init_store
from data_access.users import add_user
PASSWORD = "a long enough password"
engine = make_engine(sys.argv[1])
init_store(engine)
for name in sys.argv[2:]:
    add_user(engine, name, PASSWORD)
"""


def make_csv(path: Path, megabytes: float) -> None:
    """A valid long CSV of about ``megabytes`` MB, from the ingest tests' generator."""
    generator = ROOT / "tests" / "data_access" / "ingest" / "make_large_csv.py"
    rows = int(megabytes * 1024 * 1024 / 60)
    for _ in range(4):
        subprocess.run([sys.executable, str(generator), "--rows", str(rows), "--out", str(path)], check=True,
                       capture_output=True)
        size = path.stat().st_size
        if 0.93 * megabytes * 1024 * 1024 <= size <= megabytes * 1024 * 1024:
            return
        rows = int(rows * megabytes * 1024 * 1024 * 0.97 / size)


def serve(tree: Path, env: dict[str, str], log: Path, workers: int) -> tuple[subprocess.Popen, str]:
    """gunicorn serving ``tree`` on a loopback port, once ``/health`` answers."""
    port = free_port()
    env = {**os.environ, "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": "4", "GUNICORN_ACCESS_LOG": "/dev/null",
           **env}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind",
                                f"127.0.0.1:{port}", "app:server"], cwd=tree, env=env, stdout=log.open("ab"),
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/health", timeout=2).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError(log.read_text()[-3000:])


def workers(master: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


def memory(pid: int) -> dict[str, int]:
    text = Path(f"/proc/{pid}/status").read_text()
    return {key: int(re.search(rf"{key}:\s+(\d+) kB", text).group(1)) // 1024 for key in ("VmRSS", "VmHWM")}


def sign_in(base: str, name: str) -> requests.Session:
    session = requests.Session()
    session.headers["Origin"] = base
    page = session.get(f"{base}/signin")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = session.post(f"{base}/signin", data={"name": name, "password": PASSWORD, "csrf_token": token},
                          allow_redirects=False)
    assert answer.status_code == 302, answer.text[:200]
    page = session.get(f"{base}/signout")  # the signed-in session's CSRF token, which /upload/file needs
    session.headers["X-CSRFToken"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return session


def upload(session: requests.Session, base: str, content: bytes, preview: dict, streamed: bool) -> str:
    """Send ``content`` as the page does; the words the page then shows (first 100 characters)."""
    if streamed:
        sent = session.post(f"{base}/upload/file", data=content,
                            headers={"Content-Type": "text/csv", "X-File-Name": "local.csv"})
        received = sent.json()
        answer = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [received]))
    else:
        url = "data:text/csv;base64," + base64.b64encode(content).decode()
        answer = session.post(f"{base}/_dash-update-component", json=dash_payload(preview, [url], ["local.csv"]))
    if answer.status_code != 200:
        return f"HTTP {answer.status_code}"
    shown = json.dumps(answer.json()["response"]["upload-preview"]["children"])
    words = re.findall(r'"(No problems[^"]*|[^"]*problem\(s\) found[^"]*|[^"]*(?:busy|still being|too large)[^"]*)"',
                       shown)
    return (words[0] if words else shown)[:100]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the app checkout to serve")
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--same-user", action="store_true", help="every upload by one user")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="cdp-upload-bench-"))
    url = f"sqlite:///{folder / 'store.sqlite3'}"
    names = ["alice"] if args.same_user else [f"user{i}" for i in range(args.uploads)]
    subprocess.run([sys.executable, "-c", SETUP, url, *names], cwd=args.tree, check=True, capture_output=True)
    csv_path = folder / "local.csv"
    make_csv(csv_path, args.mb)
    content = csv_path.read_bytes()
    env = {"CDP_MODE": "internal", "DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "CDP_INSECURE_COOKIES": "1",
           "CACHE_TYPE": "SimpleCache", "CDP_INSTANCE_DIR": str(folder)}
    process, base = serve(args.tree, env, folder / "app.log", args.workers)
    try:
        sessions = [sign_in(base, names[i % len(names)]) for i in range(args.uploads)]
        dependencies = sessions[0].get(f"{base}/_dash-dependencies").json()
        streamed = any("upload-received-store" in json.dumps(d["inputs"]) for d in dependencies)
        preview = find_dependency(dependencies, "upload-preview.children")
        for session in sessions:
            session.get(f"{base}/upload")
            session.close()  # a pooled connection idle past the server's keep-alive would be closed under us
        pids = workers(process.pid)
        before = {pid: memory(pid) for pid in pids}
        answers: list[str] = [""] * args.uploads
        barrier = threading.Barrier(args.uploads)

        def one(index: int) -> None:
            barrier.wait()
            started = time.monotonic()
            try:
                text = upload(sessions[index], base, content, preview, streamed)
            except requests.RequestException as error:
                text = f"failed: {error.__class__.__name__}"
            answers[index] = f"{time.monotonic() - started:5.1f} s  {text}"

        threads = [threading.Thread(target=one, args=(i,)) for i in range(args.uploads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(3)
        after = {pid: memory(pid) for pid in pids}
    finally:
        process.terminate()
        process.wait(30)
    print(f"tree: {args.tree} ({'POST /upload/file' if streamed else 'dcc.Upload callback'}); "
          f"{args.uploads} parallel uploads of {len(content) / 1048576:.1f} MB by "
          f"{'one user' if args.same_user else f'{args.uploads} users'}; {args.workers} workers x 4 threads")
    print("worker   RSS before   peak RSS   RSS after (MB)")
    for pid in pids:
        print(f"{pid:>6} {before[pid]['VmRSS']:>12} {after[pid]['VmHWM']:>10} {after[pid]['VmRSS']:>11}")
    print(f"total  {sum(b['VmRSS'] for b in before.values()):>12} {sum(a['VmHWM'] for a in after.values()):>10} "
          f"{sum(a['VmRSS'] for a in after.values()):>11}")
    for index, text in enumerate(answers):
        print(f"upload {index + 1}: {text}")


if __name__ == "__main__":
    main()
