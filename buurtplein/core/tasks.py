"""Helpers every app's ``tasks.py`` uses: load a row for a task, plan a task for later, send a
person an e-mail in their own language (once per task run). (The tasks themselves live in each
app.)

And what keeps background work from getting lost (docs/operations.md, "Background tasks when
things fail"), for every task of the database backend, with nothing to declare per task:

* **Retries with backoff.** A task that fails for a transient reason (:func:`is_transient`:
  the mail server or the database was away) is put back in the queue ``RETRY_DELAYS`` later,
  the same row with the same id, at most ``MAX_ATTEMPTS`` runs in all; then it stays FAILED.
  Any other exception is a bug: FAILED at once, visible in the admin.
* **Stale tasks.** A task RUNNING for longer than ``STALE_AFTER`` lost its worker (killed,
  the machine went down): :func:`reclaim_stale` (the worker, ``manage.py run_worker``, calls
  it at start-up and every minute) puts it back in the queue, or fails it after its last
  attempt.
* **Idempotent steps.** :func:`send_to` records each e-mail under a key of the task run, the
  recipient and the template (:class:`~buurtplein.core.models.TaskStep`); a task that runs
  again skips what it already sent. Everything else a task does checks its own state (claims
  with a conditional update), so running a task twice does nothing twice; a claim followed
  by e-mails in the same task goes through :func:`claim_once`, so that a retry of the same run
  still holds it and sends the rest.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import DatabaseError, InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django_scopes import scopes_disabled

from buurtplein.core.components import component_of_model, component_on


def load(model, pk, *related):
    """The row ``pk`` of ``model`` with its neighbourhood (and ``related``), or None when it is
    gone, or when the component that ``model`` belongs to is switched off in its neighbourhood
    (a switched-off component sends and changes nothing, also from tasks planned before it was
    switched off). Tasks get ids, not objects; they load the row and then enter its
    neighbourhood's scope themselves."""
    with scopes_disabled():
        row = model.objects.select_related("neighbourhood", *related).filter(pk=pk).first()
    if row is None:
        return None
    label = component_of_model(model)
    if label and not component_on(row.neighbourhood, label):
        return None
    return row


def load_neighbourhood(pk, component: str):
    """The neighbourhood ``pk``, or None when it is gone or ``component`` is switched off
    there: for tasks that get a neighbourhood rather than a row."""
    from buurtplein.core.models import Neighbourhood

    with scopes_disabled():
        neighbourhood = Neighbourhood.objects.filter(pk=pk).first()
    return neighbourhood if component_on(neighbourhood, component) else None


def enqueue_later(task, when: datetime, *args) -> None:
    """Enqueue ``task`` to run at ``when`` where the backend can wait (django-tasks-db); a
    backend that cannot (the immediate one in tests) runs it now. Every deferred task therefore
    checks, when it runs, whether it is due and whether there is still something to do."""
    if task.get_backend().supports_defer:
        task.using(run_after=when).enqueue(*args)
    else:
        task.enqueue(*args)


def render_email(template: str, context: dict) -> tuple[str, str]:
    """(subject, body) of ``<template>_subject.txt`` and ``<template>_body.txt`` in the active
    language, with the platform's name and address. Plain text: rendered by the "text" template
    engine, which escapes nothing (these are no HTML pages)."""
    context = {
        **context,
        "site_name": settings.BUURTPLEIN_SITE_NAME,
        "base_url": settings.BUURTPLEIN_BASE_URL,
    }
    subject = render_to_string(f"{template}_subject.txt", context, using="text")
    body = render_to_string(f"{template}_body.txt", context, using="text")
    return " ".join(subject.split()), body


