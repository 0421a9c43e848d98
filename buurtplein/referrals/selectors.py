"""Reads of referrals. Every list reads a constant number of queries (select_related)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Exists, F, OuterRef, QuerySet, Value, When
from django.http import Http404

from buurtplein.accounts.models import Organisation, User
from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.cache import Generation
from buurtplein.core.models import Membership
from buurtplein.core.permissions import Viewer, can, viewer_for
from buurtplein.referrals.models import Coordinator, Referral, ReferralLink, State

LIST_SIZE = 200
RELATED = ("service", "organisation", "person", "person__profile", "referrer", "referrer__profile")


def _referrals() -> QuerySet[Referral]:
    return Referral.objects.select_related(*RELATED)


def access_referral(viewer: Viewer, pk) -> Referral:
    """A referral of this neighbourhood the viewer may see; Http404 for missing and forbidden
    alike (another organisation's, another neighbourhood's)."""
    try:
        referral = _referrals().get(pk=int(pk))
    except (Referral.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can(viewer, "referrals.referral.view", referral):
        raise Http404
    return referral


def sent_referrals(viewer: Viewer) -> list[Referral]:
    """The referrals the viewer made, newest first (the loop back: states only)."""
    return list(_referrals().filter(referrer=viewer.user)[:LIST_SIZE])


def my_referrals(viewer: Viewer) -> list[Referral]:
    """The referrals about the viewer (a member who was referred)."""
    return list(_referrals().filter(person=viewer.user)[:LIST_SIZE])


def inbox(viewer: Viewer, *, state: str = "open") -> list[Referral]:
    """The referrals to the organisations the viewer works for: the open ones (waiting first,
    oldest first) or the ended ones (newest first)."""
    referrals = _referrals().filter(organisation_id__in=staff_org_ids(viewer))
    if state == "ended":
        referrals = referrals.exclude(state__in=[State.SENT, State.ACCEPTED, State.IN_CONTACT])
        return list(referrals.order_by("-created_at", "-pk")[:LIST_SIZE])
    referrals = referrals.filter(state__in=[State.SENT, State.ACCEPTED, State.IN_CONTACT])
    waiting_first = Case(When(state=State.SENT, then=Value(0)), default=Value(1))
    return list(
        referrals.alias(waiting=waiting_first).order_by("waiting", "created_at", "pk")[:LIST_SIZE]
    )


# --- What the navigation needs, without a query on every page --------------------------------

GLANCE = Generation("referrals:glance")
"""The cache generation of every member's :func:`glance` in a neighbourhood: made stale when
who receives referrals there may change (an organisation's staff or neighbourhoods, a service,
a referral link; ``referrals.signals``) and when a referral about a member is made."""
GLANCE_SECONDS = 3600
"""How long a glance is kept at most (a safety net; the generation makes it stale first)."""


@dataclass(frozen=True)
class Glance:
    receiving: tuple[int, ...] = ()
    """The organisations the viewer works for here that receive referrals: they own a service
    here, have a referral link here, or were sent a referral here (a club without any of
    these has no inbox in the navigation)."""
    about_me: bool = False
    """Whether a referral was ever made about the viewer here ("Doorverwijzingen over mij")."""


def _look(viewer: Viewer) -> Glance:
    """The glance from the database (two queries; only when the cache has none)."""
    neighbourhood = viewer.neighbourhood
    service_model = Referral._meta.get_field("service").related_model  # socialmap.Service
    here = {"organisation": OuterRef("pk"), "neighbourhood": neighbourhood}
    receiving = (
        viewer.user.organisations.filter(neighbourhoods=neighbourhood)
        .filter(
            Exists(service_model.objects.filter(**here))
            | Exists(ReferralLink.objects.filter(**here))
            | Exists(Referral.objects.filter(**here))
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    about_me = Referral.objects.filter(neighbourhood=neighbourhood, person=viewer.user).exists()
    return Glance(tuple(receiving), about_me)


def glance(viewer: Viewer) -> Glance:
    """What the navigation shows a member of referrals: the inbox (and for which
    organisations) and "Doorverwijzingen over mij". Kept in the cache per neighbourhood and
    person under :data:`GLANCE`'s generation, so a page reads no query for it (one round trip
    to the cache); kept on the user object for the rest of the request."""
    if not viewer.is_authenticated or viewer.neighbourhood is None:
        return Glance()
    kept = getattr(viewer.user, "_referrals_glance", None)
    if kept is None:
        kept = viewer.user._referrals_glance = {}
    nb = viewer.neighbourhood.pk
    if nb not in kept:
        key = f"referrals:glance:{nb}:{viewer.user.pk}"
        kept[nb] = GLANCE.cached(nb, key, lambda: _look(viewer), GLANCE_SECONDS)
    return kept[nb]


def inbox_waiting_count(request) -> int:
    """New referrals waiting for an answer, for the navigation: one query, only for the staff
    of organisations that receive referrals (the others see no inbox)."""
    receiving = glance(viewer_for(request)).receiving
    if not receiving:
        return 0
    return Referral.objects.filter(organisation_id__in=receiving, state=State.SENT).count()


def access_organisation(viewer: Viewer, pk) -> Organisation:
    """An organisation the viewer works for here; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if pk not in staff_org_ids(viewer):
        raise Http404
    return Organisation.objects.get(pk=pk)


def links_of(organisations) -> list[ReferralLink]:
    return list(
        ReferralLink.objects.filter(organisation__in=organisations).select_related("organisation")
    )


def working_here(people: QuerySet, neighbourhood_id: int) -> QuerySet:
    """``people`` (users) narrowed to those who can open the neighbourhood's referral pages:
    active accounts and verified members here. The one rule for who among an organisation's
    staff gets its referrals, reminders and escalations, and may coordinate here."""
    return people.filter(
        is_active=True,
        memberships__neighbourhood_id=neighbourhood_id,
        memberships__status=Membership.Status.VERIFIED,
    )


def staff_here(organisations, neighbourhood_id: int) -> dict[int, list]:
    """Per organisation (id), its staff who work in this neighbourhood, by first name; one
    query for all of them."""
    by_organisation = {organisation.pk: [] for organisation in organisations}
    people = (
        working_here(User.objects.all(), neighbourhood_id)
        .filter(organisations__in=list(by_organisation))
        .select_related("profile")
        .annotate(organisation_id=F("organisations"))
        .order_by("first_name", "pk")
    )
    for person in people:
        by_organisation[person.organisation_id].append(person)
    return by_organisation


def coordinators_of(organisations) -> list[Coordinator]:
    return list(
        Coordinator.objects.filter(organisation__in=organisations).select_related(
            "user", "user__profile", "organisation"
        )
    )


def access_link(viewer: Viewer, pk) -> ReferralLink:
    try:
        link = ReferralLink.objects.select_related("organisation").get(pk=int(pk))
    except (ReferralLink.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can(viewer, "referrals.links.manage", link):
        raise Http404
    return link


def link_by_token(token: str) -> ReferralLink:
    """The active referral link with this token in the current neighbourhood; Http404 for an
    unknown or revoked one."""
    link = (
        ReferralLink.objects.select_related("organisation")
        .filter(token=token, revoked_at=None)
        .first()
    )
    if link is None:
        raise Http404
    return link
