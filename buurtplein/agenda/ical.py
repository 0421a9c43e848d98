"""iCalendar (RFC 5545) for calendar programs, built with the ``icalendar`` library.

* A recurring activity is one VEVENT with its RRULE, an EXDATE for every cancelled date, and an
  overriding VEVENT (same UID, RECURRENCE-ID = where the rule put it) for every moved date.
  A one-off activity is one VEVENT. A cancelled or removed series has STATUS:CANCELLED.
* Times carry ``TZID=Europe/Amsterdam``, defined once by a VTIMEZONE with the EU rules (last
  Sunday of March and of October), so "Tuesday 10:00" is 10:00 in summer and winter.
* UIDs are stable (the activity's UUID); DTSTAMP and LAST-MODIFIED are the last change and
  SEQUENCE counts the changes, so programs replace what they showed.
* In a person's own feed, a date they signed up for (of an activity they do not organise) is a
  VEVENT of its own: CONFIRMED when going, TENTATIVE on the waiting list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDuration,
    vRecur,
)

from buurtplein.agenda.models import Activity, ActivityState, RsvpStatus, local_tz
from buurtplein.core.money import euro

PRODID = "-//Buurtplein//Agenda//NL"
UID_DOMAIN = "agenda.buurtplein"
CONTENT_TYPE = "text/calendar; charset=utf-8"
REFRESH = timedelta(hours=6)


def vtimezone() -> Timezone:
    """Europe/Amsterdam with the EU daylight saving rules (in force since 1996)."""
    zone = Timezone()
    zone.add("tzid", local_tz().key)
    summer = TimezoneDaylight()
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    summer.add("tzname", "CEST")
    winter = TimezoneStandard()
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    winter.add("tzname", "CET")
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def series_uid(activity: Activity) -> str:
    return f"{activity.uid}@{UID_DOMAIN}"


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment, local_tz())


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _description(activity: Activity, url: str) -> str:
    lines = [activity.description] if activity.description else []
    facts = []
    if activity.is_free:
        facts.append(_("Free"))
    else:
        facts.append(_("Costs %(amount)s") % {"amount": euro(activity.cost)})
    if activity.cost_note:
        facts.append(activity.cost_note)
    if activity.wheelchair_accessible:
        facts.append(_("Wheelchair accessible"))
    if activity.hearing_loop:
        facts.append(_("Hearing loop"))
    if activity.accessibility_note:
        facts.append(activity.accessibility_note)
    if activity.by_name:
        facts.append(_("Organised by %(name)s") % {"name": activity.by_name})
    lines.append(" · ".join(facts))
    lines.append(url)
    return "\n\n".join(line for line in lines if line)


def _base(activity: Activity, url: str) -> Event:
    event = Event()
    event.add("uid", series_uid(activity))
    event.add("dtstamp", _utc(activity.updated_at))
    event.add("created", _utc(activity.created_at))
    event.add("last-modified", _utc(activity.updated_at))
    event.add("sequence", activity.sequence)
    event.add("summary", activity.title)
    if activity.location:
        event.add("location", activity.location)
    event.add("description", _description(activity, url))
    event.add("url", url)
    if activity.is_public:
        event.add("class", "PUBLIC")
    else:
        event.add("class", "PRIVATE")
    return event


def series_events(activity: Activity, url: str) -> list[Event]:
    """The VEVENTs of one activity: the master (with RRULE and EXDATEs) and one overriding
    VEVENT per moved date. ``activity.exceptions``: its cancelled and moved dates."""
    exceptions = list(getattr(activity, "exceptions", []))
    master = _base(activity, url)
    off = activity.state != ActivityState.ACTIVE
    if not activity.rrule:
        occurrence = exceptions[0] if exceptions else None
        start = occurrence.starts_at if occurrence is not None else activity.first_start
        end = (
            occurrence.ends_at
            if occurrence is not None
            else activity.first_start + (activity.duration)
        )
        master.add("dtstart", _local(start))
        master.add("dtend", _local(end))
        cancelled = off or (occurrence is not None and occurrence.cancelled)
        master.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        return [master]
    master.add("dtstart", activity.first_start)
    master.add("dtend", activity.first_start + activity.duration)
    master.add("rrule", vRecur.from_ical(activity.rrule))
    master.add("status", "CANCELLED" if off else "CONFIRMED")
    cancelled = [o for o in exceptions if o.cancelled]
    if cancelled:
        master.add("exdate", [_local(o.original_start) for o in cancelled])
    events = [master]
    if off:
        return events
    for occurrence in exceptions:
        if occurrence.cancelled or not occurrence.moved:
            continue
        moved = _base(activity, url)
        moved.add("recurrence-id", _local(occurrence.original_start))
        moved.add("dtstart", _local(occurrence.starts_at))
        moved.add("dtend", _local(occurrence.ends_at))
        moved.add("status", "CONFIRMED")
        events.append(moved)
    return events


def date_event(rsvp, url: str) -> Event:
    """One date a person signed up for, as an event of its own in their feed."""
    occurrence = rsvp.occurrence
    activity = occurrence.activity
    event = _base(activity, url)
    event.pop("uid")
    stamp = f"{_utc(occurrence.original_start):%Y%m%dT%H%M%SZ}"
    event.add("uid", f"{activity.uid}-{stamp}@{UID_DOMAIN}")
    event.pop("dtstamp")
    event.add("dtstamp", _utc(max(activity.updated_at, rsvp.status_at)))
    event.add("dtstart", _local(occurrence.starts_at))
    event.add("dtend", _local(occurrence.ends_at))
    if occurrence.is_off:
        status = "CANCELLED"
    elif rsvp.status == RsvpStatus.WAITING:
        status = "TENTATIVE"
        event.pop("summary")
        event.add("summary", _("%(title)s (waiting list)") % {"title": activity.title})
    else:
        status = "CONFIRMED"
    event.add("status", status)
    return event


def calendar(
    *,
    name: str,
    description: str,
    activities: Iterable[Activity],
    url_for: Callable[[Activity], str],
    rsvps: Iterable = (),
) -> bytes:
    """The whole feed as bytes (CRLF line ends, lines folded at 75 octets: icalendar)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(vtimezone())
    for activity in activities:
        for event in series_events(activity, url_for(activity)):
            cal.add_component(event)
    for rsvp in rsvps:
        cal.add_component(date_event(rsvp, url_for(rsvp.occurrence.activity)))
    return cal.to_ical()
