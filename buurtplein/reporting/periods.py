"""The periods a report covers: a month, a quarter, a year, or a chosen range of months.

A period is written in the address as ``?period=``: ``2026-11`` (a month), ``2026-Q4`` (a
quarter), ``2026`` (a year) or ``2026-01..2026-06`` (a range of whole months, both included).
:func:`parse` reads it, and refuses anything else with a message a person can act on
(:class:`PeriodError`, a ``ValueError``), never a 500. Every period knows the previous period
of the same length (the comparison) and the 12 months that end with its last month (the trend).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from buurtplein.reporting.counting import add_months, month_of

FIRST_YEAR = 2000
LAST_YEAR = 2100
MAX_MONTHS = 36
"""The longest range of months a report covers (three years; its comparison reads as many
months before it)."""
TREND_MONTHS = 12

MONTH = "month"
QUARTER = "quarter"
YEAR = "year"
RANGE = "range"

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{1,2})\s*\.\.\s*(\d{4}-\d{1,2})$")


class PeriodError(ValueError):
    """A period that cannot be read; ``str()`` is the message for the page."""


@dataclass(frozen=True)
class Period:
    """The months from ``start`` up to (not including) ``end``: first days of a month."""

    kind: str
    start: date
    end: date

    @property
    def months(self) -> list[date]:
        return [add_months(self.start, i) for i in range(self.length)]

    @property
    def length(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month

    @property
    def last_month(self) -> date:
        return add_months(self.end, -1)

    @property
    def token(self) -> str:
        """How the period is written in the address (what :func:`parse` reads back)."""
        if self.kind == MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind == QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == YEAR:
            return str(self.start.year)
        return f"{self.start:%Y-%m}..{self.last_month:%Y-%m}"

    @property
    def label(self) -> str:
        """The period in words: "november 2026", "4th quarter 2026", "2026", "January to June
        2026"."""
        if self.kind == MONTH:
            return formats.date_format(self.start, "F Y")
        if self.kind == QUARTER:
            return _("quarter %(quarter)s of %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == YEAR:
            return str(self.start.year)
        return _("%(first)s to %(last)s") % {
            "first": formats.date_format(self.start, "F Y"),
            "last": formats.date_format(self.last_month, "F Y"),
        }

    @property
    def previous_words(self) -> str:
        """The previous period, as the end of "12 more than …"."""
        if self.kind == MONTH:
            return _("last month")
        if self.kind == QUARTER:
            return _("last quarter")
        if self.kind == YEAR:
            return _("last year")
        return ngettext("the month before", "the %(count)d months before", self.length) % {
            "count": self.length
        }

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.kind, add_months(self.start, -self.length), self.start)

    def trend(self) -> list[date]:
        """The 12 months that end with the period's last month."""
        return [add_months(self.end, i - TREND_MONTHS) for i in range(TREND_MONTHS)]

    def reading_start(self) -> date:
        """The first month a report of this period reads (its comparison and its trend)."""
        return min(self.previous().start, add_months(self.end, -TREND_MONTHS))

    def includes_future(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.end > add_months(month_of(today), 1)


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            _("Choose a year from %(first)s to %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _month(text: str) -> date:
    year, month = text.split("-")
    year_value = _year(year)
    if not 1 <= int(month) <= 12:
        raise PeriodError(_("A month is a number from 1 to 12, as in 2026-11."))
    return date(year_value, int(month), 1)


def month(first: date) -> Period:
    first = month_of(first)
    return Period(MONTH, first, add_months(first, 1))


def quarter(year: int, number: int) -> Period:
    first = date(year, 3 * (number - 1) + 1, 1)
    return Period(QUARTER, first, add_months(first, 3))


def year(value: int) -> Period:
    return Period(YEAR, date(value, 1, 1), date(value + 1, 1, 1))


def months_range(first: date, last: date) -> Period:
    """The months from ``first`` to ``last``, both included (a single month is a month)."""
    if last < first:
        raise PeriodError(_("The first month of a range comes before its last month."))
    period = Period(RANGE, first, add_months(last, 1))
    if period.length > MAX_MONTHS:
        raise PeriodError(_("A range is at most %(count)s months long.") % {"count": MAX_MONTHS})
    if period.length == 1:
        return month(first)
    return period


def parse(text: str) -> Period:
    """The period written as ``text``; :class:`PeriodError` with a message otherwise."""
    text = (text or "").strip()
    if len(text) > 40:
        raise PeriodError(UNREADABLE)
    if found := _MONTH.match(text):
        return month(_month(text))
    if found := _QUARTER.match(text):
        return quarter(_year(found[1]), int(found[2]))
    if found := _YEAR.match(text):
        return year(_year(found[1]))
    if found := _RANGE.match(text):
        return months_range(_month(found[1]), _month(found[2]))
    raise PeriodError(UNREADABLE)


UNREADABLE = gettext_lazy(
    "This period cannot be read. Write a month (2026-11), a quarter (2026-Q4), a year (2026) "
    "or a range of months (2026-01..2026-06)."
)


def default(today: date | None = None) -> Period:
    """The last whole month: what a report shows before a period is chosen."""
    today = today or timezone.localdate()
    return month(add_months(month_of(today), -1))


def choices(today: date | None = None) -> list[tuple[str, list[Period]]]:
    """The periods offered to choose from: the recent months, quarters and years."""
    today = today or timezone.localdate()
    this_month = month_of(today)
    this_quarter = quarter(today.year, (today.month - 1) // 3 + 1)
    return [
        (_("Months"), [month(add_months(this_month, -i)) for i in range(13)]),
        (
            _("Quarters"),
            [
                Period(
                    QUARTER,
                    add_months(this_quarter.start, -3 * i),
                    add_months(this_quarter.start, 3 - 3 * i),
                )
                for i in range(8)
            ],
        ),
        (_("Years"), [year(today.year - i) for i in range(4)]),
    ]
