"""The sociale kaart's parts of the neighbourhood's search (``Component.search``): services,
found by need through :func:`socialmap.finding.rank` (the one place that knows how services are
searched), and the professionals who give them or whose work fits the words."""

from __future__ import annotations

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer
from buurtplein.core.search import found, words
from buurtplein.moderation.selectors import without_hidden
from buurtplein.socialmap.finding import rank
from buurtplein.socialmap.models import Professional, ServicePerson
from buurtplein.socialmap.selectors import active_services

PEOPLE_OF = 50
"""The professionals of at most this many of the best services are looked at."""


def _query_words(query: str) -> list[str]:
    """Words that say something: a query of only short words finds nothing (``rank`` would
    give every service back for it)."""
    return [word for word in words(query) if len(word) > 2]


def _service_page() -> str:
    """The service's own page once the sociale kaart has one, else its list."""
    try:
        reverse("socialmap:service", kwargs={"nb": "x", "pk": 1})
    except NoReverseMatch:
        return ""
    return "socialmap:service"


def _service_hit(service, page: str) -> SearchHit:
    return SearchHit(
        title=service.name,
        line=" · ".join(part for part in (service.organisation.name, service.summary) if part),
        url_name=page or "socialmap:list",
        url_kwargs={"pk": service.pk} if page else {},
    )


def _ranked(viewer: Viewer, query: str) -> list:
    """The services ``rank`` gives for ``query``, ranked once per request: both parts use it
    (the viewer lives as long as the request, ``core.permissions.viewer_for``)."""
    if not _query_words(query):
        return []
    memo = viewer.__dict__.setdefault("_socialmap_ranked", {})
    if query not in memo:
        memo[query] = rank(without_hidden(active_services(viewer), viewer), query)
    return memo[query]


def find_services(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Services that fit ``query``, best first (``finding.rank``); one ranking, whatever the
    number of services."""
    ranked = _ranked(viewer, query)
    page = _service_page()
    return SearchFound(
        hits=[_service_hit(service, page) for service in ranked[:limit]], total=len(ranked)
    )


def find_professionals(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Professionals (verified members here) who give a service that fits ``query``, or whose
    job title, working area or organisation has every word. The ranking plus one query."""
    found_words = _query_words(query)
    if not found_words:
        return SearchFound(hits=[], total=0)
    service_ids = [service.pk for service in _ranked(viewer, query)[:PEOPLE_OF]]
    text = Q()
    for word in found_words:
        text &= (
            Q(job_title__icontains=word)
            | Q(working_area__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    giving = ServicePerson.objects.filter(service_id__in=service_ids).values("user_id")
    verified = Membership.objects.filter(status=Membership.Status.VERIFIED).values("user_id")
    people = (
        Professional.objects.filter(Q(user_id__in=giving) | text, user_id__in=verified)
        .select_related("user__profile", "organisation")
        .order_by("user__first_name", "pk")
    )
    return found(people, limit, _professional_hit)


def _professional_hit(professional) -> SearchHit:
    return SearchHit(
        title=professional.user.display_name,
        line=" · ".join(
            part for part in (professional.job_title, professional.organisation.name) if part
        ),
        url_name="nb:member",
        url_kwargs={"user_id": professional.user_id},
    )
