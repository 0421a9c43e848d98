"""Retention (``core.retention``, ``manage.py enforce_retention``): each kind of data is kept
for its period and not a minute longer, on a frozen clock at every shared moment; a dry run
changes nothing; a switched-off component's data is left alone; photo files go with their
rows."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import InviteCode, VerificationLog
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.agenda.models import Activity, Occurrence, Rsvp
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up
from buurtplein.buurthulp.models import HelpRequest
from buurtplein.buurthulp.models import State as HelpState
from buurtplein.buurthulp.tests.factories import HelpMatchFactory, HelpRequestFactory
from buurtplein.core.models import AuditEntry, Membership
from buurtplein.core.retention import all_rules
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.core.tests.photos import assert_gone, assert_served, files_of, upload
from buurtplein.exchange import actions as exchange_actions
from buurtplein.exchange.models import Item
from buurtplein.exchange.models import State as ItemState
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.moderation.models import Report
from buurtplein.volunteering.models import State as VacancyState
from buurtplein.volunteering.models import Vacancy
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


def exists(model, pk) -> bool:
    with scopes_disabled():
        return model.objects.filter(pk=pk).exists()


# Each rule → make one thing whose period counts from ``at`` in ``nb``; returns "is it kept?".
# (Inside scopes_disabled: the set-up writes rows of many neighbourhood-owned models.)


def audit_entry(nb, at):
    row = AuditEntry.objects.create(neighbourhood=nb, action="members.approve", created_at=at)
    return lambda: exists(AuditEntry, row.pk)


def platform_audit_entry(nb, at):
    row = AuditEntry.objects.create(neighbourhood=None, action="platform.x", created_at=at)
    return lambda: exists(AuditEntry, row.pk)


def rejected_request(nb, at):
    user = member(nb, status=Membership.Status.REJECTED)
    row = Membership.objects.get(user=user, neighbourhood=nb)
    Membership.objects.filter(pk=row.pk).update(joined_at=at)
    return lambda: exists(Membership, row.pk)


def verification_details(nb, at):
    user = member(nb)
    invite = InviteCode.objects.create(neighbourhood=nb, note="Javastraat")
    row = VerificationLog.objects.create(
        neighbourhood=nb,
        membership=Membership.objects.get(user=user, neighbourhood=nb),
        method=VerificationLog.Method.APPROVAL,
        actor=member(nb),
        invite=invite,
        created_at=at,
    )

    def kept():
        with scopes_disabled():
            log = VerificationLog.objects.get(pk=row.pk)  # the row itself always stays
        assert (log.actor_id is None) == (log.invite_id is None)
        return log.actor_id is not None

    return kept


def old_invite_code(nb, at):
    row = InviteCode.objects.create(neighbourhood=nb, note="Javastraat 3", expires_at=at)
    return lambda: exists(InviteCode, row.pk)


def ended_item(nb, at):
    row = ItemFactory(
        neighbourhood=nb, state=ItemState.EXPIRED, created_at=at - timedelta(days=30), expires_at=at
    )
    return lambda: exists(Item, row.pk)


def closed_help_request(nb, at):
    row = HelpRequestFactory(neighbourhood=nb, state=HelpState.HELPED, closed_at=at)
    HelpMatchFactory(request=row)
    return lambda: exists(HelpRequest, row.pk)


def past_signup(nb, at):
    activity = ActivityFactory(neighbourhood=nb)
    occurrence = dates_of(activity)[0]
    Occurrence.objects.filter(pk=occurrence.pk).update(
        starts_at=at - timedelta(hours=2), ends_at=at
    )
    row = sign_up(occurrence, member(nb))
    return lambda: exists(Rsvp, row.pk)


def past_activity(nb, at):
    activity = ActivityFactory(neighbourhood=nb)
    Occurrence.objects.filter(activity=activity).update(
        starts_at=at - timedelta(hours=2), ends_at=at
    )
    Activity.objects.filter(pk=activity.pk).update(
        created_at=at - timedelta(days=30), updated_at=at - timedelta(days=30)
    )
    return lambda: exists(Activity, activity.pk)


def ended_vacancy(nb, at):
    row = VacancyFactory(
        neighbourhood=nb,
        state=VacancyState.FILLED,
        created_at=at - timedelta(days=60),
        expires_at=at,
    )
    ResponseFactory(vacancy=row, neighbourhood=nb)
    return lambda: exists(Vacancy, row.pk)


def handled_report(nb, at):
    row = Report.objects.create(
        neighbourhood=nb,
        reporter=member(nb),
        content_type=ContentType.objects.get_for_model(Membership),
        object_id=1,
        reason=Report.Reason.RUDE,
        status=Report.Status.HANDLED,
        created_at=at,
    )
    return lambda: exists(Report, row.pk)


def moderation_decision(nb, at):
    from buurtplein.moderation.models import Decision

    row = Decision.objects.create(
        neighbourhood=nb,
        author=member(nb),
        content_type=ContentType.objects.get_for_model(Membership),
        object_id=1,
        action=Decision.Action.WARN,
        created_at=at,
    )
    return lambda: exists(Decision, row.pk)


def expired_session(nb, at):
    key = f"s{at.timestamp():.0f}"
    Session.objects.create(session_key=key, session_data="x", expire_date=at)
    return lambda: Session.objects.filter(session_key=key).exists()


def task_result(nb, at):
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.create(
        status=TaskResultStatus.SUCCESSFUL,
        finished_at=at,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="buurtplein.core.tasks.send_email",
        backend_name="default",
        run_after=at,
    )
    return lambda: DBTaskResult.objects.filter(pk=row.pk).exists()


def task_step(nb, at):
    from buurtplein.core.models import TaskStep

    row = TaskStep.objects.create(key=f"run-{at.timestamp():.0f}:email:1:x", done_at=at)
    return lambda: TaskStep.objects.filter(pk=row.pk).exists()


def data_export(nb, at):
    """A ready export made at ``at``: kept means its file can still be downloaded."""
    from django.core.files.base import ContentFile

    from buurtplein.accounts.models import DataExport

    row = DataExport.objects.create(
        user=UserFactory(),
        state=DataExport.State.READY,
        created_at=at,
        expires_at=at + timedelta(days=7),
    )
    row.file.save(f"export-{row.pk}.zip", ContentFile(b"PK"), save=True)
    name, storage = row.file.name, row.file.storage

    def kept():
        row.refresh_from_db()
        return row.state == DataExport.State.READY and storage.exists(name)

    return kept


def admin_log_entry(nb, at):
    row = LogEntry.objects.create(
        user=UserFactory(),
        content_type=ContentType.objects.get_for_model(Membership),
        object_id="1",
        object_repr="Anna @ buurt",
        action_flag=ADDITION,
        action_time=at,
    )
    return lambda: LogEntry.objects.filter(pk=row.pk).exists()


def ended_referral(nb, at):
    from buurtplein.core.tests.due import _referral
    from buurtplein.referrals.models import Referral
    from buurtplein.referrals.models import State as ReferralState

    row = _referral(nb, state=ReferralState.DONE, ended_at=at, note="Samen gebeld.")

    def kept():  # its personal details are still there (the row itself always stays)
        with scopes_disabled():
            return Referral.objects.get(pk=row.pk).person_name != ""

    return kept


def unconfirmed_upload(nb, at):
    from buurtplein.socialmap.models import HsdsImport

    row = HsdsImport.objects.create(neighbourhood=nb, filename="kaart.json", created_at=at)

    def kept():
        with scopes_disabled():
            return HsdsImport.objects.filter(pk=row.pk).exists()

    return kept


def _onlinehulp_desk(nb):
    from buurtplein.onlinehulp.tests.desk_world import make_desk

    return make_desk(nb)  # the default period: 30 days


def closed_chat(nb, at):
    from buurtplein.onlinehulp.models import Chat, ChatMessage
    from buurtplein.onlinehulp.tests.factories import new_chat

    chat = new_chat(_onlinehulp_desk(nb), nb, state=Chat.State.CLOSED, closed_at=at)
    ChatMessage.objects.create(neighbourhood=nb, chat=chat, seq=1, author="asker", text="Hoi")

    def kept():  # its messages are still there (the row and its registration always stay)
        with scopes_disabled():
            return ChatMessage.objects.filter(chat=chat).exists()

    return kept


def closed_question(nb, at):
    from buurtplein.onlinehulp.models import Question, QuestionMessage
    from buurtplein.onlinehulp.tests.desk_world import ask

    with scope(neighbourhood=nb):
        question, _token, _code = ask(_onlinehulp_desk(nb), nb, email="sam@example.nl")
        Question.objects.filter(pk=question.pk).update(state=Question.State.CLOSED, closed_at=at)

    def kept():
        with scopes_disabled():
            return QuestionMessage.objects.filter(question=question).exists()

    return kept


MAKE = {
    "audit entries": audit_entry,
    "platform audit entries": platform_audit_entry,
    "rejected requests to join": rejected_request,
    "verification details": verification_details,
    "old invite codes": old_invite_code,
    "ended offers and requests": ended_item,
    "closed help requests": closed_help_request,
    "past sign-ups": past_signup,
    "past activities": past_activity,
    "ended vacancies": ended_vacancy,
    "ended referrals": ended_referral,
    "online help chats": closed_chat,
    "online help questions": closed_question,
    "unconfirmed open-data uploads": unconfirmed_upload,
    "handled reports": handled_report,
    "moderation decisions": moderation_decision,
    "expired log-ins": expired_session,
    "task results": task_result,
    "task steps": task_step,
    "expired data exports": data_export,
    "admin log entries": admin_log_entry,
}


@pytest.fixture
def stored_tasks(settings):
    """Task results are only stored (and pruned) with the database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_every_rule_is_tested_here_and_has_a_unique_key():
    keys = [rule.key for rule in all_rules()]
    assert len(keys) == len(set(keys))
    assert sorted(keys) == sorted(MAKE)


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_just_inside_the_period_stays_and_just_past_it_goes(
    moment, stored_tasks, capsys, django_capture_on_commit_callbacks
):
    with time_machine.travel(moment, tick=False):
        nb = NeighbourhoodFactory(slug="nijmegen-oost", pc4="6522")
        now = timezone.now()
        made = {}
        with scopes_disabled():
            for rule in all_rules():
                cutoff = rule.cutoff(now)
                made[rule.key] = (
                    MAKE[rule.key](nb, cutoff + MINUTE),
                    MAKE[rule.key](nb, cutoff - MINUTE),
                )
        capsys.readouterr()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("enforce_retention")
        out = capsys.readouterr().out

    for key, (inside, past) in made.items():
        assert inside(), f"{key}: removed before its period was over"
        assert not past(), f"{key}: kept after its period"
    assert out.splitlines()[0].startswith("nijmegen-oost: 1 audit entries, ")
    assert "Done: " in out and " in 1 neighbourhood(s)." in out
    assert out.splitlines()[-1].startswith("Platform: 1 expired log-ins, 1 task results, ")


