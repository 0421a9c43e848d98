"""Moments to freeze the clock at (with time-machine) for the tests that depend on the date,
importable by every app's tests: each weekday, just before and after midnight, the nights the
clocks change (the last Sunday of March 02:00 → 03:00, of October 03:00 → 02:00) and the turn
of the year. See "Time in tests" in docs/conventions.md."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(day: date, at: time = time(0)) -> datetime:
    """``day`` at ``at`` in Amsterdam (the platform's time zone), as an aware datetime."""
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


MOMENTS: dict[str, datetime] = {
    **{
        f"{name}-12:00": local(date(2026, 12, 7 + n), time(12))
        for n, name in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    },
    "sun-23:59": local(date(2026, 12, 13), time(23, 59)),
    "mon-00:01": local(date(2026, 12, 14), time(0, 1)),
    "new-years-eve-23:30": local(date(2026, 12, 31), time(23, 30)),
    "new-year-00:01": local(date(2027, 1, 1), time(0, 1)),
    # The clocks change: given in UTC, as local times then are missing or happen twice.
    "summer-time-2026-01:59": datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
    "summer-time-2026-03:30": datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
    "winter-time-2026-02:30-first": datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    "winter-time-2026-02:30-again": datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    "summer-time-2027-03:30": datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
}
"""A name (the test id) → an aware moment."""
