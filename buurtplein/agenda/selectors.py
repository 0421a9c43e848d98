"""Reads of the agenda. Calendar views read materialised dates with one indexed query (plus
one for the viewer's own sign-ups); nothing expands a recurrence rule per request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from urllib.parse import urlencode

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Window,
)
from django.db.models.functions import RowNumber, TruncDate
from django.http import Http404
from django.utils import timezone

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.agenda.models import (
    Activity,
    ActivityState,
    FeedToken,
    Occurrence,
    Rsvp,
    RsvpStatus,
    TargetGroup,
    Visibility,
    groups_to_mask,
    local_tz,
)
from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.search import found, matching
from buurtplein.moderation.selectors import without_hidden

HOME_DAYS = 7
HOME_LIMIT = 3
ACTIVITY_DATES = 6
ACTIVITY_DATES_ALL = 60
WEEK_LIMIT = 300
"""At most this many dates on a week page (then: "use the filters"), so a very busy
neighbourhood still gets a page quickly."""
MONTH_CELL = 4
"""A day of the month grid shows this many dates, then "+ nog 5" to that day in the week view
(as calendar programs do): a busy day stays readable, and the page reads at most 31 × 4."""
FEED_PAST_DAYS = 31
"""Feeds keep activities whose last date is at most this long ago."""


# --- filters ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    groups: tuple[str, ...] = ()
    days: tuple[int, ...] = ()
    """ISO weekdays, 1 = Monday."""
    free: bool = False

    @classmethod
    def from_query(cls, query) -> Filters:
        groups = tuple(g for g in TargetGroup.values if g in query.getlist("group"))
        days = tuple(
            day for day in range(1, 8) if str(day) in query.getlist("day")
        )  # anything else is ignored
        return cls(groups=groups, days=days, free=query.get("free") == "1")

    @property
    def day_values(self) -> tuple[str, ...]:
        return tuple(str(day) for day in self.days)

    @property
    def mask(self) -> int:
        return groups_to_mask(self.groups)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        pairs = [("group", group) for group in self.groups]
        pairs += [("day", str(day)) for day in self.days]
        if self.free:
            pairs.append(("free", "1"))
        return pairs

    @property
    def query(self) -> str:
        """The filters as a query string, to keep them when moving between weeks/months."""
        return urlencode(self.pairs)

    @property
    def active(self) -> bool:
        return bool(self.groups or self.days or self.free)

    def apply(self, occurrences: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
        if self.groups:
            occurrences = occurrences.annotate(_groups=F("target_groups").bitand(self.mask)).filter(
                _groups__gt=0
            )
        if self.days:
            occurrences = occurrences.filter(weekday__in=self.days)
        if self.free:
            occurrences = occurrences.filter(is_free=True)
        return occurrences


# --- reading dates ------------------------------------------------------------------------------


def _at(day: date, moment: time = time(0)) -> datetime:
    return datetime.combine(day, moment, tzinfo=local_tz())


def today() -> date:
    return timezone.localdate(timezone=local_tz())


def _readable(viewer: Viewer) -> QuerySet[Occurrence]:
    """Dates of activities that are on the agenda, which the viewer may see."""
    occurrences = Occurrence.objects.filter(listed=True)
    if not can(viewer, "agenda.members_activities.view"):
        occurrences = occurrences.filter(public=True)
    return without_hidden(occurrences, viewer, via="activity")


def _with_related(occurrences: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    return occurrences.select_related(
        "activity", "activity__organisation", "activity__organiser__profile"
    )


def _for_the_grid(occurrences: QuerySet[Occurrence]) -> QuerySet[Occurrence]:
    """Only what a cell of the month grid shows (time, title, cancelled, full): a month has
    hundreds of dates, and the organiser's profile and the texts would be read for each."""
    return occurrences.select_related("activity").only(
        "neighbourhood_id",
        "activity_id",
        "starts_at",
        "cancelled",
        "going_count",
        "activity__title",
        "activity__capacity",
        "activity__state",
    )


def attach_my_rsvps(viewer: Viewer, occurrences: list[Occurrence]) -> list[Occurrence]:
    """Set ``my_rsvp`` (with ``position`` on the waiting list) on each date: one query."""
    mine = {}
    if viewer.is_authenticated and occurrences:
        earlier = Rsvp.objects.filter(
            occurrence=OuterRef("occurrence"),
            status=RsvpStatus.WAITING,
            status_at__lte=OuterRef("status_at"),
        )
        rows = Rsvp.objects.filter(
            person=viewer.user, occurrence_id__in=[o.pk for o in occurrences]
        ).annotate(
            position=Subquery(
                earlier.order_by().values("occurrence").annotate(n=Count("pk")).values("n")[:1]
            )
        )
        mine = {rsvp.occurrence_id: rsvp for rsvp in rows}
    for occurrence in occurrences:
        occurrence.my_rsvp = mine.get(occurrence.pk)
    return occurrences


