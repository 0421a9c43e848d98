"""Feedback's figures for the reports (``Component.figures``/``counts``; reporting keeps them per
month in its count tables), every one per organisation too.

* **"Zou je ons aanbevelen?"**: answers, promoters (9–10), passives (7–8), detractors (0–6),
  and the Net Promoter Score as a ratio (promoters − detractors over the answers, × 100), in
  the month of the answer. Answers without an organisation (about the neighbourhood's own
  platform, an online-help chat) count only in the neighbourhood's figures.
* **Complaints**: received (in the month received), acknowledged and acknowledged in time (in
  the month acknowledged), handled, handled in time and each outcome (in the month handled).
  Complaints about the platform count only in the neighbourhood's figures.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count as CountOf
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

OUTCOMES = ("upheld", "partly", "not_upheld", "resolved", "withdrawn")

FIGURES = (
    Figure("feedback.answers", _("Answers to “Would you recommend us?”"), "feedback",
           per_organisation=True),
    Figure("feedback.promoters", _("Promoters (9 or 10)"), "feedback", chart=False,
           per_organisation=True),
    Figure("feedback.passives", _("Passives (7 or 8)"), "feedback", chart=False,
           per_organisation=True),
    Figure("feedback.detractors", _("Detractors (0 to 6)"), "feedback", chart=False,
           per_organisation=True),
    Figure("feedback.nps", _("Net Promoter Score"), "feedback", kind="ratio", scale=100,
           unit="score", per_organisation=True),
    Figure("complaints.received", _("Complaints received"), "complaints", per_organisation=True),
    Figure("complaints.acknowledged", _("Complaints acknowledged"), "complaints", chart=False,
           per_organisation=True),
    Figure("complaints.acknowledged_in_time", _("Acknowledged in time"), "complaints",
           chart=False, per_organisation=True),
    Figure("complaints.handled", _("Complaints handled"), "complaints", per_organisation=True),
    Figure("complaints.handled_in_time", _("Handled in time"), "complaints", chart=False,
           per_organisation=True),
    Figure("complaints.outcome.upheld", _("Outcome: upheld"), "complaints", chart=False,
           per_organisation=True),
    Figure("complaints.outcome.partly", _("Outcome: partly upheld"), "complaints", chart=False,
           per_organisation=True),
    Figure("complaints.outcome.not_upheld", _("Outcome: not upheld"), "complaints",
           chart=False, per_organisation=True),
    Figure("complaints.outcome.resolved", _("Outcome: resolved together"), "complaints",
           chart=False, per_organisation=True),
    Figure("complaints.outcome.withdrawn", _("Outcome: withdrawn"), "complaints", chart=False,
           per_organisation=True),
)  # fmt: skip

COUNTED = (
    Counted("feedback.Answer"),
    Counted("feedback.Complaint", dates=("received_at", "acknowledged_at", "closed_at")),
)


def _grouped(queryset, **aggregates):
    """One query: the aggregates per organisation (None: about the platform)."""
    return list(queryset.values("organisation").annotate(**aggregates).order_by("organisation"))


def _emit(rows, keys):
    """``Count``s of ``keys`` ({figure key: (value field, n field or None)}) for the
    neighbourhood (the sum of every row) and for each organisation."""
    totals = defaultdict(int)
    for row in rows:
        for key, (value, n) in keys.items():
            totals[(key, "v")] += row[value]
            if n:
                totals[(key, "n")] += row[n]
            if row["organisation"] is not None:
                yield Count(key, row[value], row[n] if n else 0, row["organisation"])
    for key, (_value, n) in keys.items():
        yield Count(key, totals[(key, "v")], totals[(key, "n")] if n else 0)


def counts(neighbourhood, start, end):
    from buurtplein.feedback.models import Answer, Complaint

    answers = _grouped(
        Answer.objects.filter(neighbourhood=neighbourhood, created_at__gte=start,
                              created_at__lt=end),
        answers=CountOf("pk"),
        promoters=CountOf("pk", filter=Q(score__gte=9)),
        passives=CountOf("pk", filter=Q(score__in=(7, 8))),
        detractors=CountOf("pk", filter=Q(score__lte=6)),
    )  # fmt: skip
    for row in answers:
        row["nps"] = row["promoters"] - row["detractors"]
    yield from _emit(
        answers,
        {
            "feedback.answers": ("answers", None),
            "feedback.promoters": ("promoters", None),
            "feedback.passives": ("passives", None),
            "feedback.detractors": ("detractors", None),
            "feedback.nps": ("nps", "answers"),
        },
    )
    complaints = Complaint.objects.filter(neighbourhood=neighbourhood)
    yield from _emit(
        _grouped(
            complaints.filter(received_at__gte=start, received_at__lt=end),
            received=CountOf("pk"),
        ),
        {"complaints.received": ("received", None)},
    )
    yield from _emit(
        _grouped(
            complaints.filter(acknowledged_at__gte=start, acknowledged_at__lt=end),
            acknowledged=CountOf("pk"),
            in_time=CountOf("pk", filter=Q(acknowledged_at__lte=F("acknowledge_by"))),
        ),
        {
            "complaints.acknowledged": ("acknowledged", None),
            "complaints.acknowledged_in_time": ("in_time", None),
        },
    )
    yield from _emit(
        _grouped(
            complaints.filter(closed_at__gte=start, closed_at__lt=end),
            handled=CountOf("pk"),
            in_time=CountOf("pk", filter=Q(closed_at__lte=F("deadline"))),
            **{outcome: CountOf("pk", filter=Q(outcome=outcome)) for outcome in OUTCOMES},
        ),
        {
            "complaints.handled": ("handled", None),
            "complaints.handled_in_time": ("in_time", None),
            **{f"complaints.outcome.{outcome}": (outcome, None) for outcome in OUTCOMES},
        },
    )
