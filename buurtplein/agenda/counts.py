"""The agenda's figures for the reports (``Component.figures``/``counts``; reporting keeps them
per month in its count tables). Each counts by the date its event got:

* new activities: the activity's ``created_at``;
* dates: the activity dates that start that month (``Occurrence.starts_at``), not cancelled
  and not removed by a buurtverbinder;
* sign-ups: the people (party sizes added up) going to those dates — what the organiser
  expects; the platform does not record who came. A sign-up counts in the month of its date
  (``Rsvp.counted_at``).

An organisation's share is what its activities did (``Activity.organisation``). The dates of
an activity are made ahead in bulk (no signal): the month they fall in is counted when the
activity is saved, and by the nightly round once the month has come.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure("agenda.new", _("New activities"), "activities", per_organisation=True),
    Figure("agenda.dates", _("Activity dates"), "activities", per_organisation=True),
    Figure("agenda.signups", _("Sign-ups for activities"), "activities", per_organisation=True),
)

COUNTED = (
    Counted("agenda.Activity"),
    Counted("agenda.Occurrence", ("starts_at",), dates_change=True),
    # ``counted_at``: the start of the sign-up's date (a property).
    Counted("agenda.Rsvp", ("counted_at",)),
)


def _shares(rows, key):
    for organisation_id, n in rows:
        yield Count(key, n or 0, organisation_id=organisation_id)


def counts(neighbourhood, start, end):
    from buurtplein.agenda.models import Activity, Occurrence, Rsvp, RsvpStatus

    new = Activity.objects.filter(
        neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end
    )
    yield Count("agenda.new", new.count())
    yield from _shares(
        new.filter(organisation__isnull=False)
        .values_list("organisation")
        .annotate(n=CountOf("id"))
        .order_by(),
        "agenda.new",
    )
    dates = Occurrence.objects.filter(
        neighbourhood=neighbourhood,
        starts_at__gte=start,
        starts_at__lt=end,
        cancelled=False,
        listed=True,
    )
    yield Count("agenda.dates", dates.count())
    yield from _shares(
        dates.filter(activity__organisation__isnull=False)
        .values_list(F("activity__organisation"))
        .annotate(n=CountOf("id"))
        .order_by(),
        "agenda.dates",
    )
    # A join on the date, not ``occurrence IN (the dates)``: PostgreSQL planned that subquery
    # as a nested loop over every sign-up when its statistics were young (a fresh database).
    going = Rsvp.objects.filter(
        neighbourhood=neighbourhood,
        status=RsvpStatus.GOING,
        occurrence__starts_at__gte=start,
        occurrence__starts_at__lt=end,
        occurrence__cancelled=False,
        occurrence__listed=True,
    )
    yield Count("agenda.signups", going.aggregate(n=Sum("party_size"))["n"] or 0)
    yield from _shares(
        going.filter(activity__organisation__isnull=False)
        .values_list(F("activity__organisation"))
        .annotate(n=Sum("party_size"))
        .order_by(),
        "agenda.signups",
    )
