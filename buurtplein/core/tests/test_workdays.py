"""The working-day calendar (``core.workdays``): Monday to Friday without the Dutch public
holidays of the ``holidays`` library's default Netherlands calendar, counted in Amsterdam days
at the same time on the clock."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from buurtplein.core.tests.moments import local
from buurtplein.core.workdays import add_working_days, holiday_name, is_working_day


def at(day, hour=10):
    return local(day, dt.time(hour))


@pytest.mark.parametrize(
    ("sent", "days", "due"),
    [
        # An ordinary week: Friday morning + 3 is Wednesday morning; Saturday counts from Monday.
        (dt.date(2026, 12, 11), 3, dt.date(2026, 12, 16)),
        (dt.date(2026, 12, 12), 3, dt.date(2026, 12, 16)),
        # Christmas 2026: Friday 25 December (Eerste Kerstdag) and the weekend do not count.
        (dt.date(2026, 12, 23), 3, dt.date(2026, 12, 29)),
        # New Year: Friday 1 January 2027 does not count.
        (dt.date(2026, 12, 30), 3, dt.date(2027, 1, 5)),
        # Easter 2026: Goede Vrijdag 3 April and Tweede Paasdag 6 April do not count.
        (dt.date(2026, 4, 2), 1, dt.date(2026, 4, 7)),
        # Koningsdag on Monday 27 April 2026 does not count.
        (dt.date(2026, 4, 24), 1, dt.date(2026, 4, 28)),
        # Koningsdag 2025: the 27th is a Sunday, so it is Saturday 26 April; Monday 28 works.
        (dt.date(2025, 4, 25), 1, dt.date(2025, 4, 28)),
        # Hemelvaartsdag (Thursday 14 May 2026) and Tweede Pinksterdag (25 May 2026).
        (dt.date(2026, 5, 13), 1, dt.date(2026, 5, 15)),
        (dt.date(2026, 5, 22), 1, dt.date(2026, 5, 26)),
    ],
)
def test_working_days_skip_weekends_and_dutch_public_holidays(sent, days, due):
    assert add_working_days(at(sent), days) == at(due)


def test_the_library_s_default_set_decides_good_friday_and_liberation_day():
    assert holiday_name(dt.date(2026, 4, 3)) == "Goede vrijdag"
    assert not is_working_day(dt.date(2026, 4, 3))
    # Bevrijdingsdag counts in the years the library counts it (every fifth: 2025, 2030).
    assert not is_working_day(dt.date(2025, 5, 5))
    assert is_working_day(dt.date(2026, 5, 5))
    assert holiday_name(dt.date(2026, 12, 28)) == ""


def test_the_night_the_clocks_change_keeps_the_time_on_the_clock():
    # Easter 2027 falls on the night summer time starts (Sunday 28 March): sent on Thursday
    # 25 March at 10:00 (winter time), Goede Vrijdag and Tweede Paasdag do not count, and
    # 3 working days later is Thursday 1 April at 10:00 summer time.
    due = add_working_days(at(dt.date(2027, 3, 25)), 3)
    assert due == at(dt.date(2027, 4, 1))
    assert due.utcoffset() == dt.timedelta(hours=2)
    # Winter time (Sunday 25 October 2026): Friday 10:00 + 1 is Monday 10:00, 73 hours on.
    friday = at(dt.date(2026, 10, 23))
    monday = add_working_days(friday, 1)
    assert monday == at(dt.date(2026, 10, 26))
    assert monday.astimezone(dt.UTC) - friday.astimezone(dt.UTC) == dt.timedelta(hours=73)


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2026, 3, 29, 0, 59, tzinfo=dt.UTC),  # 01:59, just before summer time
        dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC),  # 02:30 the second time
        dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC),  # 00:30 on New Year's Day
    ],
)
def test_days_are_amsterdam_days_whatever_the_clock(moment):
    """The moment is read in Amsterdam: 00:30 on 1 January local is a holiday (the UTC date
    is still 31 December), so one working day on is Monday 4 January at 00:30."""
    with time_machine.travel(moment, tick=False):
        due = add_working_days(timezone.now(), 1)
    local_now = moment.astimezone(due.tzinfo)
    assert due.time() == local_now.time()
    assert is_working_day(due.date())
    assert local_now.date() < due.date()
    if moment.month == 12:
        assert due.date() == dt.date(2027, 1, 4)
