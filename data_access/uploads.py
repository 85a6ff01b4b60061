"""Files uploaded on an internal instance, between being received, checked and loaded.

Why: a file that travelled inside a Dash callback was held in a worker several times over (the
base64 JSON body, its parsed text, the decoded bytes, the table), once for the preview and again
for the confirmation; eight 20 MB uploads at once took the workers to 3.4 GB. Here the request body
is copied to disk in 64 KB blocks as it arrives, so a worker holds one block of it, and the file
waits on disk (named by a random token, in a folder of its uploader's own) until it is checked and
loaded or an hour has passed.

Concurrency is bounded on each host, across every worker process: each user has one upload
received, checked or loaded at a time (a second one is refused and says why), and at most
``upload_slots`` are checked or loaded at once (a further one waits briefly, then is refused).
Both are POSIX advisory locks (``fcntl.flock``) on files in the upload folder: the kernel releases
them when a worker dies, so a crash never leaves a user locked out. ``fcntl`` is used directly
because it is the whole of what is needed here; a lock library would add a dependency to wrap it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from config import get_settings

LIMIT_BYTES = 20 * 1024 * 1024
LIMIT_TEXT = f"{LIMIT_BYTES // (1024 * 1024)} MB"
BLOCK = 64 * 1024
#: Received files not loaded within this time are removed.
KEEP_SECONDS = 3600
#: How long a check or load waits for one of the host's upload slots before it is refused.
SLOT_WAIT_SECONDS = 15.0
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")

BUSY_USER = ("Another file of yours is still being sent, checked or loaded. Wait for it to finish, then choose "
             "this file again.")
BUSY_HOST = "The server is busy checking other people's uploads. Please try again in a minute."


class UploadRefused(Exception):
    """An upload that is not taken, with the HTTP status and the sentence shown on the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Received:
    """A file received whole: its token (the name it waits under), bare name, size and SHA-256."""

    token: str
    file_name: str
    size: int
    sha256: str


def clean_file_name(name: str | None) -> str:
    """The bare file name (no folders from either OS), printable, at most 255 characters."""
    bare = PureWindowsPath(PurePosixPath(name or "upload.csv").name).name
    return re.sub(r"[\x00-\x1f\x7f/\\]", "", bare).strip()[:255] or "upload.csv"


def too_large(size: int) -> str:
    return f"The file is too large ({size / (1024 * 1024):.1f} MB): files up to {LIMIT_TEXT} can be uploaded."


def _root() -> Path:
    return Path(get_settings().upload_dir)


def _user_folder(user: str) -> Path:
    return _root() / hashlib.sha256(user.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def receive(stream: BinaryIO, *, user: str, file_name: str, limit: int = LIMIT_BYTES) -> Received:
    """Copy ``stream`` to a new file of ``user``'s, a block at a time; refused (and removed) past ``limit``.

    Raises:
        UploadRefused: the body is larger than ``limit`` (413) or empty (400).
    """
    sweep()
    token = secrets.token_urlsafe(16)
    folder = _user_folder(user) / token
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / clean_file_name(file_name)
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("wb") as out:
            while block := stream.read(BLOCK):
                size += len(block)
                if size > limit:
                    raise UploadRefused(413, f"The file is too large: files up to {LIMIT_TEXT} can be uploaded.")
                digest.update(block)
                out.write(block)
        if size == 0:
            raise UploadRefused(400, "The file is empty.")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Received(token, path.name, size, digest.hexdigest())


def path_of(user: str, token: object) -> Path | None:
    """The waiting file ``token`` names, if it is ``user``'s and still there; None otherwise."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    folder = _user_folder(user) / token
    files = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
    return files[0] if len(files) == 1 else None


def discard(user: str, token: object) -> None:
    """Remove a waiting file (after it is loaded, or when it is replaced)."""
    path = path_of(user, token)
    if path is not None:
        shutil.rmtree(path.parent, ignore_errors=True)


def sweep(now: float | None = None) -> None:
    """Remove every waiting file older than ``KEEP_SECONDS``."""
    limit = (now or time.time()) - KEEP_SECONDS
    for folder in _root().glob("*/*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _flock(path: Path, *, wait: float = 0.0) -> Iterator[bool]:
    """Hold an exclusive lock on ``path`` (yield True), or yield False when it stays taken for ``wait`` seconds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(0.1)
        yield True
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


@contextmanager
def user_turn(user: str) -> Iterator[None]:
    """Hold ``user``'s one upload turn on this host; refused at once when it is taken."""
    with _flock(_root() / "locks" / f"user-{_user_folder(user).name}.lock") as held:
        if not held:
            raise UploadRefused(429, BUSY_USER)
        yield


@contextmanager
def host_slot(wait: float = SLOT_WAIT_SECONDS) -> Iterator[None]:
    """Hold one of the host's ``upload_slots``; waits up to ``wait`` seconds for one to come free."""
    slots = get_settings().upload_slots
    deadline = time.monotonic() + wait
    while True:
        for index in range(slots):
            with _flock(_root() / "locks" / f"slot-{index}.lock") as held:
                if held:
                    yield
                    return
        if time.monotonic() >= deadline:
            raise UploadRefused(503, BUSY_HOST)
        time.sleep(0.2)
