"""No background task is lost: retries with backoff for transient errors, stale RUNNING tasks
picked up again, e-mails sent once per task run, failed tasks retryable in the admin.

These tests use the database backend (django-tasks-db), as in production, and run its tasks in
this process with the worker of ``manage.py run_worker``, on a frozen clock. The outage of the
database itself is in ``test_worker_outage.py`` (a real PostgreSQL, a worker process).
"""

import smtplib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.management.commands import run_worker
from buurtplein.core.management.commands.run_worker import Worker
from buurtplein.core.models import TaskStep
from buurtplein.core.tasks import MAX_ATTEMPTS, RETRY_DELAYS, reclaim_stale
from buurtplein.core.tests import worker_tasks

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _background_tasks_must_not_fail():
    """These tests make tasks fail on purpose (conftest's guard would fail them)."""
    yield


@pytest.fixture(autouse=True)
def database_backend(settings, monkeypatch):
    # The worker drops the connection between tasks; inside the test's transaction that would
    # end the test (Django's own test client keeps it the same way).
    monkeypatch.setattr(run_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FlakyMailServer"}}
    FlakyMailServer.refuse = []


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


class FlakyMailServer(EmailBackend):
    """Django's test outbox, with a mail server that drops the connection on the e-mails to
    the addresses in ``refuse`` (each once)."""

    refuse: list[str] = []

    def send_messages(self, messages):
        for message in messages:
            if message.to[0] in self.refuse:
                self.refuse.remove(message.to[0])
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
        stale_after=timedelta(minutes=10),
        db_wait_max=1,
    )


def row(result) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=result.id)


def recipients() -> list[str]:
    return [message.to[0] for message in mail.outbox]


def test_a_mail_server_away_half_way_retries_later_and_sends_each_email_once(clock):
    people = [UserFactory(email=f"buur{i}@example.nl") for i in range(3)]
    FlakyMailServer.refuse = ["buur1@example.nl"]
    result = worker_tasks.write_to.enqueue([p.pk for p in people])

    assert worker().run_next() is True
    first = row(result)
    assert first.status == TaskResultStatus.READY  # back in the queue, not FAILED
    assert first.run_after == START + RETRY_DELAYS[0]
    assert first.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert recipients() == ["buur0@example.nl"]

    assert worker().run_next() is False  # not before its time
    clock.move_to(START + RETRY_DELAYS[0])
    assert worker().run_next() is True

    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert len(done.worker_ids) == 2
    # The first neighbour got their e-mail once; the other two on the second run.
    assert recipients() == ["buur0@example.nl", "buur1@example.nl", "buur2@example.nl"]
    assert TaskStep.objects.count() == 3


def test_a_task_that_keeps_failing_transiently_ends_failed_after_its_last_attempt(clock):
    person = UserFactory(email="buur@example.nl")
    FlakyMailServer.refuse = ["buur@example.nl"] * MAX_ATTEMPTS
    result = worker_tasks.write_to.enqueue([person.pk])

    now = START
    for delay in RETRY_DELAYS:
        assert worker().run_next() is True
        assert row(result).status == TaskResultStatus.READY
        now += delay
        clock.move_to(now)
    assert worker().run_next() is True

    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert len(failed.worker_ids) == MAX_ATTEMPTS
    assert "SMTPServerDisconnected" in failed.traceback
    assert mail.outbox == []


def test_a_bug_fails_at_once_and_is_not_tried_again(clock):
    result = worker_tasks.broken.enqueue()
    assert worker().run_next() is True
    failed = row(result)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "builtins.ValueError"
    clock.move_to(START + timedelta(days=1))
    assert worker().run_next() is False


class RefusingMailServer(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"No such user")})


def test_an_address_the_server_refuses_is_not_tried_again(clock, settings):
    person = UserFactory(email="nobody@example.nl")
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingMailServer"}}
    result = worker_tasks.write_to.enqueue([person.pk])
    worker().run_next()
    assert row(result).status == TaskResultStatus.FAILED


def test_a_task_left_running_by_a_dead_worker_is_picked_up_after_the_timeout(clock):
    result = worker_tasks.echo.enqueue("hallo")
    DBTaskResult.objects.get(pk=result.id).claim("killed-worker")  # then kill -9

    clock.move_to(START + timedelta(minutes=9))
    assert reclaim_stale() == 0
    assert worker().run_next() is False  # still RUNNING: its worker may be busy

    clock.move_to(START + timedelta(minutes=10, seconds=1))
    assert reclaim_stale() == 1
    assert worker().run_next() is True
    done = row(result)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == "hallo"
    assert done.worker_ids == ["killed-worker", "test-worker"]


def test_a_task_whose_workers_keep_dying_ends_failed_and_visible(clock):
    result = worker_tasks.echo.enqueue("hallo")
    now = START
    for attempt in range(MAX_ATTEMPTS):
        DBTaskResult.objects.get(pk=result.id).claim(f"killed-{attempt}")
        now += timedelta(minutes=11)
        clock.move_to(now)
        reclaim_stale()
    abandoned = row(result)
    assert abandoned.status == TaskResultStatus.FAILED
    assert abandoned.exception_class_path == "buurtplein.core.tasks.TaskAbandoned"


