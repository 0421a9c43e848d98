"""Reads of referrals. Every list reads a constant number of queries (select_related)."""

from __future__ import annotations

from django.db.models import Case, QuerySet, Value, When
from django.http import Http404

from buurtplein.accounts.models import Organisation
from buurtplein.accounts.selectors import staff_org_ids
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


def inbox_waiting_count(request) -> int:
    """New referrals waiting for an answer, for the navigation (one query)."""
    viewer = viewer_for(request)
    mine = staff_org_ids(viewer)
    if not mine:
        return 0
    return Referral.objects.filter(organisation_id__in=mine, state=State.SENT).count()


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
