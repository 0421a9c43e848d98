"""Reads of buurthulp. Who may see which request is decided here, in one place.

Visibility of a help request (:func:`visible_requests`):

=====================  =========================================================================
everyone involved      the asker, who posted it for them, the chosen helper, and helpers who
                       were asked and did not decline (suggested, accepted, chosen)
``neighbours``         + every verified member of the neighbourhood (any role)
``matched``            + the neighbourhood's buurtverbinders and admins (they pick up what
                       nobody answers); not other residents, not professionals
``professionals``      + the neighbourhood's professionals; *not* buurtverbinders or admins, and
                       no neighbour is asked (the request goes to professionals only)
=====================  =========================================================================

Unverified people, visitors and members of other neighbourhoods see nothing. Lists run a fixed
number of queries whatever their length.
"""

from __future__ import annotations

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from buurtplein.buurthulp.models import (
    ACTIVE_STATES,
    FollowUpAnswer,
    HelperProfile,
    HelpFollowUp,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    State,
)
from buurtplein.core.models import Membership, Role
from buurtplein.core.permissions import Viewer
from buurtplein.moderation.selectors import without_hidden

SEEING_STATUSES = [MatchStatus.SUGGESTED, MatchStatus.ACCEPTED, MatchStatus.CHOSEN]
LIST_SIZE = 50


def _involved(user_id: int) -> Q:
    asked = HelpMatch.objects.filter(
        request=OuterRef("pk"), helper_id=user_id, status__in=SEEING_STATUSES
    )
    return Q(asker_id=user_id) | Q(created_by_id=user_id) | Q(helper_id=user_id) | Q(Exists(asked))


def visible_requests(viewer: Viewer) -> QuerySet[HelpRequest]:
    """The requests of this neighbourhood that ``viewer`` may see (see the module's table)."""
    if not viewer.is_member:
        return HelpRequest.objects.none()
    shown = _involved(viewer.user.pk) | Q(visibility=RequestVisibility.NEIGHBOURS)
    if viewer.is_connector:
        shown |= Q(visibility=RequestVisibility.MATCHED)
    if viewer.is_professional:
        shown |= Q(visibility=RequestVisibility.PROFESSIONALS)
    return without_hidden(HelpRequest.objects.filter(shown), viewer)


