"""Volunteering's figures for the reports (``Component.figures``/``counts``; reporting keeps
them per month in its count tables), each with the share of the vacancy's organisation:

* vacancies placed: the vacancy's ``created_at``;
* responses: the neighbours' responses, by ``created_at``;
* accepted: the responses the organisation accepted, by ``accepted_at`` (kept when the
  volunteer withdraws later: the acceptance happened);
* matches: the acceptances that led to volunteering work by the follow-up a month later
  (one side said yes or partly, neither said no, as ``privacy.stats``), counted in the month
  of the acceptance: the answers have dates of their own, but what they tell is whether that
  acceptance worked out (an answer counts that month again).

Counts only, never who. An erased volunteer's responses are no longer counted.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure(
        "volunteering.vacancies",
        _("Volunteer vacancies placed"),
        "volunteering",
        per_organisation=True,
    ),
    Figure(
        "volunteering.responses", _("Responses to vacancies"), "volunteering", per_organisation=True
    ),
    Figure(
        "volunteering.accepted", _("Volunteers accepted"), "volunteering", per_organisation=True
    ),
    Figure(
        "volunteering.matches",
        _("Volunteer matches that worked out"),
        "volunteering",
        per_organisation=True,
    ),
)

COUNTED = (
    Counted("volunteering.Vacancy"),
    # Responding again after withdrawing starts the response anew (its dates move).
    Counted("volunteering.Response", ("created_at", "accepted_at"), dates_change=True),
)


def counts(neighbourhood, start, end):
    from buurtplein.volunteering.models import FollowUpAnswer, Response, Vacancy

    placed = Vacancy.objects.filter(
        neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end
    )
    yield Count("volunteering.vacancies", placed.count())
    for organisation_id, n in (
        placed.values_list("organisation").annotate(n=CountOf("id")).order_by()
    ):
        yield Count("volunteering.vacancies", n, organisation_id=organisation_id)

    led = [FollowUpAnswer.YES, FollowUpAnswer.PARTLY]
    said_no = Q(volunteer_answer=FollowUpAnswer.NO) | Q(organisation_answer=FollowUpAnswer.NO)
    accepted = Q(accepted_at__gte=start, accepted_at__lt=end)
    sums = {
        "responses": CountOf("id", filter=Q(created_at__gte=start, created_at__lt=end)),
        "accepted": CountOf("id", filter=accepted),
        "matches": CountOf(
            "id",
            filter=accepted
            & (Q(volunteer_answer__in=led) | Q(organisation_answer__in=led))
            & ~said_no,
        ),
    }
    responses = Response.objects.filter(
        Q(created_at__gte=start, created_at__lt=end) | accepted, neighbourhood=neighbourhood
    )
    rows = [(None, responses.aggregate(**sums))]
    rows += [
        (row.pop("vacancy__organisation"), row)
        for row in responses.values("vacancy__organisation").annotate(**sums).order_by()
    ]
    for organisation_id, row in rows:
        for name in ("responses", "accepted", "matches"):
            yield Count(f"volunteering.{name}", row[name], organisation_id=organisation_id)
