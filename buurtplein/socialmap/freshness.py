"""Keeping the sociale kaart current: the owner's "klopt dit nog?", "mogelijk verouderd", and
"dit klopt niet meer" (the writes and the reads they need; views in ``freshness_views``, background
work in ``tasks``, the daily round in ``manage.py socialmap_check``).

The life of a service's check, on three fields of :class:`~socialmap.models.Service`:

1. The day of ``last_checked_at`` is ``CHECK_EVERY_DAYS`` or more days ago (in Amsterdam
   dates: every service checked on one day is due on the same day, so the first round of that
   day asks about all of them together) and nobody was asked since (``check_asked_at`` is None):
   the round claims the question (``check_asked_at = now``, one conditional UPDATE per service)
   and plans one e-mail per person (:func:`recipients`: the organisation's staff; without staff
   the buurtverbinders), listing all their services of that round, each with its own signed
   one-click link (:func:`confirm_token`) and, for two or more, one signed link for the whole
   list (:func:`confirm_all_token`).
2. The day of ``check_asked_at`` is ``CONFIRM_WITHIN_DAYS`` or more days ago without a
   confirmation: the round marks the service ``stale_since = now`` ("mogelijk verouderd" for
   visitors) and tells the neighbourhood's buurtverbinders in one e-mail each, listing the
   services of that round.
3. Someone who keeps the service confirms (:func:`service_confirm`): ``last_checked_at = now``,
   ``check_asked_at`` and ``stale_since`` cleared; the next question comes six months later.

Corrections (:class:`~socialmap.models.ServiceFeedback`) come from members, one sentence each,
rate-limited (kind ``"correction"``); the staff get an e-mail and mark them handled.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.accounts.models import Organisation
from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer, rule
from buurtplein.socialmap.models import (
    CHECK_EVERY_DAYS,
    CONFIRM_WITHIN_DAYS,
    MAX_FEEDBACK,
    Service,
    ServiceFeedback,
    State,
)

CONFIRM_SALT = "socialmap.confirm"
CONFIRM_ALL_SALT = "socialmap.confirm-all"
TOKEN_MAX_AGE = timedelta(days=CHECK_EVERY_DAYS)
"""A "klopt dit nog?" link works until the next question could be sent."""

# --- who keeps a service ------------------------------------------------------------------------


def keeps(viewer: Viewer, service: Service | None) -> bool:
    """The staff of the service's organisation (members here), and the buurtverbinders and
    admins of its neighbourhood."""
    if service is None or not viewer.is_member:
        return False
    return viewer.is_connector or service.organisation_id in staff_org_ids(viewer)


@rule("socialmap.service.confirm")
def _confirm(viewer, service):
    # An ended service is kept for its history; confirming or correcting it means nothing.
    return service is not None and service.state == State.ACTIVE and keeps(viewer, service)


@rule("socialmap.correction.create")
def _correct(viewer, service):
    # Without a service: the page's gate (the service itself is looked up as an active one).
    return viewer.is_member and (service is None or service.state == State.ACTIVE)


@rule("socialmap.correction.handle")
def _handle(viewer, feedback):
    return feedback is not None and keeps(viewer, feedback.service)


def user_keeps(user, service: Service) -> bool:
    """:func:`keeps` for someone who is not looking (the person a signed link was sent to)."""
    if user is None or not user.is_active:
        return False
    membership = Membership.objects.filter(
        neighbourhood_id=service.neighbourhood_id,
        user=user,
        status=Membership.Status.VERIFIED,
    ).first()
    if membership is not None and membership.role in (Role.CONNECTOR, Role.ADMIN):
        return True
    return service.organisation.staff.filter(pk=user.pk).exists() and (
        service.organisation.neighbourhoods.filter(pk=service.neighbourhood_id).exists()
    )


# --- reads ------------------------------------------------------------------------------------


def access_service(viewer: Viewer, pk: int) -> Service:
    """An active service of this neighbourhood (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Service.objects.select_related("organisation", "neighbourhood"),
        pk=pk,
        state=State.ACTIVE,
    )


