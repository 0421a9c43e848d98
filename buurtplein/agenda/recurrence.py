"""Recurrence: plain choices ↔ an RFC 5545 RRULE, expanded with python-dateutil.

The organiser never types a rule. The form offers *once*, *every day*, *every week* and *every
other week* (on one or more weekdays) and *every month on the nth weekday* (1st–4th or last),
ending never, on a date, or after a number of times. :func:`build_rule` turns these into an
RRULE value with icalendar's ``vRecur`` (UNTIL in UTC, as RFC 5545 wants with a TZID start);
:func:`expand` lets dateutil's ``rrule`` produce the dates from an aware local start, so a
Tuesday 10:00 stays 10:00 wall-clock time across daylight saving time. No date arithmetic of
our own: dateutil and icalendar do it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from dateutil.rrule import rrulestr
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from icalendar import vRecur

from buurtplein.agenda.models import local_tz

ONCE, DAILY, WEEKLY, BIWEEKLY, MONTHLY = "once", "daily", "weekly", "biweekly", "monthly"
REPEAT_CHOICES = [
    (ONCE, gettext_lazy("Once")),
    (DAILY, gettext_lazy("Every day")),
    (WEEKLY, gettext_lazy("Every week")),
    (BIWEEKLY, gettext_lazy("Every other week")),
    (MONTHLY, gettext_lazy("Every month on the same day, e.g. every 2nd Tuesday")),
]
NEVER, UNTIL, COUNT = "never", "until", "count"
END_CHOICES = [
    (NEVER, gettext_lazy("No end date")),
    (UNTIL, gettext_lazy("Until a date")),
    (COUNT, gettext_lazy("A number of times")),
]
# ISO weekday (1 = Monday) → RFC 5545 day code.
DAY_CODES = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
CODE_DAYS = {code: day for day, code in DAY_CODES.items()}
# Django's own translated day names ("dinsdag", "Tuesday"); ISO numbers.
WEEKDAY_CHOICES = [(day + 1, name) for day, name in WEEKDAYS.items()]
NTH_CHOICES = [
    (1, gettext_lazy("1st")),
    (2, gettext_lazy("2nd")),
    (3, gettext_lazy("3rd")),
    (4, gettext_lazy("4th")),
    (-1, gettext_lazy("last")),
]
MAX_COUNT = 200


@dataclass(frozen=True)
class Schedule:
    """The plain choices of a schedule, as the form shows them."""

    repeat: str = ONCE
    weekdays: tuple[int, ...] = ()
    nth: int | None = None
    nth_weekday: int | None = None
    ends: str = NEVER
    until: date | None = None
    count: int | None = None


def build_rule(schedule: Schedule) -> str:
    """The RRULE value for ``schedule`` ("" for once)."""
    if schedule.repeat == ONCE:
        return ""
    parts: dict = {}
    if schedule.repeat == DAILY:
        parts["freq"] = "DAILY"
    elif schedule.repeat in (WEEKLY, BIWEEKLY):
        parts["freq"] = "WEEKLY"
        if schedule.repeat == BIWEEKLY:
            parts["interval"] = 2
        parts["byday"] = [DAY_CODES[day] for day in sorted(set(schedule.weekdays))]
        parts["wkst"] = "MO"
    elif schedule.repeat == MONTHLY:
        parts["freq"] = "MONTHLY"
        parts["byday"] = [f"{schedule.nth}{DAY_CODES[schedule.nth_weekday]}"]
    else:
        raise ValueError(f"unknown repeat {schedule.repeat!r}")
    if schedule.ends == UNTIL and schedule.until:
        # The whole last day counts; RFC 5545 wants UNTIL in UTC when DTSTART has a TZID.
        end_of_day = datetime.combine(schedule.until, time(23, 59, 59), tzinfo=local_tz())
        parts["until"] = end_of_day.astimezone(UTC)
    elif schedule.ends == COUNT and schedule.count:
        parts["count"] = schedule.count
    return vRecur(**parts).to_ical().decode()


def schedule_from_rule(rule: str) -> Schedule:
    """The plain choices a stored rule was built from (to fill the edit form)."""
    if not rule:
        return Schedule()
    recur = vRecur.from_ical(rule)
    freq = recur["FREQ"][0]
    interval = (recur.get("INTERVAL") or [1])[0]
    days = [str(code) for code in recur.get("BYDAY", [])]
    until = (recur.get("UNTIL") or [None])[0]
    count = (recur.get("COUNT") or [None])[0]
    ends = UNTIL if until else COUNT if count else NEVER
    until_date = until.astimezone(local_tz()).date() if isinstance(until, datetime) else until
    if freq == "DAILY":
        return Schedule(DAILY, ends=ends, until=until_date, count=count)
    if freq == "WEEKLY":
        return Schedule(
            BIWEEKLY if interval == 2 else WEEKLY,
            weekdays=tuple(CODE_DAYS[code] for code in days),
            ends=ends,
            until=until_date,
            count=count,
        )
    code = days[0]
    return Schedule(
        MONTHLY,
        nth=int(code[:-2]),
        nth_weekday=CODE_DAYS[code[-2:]],
        ends=ends,
        until=until_date,
        count=count,
    )


def expand(rule: str, first: datetime, *, until: datetime) -> list[datetime]:
    """The starts of a series from ``first`` (an aware local datetime) up to ``until``
    (inclusive). With an empty rule: just ``first``."""
    if not rule:
        return [first] if first <= until else []
    return list(rrulestr(rule, dtstart=first).between(first, until, inc=True))


def first_matching(rule: str, start: datetime) -> datetime | None:
    """The first start the rule gives on or after ``start`` (the series then begins there, so
    DTSTART is always one of its own dates, as calendar programs expect)."""
    if not rule:
        return start
    return rrulestr(rule, dtstart=start).after(start, inc=True)


def _day_list(days) -> str:
    names = [str(label) for value, label in WEEKDAY_CHOICES if value in days]
    if len(names) <= 1:
        return "".join(names)
    return _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}


def describe(rule: str, first: date | None = None) -> str:
    """The schedule in plain words: "Every week on Tuesday", "Every other week on Monday and
    Thursday", "Every 2nd Thursday of the month", "Every day", with the end."""
    schedule = schedule_from_rule(rule)
    if schedule.repeat == ONCE:
        return _("Once")
    if schedule.repeat == DAILY:
        text = _("Every day")
    elif schedule.repeat == WEEKLY:
        text = _("Every week on %(days)s") % {"days": _day_list(schedule.weekdays)}
    elif schedule.repeat == BIWEEKLY:
        text = _("Every other week on %(days)s") % {"days": _day_list(schedule.weekdays)}
    else:
        day = _day_list([schedule.nth_weekday])
        if schedule.nth == -1:
            text = _("Every last %(day)s of the month") % {"day": day}
        else:
            nth = dict(NTH_CHOICES)[schedule.nth]
            text = _("Every %(nth)s %(day)s of the month") % {"nth": nth, "day": day}
    if schedule.ends == UNTIL and schedule.until:
        text += ", " + _("until %(date)s") % {"date": formats.date_format(schedule.until, "j F Y")}
    elif schedule.ends == COUNT and schedule.count:
        text += ", " + ngettext("%(count)d time", "%(count)d times", schedule.count) % {
            "count": schedule.count
        }
    return text