def test_a_second_run_of_the_same_task_sends_nothing_twice(clock):
    person = UserFactory(email="buur@example.nl")
    result = worker_tasks.write_to.enqueue([person.pk])
    worker().run_next()
    assert recipients() == ["buur@example.nl"]
    # A run that died after sending, before it was marked done, runs again:
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.READY)
    worker().run_next()
    assert row(result).status == TaskResultStatus.SUCCESSFUL
    assert recipients() == ["buur@example.nl"]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_sees_failed_tasks_and_retries_them(clock, admin_client):
    people = [UserFactory(email=f"buur{i}@example.nl") for i in range(2)]
    FlakyMailServer.refuse = ["buur1@example.nl"] * MAX_ATTEMPTS
    result = worker_tasks.write_to.enqueue([p.pk for p in people])
    DBTaskResult.objects.filter(pk=result.id).update(worker_ids=["w"] * (MAX_ATTEMPTS - 1))
    worker().run_next()  # the last attempt
    assert row(result).status == TaskResultStatus.FAILED
    assert recipients() == ["buur0@example.nl"]

    index = admin_client.get("/admin/").content.decode()
    assert "1 achtergrondtaak is mislukt" in index
    assert "?status__exact=FAILED" in index  # the way to them
    changelist = "/admin/django_tasks_database/dbtaskresult/"
    listed = admin_client.get(changelist, {"status__exact": "FAILED"}).content.decode()
    assert "write_to" in listed
    assert "SMTPServerDisconnected" in listed

    FlakyMailServer.refuse = []  # the mail server is back
    response = admin_client.post(
        changelist, {"action": "retry", "_selected_action": [str(result.id)]}, follow=True
    )
    assert response.status_code == 200
    retried = row(result)
    assert retried.status == TaskResultStatus.READY
    assert retried.worker_ids == []  # a fresh set of attempts

    worker().run_next()
    assert row(result).status == TaskResultStatus.SUCCESSFUL
    # The same task run: the neighbour who had their e-mail does not get it again.
    assert recipients() == ["buur0@example.nl", "buur1@example.nl"]
    assert "?status__exact=FAILED" not in admin_client.get("/admin/").content.decode()


def test_only_a_superuser_may_retry(clock, client):
    result = worker_tasks.broken.enqueue()
    worker().run_next()
    staff = UserFactory(is_staff=True, is_superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    client.force_login(staff)
    assert client.get("/admin/django_tasks_database/dbtaskresult/").status_code == 200
    changelist = "/admin/django_tasks_database/dbtaskresult/"
    client.post(changelist, {"action": "retry", "_selected_action": [str(result.id)]})
    assert row(result).status == TaskResultStatus.FAILED


def test_a_claimed_announcement_still_reaches_everyone_after_the_mail_server_came_back(clock):
    """A task that claims and then sends (``claim_once``): its retry still holds the claim and
    sends the rest; another run of the task sends nothing."""
    from django_scopes import scope

    from buurtplein.clubs import actions, tasks
    from buurtplein.clubs.tests.factories import add_member, make_club
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member

    nb = NeighbourhoodFactory()
    writer = member(nb, email="bestuur@example.nl")
    club = make_club(nb, writer)
    for i in range(3):
        add_member(club, member(nb, email=f"lid{i}@example.nl"))
    with scope(neighbourhood=nb):
        announcement = actions.announcement_create(
            author=writer, club=club, title="Geen repetitie", text="Tot volgende week."
        )
    mail.outbox.clear()
    FlakyMailServer.refuse = ["lid1@example.nl"]
    result = tasks.send_announcement.enqueue(announcement.pk)

    worker().run_next()
    assert row(result).status == TaskResultStatus.READY
    assert recipients() == ["lid0@example.nl"]
    clock.move_to(START + RETRY_DELAYS[0])
    worker().run_next()
    assert row(result).status == TaskResultStatus.SUCCESSFUL
    assert sorted(recipients()) == ["lid0@example.nl", "lid1@example.nl", "lid2@example.nl"]

    other_run = tasks.send_announcement.enqueue(announcement.pk)
    worker().run_next()
    assert row(other_run).return_value == 0
    assert len(mail.outbox) == 3


def test_the_unread_messages_email_is_not_lost_when_the_mail_server_was_away(clock, settings):
    """Messaging claims the e-mail before it sends; a failed send gives the claim back, so
    the retry sends it (once)."""
    from django_scopes import scopes_disabled

    from buurtplein.core.tests.factories import NeighbourhoodFactory, member
    from buurtplein.messaging import tasks
    from buurtplein.messaging.models import Participant
    from buurtplein.messaging.tests.factories import start_conversation

    settings.BUURTPLEIN_MESSAGE_EMAIL_DELAY = 600
    nb = NeighbourhoodFactory()
    alice, bob = member(nb, email="anouk@example.nl"), member(nb, email="bram@example.nl")
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    with scopes_disabled():
        place = Participant.objects.get(conversation=conversation, user=bob)
    now = START + timedelta(seconds=601)
    clock.move_to(now)
    FlakyMailServer.refuse = ["bram@example.nl"]
    result = tasks.email_unread.enqueue(place.pk)

    worker().run_next()
    assert row(result).status == TaskResultStatus.READY
    assert mail.outbox == []
    clock.move_to(now + RETRY_DELAYS[0])
    worker().run_next()
    assert row(result).return_value is True
    assert recipients() == ["bram@example.nl"]


@pytest.fixture
def quiet_worker_logging():
    """``run_worker -v 0`` (the demo's worker), with the loggers' levels put back afterwards."""
    import logging

    names = (run_worker.db_worker.TASKS_LOGGER, run_worker.logger.name)
    levels = {name: logging.getLogger(name).level for name in names}
    run_worker.Command().configure_logging(0)
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_a_quiet_worker_says_nothing_about_tasks_that_work_but_reports_one_that_fails(
    clock, quiet_worker_logging, caplog
):
    worker_tasks.echo.enqueue("hallo")
    assert worker().run_next() is True
    assert caplog.records == []  # the demo's console keeps showing the e-mails, not task noise

    worker_tasks.broken.enqueue()
    assert worker().run_next() is True
    assert any(
        record.levelname in {"WARNING", "ERROR"} and "broken" in record.getMessage()
        for record in caplog.records
    )
