"""The logbook's figures for the reports (``Component.figures``/``counts``; reporting keeps
them per month in its count tables, section ``"registration"``): what the professionals
registered of their own work, in the month of the entry's date — for the neighbourhood and
for each organisation they registered for (work for no organisation counts only in the
neighbourhood's figures).

* contact moments and the people they reached, group activities and who took part, and the
  time registered (minutes, the sum of every entry's time);
* per life domain: the contact moments and the time (a key per domain, no chart of their own:
  the report reads them as one table, "what was it about").

An entry of an erased professional stays (without their name), so the figures do not change.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count as CountOf
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure
from buurtplein.core.life_domains import LifeDomain

SECTION = "registration"

FIGURES = (
    Figure("logbook.contacts", _("Contact moments"), SECTION, per_organisation=True),
    Figure(
        "logbook.people",
        _("People reached in contact moments"),
        SECTION,
        chart=False,
        per_organisation=True,
    ),
    Figure("logbook.groups", _("Group activities"), SECTION, per_organisation=True),
    Figure(
        "logbook.participants",
        _("Participants in group activities"),
        SECTION,
        per_organisation=True,
    ),
    Figure(
        "logbook.minutes",
        _("Time registered"),
        SECTION,
        unit="minutes",
        per_organisation=True,
    ),
    *(
        Figure(
            f"logbook.contacts.{domain.value}",
            format_lazy("{}: {}", _("Contact moments"), domain.label),
            SECTION,
            chart=False,
            per_organisation=True,
        )
        for domain in LifeDomain
    ),
    *(
        Figure(
            f"logbook.minutes.{domain.value}",
            format_lazy("{}: {}", _("Time registered"), domain.label),
            SECTION,
            unit="minutes",
            chart=False,
            per_organisation=True,
        )
        for domain in LifeDomain
    ),
)

COUNTED = (Counted("logbook.Entry", dates=("day",), dates_change=True),)


def counts(neighbourhood, start, end):
    """One query: the month's entries grouped by organisation, kind and life domain."""
    from buurtplein.logbook.models import Entry, Kind

    first = timezone.localtime(start).date()
    after = timezone.localtime(end).date()
    rows = (
        Entry.objects.filter(neighbourhood=neighbourhood, day__gte=first, day__lt=after)
        .values_list("organisation_id", "life_domain")
        .annotate(
            total_contacts=CountOf("pk", filter=Q(kind=Kind.CONTACT)),
            total_people=Sum("people", filter=Q(kind=Kind.CONTACT), default=0),
            total_groups=CountOf("pk", filter=Q(kind=Kind.GROUP)),
            total_participants=Sum("people", filter=Q(kind=Kind.GROUP), default=0),
            total_minutes=Sum("minutes", default=0),
        )
        .order_by()
    )
    # {organisation_id (None: the neighbourhood): {key: value}}
    values: dict[int | None, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for organisation_id, domain, contacts, people, groups, participants, minutes in rows:
        for scope in {None, organisation_id}:
            found = values[scope]
            found["logbook.contacts"] += contacts
            found["logbook.people"] += people
            found["logbook.groups"] += groups
            found["logbook.participants"] += participants
            found["logbook.minutes"] += minutes
            found[f"logbook.contacts.{domain}"] += contacts
            found[f"logbook.minutes.{domain}"] += minutes
    for organisation_id, found in values.items():
        for key, value in found.items():
            if value:
                yield Count(key, value, organisation_id=organisation_id)
