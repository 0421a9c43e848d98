"""Taking real server parts away in tests (``@pytest.mark.servers``, production mode only).

* :class:`Gate`: a TCP gate in front of the real PostgreSQL (or any server). Processes under
  test connect to the gate's port; ``cut()`` drops every open connection and refuses new ones
  (to a client it is the server going away: "connection refused", a query broken off), and
  ``restore()`` lets them through again. The real server and the test's own connection are
  not touched, so the other tests running beside it (pytest-xdist) are not disturbed.
* :class:`ThrowawayRedis`: a ``redis-server`` of the test's own on a free port, which the test
  stops (a real shutdown) and starts again on the same port.
* :func:`database_url_through` gives the ``DATABASE_URL`` of the test database through a gate,
  for a subprocess (a web server, the task worker).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from urllib.parse import quote

from django.db import connection


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, *, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


class Gate:
    """A TCP forwarder from ``127.0.0.1:port`` to ``target`` that can be cut and restored."""

    def __init__(self, target_host: str, target_port: int, port: int | None = None):
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.cuts = 0

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> Gate:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def cut(self) -> None:
        """The server goes away: open connections break, new ones are refused."""
        self.cuts += 1
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._open = self._open, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def restore(self) -> None:
        """The server is back on the same port."""
        if self._listener is None:
            self.start()

    stop = cut

    def __enter__(self) -> Gate:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cut()

    # -- forwarding ------------------------------------------------------------------------
    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._open.discard(source)
                self._open.discard(sink)


def database_gate() -> Gate:
    """A gate in front of the database the tests use (production mode: PostgreSQL)."""
    settings_dict = connection.settings_dict
    return Gate(settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))


def database_url_through(gate: Gate) -> str:
    """The ``DATABASE_URL`` of the current (test) database, reached through ``gate``."""
    s = connection.settings_dict
    user = quote(s["USER"] or "", safe="")
    password = quote(s["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@127.0.0.1:{gate.port}/{s['NAME']}"


class ThrowawayRedis:
    """A real ``redis-server`` for one test, on a port of its own, stopped and started at will."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> ThrowawayRedis:
        server = shutil.which("redis-server")
        if server is None:  # production mode promises Redis (.ci/run installs it)
            raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(
            [
                server,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        """A real shutdown: the process ends and its port refuses connections."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> ThrowawayRedis:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
