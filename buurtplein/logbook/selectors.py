"""Reads of the logbook: an own entry by id, the own entries of the last days, the choices of
the last entry (the page remembers them), the quick taps, and totals per life domain for a
week or a month — the professional's own or an organisation's. Each is one query, however
many entries there are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from buurtplein.core.life_domains import LifeDomain
from buurtplein.core.permissions import Viewer, can
from buurtplein.logbook.actions import earliest_day
from buurtplein.logbook.models import Entry, How, Kind, hours_text

RECENT_SIZE = 100
QUICK_SIZE = 3
QUICK_DAYS = 30


def _own(viewer: Viewer) -> QuerySet[Entry]:
    return Entry.objects.filter(author_id=viewer.user.pk)


def access_entry(viewer: Viewer, pk) -> Entry:
    """An entry of this neighbourhood the viewer registered and may still correct; Http404 for
    missing and forbidden alike (another professional's, an old one, another neighbourhood's)."""
    try:
        entry = Entry.objects.select_related("organisation").get(pk=int(pk))
    except (Entry.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can(viewer, "logbook.entry.edit", entry):
        raise Http404
    return entry


def recent_entries(viewer: Viewer) -> list[Entry]:
    """The viewer's entries of the days they can still correct, newest first."""
    return list(
        _own(viewer)
        .filter(day__gte=earliest_day())
        .select_related("organisation")
        .order_by("-day", "-created_at", "-pk")[:RECENT_SIZE]
    )


def last_entry(viewer: Viewer) -> Entry | None:
    """The viewer's last registration: the page starts from its choices."""
    return _own(viewer).order_by("-created_at", "-pk").first()


@dataclass(frozen=True)
class Quick:
    """A "+1 contact" tap: one person, today, as a recent contact moment was registered."""

    how: str
    life_domain: str
    organisation_id: int | None
    organisation_name: str

    @property
    def how_label(self):
        return How(self.how).label

    @property
    def domain_label(self):
        return LifeDomain(self.life_domain).label


def quick_taps(viewer: Viewer) -> list[Quick]:
    """The viewer's most recent kinds of contact moment (how, life domain, organisation) of
    the last month, the latest first: the "+1 contact" buttons."""
    since = timezone.localdate() - dt.timedelta(days=QUICK_DAYS)
    rows = (
        _own(viewer)
        .filter(kind=Kind.CONTACT, day__gte=since)
        .values_list("how", "life_domain", "organisation_id", "organisation__name")
        .annotate(last=Max("created_at"))
        .order_by("-last")[:QUICK_SIZE]
    )
    return [Quick(how, domain, org, name or "") for how, domain, org, name, _last in rows]


# --- totals -----------------------------------------------------------------------------------


@dataclass
class Line:
    """The totals of one life domain (or of all: ``domain`` None)."""

    domain: str | None
    label: str = ""
    contacts: int = 0
    people: int = 0
    groups: int = 0
    participants: int = 0
    minutes: int = 0

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)

    @property
    def empty(self) -> bool:
        return not (self.contacts or self.groups or self.minutes)


@dataclass
class Totals:
    start: dt.date
    end: dt.date
    """The last day counted (included)."""
    lines: list[Line] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line(None))

    @property
    def shown(self) -> list[Line]:
        return [line for line in self.lines if not line.empty]


def totals(entries: QuerySet[Entry], start: dt.date, end: dt.date) -> Totals:
    """The totals per life domain of ``entries`` from ``start`` up to ``end`` (both included),
    in one query."""
    rows = (
        entries.filter(day__gte=start, day__lte=end)
        .values_list("life_domain")
        .annotate(
            total_contacts=Count("pk", filter=Q(kind=Kind.CONTACT)),
            total_people=Sum("people", filter=Q(kind=Kind.CONTACT), default=0),
            total_groups=Count("pk", filter=Q(kind=Kind.GROUP)),
            total_participants=Sum("people", filter=Q(kind=Kind.GROUP), default=0),
            total_minutes=Sum("minutes", default=0),
        )
        .order_by()
    )
    found = {row[0]: row[1:] for row in rows}
    result = Totals(start=start, end=end)
    for domain in LifeDomain:
        contacts, people, groups, participants, minutes = found.get(domain.value, (0,) * 5)
        line = Line(domain.value, domain.label, contacts, people, groups, participants, minutes)
        result.lines.append(line)
        for name in ("contacts", "people", "groups", "participants", "minutes"):
            setattr(result.total, name, getattr(result.total, name) + getattr(line, name))
    return result


def week_and_month(entries: QuerySet[Entry], today: dt.date | None = None) -> tuple[Totals, Totals]:
    """This week so far (from Monday) and this month so far."""
    today = today or timezone.localdate()
    week = totals(entries, today - dt.timedelta(days=today.weekday()), today)
    month = totals(entries, today.replace(day=1), today)
    return week, month


def my_overview(viewer: Viewer) -> tuple[Totals, Totals]:
    return week_and_month(_own(viewer))


def organisation_overview(organisation) -> tuple[Totals, Totals]:
    """The organisation's totals here: every professional's entries for it."""
    return week_and_month(Entry.objects.filter(organisation=organisation))
