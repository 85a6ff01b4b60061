"""A read-only cache folder for the fault tests and the fault benchmark.

Root writes through a folder's permission bits, so as root (as on CI) the folder is bind-mounted
read-only over itself; as anyone else its write bits are taken away.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def read_only_folder(path: Path) -> Iterator[Path]:
    """``path`` (created, with one file in it) made read-only for the duration; raises OSError if it cannot be."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "README").write_text("a cache folder nobody may write to\n")
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)
        return
    for command in (["mount", "--bind", str(path), str(path)], ["mount", "-o", "remount,ro,bind", str(path)]):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", str(path)], capture_output=True)
            raise OSError(f"cannot make {path} read-only: {done.stderr.strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], capture_output=True)