def test_a_dry_run_counts_and_changes_nothing(stored_tasks, capsys):
    nb = NeighbourhoodFactory(slug="nijmegen-oost", pc4="6522")
    now = timezone.now()
    with scopes_disabled():
        kept = [MAKE[rule.key](nb, rule.cutoff(now) - MINUTE) for rule in all_rules()]
    capsys.readouterr()
    call_command("enforce_retention", "--dry-run")
    out = capsys.readouterr().out
    assert all(still() for still in kept)
    assert "Would do: " in out and "1 closed help requests" in out
    assert "Platform, would do: 1 expired log-ins" in out
    call_command("enforce_retention")
    assert not any(still() for still in kept)


def test_a_switched_off_component_keeps_its_data_and_one_neighbourhood_leaves_the_platform(
    capsys,
):
    nb = NeighbourhoodFactory(slug="nijmegen-oost", pc4="6522")
    other = NeighbourhoodFactory(slug="andere-buurt", pc4="3825")
    nb.components = [c for c in nb.components if c != "buurthulp"]
    nb.save()
    long_ago = timezone.now() - timedelta(days=800)
    with scopes_disabled():
        off = closed_help_request(nb, long_ago)
        on = closed_help_request(other, long_ago)
        audit = audit_entry(nb, long_ago)
        session = expired_session(nb, long_ago)
    call_command("enforce_retention", "--neighbourhood", nb.slug)
    assert off() and on() and session()
    assert not audit()  # the platform's own rules hold in every neighbourhood
    call_command("enforce_retention")
    assert off() and not on() and not session()


def test_failed_task_results_stay_longer_for_a_retry(stored_tasks):
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    finished = timezone.now() - timedelta(days=20)
    for status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        DBTaskResult.objects.create(
            status=status,
            finished_at=finished,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="buurtplein.core.tasks.send_email",
            backend_name="default",
            run_after=finished,
        )
    call_command("enforce_retention")
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"]


def test_the_photos_of_an_ended_offer_go_with_it(settings, django_capture_on_commit_callbacks):
    nb = NeighbourhoodFactory(slug="nijmegen-oost", pc4="6522")
    owner = member(nb)
    start = timezone.now() - timedelta(days=300)
    with time_machine.travel(start, tick=False):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            item = exchange_actions.item_create(
                owner=owner,
                neighbourhood=nb,
                direction="offer",
                kind="things",
                category="tools",
                deal="lend",
                title="Boormachine te leen",
                photos=[upload(), upload()],
                alt_text="Blauwe boormachine",
            )
        with scopes_disabled():
            Item.objects.filter(pk=item.pk).update(state=ItemState.EXPIRED)
    names = files_of(item)
    assert_served(names)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("enforce_retention")
    assert not exists(Item, item.pk)
    assert_gone(names)
