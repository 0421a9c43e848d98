"""Reads of feedback: complaints by who may see them, the answers an organisation reads, and the
report's block of complaints (figures only)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import can
from buurtplein.feedback.models import (
    DETRACTOR_UP_TO,
    PROMOTER_FROM,
    Answer,
    Complaint,
    ComplaintNote,
)

ANSWERS_PAGE = 30


def _complaints(neighbourhood):
    return Complaint.objects.filter(neighbourhood=neighbourhood).select_related(
        "organisation", "owner", "person"
    )


def access_complaint(viewer, pk: int) -> Complaint:
    """A complaint of this neighbourhood the viewer may see (the person, its owners); 404 for
    missing and forbidden alike."""
    complaint = _complaints(viewer.neighbourhood).filter(pk=pk).first()
    if complaint is None or not can(viewer, "feedback.complaint.view", complaint):
        raise Http404
    return complaint


def access_complaint_by_token(neighbourhood, token: str) -> Complaint:
    """The status page of a person without an account: the token, looked up only in the
    neighbourhood the URL names."""
    complaint = _complaints(neighbourhood).filter(token=token).first()
    if complaint is None or complaint.erased_at is not None:
        raise Http404
    return complaint


def _owned(viewer) -> Q:
    mine = Q(organisation_id__in=staff_org_ids(viewer))
    if viewer.is_admin:
        mine |= Q(organisation_id=None)
    return mine


def complaints_to_handle(viewer) -> list[Complaint]:
    """The open complaints the viewer's organisations (or, for an admin, the platform) must
    handle, the first deadline first, then the last 20 handled."""
    if not viewer.is_member:
        return []
    mine = _complaints(viewer.neighbourhood).filter(_owned(viewer))
    open_ones = list(mine.exclude(state=Complaint.State.CLOSED).order_by("deadline", "pk"))
    handled = list(mine.filter(state=Complaint.State.CLOSED).order_by("-closed_at", "-pk")[:20])
    return open_ones + handled


def my_complaints(viewer) -> list[Complaint]:
    if not viewer.is_authenticated:
        return []
    return list(_complaints(viewer.neighbourhood).filter(person_id=viewer.user.pk))


def complaint_notes(complaint: Complaint) -> list[ComplaintNote]:
    return list(ComplaintNote.objects.filter(complaint=complaint).select_related("author__profile"))


def answer_scopes(viewer) -> list[int | None]:
    """Whose answers the viewer reads: their organisations' ids, and None (the platform's) for
    an admin."""
    scopes: list[int | None] = sorted(staff_org_ids(viewer)) if viewer.is_member else []
    if viewer.is_member and viewer.is_admin:
        scopes.append(None)
    return scopes


def _about(organisation_id):
    return (
        Q(organisation_id=None) if organisation_id is None else Q(organisation_id=organisation_id)
    )


def answers_summary(viewer, organisation_id: int | None) -> dict:
    """All answers about one organisation (or the platform) here: how many, promoters,
    detractors and the Net Promoter Score (one query)."""
    totals = Answer.objects.filter(_about(organisation_id)).aggregate(
        answers=Count("pk"),
        promoters=Count("pk", filter=Q(score__gte=PROMOTER_FROM)),
        detractors=Count("pk", filter=Q(score__lte=DETRACTOR_UP_TO)),
    )
    n = totals["answers"]
    totals["nps"] = round(100 * (totals["promoters"] - totals["detractors"]) / n) if n else None
    return totals


def answers_page(viewer, organisation_id: int | None, after: str | None = None) -> Page:
    """The answers about one organisation (or the platform), newest first; the person's name
    only when they did not answer anonymously."""
    return page(
        Answer.objects.filter(_about(organisation_id)).select_related("person__profile"),
        after,
        size=ANSWERS_PAGE,
    )
