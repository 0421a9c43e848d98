"""Online help's figures for the reports (``Component.figures``/``counts``; reporting keeps
them per month in its count tables), each with the share of the organisation of the worker
who had the conversation (``Conversation.organisation``).

Everything about a chat or an e-mail question counts in the month it began (``created_at``):
whether a worker took it and how long the asker waited (minutes, a ratio over the chats
taken), what it led to (the worker's registration; chats and questions together), the
asker's rating (1–5, a ratio over the chats rated), and for a question whether it was
answered, and answered in time (before ``due_at``; a ratio over the questions answered).
A chat's later steps are conditional updates; ``actions._written`` tells the count tables
of each. A transcript deleted by the retention rules leaves the registration, so the month
keeps its figures; nothing here names an asker.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count as CountOf
from django.db.models import DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

OUTCOMES = ("listened", "informed", "pointed", "referred", "appointment", "crisis", "no_contact")
_OUTCOME_LABELS = {
    "listened": _("Online help: listened and supported"),
    "informed": _("Online help: information or advice given"),
    "pointed": _("Online help: pointed to a service"),
    "referred": _("Online help: warm referral"),
    "appointment": _("Online help: appointment made"),
    "crisis": _("Online help: crisis, 112 or 113 involved"),
    "no_contact": _("Online help: no real contact"),
}

FIGURES = (
    Figure("onlinehulp.chats", _("Chats"), "onlinehulp", per_organisation=True),
    Figure(
        "onlinehulp.chats_taken",
        _("Chats answered by a worker"),
        "onlinehulp",
        per_organisation=True,
    ),
    Figure(
        "onlinehulp.wait",
        _("Average wait in the chat"),
        "onlinehulp",
        kind="ratio",
        unit="minutes",
        per_organisation=True,
    ),
    Figure(
        "onlinehulp.rating",
        _("Average rating of the chats (1 to 5)"),
        "onlinehulp",
        kind="ratio",
        unit="score",
        per_organisation=True,
    ),
    Figure("onlinehulp.questions", _("Questions by e-mail"), "onlinehulp", per_organisation=True),
    Figure(
        "onlinehulp.questions_answered",
        _("Questions answered"),
        "onlinehulp",
        per_organisation=True,
    ),
    Figure(
        "onlinehulp.in_time",
        _("Questions answered in time"),
        "onlinehulp",
        kind="ratio",
        scale=100,
        unit="percent",
        per_organisation=True,
    ),
    *(
        Figure(
            f"onlinehulp.outcome_{outcome}",
            _OUTCOME_LABELS[outcome],
            "onlinehulp",
            chart=False,
            per_organisation=True,
        )
        for outcome in OUTCOMES
    ),
)

COUNTED = (Counted("onlinehulp.Chat"), Counted("onlinehulp.Question"))


def counts(neighbourhood, start, end):
    from buurtplein.onlinehulp.models import Chat, Question

    month = Q(neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end)
    # Everything per organisation (None: not taken, or a worker without one); the
    # neighbourhood's figures are the sums of these groups.
    found: dict[int | None, dict] = defaultdict(lambda: defaultdict(int))
    waited = ExpressionWrapper(F("taken_at") - F("created_at"), output_field=DurationField())
    for row in (
        Chat.objects.filter(month)
        .values("organisation")
        .annotate(
            chats=CountOf("pk"),
            taken=CountOf("pk", filter=Q(taken_at__isnull=False)),
            waited=Sum(waited, filter=Q(taken_at__isnull=False)),
            rated=CountOf("pk", filter=Q(rating__isnull=False)),
            rating=Sum("rating"),
        )
        .order_by()
    ):
        share = found[row.pop("organisation")]
        wait = row.pop("waited")
        share["wait_seconds"] += wait.total_seconds() if wait is not None else 0
        for name, amount in row.items():
            share[name] += amount or 0
    for row in (
        Question.objects.filter(month)
        .values("organisation")
        .annotate(
            questions=CountOf("pk"),
            answered=CountOf("pk", filter=Q(answered_at__isnull=False)),
            in_time=CountOf("pk", filter=Q(answered_at__lte=F("due_at"))),
        )
        .order_by()
    ):
        share = found[row.pop("organisation")]
        for name, amount in row.items():
            share[name] += amount
    for model in (Chat, Question):
        for organisation_id, outcome, n in (
            model.objects.filter(month)
            .exclude(outcome="")
            .values_list("organisation", "outcome")
            .annotate(n=CountOf("pk"))
            .order_by()
        ):
            found[organisation_id][f"outcome_{outcome}"] += n

    total: dict[str, float] = defaultdict(int)
    for share in found.values():
        for name, amount in share.items():
            total[name] += amount
    yield from _figures(None, total)
    for organisation_id, share in sorted(found.items(), key=lambda item: item[0] or 0):
        if organisation_id is not None:
            yield from _figures(organisation_id, share)


def _figures(organisation_id, row):
    def count(key, value, n=0):
        return Count(f"onlinehulp.{key}", value, n=n, organisation_id=organisation_id)

    yield count("chats", row["chats"])
    yield count("chats_taken", row["taken"])
    yield count("wait", round(row["wait_seconds"] / 60), n=row["taken"])
    yield count("rating", row["rating"], n=row["rated"])
    yield count("questions", row["questions"])
    yield count("questions_answered", row["answered"])
    yield count("in_time", row["in_time"], n=row["answered"])
    for outcome in OUTCOMES:
        yield count(f"outcome_{outcome}", row[f"outcome_{outcome}"])
