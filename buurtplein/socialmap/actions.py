"""Writes of the sociale kaart: services with their places, hours and people, ending a
service, and a professional's card.

Every write of what a service says goes through ``finding.index_service`` before it is saved,
is written to the audit log (the actors are staff of an organisation or buurtverbinders) and
makes the cached organisation blocks stale (``selectors.services_changed``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.accounts.models import Organisation
from buurtplein.core import geo
from buurtplein.core.audit import log_action
from buurtplein.core.models import Membership, Role, parse_postcode
from buurtplein.socialmap import finding, selectors
from buurtplein.socialmap.models import (
    Hours,
    Location,
    Professional,
    Service,
    ServicePerson,
    State,
)


@dataclass
class Place:
    """A location as the form gives it; ``pk`` is that of an existing location of the service
    (None: a new one)."""

    address: str
    name: str = ""
    postcode: str = ""
    city: str = ""
    wheelchair: bool = False
    hearing_loop: bool = False
    pk: int | None = None


@dataclass
class Period:
    """A weekly period as the form gives it; ``place`` is the index of its location in the
    list of places given with it (None: for the service as a whole)."""

    kind: str
    weekday: int
    opens_at: time
    closes_at: time
    place: int | None = None
    note: str = ""


SERVICE_FIELDS = (
    "name",
    "summary",
    "description",
    "life_domains",
    "target_groups",
    "languages",
    "is_free",
    "costs",
    "eligibility",
    "how_to_apply",
    "phone",
    "email",
    "website",
    "chat_url",
)


def _membership(user, neighbourhood) -> Membership | None:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user=user, status=Membership.Status.VERIFIED
    ).first()


def may_act_for(user, neighbourhood, organisation: Organisation) -> bool:
    """Staff of the organisation (active here), or a buurtverbinder/admin here."""
    membership = _membership(user, neighbourhood)
    if membership is None:
        return False
    if membership.role in (Role.CONNECTOR, Role.ADMIN):
        return organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    return organisation.staff.filter(pk=user.pk).exists() and (
        organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
    )


def _check(*, actor, neighbourhood, organisation, people, places, periods) -> None:
    if not may_act_for(actor, neighbourhood, organisation):
        raise ValidationError(
            {"organisation": _("You can only add services for an organisation you work for.")}
        )
    staff = set(organisation.staff.values_list("pk", flat=True))
    if any(pk not in staff for pk in people):
        raise ValidationError(
            {"people": _("Choose people who work for the organisation of this service.")}
        )
    for period in periods:
        if period.opens_at >= period.closes_at:
            raise ValidationError(_("Opening hours end after they start."))
        if period.place is not None and not 0 <= period.place < len(places):
            raise ValidationError(_("Choose one of the places of this service."))


def _postcode(value: str) -> str:
    parts = parse_postcode(value)
    if not parts:
        return value.strip().upper()
    pc4, pc6 = parts
    return pc6 or pc4


def _save_places(service: Service, places: list[Place]) -> list[Location]:
    """Make the service's locations those of ``places`` (in their order): existing ones
    updated, new ones made, the rest deleted (with their hours). Coordinates from the
    postcode centres (one query)."""
    existing = {location.pk: location for location in service.locations.all()}
    points = geo.points_for_postcodes([p.postcode for p in places if p.postcode])
    kept = []
    for place in places:
        location = existing.pop(place.pk, None) if place.pk else None
        if location is None:
            location = Location(neighbourhood_id=service.neighbourhood_id, service=service)
        location.name = place.name
        location.address = place.address
        location.postcode = _postcode(place.postcode) if place.postcode else ""
        location.city = place.city
        location.wheelchair = place.wheelchair
        location.hearing_loop = place.hearing_loop
        point = points.get(place.postcode)
        location.latitude = point.latitude if point else None
        location.longitude = point.longitude if point else None
        location.save()
        kept.append(location)
    if existing:
        Location.objects.filter(pk__in=list(existing)).delete()
    return kept


def _save_periods(service: Service, periods: list[Period], locations: list[Location]) -> None:
    """Replace the service's weekly periods (they have no identity of their own)."""
    service.hours.all().delete()
    Hours.objects.bulk_create(
        Hours(
            neighbourhood_id=service.neighbourhood_id,
            service=service,
            location=locations[period.place] if period.place is not None else None,
            kind=period.kind,
            weekday=period.weekday,
            opens_at=period.opens_at,
            closes_at=period.closes_at,
            note=period.note,
        )
        for period in periods
    )


def _save_people(service: Service, people: list[int]) -> None:
    wanted = list(dict.fromkeys(people))
    service.service_people.exclude(user_id__in=wanted).delete()
    present = set(service.service_people.values_list("user_id", flat=True))
    ServicePerson.objects.bulk_create(
        ServicePerson(neighbourhood_id=service.neighbourhood_id, service=service, user_id=pk)
        for pk in wanted
        if pk not in present
    )


