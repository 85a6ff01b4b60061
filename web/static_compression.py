"""The app's scripts and stylesheets sent compressed as small as brotli and gzip can make them, computed once.

flask-compress (Dash's ``compress=True``) compresses each response as it goes out, at settings cheap
enough for every request: zstd at level 3 or brotli at level 4 when the browser accepts them (Chromium
does, over HTTPS and on localhost), and for files Flask streams from ``assets/`` only zstd, brotli or
deflate. That left the app's plotly.js at 398 KB where brotli's best setting makes 319 KB, and a browser
that accepts only gzip got Bootstrap's stylesheet uncompressed (232 KB).

The static files (``assets/`` and Dash's component scripts) never change while the app runs, so the
best compression is worth doing once. The first time a file is asked for, its response goes out as
before and a background thread makes its brotli (quality 11) and gzip (level 9) copies; afterwards
they are sent from memory, with their length and an ETag of their own. The copies are keyed by the
sha256 of the file's content and, where the instance folder is writable, kept in
``<instance>/compressed`` so the other workers and later restarts find them made.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import dash
from flask import Response, request

log = logging.getLogger(__name__)

#: Encodings in the order they are preferred, with how each copy is made.
ENCODINGS = {
    "br": lambda data: brotli.compress(data, quality=11),
    "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0),
}
TEXT_TYPES = frozenset({"text/css", "text/javascript", "application/javascript", "application/json",
                        "image/svg+xml", "text/plain"})
#: Smaller files gain too little to be worth a copy.
MIN_BYTES = 1024
#: At most this many files' copies are kept in memory (the app serves a few dozen).
MAX_FILES = 200


class CompressedCopies:
    """The compressed copies of static files, by content: in memory, on disk when it can, made in the background."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.copies: dict[str, dict[str, bytes]] = {}
        self.pending: set[str] = set()
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="compress-static")

    def get(self, digest: str) -> dict[str, bytes] | None:
        """The copies of the content with this digest, if made (here or, on disk, by another process)."""
        copies = self.copies.get(digest)
        if copies is None and self.folder is not None:
            copies = self._read(digest)
            if copies is not None:
                self._keep(digest, copies)
        return copies

    def make_later(self, digest: str, data: bytes) -> None:
        """Make the copies of ``data`` in the background, once."""
        with self.lock:
            if digest in self.pending or digest in self.copies:
                return
            self.pending.add(digest)
        self.pool.submit(self._make, digest, data)

    def _make(self, digest: str, data: bytes) -> None:
        try:
            copies = {encoding: compress(data) for encoding, compress in ENCODINGS.items()}
            self._keep(digest, copies)
            self._write(digest, copies)
        except Exception:  # noqa: BLE001  (the file keeps going out as flask-compress sends it)
            log.exception("could not compress a static file")
        finally:
            with self.lock:
                self.pending.discard(digest)

    def _keep(self, digest: str, copies: dict[str, bytes]) -> None:
        with self.lock:
            if len(self.copies) >= MAX_FILES:
                self.copies.pop(next(iter(self.copies)))
            self.copies[digest] = copies

    def _read(self, digest: str) -> dict[str, bytes] | None:
        try:
            return {encoding: (self.folder / f"{digest}.{encoding}").read_bytes() for encoding in ENCODINGS}
        except OSError:
            return None

    def _write(self, digest: str, copies: dict[str, bytes]) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for encoding, data in copies.items():  # written whole, then renamed: a reader never sees half a file
                handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=f".{digest}.")
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.folder / f"{digest}.{encoding}")
        except OSError as error:
            log.info("compressed static files kept in memory only: %s", error)
            self.folder = None


def chosen_encoding() -> str | None:
    """The best encoding of ours the browser accepts."""
    return next((encoding for encoding in ENCODINGS if request.accept_encodings[encoding] > 0), None)


def register_static_compression(app: dash.Dash, folder: Path | None) -> CompressedCopies:
    """Send ``assets/`` and the component scripts as their best compressed copies once those are made.

    Registered after Dash's flask-compress, so it runs before it (Flask runs ``after_request`` functions
    last registered first); flask-compress leaves a response that already has a ``Content-Encoding``.
    """
    prefix = app.config.routes_pathname_prefix
    static = (f"{prefix}assets/", f"{prefix}_dash-component-suites/")
    copies = CompressedCopies(folder)

    @app.server.after_request
    def _send_compressed(response: Response) -> Response:
        if (request.method != "GET" or response.status_code != 200 or not request.path.startswith(static)
                or response.mimetype not in TEXT_TYPES or "Content-Encoding" in response.headers):
            return response
        encoding = chosen_encoding()
        if encoding is None:
            return response
        response.direct_passthrough = False  # a file Flask would stream: read it here instead
        data = response.get_data()
        if len(data) < MIN_BYTES:
            return response
        digest = hashlib.sha256(data).hexdigest()
        made = copies.get(digest)
        if made is None:
            copies.make_later(digest, data)
            return response
        response.set_data(made[encoding])
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        response.set_etag(f"{digest[:32]}-{encoding}")
        return response.make_conditional(request)

    return copies
