"""The schedule: plain choices become an RRULE and come back; the dates dateutil gives keep
their wall-clock time across daylight saving time; the words an organiser reads."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.utils import translation

from buurtplein.agenda import recurrence
from buurtplein.agenda.models import local_tz
from buurtplein.agenda.recurrence import Schedule


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=local_tz())


@pytest.mark.parametrize(
    ("schedule", "rule"),
    [
        (Schedule(), ""),
        (Schedule(recurrence.DAILY), "FREQ=DAILY"),
        (Schedule(recurrence.WEEKLY, weekdays=(2,)), "FREQ=WEEKLY;BYDAY=TU;WKST=MO"),
        (
            Schedule(recurrence.BIWEEKLY, weekdays=(4, 1)),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO",
        ),
        (Schedule(recurrence.MONTHLY, nth=2, nth_weekday=4), "FREQ=MONTHLY;BYDAY=2TH"),
        (
            Schedule(recurrence.MONTHLY, nth=-1, nth_weekday=5, ends=recurrence.COUNT, count=6),
            "FREQ=MONTHLY;COUNT=6;BYDAY=-1FR",
        ),
    ],
)
def test_plain_choices_become_a_rule_and_come_back(schedule, rule):
    assert recurrence.build_rule(schedule) == rule
    back = recurrence.schedule_from_rule(rule)
    assert back.repeat == schedule.repeat
    assert set(back.weekdays) == set(schedule.weekdays)
    assert (back.nth, back.nth_weekday, back.ends, back.count) == (
        schedule.nth,
        schedule.nth_weekday,
        schedule.ends,
        schedule.count,
    )


def test_until_is_the_whole_last_day_in_utc_as_rfc_5545_wants():
    rule = recurrence.build_rule(
        Schedule(recurrence.WEEKLY, weekdays=(2,), ends=recurrence.UNTIL, until=date(2027, 6, 29))
    )
    # 23:59:59 on 29 June in Amsterdam (summer time, UTC+2) is 21:59:59 UTC.
    assert rule == "FREQ=WEEKLY;UNTIL=20270629T215959Z;BYDAY=TU;WKST=MO"
    assert recurrence.schedule_from_rule(rule).until == date(2027, 6, 29)
    starts = recurrence.expand(rule, at(date(2027, 6, 1), 19, 30), until=at(date(2027, 12, 31), 0))
    # The last Tuesday, 29 June at 19:30, is in (the evening after UTC midnight would not be).
    assert [start.date() for start in starts] == [date(2027, 6, d) for d in (1, 8, 15, 22, 29)]


def test_tuesday_ten_oclock_stays_ten_oclock_across_daylight_saving_time():
    rule = recurrence.build_rule(Schedule(recurrence.WEEKLY, weekdays=(2,)))
    first = at(date(2027, 3, 16), 10)  # two Tuesdays before summer time starts (28 March)
    starts = recurrence.expand(rule, first, until=at(date(2027, 11, 9), 23))
    assert all(start.hour == 10 and start.minute == 0 for start in starts)
    assert all(start.isoweekday() == 2 for start in starts)
    in_utc = {start.astimezone(UTC).hour for start in starts}
    assert in_utc == {9, 8}  # winter: 09:00 UTC, summer: 08:00 UTC
    by_date = {start.date(): start.astimezone(UTC).hour for start in starts}
    assert by_date[date(2027, 3, 23)] == 9 and by_date[date(2027, 3, 30)] == 8
    assert by_date[date(2027, 10, 26)] == 8 and by_date[date(2027, 11, 2)] == 9


def test_every_second_thursday_and_the_last_tuesday_of_the_month():
    second_thursday = recurrence.build_rule(Schedule(recurrence.MONTHLY, nth=2, nth_weekday=4))
    starts = recurrence.expand(
        second_thursday, at(date(2026, 12, 10), 14), until=at(date(2027, 4, 1), 0)
    )
    assert [start.date() for start in starts] == [
        date(2026, 12, 10),
        date(2027, 1, 14),
        date(2027, 2, 11),
        date(2027, 3, 11),
    ]
    last_tuesday = recurrence.build_rule(Schedule(recurrence.MONTHLY, nth=-1, nth_weekday=2))
    starts = recurrence.expand(
        last_tuesday, at(date(2026, 12, 29), 19), until=at(date(2027, 3, 31), 0)
    )
    assert [start.date() for start in starts] == [
        date(2026, 12, 29),
        date(2027, 1, 26),
        date(2027, 2, 23),
        date(2027, 3, 30),
    ]


def test_every_other_week_and_a_number_of_times():
    rule = recurrence.build_rule(
        Schedule(recurrence.BIWEEKLY, weekdays=(1,), ends=recurrence.COUNT, count=3)
    )
    starts = recurrence.expand(rule, at(date(2026, 12, 7), 20), until=at(date(2028, 1, 1), 0))
    assert [start.date() for start in starts] == [
        date(2026, 12, 7),
        date(2026, 12, 21),
        date(2027, 1, 4),
    ]


def test_the_series_begins_on_the_first_date_of_its_own_rule():
    rule = recurrence.build_rule(Schedule(recurrence.MONTHLY, nth=2, nth_weekday=4))
    # Chosen: Tuesday 1 December; the first 2nd Thursday after it is 10 December.
    assert recurrence.first_matching(rule, at(date(2026, 12, 1), 14)) == at(date(2026, 12, 10), 14)
    assert recurrence.first_matching("", at(date(2026, 12, 1), 14)) == at(date(2026, 12, 1), 14)
    assert recurrence.expand("", at(date(2026, 12, 1), 14), until=at(date(2026, 11, 1), 0)) == []


@pytest.mark.parametrize(
    ("schedule", "dutch", "english"),
    [
        (Schedule(), "Eenmalig", "Once"),
        (Schedule(recurrence.DAILY), "Elke dag", "Every day"),
        (
            Schedule(recurrence.WEEKLY, weekdays=(2,)),
            "Elke week op dinsdag",
            "Every week on Tuesday",
        ),
        (
            Schedule(recurrence.WEEKLY, weekdays=(1, 2, 3, 4, 5)),
            "Elke week op maandag, dinsdag, woensdag, donderdag en vrijdag",
            "Every week on Monday, Tuesday, Wednesday, Thursday and Friday",
        ),
        (
            Schedule(recurrence.BIWEEKLY, weekdays=(1,)),
            "Om de week op maandag",
            "Every other week on Monday",
        ),
        (
            Schedule(recurrence.MONTHLY, nth=2, nth_weekday=2),
            "Elke 2e dinsdag van de maand",
            "Every 2nd Tuesday of the month",
        ),
        (
            Schedule(recurrence.MONTHLY, nth=-1, nth_weekday=5, ends=recurrence.COUNT, count=6),
            "Elke laatste vrijdag van de maand, 6 keer",
            "Every last Friday of the month, 6 times",
        ),
        (
            Schedule(
                recurrence.WEEKLY, weekdays=(4,), ends=recurrence.UNTIL, until=date(2027, 6, 24)
            ),
            "Elke week op donderdag, tot en met 24 juni 2027",
            "Every week on Thursday, until 24 June 2027",
        ),
    ],
)
def test_the_schedule_in_plain_dutch_and_english(schedule, dutch, english):
    rule = recurrence.build_rule(schedule)
    with translation.override("nl"):
        assert recurrence.describe(rule) == dutch
    with translation.override("en"):
        assert recurrence.describe(rule) == english


def test_a_long_rule_still_expands_to_at_most_a_year_of_dates():
    rule = recurrence.build_rule(Schedule(recurrence.DAILY))
    first = at(date(2026, 12, 2), 12)
    starts = recurrence.expand(rule, first, until=first + timedelta(days=365))
    assert len(starts) == 366 and starts[-1] == at(date(2027, 12, 2), 12)
