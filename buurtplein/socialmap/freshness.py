"""Keeping the sociale kaart current: the owner's "klopt dit nog?", "mogelijk verouderd", and
"dit klopt niet meer" (the writes and the reads they need; views in ``freshness_views``, background
work in ``tasks``, the daily round in ``manage.py socialmap_check``).

The life of a service's check, on three fields of :class:`~socialmap.models.Service`:

1. ``last_checked_at`` + ``CHECK_EVERY_DAYS`` has passed and nobody was asked since
   (``check_asked_at`` is None): the round claims the question (``check_asked_at = now``, one
   conditional UPDATE) and a task e-mails the organisation's staff a signed one-click link
   (:func:`confirm_token`; without staff the buurtverbinders are asked instead).
2. ``check_asked_at`` + ``CONFIRM_WITHIN_DAYS`` has passed without a confirmation: the round
   marks the service ``stale_since = now`` ("mogelijk verouderd" for visitors) and tells the
   neighbourhood's buurtverbinders in one e-mail each, listing the services of that round.
3. Someone who keeps the service confirms (:func:`service_confirm`): ``last_checked_at = now``,
   ``check_asked_at`` and ``stale_since`` cleared; the next question comes six months later.

Corrections (:class:`~socialmap.models.ServiceFeedback`) come from members, one sentence each,
rate-limited (kind ``"correction"``); the staff get an e-mail and mark them handled.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


def next_check(service: Service) -> datetime:
    return service.last_checked_at + timedelta(days=CHECK_EVERY_DAYS)


# --- the signed link --------------------------------------------------------------------------


def confirm_token(service: Service, user) -> str:
    """The signed, expiring key of a "klopt dit nog?" link for ``user`` (it confirms only this
    service, in their name)."""
    return signing.dumps(
        {"s": service.pk, "n": service.neighbourhood_id, "u": user.pk}, salt=CONFIRM_SALT
    )


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


def due_to_ask(neighbourhood, *, now: datetime):
    return Service.objects.filter(
        neighbourhood=neighbourhood,
        state=State.ACTIVE,
        check_asked_at__isnull=True,
        last_checked_at__lte=now - timedelta(days=CHECK_EVERY_DAYS),
    ).order_by("pk")


def due_to_mark(neighbourhood, *, now: datetime):
    return Service.objects.filter(
        neighbourhood=neighbourhood,
        state=State.ACTIVE,
        stale_since__isnull=True,
        check_asked_at__isnull=False,
        check_asked_at__lte=now - timedelta(days=CONFIRM_WITHIN_DAYS),
    ).order_by("pk")


def ask_if_due(service: Service, *, now: datetime | None = None) -> bool:
    """Claim the question for a service that is due (once, even when two rounds look at the
    same time) and send it after the commit. Returns whether it asked."""
    from buurtplein.socialmap import tasks

    now = now or timezone.now()
    claimed = Service.objects.filter(
        pk=service.pk,
        state=State.ACTIVE,
        check_asked_at__isnull=True,
        last_checked_at__lte=now - timedelta(days=CHECK_EVERY_DAYS),
    ).update(check_asked_at=now)
    if not claimed:
        return False
    service.check_asked_at = now
    pk = service.pk
    transaction.on_commit(lambda: tasks.send_check_request.enqueue(pk))
    return True


def mark_if_unconfirmed(service: Service, *, now: datetime | None = None) -> bool:
    """Claim "mogelijk verouderd" for a service asked too long ago. Returns whether it did."""
    now = now or timezone.now()
    claimed = Service.objects.filter(
        pk=service.pk,
        state=State.ACTIVE,
        stale_since__isnull=True,
        check_asked_at__isnull=False,
        check_asked_at__lte=now - timedelta(days=CONFIRM_WITHIN_DAYS),
    ).update(stale_since=now)
    if claimed:
        service.stale_since = now
    return bool(claimed)


def check_round(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The daily round for one neighbourhood: ask the owners of every service that is due,
    mark every service nobody confirmed in time, and tell the buurtverbinders about those (one
    e-mail each, listing them). Returns the counts for the round's report."""
    from buurtplein.socialmap import tasks

    now = now or timezone.now()
    asked = 0
    for service in due_to_ask(neighbourhood, now=now):
        with transaction.atomic():
            asked += ask_if_due(service, now=now)
    marked = []
    for service in due_to_mark(neighbourhood, now=now):
        if mark_if_unconfirmed(service, now=now):
            marked.append(service.pk)
    if marked:
        nb_pk = neighbourhood.pk
        transaction.on_commit(lambda: tasks.tell_connectors.enqueue(nb_pk, marked))
    return {"asked": asked, "marked as possibly out of date": len(marked)}


def check_recipients(service: Service) -> tuple[list, bool]:
    """Who is asked "klopt dit nog?": the organisation's staff (active accounts); when it has
    none, the neighbourhood's buurtverbinders and admins. Returns (people, to_staff)."""
    staff = list(service.organisation.staff.filter(is_active=True).order_by("pk"))
    if staff:
        return staff, True
    return connectors(service.neighbourhood_id), False


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