def access_feedback(viewer: Viewer, pk: int) -> ServiceFeedback:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        ServiceFeedback.objects.select_related("service", "service__organisation"), pk=pk
    )


def open_feedback(service: Service) -> list[ServiceFeedback]:
    """The corrections nobody handled yet, newest first."""
    return list(
        ServiceFeedback.objects.filter(service=service, handled_at__isnull=True).order_by(
            "-created_at", "-pk"
        )
    )


def local_day(moment: datetime) -> date:
    """The date of ``moment`` in the neighbourhood's time (Europe/Amsterdam, ``TIME_ZONE``)."""
    return timezone.localdate(moment, timezone.get_default_timezone())


def days_ago_edge(now: datetime, days: int) -> datetime:
    """The first moment (local midnight) of the day ``days - 1`` days before today: a moment
    before it lies on a day ``days`` or more days ago. Counting whole local days makes every
    service checked on one day due on the same day, whatever time the round runs, also on the
    nights the clocks change (midnight is never skipped nor repeated in Amsterdam)."""
    day = local_day(now) - timedelta(days=days - 1)
    return datetime.combine(day, time(0), tzinfo=timezone.get_default_timezone())


def next_check(service: Service) -> date:
    """The day the next "klopt dit nog?" is due."""
    return local_day(service.last_checked_at) + timedelta(days=CHECK_EVERY_DAYS)


# --- the signed link --------------------------------------------------------------------------


def confirm_token(service: Service, user) -> str:
    """The signed, expiring key of a "klopt dit nog?" link for ``user`` (it confirms only this
    service, in their name)."""
    return signing.dumps(
        {"s": service.pk, "n": service.neighbourhood_id, "u": user.pk}, salt=CONFIRM_SALT
    )


def confirm_all_token(services: list[Service], user) -> str:
    """The signed, expiring key of the "alles klopt nog" link of one e-mail: it names the
    services of that e-mail (and only those), their neighbourhood and ``user``. Compressed, so a
    long list stays a usable link."""
    return signing.dumps(
        {"s": sorted(s.pk for s in services), "n": services[0].neighbourhood_id, "u": user.pk},
        salt=CONFIRM_ALL_SALT,
        compress=True,
    )


