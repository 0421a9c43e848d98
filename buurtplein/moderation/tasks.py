"""Background work of moderation: e-mails to buurtverbinders, authors and reporters. Each task
may run more than once; e-mails go through ``send_to`` (once per run and recipient) and the
hourly alert is claimed with a conditional update (``actions.alert_claim``)."""

from __future__ import annotations

from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.models import Membership, Role
from buurtplein.core.tasks import claim_once, load, load_neighbourhood, send_to
from buurtplein.moderation import actions
from buurtplein.moderation.models import Decision, Report


@task
def alert_connectors(neighbourhood_id: int) -> int:
    """New reports or objections wait: e-mail each buurtverbinder and admin, at most once an
    hour each. Returns how many were e-mailed."""
    neighbourhood = load_neighbourhood(neighbourhood_id, "moderation")
    if neighbourhood is None:
        return 0
    now = timezone.now()
    sent = 0
    with scope(neighbourhood=neighbourhood):
        from buurtplein.moderation.selectors import open_count

        waiting = open_count(neighbourhood)
        if not waiting:
            return 0
        people = Membership.objects.filter(
            neighbourhood=neighbourhood,
            status=Membership.Status.VERIFIED,
            role__in=[Role.CONNECTOR, Role.ADMIN],
        ).select_related("user")
        for membership in people:
            user = membership.user
            if claim_once(
                f"moderation-alert:{neighbourhood_id}:{user.pk}:{now:%Y%m%d%H}",
                lambda user=user: actions.alert_claim(
                    neighbourhood_id=neighbourhood_id, user=user, now=now
                ),
            ):
                send_to(
                    user,
                    "moderation/email/alert",
                    {"neighbourhood": neighbourhood, "waiting": waiting},
                )
                sent += 1
    return sent


def _decision(decision_id):
    return load(Decision, decision_id, "neighbourhood", "author", "content_type")


def _tell_author(decision_id: int, template: str) -> bool:
    decision = _decision(decision_id)
    if decision is None or decision.author is None:
        return False
    with scope(neighbourhood=decision.neighbourhood):
        send_to(
            decision.author,
            template,
            {"decision": decision, "neighbourhood": decision.neighbourhood},
        )
    return True


@task
def notify_author(decision_id: int) -> bool:
    return _tell_author(decision_id, "moderation/email/decision")


@task
def notify_reporters(decision_id: int) -> int:
    """The outcome in one sentence, to everyone who reported the thing."""
    decision = _decision(decision_id)
    if decision is None:
        return 0
    with scope(neighbourhood=decision.neighbourhood):
        reports = Report.objects.filter(
            Q(decision=decision), reporter__isnull=False
        ).select_related("reporter")
        for report in reports:
            send_to(
                report.reporter,
                "moderation/email/outcome",
                {"decision": decision, "neighbourhood": decision.neighbourhood},
            )
        return len(reports)


@task
def notify_appeal_outcome(decision_id: int) -> bool:
    return _tell_author(decision_id, "moderation/email/appeal_outcome")
