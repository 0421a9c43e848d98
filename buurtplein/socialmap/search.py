"""The sociale kaart's parts of the neighbourhood's search (``Component.search``): services,
found by need through :func:`socialmap.finding.ranking` (the one place that knows how services
are searched), and the professionals who give them or whose work fits the words. The ranking
is read once per request for both parts, as a few columns per service (no model instances)."""

from __future__ import annotations

from django.db.models import Q

from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.search import COUNT_CAP, found, words
from buurtplein.moderation.selectors import without_hidden
from buurtplein.socialmap.finding import Found, has_words, ranking
from buurtplein.socialmap.models import Professional, ServicePerson
from buurtplein.socialmap.selectors import readable_services

PEOPLE_OF = 50
"""The professionals of at most this many of the best services are looked at."""


def _query_words(query: str) -> list[str]:
    """Words that say something: a query of only short words or stop words finds nothing
    (``rank`` would give every service back for it)."""
    if not has_words(query):
        return []
    return [word for word in words(query) if len(word) > 2]


def _service_hit(service: Found) -> SearchHit:
    return SearchHit(
        title=service.name,
        line=" · ".join(part for part in (service.organisation_name, service.summary) if part),
        url_name="socialmap:service",
        url_kwargs={"pk": service.pk},
    )


def _ranked(viewer: Viewer, query: str) -> list[Found]:
    """The services ``finding.ranking`` gives for ``query``, ranked once per request: both
    parts use it (the viewer lives as long as the request, ``core.permissions.viewer_for``)."""
    if not _query_words(query):
        return []
    memo = viewer.__dict__.setdefault("_socialmap_ranked", {})
    if query not in memo:
        services = without_hidden(readable_services(viewer), viewer)
        # One more than the page counts, so that more than a hundred shows as "100+".
        memo[query] = ranking(services, query, candidates=COUNT_CAP + 1) or []
    return memo[query]


def find_services(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Services that fit ``query``, best first (``finding.ranking``): one query, whatever the
    number of services; counted up to ``core.search.COUNT_CAP`` + 1 ("100+")."""
    ranked = _ranked(viewer, query)
    return SearchFound(
        hits=[_service_hit(service) for service in ranked[:limit]], total=len(ranked)
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
    verified = Membership.objects.filter(status=Membership.Status.VERIFIED)
    if not (viewer.is_member or viewer.is_pending):
        # A visitor opens only professionals' profiles (accounts.selectors.profile_open): a
        # club's board member with a card stays a neighbour, not found by outsiders.
        verified = verified.filter(role=Role.PROFESSIONAL)
    verified = verified.values("user_id")
    people = (
        Professional.objects.filter(Q(user_id__in=giving) | text, user_id__in=verified)
        .select_related("user__profile", "organisation")
        .only(
            "job_title",
            "organisation__name",
            "user__first_name",
            "user__last_name",
            "user__email",
            "user__profile__show_full_name",
        )
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
