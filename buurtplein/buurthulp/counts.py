"""Neighbourhood help's figures for the reports (``Component.figures``/``counts``; reporting
keeps them per month in its count tables). Each figure counts by the date its event got:

* asked: the request's ``created_at``;
* matched: ``matched_at``, set when the first neighbour (or a professional) said yes;
* helped: ``closed_at`` of the requests closed as helped;
* time to first answer: ``matched_at − created_at`` of the requests matched that month, in
  minutes (a ratio: Σ minutes over the requests matched);
* "did it work out?": the follow-up answers by their ``answered_at`` — the share that said
  yes (a ratio: yes over all answers, as a percentage).

Counts only, never who. A request erased with its asker is no longer counted in any month;
a request whose helper was erased keeps the moment it was matched.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure("buurthulp.asked", _("Help requests asked"), "help"),
    Figure("buurthulp.matched", _("Help requests with a helper"), "help"),
    Figure("buurthulp.helped", _("Help requests helped"), "help"),
    Figure(
        "buurthulp.first_answer",
        _("Average time to first answer"),
        "help",
        kind="ratio",
        unit="minutes",
    ),
    Figure(
        "buurthulp.worked_out",
        _("Did it work out? Yes"),
        "help",
        kind="ratio",
        scale=100,
        unit="percent",
    ),
)

COUNTED = (
    Counted("buurthulp.HelpRequest", ("created_at", "matched_at", "closed_at"), dates_change=True),
    # An answer can be changed: its month moves with it.
    Counted("buurthulp.HelpFollowUp", ("answered_at",), dates_change=True),
)


def _within(field, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def counts(neighbourhood, start, end):
    from buurtplein.buurthulp.models import FollowUpAnswer, HelpFollowUp, HelpRequest, State

    requests = HelpRequest.objects.filter(neighbourhood=neighbourhood)
    found = requests.aggregate(
        asked=CountOf("id", filter=_within("created_at", start, end)),
        matched=CountOf("id", filter=_within("matched_at", start, end)),
        helped=CountOf("id", filter=_within("closed_at", start, end) & Q(state=State.HELPED)),
        waited=Sum(
            ExpressionWrapper(F("matched_at") - F("created_at"), output_field=DurationField()),
            filter=_within("matched_at", start, end),
        ),
    )
    yield Count("buurthulp.asked", found["asked"])
    yield Count("buurthulp.matched", found["matched"])
    yield Count("buurthulp.helped", found["helped"])
    waited = found["waited"]
    minutes = round(waited.total_seconds() / 60) if waited is not None else 0
    yield Count("buurthulp.first_answer", minutes, n=found["matched"])
    answers = HelpFollowUp.objects.filter(
        _within("answered_at", start, end), neighbourhood=neighbourhood
    ).exclude(answer="")
    said = answers.aggregate(
        all=CountOf("id"), yes=CountOf("id", filter=Q(answer=FollowUpAnswer.YES))
    )
    yield Count("buurthulp.worked_out", said["yes"], n=said["all"])
