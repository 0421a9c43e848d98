"""What the logbook holds about a person (data export) and forgetting them (account
deletion: ``actions.erase_person``), and its totals over all time (``stats``)."""

from django.db.models import Count, Sum
from django_scopes import scopes_disabled

from buurtplein.logbook.models import Entry


def export(user) -> dict:
    with scopes_disabled():
        entries = [
            {
                "neighbourhood": e.neighbourhood.name,
                "organisation": e.organisation.name if e.organisation else "",
                "date": e.day.isoformat(),
                "kind": e.kind,
                "how": e.how,
                "life_domain": e.life_domain,
                "people": e.people,
                "minutes": e.minutes,
                "registered_at": e.created_at.isoformat(),
            }
            for e in Entry.objects.filter(author=user)
            .select_related("neighbourhood", "organisation")
            .order_by("day", "pk")
        ]
    return {"registrations": entries}


def stats(neighbourhood) -> dict:
    with scopes_disabled():
        found = Entry.objects.filter(neighbourhood=neighbourhood).aggregate(
            entries=Count("pk"), minutes=Sum("minutes", default=0)
        )
    return {"logbook_entries": found["entries"], "logbook_minutes": found["minutes"]}