def send_to(user, template: str, context: dict, *, key: str = "") -> bool:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` (e.g.
    ``"exchange/email/reminder"``) in the person's own language and send the e-mail.

    Inside a task, once per task run, recipient and template (and ``key``, for a task that
    sends one person the same template about different things): when the task runs again
    after a failure, what it sent before is skipped. Returns False when it was skipped."""
    step = _step_key("mail", user.pk, template, key)
    if _done(step):
        logger.info("Skipped %s to user %s: sent by an earlier run", template, user.pk)
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject, body = render_email(template, {**context, "user": user})
    send_mail(subject, body, None, [user.email])
    _record(step)
    return True


def claim_once(name: str, claim: Callable[[], bool]) -> bool:
    """``claim()`` (a conditional update: True when this call took the claim) once per task
    run: True when this run holds the claim, taken now or by an earlier attempt of the same
    run. For a task that claims something and then sends e-mails: a retry after the mail
    server failed half-way still holds the claim and sends the rest (``send_to`` skips what
    was sent), while another run of the task finds it claimed and sends nothing."""
    step = _step_key("claim", name)
    if _done(step):
        return True
    if not claim():
        return False
    _record(step)
    return True


def _step_key(*parts) -> str:
    run = current_task_id()
    return ":".join([run, *map(str, parts)])[:255] if run else ""


def _done(step: str) -> bool:
    from buurtplein.core.models import TaskStep

    return bool(step) and TaskStep.objects.filter(key=step).exists()


def _record(step: str) -> None:
    from buurtplein.core.models import TaskStep

    if step:
        TaskStep.objects.get_or_create(key=step)


# --- The task that is running now ------------------------------------------------------------

_running = threading.local()


def current_task_id() -> str:
    """The id of the task result this thread is running ("" outside a task). Set from
    Django's ``task_started`` and ``task_finished`` signals, which every backend sends (the
    immediate one nests: a task enqueued by a task runs inside it)."""
    stack = getattr(_running, "stack", None)
    return stack[-1] if stack else ""


def _task_started(sender, task_result, **kwargs) -> None:
    if not hasattr(_running, "stack"):
        _running.stack = []
    _running.stack.append(str(task_result.id))


def _task_finished(sender, task_result, **kwargs) -> None:
    stack = getattr(_running, "stack", [])
    if str(task_result.id) in stack:
        del stack[stack.index(str(task_result.id)) :]


# --- Retries and stale tasks (the database backend) -----------------------------------------

RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
]
"""How long to wait before the 2nd, 3rd, … run of a task that failed for a transient reason."""
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
"""Runs of one task in all (over about nine hours); after the last it stays FAILED."""
STALE_AFTER = timedelta(minutes=10)
"""A task RUNNING this long lost its worker: no task of ours runs for more than a minute or two."""

TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OSError, OperationalError, InterfaceError)
"""Errors that may pass: the mail server or the database away or timing out. ``OSError``
covers ``smtplib.SMTPException``, ``ConnectionError``, ``TimeoutError`` and socket errors."""
PERMANENT_ERRORS: tuple[type[BaseException], ...] = (
    smtplib.SMTPRecipientsRefused,
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
    NotADirectoryError,
)
"""``OSError``s that another try will not mend: an address the server refuses, a file."""

logger = logging.getLogger("buurtplein.tasks")


class TaskAbandoned(Exception):
    """Recorded on a task whose worker stopped while running it, after its last attempt."""


def is_transient(exception_class_path: str) -> bool:
    """Is the error (by its dotted class path, as the task result records it) worth
    another try?"""
    try:
        cls = import_string(exception_class_path)
    except ImportError:
        return False
    return (
        isinstance(cls, type)
        and issubclass(cls, TRANSIENT_ERRORS)
        and not issubclass(cls, PERMANENT_ERRORS)
    )


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after ``attempts`` runs, or None when that was the last one."""
    return RETRY_DELAYS[attempts - 1] if 0 < attempts < MAX_ATTEMPTS else None


def _retry_if_transient(sender, task_result, **kwargs) -> None:
    """``task_finished`` of the database backend: a task that failed for a transient reason
    goes back in the queue (the same row: its id, and so its e-mail keys, stay), to run after
    the backoff. The last error stays on the row, for the admin."""
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    db_result = getattr(task_result, "db_result", None)
    if db_result is None or task_result.status != TaskResultStatus.FAILED:
        return
    error = db_result.exception_class_path
    attempts = len(db_result.worker_ids)
    delay = retry_delay(attempts) if is_transient(error) else None
    if delay is None:
        logger.error(
            "Task %s (%s) failed after %d attempt(s): %s",
            db_result.id,
            db_result.task_path,
            attempts,
            error,
        )
        return
    run_after = timezone.now() + delay
    DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed with %s, attempt %d of %d; trying again at %s",
        db_result.id,
        db_result.task_path,
        error,
        attempts,
        MAX_ATTEMPTS,
        run_after.isoformat(timespec="seconds"),
    )


def reclaim_stale(*, now: datetime | None = None, after: timedelta = STALE_AFTER) -> int:
    """Tasks RUNNING since before ``now - after`` lost their worker: back in the queue to run
    now, or FAILED (``TaskAbandoned``) after their last attempt. Returns how many were found.
    Each row is changed only while it is still the same stale run (a conditional update), so
    two workers reclaiming at once do it once."""
    from django.tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale = DBTaskResult.objects.running().filter(started_at__lt=now - after)
    found = 0
    for row in stale.only("pk", "started_at", "worker_ids", "task_path"):
        found += 1
        same_run = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        attempts = len(row.worker_ids)
        if attempts < MAX_ATTEMPTS:
            same_run.update(status=TaskResultStatus.READY, run_after=now)
            logger.warning(
                "Task %s (%s) was running since %s: its worker stopped; queued again "
                "(attempt %d of %d)",
                row.pk,
                row.task_path,
                row.started_at.isoformat(timespec="seconds"),
                attempts + 1,
                MAX_ATTEMPTS,
            )
        else:
            same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{__name__}.TaskAbandoned",
                traceback=(
                    f"TaskAbandoned: the worker stopped while running this task, "
                    f"{attempts} time(s); not tried again.\n"
                ),
            )
            logger.error("Task %s (%s) abandoned after %d runs", row.pk, row.task_path, attempts)
    return found


def retry_failed(queryset) -> int:
    """Put FAILED task results back in the queue to run now, as the same rows (same task,
    arguments and id: e-mails their earlier runs sent are not sent again), with a fresh set
    of attempts. Returns how many."""
    from django.tasks.base import TaskResultStatus

    return queryset.filter(status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now(),
        finished_at=None,
        worker_ids=[],
    )


def failed_count() -> int:
    """How many task results are FAILED (the admin's index shows it)."""
    from django_tasks_db.models import DBTaskResult

    try:
        return DBTaskResult.objects.failed().count()
    except DatabaseError:
        return 0


def connect_signals() -> None:
    from django.tasks.signals import task_finished, task_started

    task_started.connect(_task_started, dispatch_uid="buurtplein.tasks.started")
    task_finished.connect(_task_finished, dispatch_uid="buurtplein.tasks.finished")
    task_finished.connect(_retry_if_transient, dispatch_uid="buurtplein.tasks.retry")