def read_all_token(token: str) -> dict | None:
    """Like :func:`read_token` for :func:`confirm_all_token`'s links (``s`` is a list of ids)."""
    try:
        data = signing.loads(token, salt=CONFIRM_ALL_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not {"s", "n", "u"} <= data.keys():
        return None
    if not isinstance(data["s"], list) or not all(isinstance(pk, int) for pk in data["s"]):
        return None
    return data


def kept_by(user, neighbourhood_id: int, pks: list[int]) -> list[Service]:
    """The active services of ``pks`` in the neighbourhood that ``user`` keeps (for an "alles
    klopt nog" link: a service the person no longer keeps, or that ended, is left out), by
    name. Three queries, whatever the number."""
    if user is None or not user.is_active:
        return []
    services = list(
        Service.objects.filter(pk__in=pks, neighbourhood_id=neighbourhood_id, state=State.ACTIVE)
        .select_related("organisation", "neighbourhood")
        .order_by("name", "pk")
    )
    if not services:
        return []
    connector = Membership.objects.filter(
        neighbourhood_id=neighbourhood_id,
        user=user,
        status=Membership.Status.VERIFIED,
        role__in=[Role.CONNECTOR, Role.ADMIN],
    ).exists()
    if connector:
        return services
    works_for = set(
        user.organisations.filter(neighbourhoods=neighbourhood_id).values_list("pk", flat=True)
    )
    return [service for service in services if service.organisation_id in works_for]


def read_token(token: str) -> dict | None:
    """The service, neighbourhood and person of a link, or None when it was changed, made for
    something else, or is older than :data:`TOKEN_MAX_AGE`."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(data, dict) or not {"s", "n", "u"} <= data.keys():
        return None
    return data


# --- confirming -------------------------------------------------------------------------------


@transaction.atomic
def service_confirm(*, actor, service: Service, now: datetime | None = None) -> Service:
    """ "Klopt nog": checked now; "mogelijk verouderd" is gone and the next question comes in
    ``CHECK_EVERY_DAYS`` days."""
    now = now or timezone.now()
    Service.objects.filter(pk=service.pk).update(
        last_checked_at=now, check_asked_at=None, stale_since=None
    )
    service.last_checked_at, service.check_asked_at, service.stale_since = now, None, None
    log_action(actor=actor, action="socialmap.service.confirm", target=service)
    return service


# --- the round: ask, then mark as possibly out of date ----------------------------------------


def _due_to_ask(now: datetime) -> dict:
    return {
        "state": State.ACTIVE,
        "check_asked_at__isnull": True,
        "last_checked_at__lt": days_ago_edge(now, CHECK_EVERY_DAYS),
    }


def _due_to_mark(now: datetime) -> dict:
    return {
        "state": State.ACTIVE,
        "stale_since__isnull": True,
        "check_asked_at__isnull": False,
        "check_asked_at__lt": days_ago_edge(now, CONFIRM_WITHIN_DAYS),
    }


def due_to_ask(neighbourhood, *, now: datetime):
    """Active services last checked on a day ``CHECK_EVERY_DAYS`` or more days ago (Amsterdam
    dates), not asked since."""
    return Service.objects.filter(neighbourhood=neighbourhood, **_due_to_ask(now)).order_by("pk")


def due_to_mark(neighbourhood, *, now: datetime):
    """Active services asked on a day ``CONFIRM_WITHIN_DAYS`` or more days ago, unconfirmed."""
    return Service.objects.filter(neighbourhood=neighbourhood, **_due_to_mark(now)).order_by("pk")


def claim_question(service: Service, *, now: datetime | None = None) -> bool:
    """Claim the question for a service that is due (once, even when two rounds look at the
    same time: a conditional UPDATE). Returns whether this call claimed it; the caller plans
    the e-mail."""
    now = now or timezone.now()
    claimed = Service.objects.filter(pk=service.pk, **_due_to_ask(now)).update(check_asked_at=now)
    if claimed:
        service.check_asked_at = now
    return bool(claimed)


def ask_if_due(service: Service, *, now: datetime | None = None) -> bool:
    """Claim the question for one service and plan its e-mails after the commit (one per
    person, as :func:`ask_due` does for a whole round). Returns whether it asked."""
    now = now or timezone.now()
    if not claim_question(service, now=now):
        return False
    _plan_questions(service.neighbourhood_id, [service])
    return True


def ask_due(neighbourhood, *, now: datetime | None = None) -> int:
    """Claim the question for every service that is due in the neighbourhood, then plan **one
    e-mail per person** (``tasks.send_check_requests``) listing all the services they are asked
    about in this round. One transaction: the e-mails are planned when the claims are stored.
    Returns how many services were asked about."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = [
            service
            for service in due_to_ask(neighbourhood, now=now).select_related("organisation")
            if claim_question(service, now=now)
        ]
        if claimed:
            _plan_questions(neighbourhood.pk, claimed)
    return len(claimed)


def _plan_questions(neighbourhood_id: int, services: list[Service]) -> None:
    from buurtplein.socialmap import tasks

    for person, asked in recipients(services).items():
        user_pk, pks = person.pk, [service.pk for service, _to_staff in asked]
        transaction.on_commit(
            lambda u=user_pk, p=pks: tasks.send_check_requests.enqueue(neighbourhood_id, u, p)
        )


def mark_if_unconfirmed(service: Service, *, now: datetime | None = None) -> bool:
    """Claim "mogelijk verouderd" for a service asked too long ago. Returns whether it did."""
    now = now or timezone.now()
    claimed = Service.objects.filter(pk=service.pk, **_due_to_mark(now)).update(stale_since=now)
    if claimed:
        service.stale_since = now
    return bool(claimed)


