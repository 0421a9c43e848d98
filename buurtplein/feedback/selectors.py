"""Reads of feedback: complaints by who may see them, the answers an organisation reads, and the
report's block of complaints (figures only)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, F, Q
from django.http import Http404
from django_scopes import scopes_disabled

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import can
from buurtplein.feedback.models import (
    DETRACTOR_UP_TO,
    PROMOTER_FROM,
    Answer,
    Complaint,
    ComplaintNote,
    Outcome,
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


def _midnight(day):
    """Local midnight at the start of ``day`` (aware)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def report_block(scope, start, end) -> dict:
    """The complaints of the report's period in figures, never names or texts: received,
    acknowledged in time, handled (in time) and by outcome; and what is still open now. Two
    queries."""
    begin, finish = _midnight(start), _midnight(end)
    with scopes_disabled():
        rows = Complaint.objects.filter(neighbourhood_id__in=scope.neighbourhood_ids)
        if scope.organisation_id is not None:
            rows = rows.filter(organisation_id=scope.organisation_id)
        period = rows.aggregate(
            received=Count("pk", filter=Q(received_at__gte=begin, received_at__lt=finish)),
            acknowledged=Count(
                "pk", filter=Q(acknowledged_at__gte=begin, acknowledged_at__lt=finish)
            ),
            acknowledged_in_time=Count(
                "pk",
                filter=Q(
                    acknowledged_at__gte=begin,
                    acknowledged_at__lt=finish,
                    acknowledged_at__lte=F("acknowledge_by"),
                ),
            ),
            handled=Count("pk", filter=Q(closed_at__gte=begin, closed_at__lt=finish)),
            handled_in_time=Count(
                "pk",
                filter=Q(closed_at__gte=begin, closed_at__lt=finish, closed_at__lte=F("deadline")),
            ),
        )
        outcomes = dict(
            rows.filter(closed_at__gte=begin, closed_at__lt=finish)
            .values_list("outcome")
            .annotate(n=Count("pk"))
            .order_by()
        )
    return {
        "period": period,
        "outcome_rows": [
            (outcomes[value], label) for value, label in Outcome.choices if outcomes.get(value)
        ],
    }
