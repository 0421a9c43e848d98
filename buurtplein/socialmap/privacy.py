"""What the sociale kaart holds about a person (data export, AVG/GDPR article 15), forgetting
them (account deletion), and the figures it contributes to reporting.

A service is an organisation's, not a person's: when a person goes, the services they added or
give stay (without them); their own card, their place among a service's professionals and the
corrections they sent go.

**The figures** (``stats``), per neighbourhood:

* ``socialmap_services`` — services given now;
* ``socialmap_stale`` — of these, "mogelijk verouderd" (nobody confirmed them in time);
* ``socialmap_checked_half_year`` — of these, checked in the last six months;
* ``socialmap_corrections`` — corrections people sent ("dit klopt niet meer");
* ``socialmap_corrections_open`` — of these, not yet handled;
* ``socialmap_professionals`` — professionals with a card.
"""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.socialmap.models import (
    CHECK_EVERY_DAYS,
    HsdsImport,
    Professional,
    Service,
    ServiceFeedback,
    ServicePerson,
    State,
)
from buurtplein.socialmap.selectors import services_changed


def export(user) -> dict:
    with scopes_disabled():
        cards = [
            {
                "neighbourhood": card.neighbourhood.name,
                "organisation": card.organisation.name,
                "job_title": card.job_title,
                "working_area": card.working_area,
                "reachable": card.reachable,
                "phone": card.phone,
            }
            for card in Professional.objects.filter(user=user)
            .select_related("neighbourhood", "organisation")
            .order_by("pk")
        ]
        gives = [
            {"neighbourhood": row.neighbourhood.name, "service": row.service.name}
            for row in ServicePerson.objects.filter(user=user)
            .select_related("neighbourhood", "service")
            .order_by("pk")
        ]
        corrections = [
            {
                "neighbourhood": feedback.neighbourhood.name,
                "service": feedback.service.name,
                "text": feedback.text,
                "created_at": feedback.created_at.isoformat(),
                "handled": feedback.handled_at is not None,
            }
            for feedback in ServiceFeedback.objects.filter(author=user)
            .select_related("neighbourhood", "service")
            .order_by("created_at")
        ]
        added = [
            {
                "neighbourhood": service.neighbourhood.name,
                "service": service.name,
                "created_at": service.created_at.isoformat(),
            }
            for service in Service.objects.filter(created_by=user)
            .select_related("neighbourhood")
            .order_by("created_at")
        ]
    return {
        "your_cards": cards,
        "services_you_give": gives,
        "corrections_you_sent": corrections,
        "services_you_added": added,
    }


def erase(user) -> None:
    with scopes_disabled():
        neighbourhoods = set(
            ServicePerson.objects.filter(user=user).values_list("neighbourhood_id", flat=True)
        ) | set(Professional.objects.filter(user=user).values_list("neighbourhood_id", flat=True))
        Professional.objects.filter(user=user).delete()
        ServicePerson.objects.filter(user=user).delete()
        ServiceFeedback.objects.filter(author=user).delete()
        ServiceFeedback.objects.filter(handled_by=user).update(handled_by=None)
        Service.objects.filter(created_by=user).update(created_by=None)
        HsdsImport.objects.filter(created_by=user).update(created_by=None)
    for neighbourhood_id in neighbourhoods:
        services_changed(neighbourhood_id)


def stats(neighbourhood) -> dict:
    half_year = timezone.now() - timedelta(days=CHECK_EVERY_DAYS)
    with scopes_disabled():
        services = Service.objects.filter(neighbourhood=neighbourhood, state=State.ACTIVE)
        counts = services.aggregate(
            total=Count("pk"),
            stale=Count("pk", filter=~Q(stale_since=None)),
            checked=Count("pk", filter=Q(last_checked_at__gte=half_year)),
        )
        feedback = ServiceFeedback.objects.filter(neighbourhood=neighbourhood).aggregate(
            total=Count("pk"), open=Count("pk", filter=Q(handled_at=None))
        )
        professionals = Professional.objects.filter(neighbourhood=neighbourhood).count()
    return {
        "socialmap_services": counts["total"],
        "socialmap_stale": counts["stale"],
        "socialmap_checked_half_year": counts["checked"],
        "socialmap_corrections": feedback["total"],
        "socialmap_corrections_open": feedback["open"],
        "socialmap_professionals": professionals,
    }
