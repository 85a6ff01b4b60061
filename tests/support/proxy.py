"""A loopback TCP proxy a test can close and reopen on the same port: the store "goes away" and "comes back".

Closing stops listening (new connections are refused) and cuts every open connection, which is what
a database restart looks like to the app, without touching the real server. Silencing is the harder
fault, a partition or a hung server: connections stay open and new ones are accepted, but nothing is
forwarded either way and nothing is answered. ``resume()`` ends it: connections accepted meanwhile are
cut (their clients have given up) and held traffic flows again.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    """Forward 127.0.0.1:``port`` to ``target``; ``close()`` and ``open()`` may be called any number of times."""

    def __init__(self, target: tuple[str, int], port: int = 0) -> None:
        self.target = target
        self.port = port
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._held: set[socket.socket] = set()  # accepted while silent: never connected upstream
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._flowing.set()

    def open(self) -> TcpProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            _shut(listener)
        self._flowing.set()
        with self._lock:
            live, self._sockets, self._held = [*self._sockets, *self._held], set(), set()
        for sock in live:
            _shut(sock)

    def silence(self) -> None:
        """Keep every connection open and accept new ones, but forward and answer nothing."""
        self._flowing.clear()

    def resume(self) -> None:
        """Forward again; connections accepted while silent are cut."""
        with self._lock:
            held, self._held = list(self._held), set()
        for sock in held:
            _shut(sock)
        self._flowing.set()

    @property
    def silent(self) -> bool:
        return not self._flowing.is_set()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            if not self._flowing.is_set():
                with self._lock:
                    self._held.add(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _shut(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                self._flowing.wait()  # silent: hold what arrived, send nothing
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                _shut(sock)
            with self._lock:
                self._sockets.discard(source)
                self._sockets.discard(sink)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
