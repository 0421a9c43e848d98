"""When a desk's chat is open: its weekly consultation hours in Amsterdam time, closed on Dutch
public holidays unless the desk says otherwise (``core.workdays``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from buurtplein.core.workdays import AMSTERDAM, holiday_name

LOOK_AHEAD_DAYS = 14
"""The next opening is looked for this far ahead (a desk without hours is never open)."""


@dataclass(frozen=True)
class Opening:
    """The chat's state at a moment."""

    is_open: bool
    until: dt.datetime | None = None
    """Open: when it closes (Amsterdam time); ``None``: it does not close in the coming
    fortnight (open day and night)."""
    next_opens: dt.datetime | None = None
    """Closed: when it opens next (``None``: not in the coming fortnight)."""
    next_closes: dt.datetime | None = None
    """Closed: when that next opening ends."""


def intervals(
    desk, start: dt.date, days: int, *, hours=None
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The desk's open intervals on ``days`` days from ``start`` (aware, Amsterdam), in order,
    touching intervals joined (Monday 20:00–24:00 and Tuesday 00:00–02:00 are one)."""
    hours = list(desk.hours.all()) if hours is None else hours
    found: list[tuple[dt.datetime, dt.datetime]] = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        if not desk.open_on_holidays and holiday_name(day):
            continue
        for hour in hours:
            if hour.weekday != day.weekday():
                continue
            opens = dt.datetime.combine(day, hour.starts, tzinfo=AMSTERDAM)
            end_day = day + dt.timedelta(days=1) if hour.ends <= hour.starts else day
            closes = dt.datetime.combine(end_day, hour.ends, tzinfo=AMSTERDAM)
            found.append((opens, closes))
    found.sort()
    joined: list[tuple[dt.datetime, dt.datetime]] = []
    for opens, closes in found:
        if joined and opens <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], closes))
        else:
            joined.append((opens, closes))
    return joined


def opening(desk, now: dt.datetime | None = None, *, hours=None) -> Opening:
    """Whether ``desk``'s chat is open at ``now`` (default: now), until when, or when it opens
    next. ``hours``: the desk's consultation hours when the caller has them already."""
    now = (now or timezone.now()).astimezone(AMSTERDAM)
    today = now.date()
    spans = intervals(desk, today - dt.timedelta(days=1), LOOK_AHEAD_DAYS + 1, hours=hours)
    horizon = dt.datetime.combine(
        today + dt.timedelta(days=LOOK_AHEAD_DAYS), dt.time(0), tzinfo=AMSTERDAM
    )
    for opens, closes in spans:
        if opens <= now < closes:
            return Opening(True, until=None if closes >= horizon else closes)
        if opens > now:
            return Opening(False, next_opens=opens, next_closes=closes)
    return Opening(False)