def check_round(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The round for one neighbourhood: ask the owners of every service that is due (one
    e-mail per person, listing their services), mark every service nobody confirmed in time,
    and tell the buurtverbinders about those (one e-mail each, listing them). Running it again
    on the same day asks and marks nothing (whole days count). Returns the counts for the
    round's report."""
    from buurtplein.socialmap import tasks

    now = now or timezone.now()
    asked = ask_due(neighbourhood, now=now)
    marked = []
    for service in due_to_mark(neighbourhood, now=now):
        if mark_if_unconfirmed(service, now=now):
            marked.append(service.pk)
    if marked:
        nb_pk = neighbourhood.pk
        transaction.on_commit(lambda: tasks.tell_connectors.enqueue(nb_pk, marked))
    return {"asked": asked, "marked as possibly out of date": len(marked)}


def recipients(services: list[Service]) -> dict:
    """Who is asked about which of ``services`` (of one neighbourhood): person → ``[(service,
    to_staff), …]``, people by pk and their services by name. A service's people are the
    active staff of its organisation; when it has none, the neighbourhood's buurtverbinders and
    admins (``to_staff`` False). Two queries, whatever the number of services."""
    if not services:
        return {}
    Staff = Organisation.staff.through
    staff_of = defaultdict(list)
    for row in (
        Staff.objects.filter(
            organisation_id__in={service.organisation_id for service in services},
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ):
        staff_of[row.organisation_id].append(row.user)
    without_staff = [s for s in services if not staff_of.get(s.organisation_id)]
    helpers = connectors(services[0].neighbourhood_id) if without_staff else []
    asked: dict = {}
    by_pk: dict = {}
    for service in sorted(services, key=lambda s: (s.name.casefold(), s.pk)):
        people = staff_of.get(service.organisation_id)
        to_staff = bool(people)
        for person in people or helpers:
            person = by_pk.setdefault(person.pk, person)
            asked.setdefault(person, []).append((service, to_staff))
    return dict(sorted(asked.items(), key=lambda item: item[0].pk))


def check_recipients(service: Service) -> tuple[list, bool]:
    """Who is asked "klopt dit nog?": the organisation's staff (active accounts); when it has
    none, the neighbourhood's buurtverbinders and admins. Returns (people, to_staff)."""
    asked = recipients([service])  # the one rule, for one service
    to_staff = all(listed[0][1] for listed in asked.values())
    return list(asked), to_staff


def connectors(neighbourhood_id: int) -> list:
    return [
        membership.user
        for membership in Membership.objects.filter(
            neighbourhood_id=neighbourhood_id,
            status=Membership.Status.VERIFIED,
            role__in=[Role.CONNECTOR, Role.ADMIN],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]


# --- "dit klopt niet meer" --------------------------------------------------------------------


@transaction.atomic
def feedback_create(*, author, service: Service, text: str) -> ServiceFeedback:
    """One sentence for the owners; they get an e-mail after the commit."""
    from buurtplein.socialmap import tasks

    text = " ".join((text or "").split())
    if not text or len(text) > MAX_FEEDBACK:
        raise ValidationError(
            {
                "text": _(
                    "Say in one sentence (at most %(max)d characters) what is no longer right."
                )
                % {"max": MAX_FEEDBACK}
            }
        )
    ratelimit.check("correction", user=author)
    feedback = ServiceFeedback.objects.create(
        neighbourhood_id=service.neighbourhood_id, service=service, text=text, author=author
    )
    pk = feedback.pk
    transaction.on_commit(lambda: tasks.send_correction.enqueue(pk))
    return feedback


def feedback_handle(*, actor, feedback: ServiceFeedback, now: datetime | None = None) -> bool:
    """Mark a correction as handled (once). Returns whether it was still open."""
    now = now or timezone.now()
    done = ServiceFeedback.objects.filter(pk=feedback.pk, handled_at__isnull=True).update(
        handled_at=now, handled_by=actor
    )
    if done:
        feedback.handled_at, feedback.handled_by = now, actor
        log_action(actor=actor, action="socialmap.correction.handle", target=feedback.service)
    return bool(done)
