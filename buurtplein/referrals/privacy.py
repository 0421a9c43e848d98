"""What referrals hold about a person (data export), forgetting them (account deletion), and
the figures they contribute to reporting.

**The figures** (``stats``), per neighbourhood, from aggregate queries on the referral rows
(which stay, without personal details, after the retention period):

* ``referrals_total`` and ``referrals_by_route_<route>`` — referrals by route (professional,
  buurtverbinder, buurthulp, referral link);
* ``referrals_answered``, ``referrals_accepted`` and ``referrals_acceptance_pct`` — accepted
  (anything but declined) out of those answered;
* ``referrals_in_contact`` — with contact recorded, and ``referrals_hours_to_contact`` — the
  average hours from sending to first contact;
* ``referrals_done`` and ``referrals_failed`` — how they ended.
"""

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.referrals.models import Coordinator, Referral, Route, State
from buurtplein.referrals.retention import CLEARED


def export(user) -> dict:
    with scopes_disabled():
        about_you = [
            {
                "neighbourhood": r.neighbourhood.name,
                "organisation": r.organisation.name,
                "service": r.service.name if r.service else "",
                "question": r.question,
                "state": r.state,
                "consent_given": r.consent_how,
                "consent_until": r.consent_until.isoformat(),
                "consent_withdrawn_at": (
                    r.consent_withdrawn_at.isoformat() if r.consent_withdrawn_at else None
                ),
                "created_at": r.created_at.isoformat(),
            }
            for r in Referral.objects.filter(person=user)
            .select_related("neighbourhood", "organisation", "service")
            .order_by("created_at")
        ]
        made = [
            {
                "neighbourhood": r.neighbourhood.name,
                "organisation": r.organisation.name,
                "state": r.state,
                "created_at": r.created_at.isoformat(),
            }
            for r in Referral.objects.filter(referrer=user)
            .select_related("neighbourhood", "organisation")
            .order_by("created_at")
        ]
        coordinating = [
            c.organisation.name
            for c in Coordinator.objects.filter(user=user).select_related("organisation")
        ]
    return {
        "referrals_about_you": about_you,
        "referrals_you_made": made,
        "coordinator_of": coordinating,
    }


def erase(user) -> None:
    """Referrals about the person lose every personal detail (the receiving side keeps only
    that there was one); the ones they made lose their name as referrer."""
    with scopes_disabled():
        Referral.objects.filter(person=user).update(**{**CLEARED, "erased_at": timezone.now()})
        Referral.objects.filter(referrer=user).update(referrer=None)
        Coordinator.objects.filter(user=user).delete()


def stats(neighbourhood) -> dict:
    answered = ~Q(answered_at=None)
    with scopes_disabled():
        rows = Referral.objects.filter(neighbourhood=neighbourhood)
        counts = rows.aggregate(
            total=Count("pk"),
            answered=Count("pk", filter=answered),
            accepted=Count("pk", filter=answered & ~Q(state=State.DECLINED)),
            in_contact=Count("pk", filter=~Q(contact_at=None)),
            done=Count("pk", filter=Q(state=State.DONE)),
            failed=Count("pk", filter=Q(state=State.FAILED)),
            **{f"route_{route}": Count("pk", filter=Q(route=route)) for route in Route.values},
        )
        to_contact = (
            rows.exclude(contact_at=None)
            .aggregate(
                wait=Avg(
                    ExpressionWrapper(
                        F("contact_at") - F("created_at"), output_field=DurationField()
                    )
                )
            )
            .get("wait")
        )
    figures = {
        "referrals_total": counts["total"],
        **{f"referrals_by_route_{route}": counts[f"route_{route}"] for route in Route.values},
        "referrals_answered": counts["answered"],
        "referrals_accepted": counts["accepted"],
        "referrals_acceptance_pct": (
            round(100 * counts["accepted"] / counts["answered"]) if counts["answered"] else None
        ),
        "referrals_in_contact": counts["in_contact"],
        "referrals_hours_to_contact": (
            round(to_contact.total_seconds() / 3600, 1) if to_contact is not None else None
        ),
        "referrals_done": counts["done"],
        "referrals_failed": counts["failed"],
    }
    return figures
