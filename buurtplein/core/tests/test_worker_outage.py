"""The task worker (``manage.py run_worker``, a process of its own) outlives PostgreSQL going
away, and a task its killed predecessor left RUNNING runs again.

Production mode only (``servers``): the worker reaches the test database through a gate
(``outage.py``) that the test cuts and restores. Transactional, so the worker sees the rows
this test commits.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from buurtplein.core.tests import worker_tasks
from buurtplein.core.tests.outage import database_gate, database_url_through

pytestmark = [pytest.mark.servers, pytest.mark.django_db(transaction=True)]

MANAGE = Path(django_settings.BASE_DIR).parent / "manage.py"


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def start_worker(gate, log: Path, *options: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url_through(gate), "DATABASE_CONN_MAX_AGE": "60"}
    env.pop("BUURTPLEIN_TASKS_BACKEND", None)
    fast = ["--interval", "0.2", "--no-startup-delay", "--db-wait-max", "1"]
    return subprocess.Popen(
        [sys.executable, str(MANAGE), "run_worker", *fast, *options],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


def wait_until(condition, timeout: float = 30.0) -> float:
    """Seconds it took until ``condition()`` held; fails after ``timeout``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not within {timeout} s")


def status(result) -> str:
    return DBTaskResult.objects.get(pk=result.id).status


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_worker_waits_out_a_database_outage_and_runs_what_comes_after(tmp_path):
    log = tmp_path / "worker.log"
    with database_gate() as gate:
        worker = start_worker(gate, log)
        try:
            before = worker_tasks.echo.enqueue("before")
            wait_until(lambda: status(before) == TaskResultStatus.SUCCESSFUL)

            gate.cut()
            time.sleep(4)  # several polls of the queue fail meanwhile
            assert worker.poll() is None, log.read_text()

            gate.restore()
            after = worker_tasks.echo.enqueue("after")
            wait_until(lambda: status(after) == TaskResultStatus.SUCCESSFUL, timeout=20)
            assert worker.poll() is None
        finally:
            stop(worker)
    output = log.read_text()
    # One warning when it goes and one when it is back, not one per second.
    assert output.count("Database unavailable") == 1, output
    assert output.count("Database back after") == 1, output


def test_a_task_left_running_by_a_killed_worker_runs_again_in_the_next(tmp_path):
    with database_gate() as gate:
        first = start_worker(gate, tmp_path / "first.log")
        try:
            result = worker_tasks.slow_first_time.enqueue(60)
            wait_until(lambda: status(result) == TaskResultStatus.RUNNING)
        finally:
            first.kill()  # kill -9, mid-task
            first.wait()
        assert status(result) == TaskResultStatus.RUNNING

        time.sleep(1.5)
        second = start_worker(gate, tmp_path / "second.log", "--stale-after", "1")
        try:
            wait_until(lambda: status(result) == TaskResultStatus.SUCCESSFUL)
        finally:
            stop(second)
    done = DBTaskResult.objects.get(pk=result.id)
    assert done.return_value == 2  # the second run
    assert len(done.worker_ids) == 2


def test_a_task_the_outage_broke_off_runs_again_when_the_database_is_back(tmp_path):
    log = tmp_path / "worker.log"
    with database_gate() as gate:
        worker = start_worker(gate, log)
        try:
            result = worker_tasks.slow_first_time.enqueue(3)
            wait_until(lambda: status(result) == TaskResultStatus.RUNNING)
            gate.cut()  # the task cannot record its outcome
            time.sleep(4)
            gate.restore()
            wait_until(lambda: status(result) == TaskResultStatus.SUCCESSFUL, timeout=20)
            assert worker.poll() is None
        finally:
            stop(worker)
    assert DBTaskResult.objects.get(pk=result.id).return_value == 2, log.read_text()
    assert "was interrupted by the outage; queued again" in log.read_text()
