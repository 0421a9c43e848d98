"""Writes of the logbook: register, correct and delete an entry, and forget a person.

Registering is the professional's own counting (no resident's data, nothing another person
sees by name), so it writes no audit entry. The count tables follow by themselves
(``reporting`` listens to the saves and deletes of ``Entry``, ``Component.counted``).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from buurtplein.core.life_domains import LifeDomain
from buurtplein.logbook.models import EDIT_DAYS, MAX_MINUTES, MAX_PEOPLE, Entry, How, Kind


def earliest_day(today: dt.date | None = None) -> dt.date:
    """The first day an entry can still be registered for, corrected or deleted."""
    return (today or timezone.localdate()) - dt.timedelta(days=EDIT_DAYS)


def editable(entry: Entry, today: dt.date | None = None) -> bool:
    return entry.day >= earliest_day(today)


def _organisation_allowed(author, neighbourhood, organisation) -> bool:
    """The author works for it (staff) and it is active in this neighbourhood."""
    return (
        organisation.staff.filter(pk=author.pk).exists()
        and organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    )


def _clean(*, author, neighbourhood, organisation, day, kind, how, life_domain, people, minutes):
    """The fields as they are stored, or a ``ValidationError`` per field."""
    errors = {}
    today = timezone.localdate()
    if day is None:
        errors["day"] = _("Choose the date.")
    elif day > today:
        errors["day"] = _("You register what you did: not a day in the future.")
    elif day < earliest_day(today):
        errors["day"] = _("You can register up to %(days)s days back.") % {"days": EDIT_DAYS}
    if kind not in Kind.values:
        errors["kind"] = _("Choose what you register.")
    if life_domain not in LifeDomain.values:
        errors["life_domain"] = _("Choose the life domain.")
    if not 0 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("At most 24 hours in one entry.")
    if not 0 <= people <= MAX_PEOPLE:
        errors["people"] = _("At most %(n)s people in one entry.") % {"n": MAX_PEOPLE}
    if kind == Kind.CONTACT:
        if how not in How.values:
            errors["how"] = _("Choose how you had contact.")
        if people < 1:
            errors["people"] = _("A contact moment reaches at least one person.")
    elif kind == Kind.GROUP:
        how = ""
        if people < 1:
            errors["people"] = _("Say how many people took part.")
    elif kind == Kind.HOURS:
        how, people = "", 0
        if minutes < 1:
            errors["minutes"] = _("Choose how long it took.")
    if organisation is not None and not _organisation_allowed(author, neighbourhood, organisation):
        errors["organisation"] = _("You can only register for an organisation you work for.")
    if errors:
        raise ValidationError(errors)
    return {
        "organisation": organisation,
        "day": day,
        "kind": kind,
        "how": how,
        "life_domain": life_domain,
        "people": people,
        "minutes": minutes,
    }


def entry_create(
    *,
    author,
    neighbourhood,
    kind: str,
    life_domain: str,
    day: dt.date | None = None,
    organisation=None,
    how: str = "",
    people: int = 0,
    minutes: int = 0,
) -> Entry:
    """Register one contact moment, group activity or time spent (today unless ``day``)."""
    fields = _clean(
        author=author,
        neighbourhood=neighbourhood,
        organisation=organisation,
        day=day or timezone.localdate(),
        kind=kind,
        how=how,
        life_domain=life_domain,
        people=people,
        minutes=minutes,
    )
    return Entry.objects.create(neighbourhood=neighbourhood, author=author, **fields)


def _check_own(entry: Entry, actor) -> None:
    if entry.author_id != actor.pk:
        raise ValidationError(_("You can only change what you registered yourself."))
    if not editable(entry):
        raise ValidationError(
            _("This entry is more than %(days)s days old: it stays as it is.") % {"days": EDIT_DAYS}
        )


def entry_update(
    *,
    entry: Entry,
    actor,
    kind: str,
    life_domain: str,
    day: dt.date | None,
    organisation=None,
    how: str = "",
    people: int = 0,
    minutes: int = 0,
) -> Entry:
    """Correct an entry of the last days (the author only)."""
    _check_own(entry, actor)
    fields = _clean(
        author=actor,
        neighbourhood=entry.neighbourhood,
        organisation=organisation,
        day=day,
        kind=kind,
        how=how,
        life_domain=life_domain,
        people=people,
        minutes=minutes,
    )
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save()
    return entry


def entry_delete(*, entry: Entry, actor) -> None:
    """Delete an entry of the last days (the author only): it leaves the figures too."""
    _check_own(entry, actor)
    entry.delete()


def erase_person(user) -> None:
    """A professional's account is deleted: their entries stay as figures of their organisation
    and neighbourhood, without their name (the organisation's record of work it did; an entry
    holds nothing else about anyone). The figures do not read the author, so they stay the same
    and need no recount (an ``update`` sends no signal)."""
    with scopes_disabled():
        Entry.objects.filter(author=user).update(author=None)
