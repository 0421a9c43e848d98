"""The reads of the sociale kaart that the referrals component needs (a declared contract:
``buurtplein.referrals.** -> buurtplein.socialmap.referral_selectors`` in pyproject.toml).

Kept apart from ``selectors`` so that the finding and filters there can change freely; these
few functions only promise: an active service of this neighbourhood, with its organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from buurtplein.socialmap.models import Service, State

MAX_CHOICES = 20


def referable_services(query: str = "") -> QuerySet[Service]:
    """Active services of the current neighbourhood (the caller's scope) whose name or
    organisation's name holds every word of ``query``, by name, with their organisation."""
    services = Service.objects.filter(state=State.ACTIVE).select_related("organisation")
    for word in query.split()[:5]:
        services = services.filter(name__icontains=word) | services.filter(
            organisation__name__icontains=word
        )
    return services.order_by("name", "pk")


def referable_service(pk) -> Service:
    """An active service of the current neighbourhood by id, with its organisation; Http404
    for anything else (a service of another neighbourhood, an ended one, a bad id)."""
    try:
        return Service.objects.select_related("organisation").get(pk=int(pk), state=State.ACTIVE)
    except (Service.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