def access_help_request(viewer: Viewer, pk: int) -> HelpRequest:
    """A request the viewer may see; the same 404 for missing and forbidden."""
    found = (
        visible_requests(viewer)
        .filter(pk=pk)
        .select_related(
            "asker",
            "asker__profile",
            "created_by",
            "created_by__profile",
            "helper",
            "helper__profile",
            "picked_up_by",
            "picked_up_by__profile",
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


def access_resident_request(viewer: Viewer, pk: int) -> HelpRequest:
    """A request for a resident without an account whose consent this viewer may withdraw
    (the professional who asked, or a colleague — who may not see the request otherwise);
    the same 404 for missing and forbidden."""
    from buurtplein.buurthulp.actions import may_withdraw_resident_consent

    found = HelpRequest.objects.filter(pk=pk).exclude(resident_name="").first()
    if found is None or not may_withdraw_resident_consent(viewer, found):
        raise Http404
    return found


def access_match(viewer: Viewer, pk: int) -> HelpMatch:
    """A match on a request the viewer may see."""
    match = (
        HelpMatch.objects.filter(pk=pk, request__in=visible_requests(viewer))
        .select_related("request", "request__asker", "helper", "helper__profile")
        .first()
    )
    if match is None:
        raise Http404
    return match


def access_follow_up(viewer: Viewer, request_pk: int) -> HelpFollowUp:
    """The viewer's own "did it work out?" question for a request."""
    if not viewer.is_member:
        raise Http404
    follow_up = (
        HelpFollowUp.objects.filter(request_id=request_pk, person_id=viewer.user.pk)
        .select_related("request")
        .first()
    )
    if follow_up is None:
        raise Http404
    return follow_up


def _active_first(requests: QuerySet[HelpRequest]) -> QuerySet[HelpRequest]:
    return requests.annotate(
        closed_last=Case(
            When(state__in=ACTIVE_STATES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("closed_last", "-created_at", "-id")


def my_requests(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpRequest]:
    """What I asked (or asked for someone), open ones first, with how many said yes."""
    if not viewer.is_member:
        return []
    user_id = viewer.user.pk
    requests = HelpRequest.objects.filter(Q(asker_id=user_id) | Q(created_by_id=user_id))
    return list(
        _active_first(requests)
        .select_related("asker", "asker__profile", "helper", "helper__profile")
        .annotate(yes_count=Count("matches", filter=Q(matches__status=MatchStatus.ACCEPTED)))[:size]
    )


def requests_for_me(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpMatch]:
    """Requests I was asked to help with, or said yes to, that are still going."""
    if not viewer.is_member:
        return []
    return list(
        HelpMatch.objects.filter(
            helper_id=viewer.user.pk,
            status__in=SEEING_STATUSES,
            request__state__in=ACTIVE_STATES,
        )
        .select_related("request", "request__asker", "request__asker__profile")
        .order_by("-created_at", "-id")[:size]
    )


def open_requests(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpRequest]:
    """Requests that still look for help and that I may see, not mine and not asked of me."""
    if not viewer.is_member:
        return []
    user_id = viewer.user.pk
    mine = HelpMatch.objects.filter(request=OuterRef("pk"), helper_id=user_id)
    return list(
        visible_requests(viewer)
        .filter(state__in=[State.OPEN, State.MATCHED])
        .exclude(asker_id=user_id)
        .exclude(created_by_id=user_id)
        .exclude(Exists(mine))
        .select_related("asker", "asker__profile")
        .order_by("-created_at", "-id")[:size]
    )


def _stewarded(viewer: Viewer) -> Q:
    """Requests this viewer looks after as a steward."""
    if viewer.is_professional:
        return Q(visibility=RequestVisibility.PROFESSIONALS)
    if viewer.is_connector:
        return ~Q(visibility=RequestVisibility.PROFESSIONALS)
    return Q(pk__in=[])


def needs_attention(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpRequest]:
    """Open requests nobody said yes to within 48 hours, oldest first."""
    return list(
        HelpRequest.objects.filter(_stewarded(viewer), state=State.OPEN, escalated_at__isnull=False)
        .select_related("asker", "asker__profile", "picked_up_by", "picked_up_by__profile")
        .annotate(asked_count=Count("matches"))
        .order_by("escalated_at", "id")[:size]
    )


def on_behalf_requests(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpRequest]:
    """Requests a buurtverbinder or professional posted for someone (the consent is on the
    request), still going — so they can follow them up."""
    mine = Q(created_by_id=viewer.user.pk) if viewer.is_authenticated else Q(pk__in=[])
    return list(
        HelpRequest.objects.filter(
            _stewarded(viewer) | mine, created_by__isnull=False, state__in=ACTIVE_STATES
        )
        .select_related("asker", "asker__profile", "created_by", "created_by__profile")
        .order_by("-created_at", "-id")[:size]
    )


def resident_requests(viewer: Viewer, *, size: int = LIST_SIZE) -> list[HelpRequest]:
    """Active requests for a resident without an account whose consent this viewer may
    withdraw (the same rule as ``actions.may_withdraw_resident_consent``): their own, a
    colleague's of the same organisation, or — for buurtverbinders — a buurtverbinder's.
    One query."""
    if not viewer.is_member:
        return []
    asked_by = Membership.objects.filter(
        user_id=OuterRef("asker_id"),
        neighbourhood_id=OuterRef("neighbourhood_id"),
        status=Membership.Status.VERIFIED,
    )
    shown = Q(asker_id=viewer.user.pk)
    organisation_id = viewer.membership.organisation_id if viewer.membership else None
    if viewer.is_professional and organisation_id:
        shown |= Q(Exists(asked_by.filter(role=Role.PROFESSIONAL, organisation_id=organisation_id)))
    if viewer.is_connector:
        shown |= Q(Exists(asked_by.filter(role__in=[Role.CONNECTOR, Role.ADMIN])))
    return list(
        HelpRequest.objects.filter(shown, state__in=ACTIVE_STATES)
        .exclude(resident_name="")
        .select_related("asker", "asker__profile")
        .order_by("resident_consent_until", "id")[:size]
    )


def request_matches(viewer: Viewer, help_request: HelpRequest) -> list[HelpMatch]:
    """Who was asked, as this viewer may see it: the asker's side and stewards see everyone
    who said yes (and whom they chose); a helper sees only their own."""
    from buurtplein.buurthulp.actions import is_steward

    matches = HelpMatch.objects.filter(request=help_request).select_related(
        "helper", "helper__profile"
    )
    user_id = viewer.user.pk if viewer.is_authenticated else None
    if user_id in (help_request.asker_id, help_request.created_by_id) or is_steward(
        viewer, help_request
    ):
        return list(matches.order_by("-score", "id"))
    return list(matches.filter(helper_id=user_id))


def match_counts(matches: list[HelpMatch]) -> dict[str, int]:
    counts = {status: 0 for status in MatchStatus.values}
    for match in matches:
        counts[match.status] += 1
    return counts


def my_follow_up(viewer: Viewer, help_request: HelpRequest) -> HelpFollowUp | None:
    if not viewer.is_authenticated:
        return None
    return HelpFollowUp.objects.filter(request=help_request, person_id=viewer.user.pk).first()


def helper_profile(viewer: Viewer) -> HelperProfile | None:
    if not viewer.is_authenticated:
        return None
    return (
        HelperProfile.objects.filter(user_id=viewer.user.pk)
        .prefetch_related("skills", "interests")
        .first()
    )


def professionals_here(*, size: int = 12) -> list[Membership]:
    """The neighbourhood's professionals with their organisations (for sensitive requests)."""
    return list(
        Membership.objects.filter(role=Role.PROFESSIONAL, status=Membership.Status.VERIFIED)
        .select_related("user", "user__profile", "organisation")
        .order_by("user__first_name", "pk")[:size]
    )


SERVICE_SOURCES: list = []
"""Callables ``(help_request) -> list[dict]`` (``name``, ``url``, ``description``) that add
services to :func:`help_elsewhere`: the hook for a sociale kaart (a later component registers
itself here). Empty for now."""


def help_elsewhere(help_request: HelpRequest, *, size: int = 3) -> dict[str, list]:
    """Where else to turn when no neighbour fits: the neighbourhood's professionals (with their
    organisations) and, once something registers in :data:`SERVICE_SOURCES`, its services."""
    return {
        "professionals": professionals_here(size=size),
        "services": [service for source in SERVICE_SOURCES for service in source(help_request)],
    }


def has_professionals() -> bool:
    """Does the neighbourhood have a verified professional (one query)?"""
    return Membership.objects.filter(
        role=Role.PROFESSIONAL, status=Membership.Status.VERIFIED
    ).exists()


def helper_choices(help_request: HelpRequest) -> QuerySet[Membership]:
    """Neighbours a steward may ask for a request: verified members who are active helpers,
    except the asker and who is already asked."""
    helpers = HelperProfile.objects.filter(active=True).values("user_id")
    asked = HelpMatch.objects.filter(request=help_request).values("helper_id")
    return (
        Membership.objects.filter(status=Membership.Status.VERIFIED, user_id__in=helpers)
        .exclude(user_id__in=asked)
        .exclude(user_id__in=[help_request.asker_id, help_request.created_by_id or 0])
        .select_related("user")
        .order_by("user__first_name", "pk")
    )


def askers_for(viewer: Viewer) -> QuerySet[Membership]:
    """Neighbours a buurtverbinder or professional can ask for (verified members)."""
    return (
        Membership.objects.filter(status=Membership.Status.VERIFIED)
        .exclude(user_id=viewer.user.pk)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def _count(queryset) -> Coalesce:
    """``COUNT(*)`` of a queryset of this neighbourhood, as a subquery (0 when empty)."""
    counted = queryset.order_by().values("neighbourhood_id").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(counted), 0)


def home_block(viewer: Viewer, *, size: int = 3) -> dict:
    """For the neighbourhood home: a few requests that look for help, the count of requests
    waiting for my answer and of my own open requests. Two queries for members (the counts
    share one), none for others."""
    if not viewer.is_member:
        return {"is_member": False}
    from buurtplein.core.models import Neighbourhood

    user_id = viewer.user.pk
    waiting = HelpMatch.objects.filter(
        helper_id=user_id,
        status=MatchStatus.SUGGESTED,
        request__state__in=[State.OPEN, State.MATCHED],
    )
    mine = HelpRequest.objects.filter(
        Q(asker_id=user_id) | Q(created_by_id=user_id), state__in=ACTIVE_STATES
    )
    for_me_count, mine_active = (
        Neighbourhood.objects.filter(pk=viewer.neighbourhood.pk)
        .annotate(for_me=_count(waiting), mine=_count(mine))
        .values_list("for_me", "mine")
        .get()
    )
    return {
        "is_member": True,
        "open": open_requests(viewer, size=size),
        "for_me_count": for_me_count,
        "mine_active": mine_active,
    }


def figures(neighbourhood=None) -> dict:
    """Figures for reporting (inside the neighbourhood's scope): requests per state and topic,
    how many were posted for someone, escalated, helpers, and the follow-up answers of askers
    and helpers. Counts only, never who."""
    by_state = dict(HelpRequest.objects.values_list("state").annotate(n=Count("id")).order_by())
    by_topic = dict(HelpRequest.objects.values_list("topic").annotate(n=Count("id")).order_by())
    answers = {
        (is_helper, answer): n
        for is_helper, answer, n in HelpFollowUp.objects.exclude(answer="")
        .values_list("is_helper", "answer")
        .annotate(n=Count("id"))
        .order_by()
    }
    return {
        "requests": sum(by_state.values()),
        "by_state": {state: by_state.get(state, 0) for state in State.values},
        "by_topic": {topic: n for topic, n in by_topic.items()},
        "on_behalf": HelpRequest.objects.filter(created_by__isnull=False).count(),
        "escalated": HelpRequest.objects.filter(escalated_at__isnull=False).count(),
        "helpers_active": HelperProfile.objects.filter(active=True).count(),
        "follow_up": {
            who: {a: answers.get((is_helper, a), 0) for a in FollowUpAnswer.values}
            for who, is_helper in (("askers", False), ("helpers", True))
        },
    }


# --- a contract of buurthulp: handing a sensitive request over as a referral ----------------
# (``buurtplein.referrals.** -> buurtplein.buurthulp.selectors`` in pyproject.toml)


def _is_sensitive(help_request: HelpRequest) -> bool:
    from buurtplein.buurthulp import matching

    return help_request.visibility == RequestVisibility.PROFESSIONALS or bool(
        matching.sensitive_kinds(help_request.topic, f"{help_request.title} {help_request.text}")
    )


def taken_on_sensitive(viewer: Viewer, *, size: int = 20) -> list[HelpRequest]:
    """Sensitive requests (professionals only, or about money, care or safety) that the viewer,
    a professional, took on and is helping with now: what they may hand over to a service of
    the sociale kaart as a referral. With their asker (always a member)."""
    if not (viewer.is_member and viewer.is_professional):
        return []
    found = (
        HelpRequest.objects.filter(helper_id=viewer.user.pk, state=State.IN_PROGRESS)
        .select_related("asker", "asker__profile")
        .order_by("-created_at", "-pk")[: size * 3]
    )
    return [r for r in found if _is_sensitive(r)][:size]


def access_handover(viewer: Viewer, pk) -> HelpRequest:
    """One of :func:`taken_on_sensitive` by id; Http404 for anything else."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if not (viewer.is_member and viewer.is_professional):
        raise Http404
    found = (
        HelpRequest.objects.filter(pk=pk, helper_id=viewer.user.pk, state=State.IN_PROGRESS)
        .select_related("asker", "asker__profile")
        .first()
    )
    if found is None or not _is_sensitive(found):
        raise Http404
    return found