@transaction.atomic
def service_create(
    *,
    actor,
    neighbourhood,
    organisation: Organisation,
    people: list[int] = (),
    places: list[Place] = (),
    periods: list[Period] = (),
    **fields,
) -> Service:
    """Add a service for an organisation, with its places, weekly hours and people."""
    people, places, periods = list(people), list(places), list(periods)
    _check(
        actor=actor,
        neighbourhood=neighbourhood,
        organisation=organisation,
        people=people,
        places=places,
        periods=periods,
    )
    now = timezone.now()
    service = Service(
        neighbourhood=neighbourhood,
        organisation=organisation,
        created_by=actor,
        created_at=now,
        updated_at=now,
        last_checked_at=now,
        **{name: value for name, value in fields.items() if name in SERVICE_FIELDS},
    )
    finding.index_service(service)
    service.save()
    finding.after_save(service)
    locations = _save_places(service, places)
    _save_periods(service, periods, locations)
    _save_people(service, people)
    log_action(actor=actor, action="socialmap.service.create", target=service)
    selectors.services_changed(neighbourhood.pk)
    return service


@transaction.atomic
def service_update(
    *,
    actor,
    service: Service,
    organisation: Organisation | None = None,
    people: list[int] = (),
    places: list[Place] = (),
    periods: list[Period] = (),
    **fields,
) -> Service:
    """Change what a service says, its places, hours and people. Saving it counts as checking
    it (as ``freshness.service_confirm`` does): "last checked" is now, an open "klopt dit
    nog?" question is answered, and it is no longer "possibly out of date"."""
    people, places, periods = list(people), list(places), list(periods)
    organisation = organisation or service.organisation
    _check(
        actor=actor,
        neighbourhood=service.neighbourhood,
        organisation=organisation,
        people=people,
        places=places,
        periods=periods,
    )
    for name, value in fields.items():
        if name in SERVICE_FIELDS:
            setattr(service, name, value)
    now = timezone.now()
    service.organisation = organisation
    service.updated_at = now
    service.last_checked_at = now
    service.check_asked_at = service.stale_since = None
    finding.index_service(service)
    service.save()
    finding.after_save(service)
    locations = _save_places(service, places)
    _save_periods(service, periods, locations)
    _save_people(service, people)
    log_action(actor=actor, action="socialmap.service.edit", target=service)
    selectors.services_changed(service.neighbourhood_id)
    return service


def service_end(*, actor, service: Service) -> Service:
    """The service is no longer given: it leaves the lists, and stays for its editors (and
    open data) as ended. Nothing is deleted."""
    if service.state == State.ENDED:
        raise ValidationError(_("This service has already ended."))
    service.state = State.ENDED
    service.updated_at = timezone.now()
    finding.index_service(service)
    service.save(update_fields=["state", "updated_at", "search_text", "search_vector"])
    log_action(actor=actor, action="socialmap.service.end", target=service)
    selectors.services_changed(service.neighbourhood_id)
    return service


def service_reopen(*, actor, service: Service) -> Service:
    """An ended service is given again."""
    if service.state == State.ACTIVE:
        raise ValidationError(_("This service is still given."))
    service.state = State.ACTIVE
    service.updated_at = timezone.now()
    finding.index_service(service)
    service.save(update_fields=["state", "updated_at", "search_text", "search_vector"])
    log_action(actor=actor, action="socialmap.service.reopen", target=service)
    selectors.services_changed(service.neighbourhood_id)
    return service


def reindex_organisation(organisation) -> None:
    """Store the search words of the organisation's services again (its name is in them),
    after the organisation was renamed (``core.search.organisation_renamed``). What the
    meaning is computed from holds no organisation name: no new embedding."""
    for service in Service.objects.filter(organisation=organisation).select_related("organisation"):
        finding.index_service(service)
        service.save(update_fields=["search_text", "search_vector"])


def card_save(
    *,
    actor,
    neighbourhood,
    organisation: Organisation,
    job_title: str = "",
    working_area: str = "",
    reachable: str = "",
    phone: str = "",
) -> Professional:
    """A professional's card here: for whom they work, their job, area, and when they can be
    reached."""
    membership = _membership(actor, neighbourhood)
    allowed = organisation.staff.filter(pk=actor.pk).exists() or (
        membership is not None
        and membership.role == Role.PROFESSIONAL
        and membership.organisation_id == organisation.pk
    )
    if membership is None or not allowed:
        raise ValidationError({"organisation": _("Choose an organisation you work for.")})
    card, _created = Professional.objects.update_or_create(
        neighbourhood=neighbourhood,
        user=actor,
        defaults={
            "organisation": organisation,
            "job_title": job_title,
            "working_area": working_area,
            "reachable": reachable,
            "phone": phone,
            "updated_at": timezone.now(),
        },
    )
    log_action(actor=actor, action="socialmap.card.edit", target=card)
    return card