@dataclass
class Day:
    day: date
    occurrences: list = field(default_factory=list)
    is_today: bool = False
    in_month: bool = True
    total: int = 0
    """How many dates the day has (the month grid reads only the first ``MONTH_CELL``)."""

    @property
    def iso(self) -> str:
        return self.day.isoformat()

    @property
    def more(self) -> int:
        """How many dates the month grid's cell leaves to the week view."""
        return max(0, self.total - len(self.occurrences))

    @property
    def week_param(self) -> str:
        return week_param(self.day)


@dataclass
class Week:
    """Seven days of the agenda: a calendar week (Monday to Sunday), or, on the agenda's
    landing page, the coming seven days from today (``rolling``), so that on a Sunday evening
    "this week" is not a week that is over but the days ahead, as on the home block."""

    first: date
    days: list[Day]
    truncated: bool = False
    rolling: bool = False

    @property
    def last(self) -> date:
        return self.first + timedelta(days=6)

    @property
    def param(self) -> str:
        """The ``week`` to ask for this page again ("" for the coming seven days)."""
        return "" if self.rolling else week_param(self.first)

    @property
    def number(self) -> int:
        return self.first.isocalendar()[1]

    @property
    def previous(self) -> str:
        """The calendar week before: from the coming seven days, the week of yesterday."""
        return week_param(self.first - timedelta(days=1 if self.rolling else 7))

    @property
    def next(self) -> str:
        return week_param(self.first + timedelta(days=7))

    @property
    def is_current(self) -> bool:
        return self.first <= today() <= self.last

    @property
    def count(self) -> int:
        return sum(len(day.occurrences) for day in self.days)


