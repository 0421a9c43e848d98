"""A real ASGI server for the journeys that need websockets: Daphne in its own process on a
file database (SQLite, migrated once per module and copied for each test), set up and driven
through Django code run in one more process (``Shell``), with the in-memory or a Redis channel
layer.

Used by the live journeys of messaging and online help::

    env = server_env(tmp_path, REDIS_URL=...)          # the processes' environment
    shutil.copyfile(migrated_database, tmp_path / "live.sqlite3")
    with Shell(env) as shell, Daphne(env) as server:   # serving on server.base
        data = shell.json(SET_UP, "SET-UP ")            # set up the world, read what it printed
        ...
        shell.run(OTHER_SIDE)                           # the other person's actions, as they go
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a Buurtplein process on the file database in ``tmp_path`` (the
    embedded default, unless ``extra`` sets ``REDIS_URL`` for a Redis channel layer)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        SQLITE_PATH=str(tmp_path / "live.sqlite3"),
        BUURTPLEIN_VAR_DIR=str(tmp_path / "var"),
        BUURTPLEIN_TASKS_BACKEND="django.tasks.backends.immediate.ImmediateBackend",
        DJANGO_SETTINGS_MODULE="buurtplein.config.settings",
        **extra,
    )
    return env


SHELL_LOOP = r"""
import contextlib, io, sys, traceback
import django
django.setup()
from django.db import connections
source, sink = sys.stdin.buffer, sys.stdout.buffer
while header := source.readline():
    code = source.read(int(header)).decode()
    printed, ok = io.StringIO(), True
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            exec(compile(code, "<e2e shell>", "exec"), {"__name__": "__main__"})
        except BaseException:
            ok = False
            traceback.print_exc()
    connections.close_all()
    out = printed.getvalue().encode()
    sink.write(b"%s %d\n" % (b"ok" if ok else b"error", len(out)) + out)
    sink.flush()
"""


class Shell:
    """One Django process beside the server, on the same database and channel layer, that runs
    a test's snippets of code one after the other, each in a namespace of its own and with the
    database connection closed after it (as ``manage.py shell -c`` would, one process each):
    starting Django once per test instead of once per snippet saves 3–6 seconds a snippet. It
    starts while the server starts."""

    def __init__(self, env: dict[str, str]):
        self.env, self.process = env, None

    def __enter__(self) -> Shell:
        self.process = subprocess.Popen(
            [sys.executable, "-c", SHELL_LOOP],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        return self

    def __exit__(self, *exc) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def run(self, code: str) -> str:
        """Run ``code``; what it printed. A snippet that raises fails the test with its
        traceback."""
        data = code.encode()
        self.process.stdin.write(b"%d\n" % len(data) + data)
        self.process.stdin.flush()
        header = self.process.stdout.readline()
        if not header:
            raise RuntimeError(f"The shell process ended (exit code {self.process.wait()}).")
        status, size = header.split()
        out = self.process.stdout.read(int(size)).decode()
        if status != b"ok":
            raise RuntimeError(f"The shell's code failed:\n{out}")
        return out

    def json(self, code: str, marker: str):
        """Run ``code`` and read the JSON it printed after ``marker``."""
        return json.loads(self.run(code).split(marker, 1)[1])


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory, worker_id) -> Path:
    """A file database with every migration applied, made once per test run (migrating takes
    longer than a journey: 30 seconds): the first process to need it migrates while the other
    waits for it (a file lock in the run's shared temporary folder); each test copies it to
    its own folder. Registered for every journey by ``e2e/conftest.py``. Under ``./run-tests``
    it is the SQLite template that run migrated once for all (``scripts/test_templates.py``)."""
    templates = os.environ.get("BUURTPLEIN_TEST_TEMPLATES")
    if templates:
        return Path(templates) / "sqlite.sqlite3"
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    folder = shared / "migrated"
    with open(shared / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "done").exists():
            folder.mkdir(exist_ok=True)
            manage = [sys.executable, str(ROOT / "manage.py")]
            subprocess.run(
                [*manage, "migrate", "-v0"], cwd=ROOT, env=server_env(folder), check=True
            )
            (folder / "done").touch()
    return folder / "live.sqlite3"


class Daphne:
    """Daphne serving Buurtplein with ``env`` on ``port`` (a free one by default). A test may
    stop it and start it again on the same port (a dropped connection)."""

    def __init__(self, env: dict[str, str], port: int | None = None):
        self.env, self.port, self.process = env, port or free_port(), None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> Daphne:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "buurtplein.config.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):  # until it listens
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=3)
        except subprocess.TimeoutExpired:  # open websockets keep Daphne busy: stop it hard
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> Daphne:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
