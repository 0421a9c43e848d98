"""``manage.py run_worker``: django-tasks-db's ``db_worker`` that survives the database going
away, and puts stale tasks back in the queue.

``db_worker`` exits on the first ``OperationalError`` outside a task (PostgreSQL restarted, the
network gone), and a task whose worker died stays RUNNING. This worker, with the same options:

* waits when the database is away: one warning when it goes, one when it is back, retrying
  with backoff (0.5 s doubling up to ``--db-wait-max``) in between; a task it was running when
  the database went goes straight back in the queue;
* puts tasks RUNNING for longer than ``--stale-after`` back in the queue
  (``core.tasks.reclaim_stale``) at start-up and every minute.

Retries of failed tasks are not here but in ``core.tasks`` (a ``task_finished`` receiver), so
they hold under any worker of the database backend.
"""

from __future__ import annotations

import contextlib
import logging
import os
import random
import time
from datetime import timedelta

from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from buurtplein.core.tasks import STALE_AFTER, reclaim_stale

logger = logging.getLogger("django_tasks_db")

DATABASE_AWAY = (OperationalError, InterfaceError)
"""What the database driver raises when the server is gone (refused, broken off, closed)."""

RECLAIM_EVERY = 60.0
"""Seconds between two looks for stale tasks."""


class Worker(db_worker.Worker):
    def __init__(self, *, stale_after: timedelta, db_wait_max: float, **kwargs):
        super().__init__(**kwargs)
        self.stale_after = stale_after
        self.db_wait_max = db_wait_max
        self.current: DBTaskResult | None = None
        self.next_reclaim = 0.0

    def run(self) -> None:
        # The loop and the claim in ``run_next`` follow django-tasks-db 0.13.0's
        # ``db_worker.Worker.run`` (it has no hook for the two additions: waiting out a database
        # that is away, and ``reclaim_stale`` once a minute). Compare when upgrading it.
        logger.info(
            "Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names)
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # against a thundering herd
        while self.running:
            try:
                if time.monotonic() >= self.next_reclaim:
                    reclaim_stale(after=self.stale_after)
                    self.next_reclaim = time.monotonic() + RECLAIM_EVERY
                found = self.run_next()
            except DATABASE_AWAY as exc:
                if not self.running:
                    raise
                self.wait_for_database(exc)
                continue
            if self.batch and found is False:
                logger.info("No more tasks to run for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                logger.info("Ran the maximum of %d task(s) - exiting.", self._run_tasks)
                return
            close_old_connections()
            if self.running and not found:
                time.sleep(self.interval)

    def run_next(self) -> bool | None:
        """Claim the next ready task and run it: True when one ran, False when none was
        ready, None when the (SQLite) database was locked."""
        close_old_connections()
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as exc:
            if is_locked_database_exception(exc):
                return None
            raise
        if task_result is None:
            return False
        self.current = task_result
        self.run_task(task_result)  # records the outcome; a database error here is an outage
        self.current = None
        return True

    def wait_for_database(self, exc: Exception) -> None:
        """Wait, with backoff, until the database answers again; then put the task that was
        interrupted back in the queue."""
        went = time.monotonic()
        logger.warning("Database unavailable (%s); waiting for it to come back.", exc)
        delay = 0.5
        while self.running:
            for conn in connections.all(initialized_only=True):
                with contextlib.suppress(*DATABASE_AWAY):
                    conn.close()
            time.sleep(delay)
            delay = min(delay * 2, self.db_wait_max)
            try:
                with connections["default"].cursor() as cursor:
                    cursor.execute("SELECT 1")
            except DATABASE_AWAY:
                continue
            logger.warning("Database back after %.0f s; carrying on.", time.monotonic() - went)
            self.requeue_interrupted()
            return

    def requeue_interrupted(self) -> None:
        interrupted, self.current = self.current, None
        if interrupted is None:
            return
        requeued = DBTaskResult.objects.filter(
            pk=interrupted.pk, status=TaskResultStatus.RUNNING, started_at=interrupted.started_at
        ).update(status=TaskResultStatus.READY, run_after=timezone.now())
        if requeued:
            logger.warning(
                "Task %s (%s) was interrupted by the outage; queued again.",
                interrupted.pk,
                interrupted.task_path,
            )


def positive_seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0:
        raise ValueError(value)
    return seconds


class Command(db_worker.Command):
    help = (
        "Run the background task worker (django-tasks-db's db_worker, with the same options) "
        "so that it survives the database going away: it waits, with backoff, and carries on. "
        "Tasks left RUNNING by a worker that died are queued again after --stale-after. "
        "-v 0 logs only warnings and errors (a failed task, the database away), not every "
        "task's start and end; the demo runs it so."
    )

    def configure_logging(self, verbosity: int) -> None:
        # db_worker's -v 0 silences everything up to CRITICAL, failed tasks included; here it
        # keeps warnings and errors, so a quiet worker (the demo's) still says what went wrong.
        super().configure_logging(verbosity)
        if verbosity == 0:
            for name in (db_worker.TASKS_LOGGER, logger.name):
                logging.getLogger(name).setLevel(logging.WARNING)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--stale-after",
            type=positive_seconds,
            default=STALE_AFTER.total_seconds(),
            help="Seconds after which a RUNNING task counts as abandoned by its worker and is "
            "queued again (default: %(default)r).",
        )
        parser.add_argument(
            "--db-wait-max",
            type=positive_seconds,
            default=30.0,
            help="The longest wait, in seconds, between two tries to reach a database that is "
            "away (default: %(default)r).",
        )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        reload,
        max_tasks,
        worker_id,
        exclude_queues,
        stale_after,
        db_wait_max,
        **options,
    ):
        self.configure_logging(verbosity)
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_name.split(","):
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
            stale_after=timedelta(seconds=stale_after),
            db_wait_max=db_wait_max,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