def week_param(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(value: str | None) -> date | None:
    """The Monday of ``2026-W49``; None for anything else (the coming seven days)."""
    try:
        year, week = (value or "").upper().split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
        if 2000 <= monday.year <= 2100:
            return monday
    except ValueError:
        pass
    return None


def parse_month(value: str | None) -> date:
    """The first day of ``2026-12``; this month's for anything else."""
    try:
        year, month = (value or "").split("-")
        first = date(int(year), int(month), 1)
        if 2000 <= first.year <= 2100:
            return first
    except ValueError:
        pass
    return today().replace(day=1)


def _between(
    viewer: Viewer, start: date, end: date, filters: Filters, *, limit: int
) -> tuple[list[Occurrence], bool]:
    """Dates starting on days ``start`` ≤ day < ``end`` (local), in order, at most ``limit``
    (and whether there were more): one query on the index (neighbourhood, listed,
    starts_at), plus one for the viewer's sign-ups."""
    occurrences = filters.apply(
        _readable(viewer).filter(starts_at__gte=_at(start), starts_at__lt=_at(end))
    )
    rows = list(_with_related(occurrences).order_by("starts_at", "pk")[: limit + 1])
    return attach_my_rsvps(viewer, rows[:limit]), len(rows) > limit


def _days(start: date, end: date, occurrences, *, month: int | None = None) -> list[Day]:
    by_day: dict[date, list] = {}
    for occurrence in occurrences:
        by_day.setdefault(timezone.localtime(occurrence.starts_at, local_tz()).date(), []).append(
            occurrence
        )
    now = today()
    days = []
    day = start
    while day < end:
        days.append(
            Day(
                day,
                by_day.get(day, []),
                is_today=day == now,
                in_month=month is None or day.month == month,
            )
        )
        day += timedelta(days=1)
    return days


def week(viewer: Viewer, monday: date | None, filters: Filters) -> Week:
    """The calendar week from ``monday``; for None the coming seven days from today."""
    first = monday or today()
    after = first + timedelta(days=7)
    occurrences, truncated = _between(viewer, first, after, filters, limit=WEEK_LIMIT)
    return Week(first, _days(first, after, occurrences), truncated, rolling=monday is None)


@dataclass
class Month:
    """A month of the grid. Its dates are read when ``weeks`` is first used, so a page whose
    grid comes from the cache asks the database nothing."""

    first: date
    read: Callable[[], list[list[Day]]] = field(repr=False)

    @cached_property
    def weeks(self) -> list[list[Day]]:
        return self.read()

    @property
    def param(self) -> str:
        return f"{self.first.year}-{self.first.month:02d}"

    @property
    def previous(self) -> str:
        last = self.first - timedelta(days=1)
        return f"{last.year}-{last.month:02d}"

    @property
    def next(self) -> str:
        after = (self.first + timedelta(days=32)).replace(day=1)
        return f"{after.year}-{after.month:02d}"

    @property
    def days(self) -> list[Day]:
        return [day for week in self.weeks for day in week if day.in_month]

    @property
    def count(self) -> int:
        return sum(day.total for day in self.days)

    @property
    def is_current(self) -> bool:
        now = today()
        return (now.year, now.month) == (self.first.year, self.first.month)


def month(viewer: Viewer, first: date, filters: Filters) -> Month:
    """A month as weeks of days (Monday first) for the grid; only the month's own days have
    dates read, and only when the grid is shown."""
    return Month(first, lambda: _month_weeks(viewer, first, filters))


def _month_weeks(viewer: Viewer, first: date, filters: Filters) -> list[list[Day]]:
    after = (first + timedelta(days=32)).replace(day=1)
    occurrences = filters.apply(
        _readable(viewer).filter(starts_at__gte=_at(first), starts_at__lt=_at(after))
    )
    # The first MONTH_CELL dates of each (local) day and how many the day has: one query.
    local_day = TruncDate("starts_at", tzinfo=local_tz())
    occurrences = occurrences.annotate(
        day_rank=Window(RowNumber(), partition_by=[local_day], order_by=["starts_at", "pk"]),
        day_total=Window(Count("pk"), partition_by=[local_day]),
    ).filter(day_rank__lte=MONTH_CELL)
    rows = attach_my_rsvps(viewer, list(_for_the_grid(occurrences).order_by("starts_at", "pk")))
    grid_start = first - timedelta(days=first.weekday())
    grid_end = after + timedelta(days=(7 - after.weekday()) % 7)
    days = _days(grid_start, grid_end, rows, month=first.month)
    for day in days:
        day.total = day.occurrences[0].day_total if day.occurrences else 0
    return [days[i : i + 7] for i in range(0, len(days), 7)]


# --- the home block -----------------------------------------------------------------------------


CHANGES = Generation("agenda:home")
"""Its token changes whenever an activity of the neighbourhood changes."""
home_version = CHANGES.token
home_changed = CHANGES.changed


def home_occurrences(viewer: Viewer) -> list[Occurrence]:
    """The next few dates of the coming seven days that go ahead (one query)."""
    now = timezone.now()
    occurrences = _readable(viewer).filter(
        starts_at__gte=now,
        starts_at__lt=_at(today() + timedelta(days=HOME_DAYS)),
        cancelled=False,
        activity__state=ActivityState.ACTIVE,
    )
    return list(_with_related(occurrences).order_by("starts_at", "pk")[:HOME_LIMIT])


# --- for other components (the contract) --------------------------------------------------------


def upcoming_for_organisation(viewer: Viewer, organisation, *, limit: int = 5) -> list:
    """The next dates of activities organised by ``organisation`` that the viewer may see,
    with the viewer's own sign-up on each (two queries, whatever the number)."""
    occurrences = _readable(viewer).filter(
        activity__organisation=organisation, starts_at__gte=timezone.now()
    )
    rows = list(_with_related(occurrences).order_by("starts_at", "pk")[:limit])
    return attach_my_rsvps(viewer, rows)


# --- one activity -------------------------------------------------------------------------------


def _activities(viewer: Viewer) -> QuerySet[Activity]:
    activities = Activity.objects.exclude(state=ActivityState.REMOVED)
    if not can(viewer, "agenda.members_activities.view"):
        activities = activities.filter(visibility=Visibility.PUBLIC)
    return (
        without_hidden(activities, viewer)
        .select_related("organisation", "organiser__profile")
        .prefetch_related("photos")
    )


def _activity_hit(activity: Activity) -> SearchHit:
    line = " · ".join(part for part in (activity.by_name, activity.location) if part)
    return SearchHit(
        title=activity.title,
        line=line,
        url_name="agenda:activity",
        url_kwargs={"pk": activity.pk},
        date=activity.next_start,
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Activities the viewer may see that fit ``query`` and still have a date to come, each
    with its next date (for the neighbourhood's search): one query."""
    coming = Occurrence.objects.filter(
        activity=OuterRef("pk"), ends_at__gte=timezone.now(), cancelled=False, listed=True
    ).order_by("starts_at")
    activities = (
        _activities(viewer)
        .prefetch_related(None)
        .filter(state=ActivityState.ACTIVE)
        .annotate(next_start=Subquery(coming.values("starts_at")[:1]))
        .filter(next_start__isnull=False)
        .only(
            "title",
            "place_name",
            "address",
            "organisation__name",
            "organiser__first_name",
            "organiser__last_name",
            "organiser__email",
            "organiser__profile__show_full_name",
        )
    )
    return found(matching(activities, query), limit, _activity_hit)


def find_activity(pk: int, viewer: Viewer | None = None) -> Activity:
    """An activity of this neighbourhood that was not removed, whoever looks (404 otherwise).
    Only for the activity page, which shows outsiders a neutral preview of a members-only
    activity."""
    activities = Activity.objects.exclude(state=ActivityState.REMOVED)
    if viewer is not None:
        activities = without_hidden(activities, viewer)
    activity = (
        activities.select_related("organisation").prefetch_related("photos").filter(pk=pk).first()
    )
    if activity is None:
        raise Http404
    return activity


def access_activity(viewer: Viewer, pk: int) -> Activity:
    """An activity the viewer may read; the same 404 for missing and forbidden."""
    activity = _activities(viewer).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


def access_occurrence(viewer: Viewer, pk: int) -> Occurrence:
    """A date of an activity the viewer may read; the same 404 for missing and forbidden."""
    occurrence = _with_related(_readable(viewer).filter(pk=pk)).first()
    if occurrence is None:
        raise Http404
    return occurrence


def activity_dates(viewer: Viewer, activity: Activity, *, everything: bool = False) -> list:
    """The coming dates of the activity (from the start of today), with the viewer's sign-up
    on each: two queries."""
    occurrences = Occurrence.objects.filter(
        activity=activity, ends_at__gte=timezone.now()
    ).order_by("starts_at", "pk")
    rows = list(occurrences[: ACTIVITY_DATES_ALL if everything else ACTIVITY_DATES + 1])
    for occurrence in rows:
        occurrence.activity = activity
    return attach_my_rsvps(viewer, rows)


def people_signed_up(activity: Activity) -> int:
    """How many people (parties added up) are signed up for a coming date."""
    totals = Occurrence.objects.filter(
        activity=activity, starts_at__gt=timezone.now(), cancelled=False
    ).aggregate(going=Sum("going_count"), waiting=Sum("waiting_count"))
    return (totals["going"] or 0) + (totals["waiting"] or 0)


def activity_for_ical(viewer: Viewer, pk: int) -> Activity:
    """An activity the viewer may read, with its cancelled and moved dates (two queries)."""
    activity = _activities(viewer).filter(pk=pk).prefetch_related(_exceptions()).first()
    if activity is None:
        raise Http404
    return activity


def next_date(activity: Activity) -> Occurrence | None:
    return (
        Occurrence.objects.filter(activity=activity, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )


@dataclass
class Attendees:
    going: list
    waiting: list

    @property
    def going_people(self) -> int:
        return sum(rsvp.party_size for rsvp in self.going)

    @property
    def waiting_people(self) -> int:
        return sum(rsvp.party_size for rsvp in self.waiting)


def attendees(occurrence: Occurrence) -> Attendees:
    """Who comes (in the order they signed up) and who waits (in waiting-list order): one
    query."""
    rows = list(
        Rsvp.objects.filter(occurrence=occurrence)
        .select_related("person__profile")
        .order_by("status_at", "pk")
    )
    going = sorted(
        (rsvp for rsvp in rows if rsvp.status == RsvpStatus.GOING),
        key=lambda rsvp: rsvp.person.display_name.lower(),
    )
    return Attendees(going, [rsvp for rsvp in rows if rsvp.status == RsvpStatus.WAITING])


# --- my activities ------------------------------------------------------------------------------


def my_rsvps(viewer: Viewer, *, limit: int = 100) -> list[Rsvp]:
    """What the viewer signed up for, from today on, soonest first (one query)."""
    rows = (
        Rsvp.objects.filter(
            person=viewer.user,
            occurrence__ends_at__gte=timezone.now(),
            occurrence__listed=True,
        )
        .select_related(
            "occurrence",
            "occurrence__activity",
            "occurrence__activity__organisation",
            "occurrence__activity__organiser__profile",
        )
        .order_by("occurrence__starts_at", "pk")
    )
    return list(rows[:limit])


def managed_activities(viewer: Viewer) -> QuerySet[Activity]:
    """Activities the viewer organises, themselves or for one of their organisations."""
    return Activity.objects.filter(
        Q(organiser=viewer.user) | Q(organisation_id__in=staff_org_ids(viewer))
    ).exclude(state=ActivityState.REMOVED)


def my_organised(viewer: Viewer, *, limit: int = 100) -> list[Activity]:
    """The activities the viewer manages, with their next date (one query), soonest first;
    those without a coming date last."""
    upcoming = Occurrence.objects.filter(
        activity=OuterRef("pk"), ends_at__gte=timezone.now()
    ).order_by("starts_at", "pk")
    rows = (
        managed_activities(viewer)
        .select_related("organisation")
        .annotate(
            next_start=Subquery(upcoming.values("starts_at")[:1]),
            next_pk=Subquery(upcoming.values("pk")[:1]),
            next_going=Subquery(upcoming.values("going_count")[:1]),
            next_waiting=Subquery(upcoming.values("waiting_count")[:1]),
        )
        .order_by(F("next_start").asc(nulls_last=True), "-created_at")
    )
    return list(rows[:limit])


def feed_token(viewer: Viewer) -> FeedToken | None:
    return FeedToken.objects.filter(user=viewer.user).first()


def feed_owner(token: str):
    """The person whose feed link this is, still a verified member of this neighbourhood (the
    same 404 for an unknown, renewed or no longer valid link)."""
    from buurtplein.core.models import Membership

    found = FeedToken.objects.filter(token=token).select_related("user").first()
    if found is None:
        raise Http404
    membership = Membership.objects.filter(
        user=found.user, status=Membership.Status.VERIFIED
    ).first()
    if membership is None:
        raise Http404
    return found.user, membership


# --- calendar feeds -----------------------------------------------------------------------------


def _exceptions():
    """The dates a feed must say something about besides the rule: cancelled and moved ones
    (for a one-off activity: its one date, when cancelled or moved)."""
    return Prefetch(
        "occurrences",
        queryset=Occurrence.objects.filter(Q(cancelled=True) | Q(moved=True)).order_by(
            "original_start"
        ),
        to_attr="exceptions",
    )


def _in_window(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    recent = Occurrence.objects.filter(
        activity=OuterRef("pk"),
        starts_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS),
    )
    return (
        activities.filter(Exists(recent))
        .select_related("organisation", "organiser__profile")
        .prefetch_related(_exceptions())
        .order_by("start_date", "pk")
    )


def feed_activities(*, organisation=None) -> list[Activity]:
    """Activities for a public feed: open to everyone, on the agenda (a cancelled series stays
    a while, as cancelled), with a date in the last month or later. Two queries."""
    activities = Activity.objects.filter(visibility=Visibility.PUBLIC).exclude(
        state=ActivityState.REMOVED
    )
    if organisation is not None:
        activities = activities.filter(organisation=organisation)
    return list(_in_window(activities))


@dataclass
class PersonalFeed:
    activities: list
    """Series the person organises (or their organisation does)."""
    rsvps: list
    """Dates they signed up for, of activities they do not organise."""


def personal_feed(viewer: Viewer) -> PersonalFeed:
    """What a person's own calendar should show: what they organise, whole, and each date
    they signed up for (members-only activities included: the link is theirs). Three
    queries."""
    managed = list(_in_window(managed_activities(viewer)))
    managed_ids = {activity.pk for activity in managed}
    rsvps = [
        rsvp
        for rsvp in Rsvp.objects.filter(
            person=viewer.user,
            occurrence__listed=True,
            occurrence__starts_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS),
        )
        .select_related(
            "occurrence",
            "occurrence__activity",
            "occurrence__activity__organisation",
            "occurrence__activity__organiser__profile",
        )
        .order_by("occurrence__starts_at")
        if rsvp.activity_id not in managed_ids
    ]
    return PersonalFeed(managed, rsvps)


# --- the block on an organisation's pages (Component.organisation_blocks) -----------------------


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """The organisation's next three dates the viewer may see, for its page and its club's."""
    return {"occurrences": upcoming_for_organisation(viewer, organisation, limit=3)}


def organisation_version(organisation, neighbourhood) -> str:
    return home_version(neighbourhood.pk)


ATTENDED_DAYS = 30


def attended_lately(viewer: Viewer, activity) -> bool:
    """Whether the viewer went to a date of ``activity`` that ended in the last
    ``ATTENDED_DAYS`` days (signed up as going, the date not cancelled): the moment feedback
    asks "Zou je ons aanbevelen?" (``agenda.attended``). One query."""
    if not viewer.is_authenticated:
        return False
    now = timezone.now()
    return Rsvp.objects.filter(
        activity=activity,
        person_id=viewer.user.pk,
        status=RsvpStatus.GOING,
        occurrence__cancelled=False,
        occurrence__ends_at__lte=now,
        occurrence__ends_at__gte=now - timedelta(days=ATTENDED_DAYS),
    ).exists()
