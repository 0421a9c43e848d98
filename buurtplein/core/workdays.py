"""Working days: the one calendar for every "within N working days" of the platform (a referral
nobody answered after 3 working days, an e-mail question answered within 2).

A working day is Monday to Friday that is not a Dutch public holiday. The holidays come from
the ``holidays`` library's Netherlands calendar as it is by default (``holidays.NL``, its
public holidays): Nieuwjaarsdag, Goede Vrijdag, Eerste en Tweede Paasdag, Koningsdag (27 April,
26 April when the 27th is a Sunday), Bevrijdingsdag in the years the library counts it (every
fifth year: 2025, 2030, …, as most collective agreements do), Hemelvaartsdag, Eerste en Tweede
Pinksterdag, Eerste en Tweede Kerstdag. We follow the library's default rather than a list of
our own, so a change of the law reaches us with an update of the library.

Days are Amsterdam days: a moment is read in Europe/Amsterdam, whatever ``TIME_ZONE`` or the
server's clock say, and moved on by whole local days at the same time of day on the clock
(10:00 in winter is 10:00 in summer; the clocks change on a Sunday, never on a working day).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=32)
def _holidays_of(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("NL", years=year))


def holiday_name(day: dt.date) -> str:
    """The Dutch name of the public holiday on ``day`` ("Tweede Kerstdag"), or ""."""
    return _holidays_of(day.year).get(day, "")


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _holidays_of(day.year)


def add_working_days(moment: dt.datetime, days: int) -> dt.datetime:
    """``moment`` moved forward by ``days`` working days, at the same local time of day in
    Amsterdam (an aware datetime in Europe/Amsterdam). Sent on a Friday morning, three working
    days later is the Wednesday morning; sent on the Wednesday before Christmas 2026, it is the
    Tuesday after (Friday 25 and the weekend do not count). A moment on a day off counts from
    that day: sent on Saturday, the first working day ends on Monday at the same time."""
    local = moment.astimezone(AMSTERDAM).replace(tzinfo=None)
    counted = 0
    while counted < days:
        local += dt.timedelta(days=1)
        if is_working_day(local.date()):
            counted += 1
    # Wall-clock time on a working day: never in the hour the clocks skip or repeat.
    return local.replace(tzinfo=AMSTERDAM)
