"""Reads of the sociale kaart.

The list (``service_list``) is one page of services with everything its cards show — the
organisation, the places, the hours (for "Nu open") and the people who give each service with
their cards — in a constant number of queries, whatever the number of services. Its filters:
words (ranked by ``finding.ranking``), life domain, free of charge, walk-in, open now (Amsterdam
time), distance from a postcode, and language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone
from django.utils.http import urlencode

from buurtplein.accounts.models import Organisation
from buurtplein.accounts.selectors import profile_open, staff_org_ids
from buurtplein.core import geo
from buurtplein.core.cache import Generation
from buurtplein.core.models import Membership
from buurtplein.core.paging import Page, decode_cursor, encode_cursor, page
from buurtplein.core.permissions import Viewer, can
from buurtplein.socialmap import finding
from buurtplein.socialmap.models import (
    Hours,
    Location,
    Professional,
    Service,
    ServicePerson,
    State,
)

PAGE_SIZE = 20
DISTANCES = (1, 2, 5, 10)
"""The distances (km) a visitor can choose."""
OPEN_KINDS = (Hours.Kind.OPEN, Hours.Kind.WALK_IN, Hours.Kind.PHONE)
""""Open now": you can walk in or call now (consultation hours are by appointment)."""

CHANGES = Generation("socialmap:services")
"""Its token changes whenever a service of the neighbourhood changes (organisation blocks)."""
services_version = CHANGES.token
services_changed = CHANGES.changed


def has_code(field_name: str, code: str) -> Q:
    """Rows whose JSON list ``field_name`` holds ``code``: the same on PostgreSQL (``@>``,
    which a GIN index can serve) and on SQLite (which has no JSON ``contains``: the code as a
    JSON string inside the stored text; codes are plain words, so ``"money"`` matches only
    the element ``money``)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__contains": [code]})
    return Q(**{f"{field_name}__icontains": json.dumps(code)})


# --- time --------------------------------------------------------------------------------------


def local_now(now: datetime | None = None) -> datetime:
    """Now in the neighbourhood's time (Europe/Amsterdam, ``TIME_ZONE``)."""
    return timezone.localtime(now or timezone.now())


def is_now(hours: Hours, now: datetime) -> bool:
    """Whether a weekly period is going on at the local moment ``now``."""
    moment = now.time().replace(tzinfo=None)
    return hours.weekday == now.weekday() and hours.opens_at <= moment < hours.closes_at


@dataclass
class HoursGroup:
    """The weekly periods of one kind ("Inloop"), and whether one is going on now."""

    kind: str
    label: str
    rows: list[Hours]
    now: bool


def hours_by_kind(hours: list[Hours], now: datetime | None = None) -> list[HoursGroup]:
    """``hours`` grouped by kind in the order open, walk-in, consultation, phone."""
    now = local_now(now)
    groups = []
    for kind in Hours.Kind:
        rows = sorted((h for h in hours if h.kind == kind), key=lambda h: (h.weekday, h.opens_at))
        if rows:
            groups.append(HoursGroup(kind, kind.label, rows, any(is_now(h, now) for h in rows)))
    return groups


def now_kinds(hours: list[Hours], now: datetime | None = None) -> set[str]:
    now = local_now(now)
    return {h.kind for h in hours if is_now(h, now)}


# --- the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    q: str = ""
    domain: str = ""
    free: bool = False
    walk_in: bool = False
    open_now: bool = False
    language: str = ""
    postcode: str = ""
    km: int = 0
    """0: any distance."""
    place: geo.Point | None = field(default=None, compare=False)
    """The centre of ``postcode`` (found by the view), for the distance filter."""

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.domain
            or self.free
            or self.walk_in
            or self.open_now
            or self.language
            or (self.km and self.place)
        )

    @property
    def query(self) -> str:
        """The filters as a query string (for "more" links and the map toggle)."""
        values = {
            "q": self.q,
            "domain": self.domain,
            "free": "1" if self.free else "",
            "walk_in": "1" if self.walk_in else "",
            "open_now": "1" if self.open_now else "",
            "language": self.language,
            "postcode": self.postcode,
            "km": str(self.km) if self.km else "",
        }
        return urlencode({key: value for key, value in values.items() if value})


def _people_prefetch():
    return Prefetch(
        "service_people",
        queryset=ServicePerson.objects.select_related("user__profile").order_by(
            "user__first_name", "pk"
        ),
    )


def _with_details(services) -> QuerySet[Service]:
    return services.select_related("organisation").prefetch_related(
        "locations", "hours", _people_prefetch()
    )


def readable_services(viewer: Viewer) -> QuerySet[Service]:
    """The neighbourhood's services that are still given."""
    return Service.objects.filter(state=State.ACTIVE)


def services_near(place: geo.Point, km: float) -> set[int]:
    """Ids of the services with a place within ``km`` of ``place`` (one query: the locations
    in a bounding box, then the exact distance)."""
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(place, km)
    rows = Location.objects.filter(
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    ).values_list("service_id", "latitude", "longitude")
    return {
        service_id
        for service_id, lat, lon in rows
        if (geo.distance_km(place, geo.Point(lat, lon)) or 0) <= km
    }


def filtered_services(viewer: Viewer, filters: Filters, now: datetime | None = None):
    services = readable_services(viewer)
    if filters.domain:
        services = services.filter(has_code("life_domains", filters.domain))
    if filters.language:
        services = services.filter(has_code("languages", filters.language))
    if filters.free:
        services = services.filter(is_free=True)
    if filters.walk_in:
        services = services.filter(
            Exists(Hours.objects.filter(service=OuterRef("pk"), kind=Hours.Kind.WALK_IN))
        )
    if filters.open_now:
        moment = local_now(now)
        clock = time(moment.hour, moment.minute, moment.second)
        services = services.filter(
            Exists(
                Hours.objects.filter(
                    service=OuterRef("pk"),
                    kind__in=OPEN_KINDS,
                    weekday=moment.weekday(),
                    opens_at__lte=clock,
                    closes_at__gt=clock,
                )
            )
        )
    if filters.km and filters.place is not None:
        services = services.filter(pk__in=services_near(filters.place, filters.km))
    return services


@dataclass
class ServiceRow:
    """A card of the list: the service and who can help with it."""

    service: Service
    people: list[PersonCard]
    open_kinds: set[str]


@dataclass
class PersonCard:
    """A professional who gives a service, with their card here (job title, area, when
    reachable) and whether they are a member here (then their profile is linked)."""

    user: object
    card: Professional | None
    is_member: bool


def _person_cards(viewer: Viewer, services: list[Service]) -> dict[int, list[PersonCard]]:
    """The people of each service with their cards: two queries for any number of
    services."""
    user_ids = {sp.user_id for service in services for sp in service.service_people.all()}
    if not user_ids:
        return {service.pk: [] for service in services}
    cards = {
        card.user_id: card
        for card in Professional.objects.filter(user_id__in=user_ids).select_related("organisation")
    }
    roles = dict(
        Membership.objects.filter(
            user_id__in=user_ids, status=Membership.Status.VERIFIED
        ).values_list("user_id", "role")
    )
    return {
        service.pk: [
            PersonCard(
                sp.user,
                cards.get(sp.user_id),
                sp.user_id in roles and profile_open(viewer, sp.user, roles[sp.user_id]),
            )
            for sp in service.service_people.all()
        ]
        for service in services
    }


def _rows(viewer: Viewer, services: list[Service], now: datetime | None) -> list[ServiceRow]:
    people = _person_cards(viewer, services)
    moment = local_now(now)
    return [
        ServiceRow(service, people[service.pk], now_kinds(list(service.hours.all()), moment))
        for service in services
    ]


def service_list(
    viewer: Viewer,
    filters: Filters,
    *,
    after: str | None = None,
    size: int = PAGE_SIZE,
    now: datetime | None = None,
) -> Page:
    """One page of service cards (``ServiceRow``). Without words: by name (keyset). With
    words: in ``finding.ranking``'s order, paged by position; only the page's services are
    read as models (the ranking reads a few columns of each candidate)."""
    services = filtered_services(viewer, filters, now).select_related("organisation")
    if finding.has_words(filters.q):  # stop words only ("de het"): the plain list, paged
        ids = [found.pk for found in finding.ranking(services, filters.q)]
        position = decode_cursor(after, int)
        start = position[0] if position and position[0] > 0 else 0
        shown = finding.in_order(services, ids[start : start + size])
        more = len(ids) > start + size
        prefetch_related_objects(shown, "locations", "hours", _people_prefetch())
        result = Page(shown, encode_cursor(start + size) if more else None)
    else:
        result = page(
            _with_details(services), after, size=size, order=("name", "pk"), types=(str, int)
        )
    result.items = _rows(viewer, result.items, now)
    return result


def place_for(viewer: Viewer, postcode: str) -> geo.Point | None:
    """The centre of the postcode typed in, else of the member's own postcode."""
    code = postcode or (viewer.membership.postcode if viewer.is_member else "")
    return geo.point_for_postcode(code) if code else None


# --- one service ---------------------------------------------------------------------------


def access_service(viewer: Viewer, pk: int) -> Service:
    """A service of this neighbourhood the viewer may see (404 for missing and forbidden)."""
    service = Service.objects.select_related("organisation", "created_by").filter(pk=pk).first()
    if service is None or not can(viewer, "socialmap.service.view", service):
        raise Http404
    return service


def service_detail(viewer: Viewer, service: Service, now: datetime | None = None) -> dict:
    """What a service's page shows besides the service: its places (with their hours), its
    hours by kind, its people with their cards, and the open corrections for its editors."""
    locations = list(service.locations.order_by("pk"))
    hours = list(service.hours.select_related("location"))
    people = list(
        service.service_people.select_related("user__profile").order_by("user__first_name")
    )
    service._prefetched_objects_cache = {"service_people": people}
    return {
        "locations": locations,
        "hour_groups": hours_by_kind(hours, now),
        "people": _person_cards(viewer, [service])[service.pk],
    }


# --- for the forms ------------------------------------------------------------------------------


def organisations_for(viewer: Viewer) -> QuerySet[Organisation]:
    """The organisations the viewer may add a service for: those they are staff of here; a
    buurtverbinder every organisation active in the neighbourhood."""
    if viewer.is_connector:
        return viewer.neighbourhood.organisations.order_by("name")
    return Organisation.objects.filter(pk__in=staff_org_ids(viewer)).order_by("name")


def staff_choices(organisation_ids) -> list[tuple[int, str, int]]:
    """``(user id, name, organisation id)`` of the staff of these organisations, one row per
    person (by name); the name says the organisation when the choice spans several."""
    through = Organisation.staff.through
    rows = (
        through.objects.filter(organisation_id__in=list(organisation_ids))
        .select_related("user__profile", "organisation")
        .order_by("user__first_name", "user__last_name", "user_id", "organisation__name")
    )
    several = len(set(organisation_ids)) > 1
    people: dict[int, tuple[int, str, int]] = {}
    for row in rows:
        if row.user_id not in people:
            name = row.user.display_name
            if several:
                name = f"{name} ({row.organisation.name})"
            people[row.user_id] = (row.user_id, name, row.organisation_id)
    return list(people.values())


# --- "Onze diensten" ------------------------------------------------------------------------


def our_services(viewer: Viewer) -> list[Service]:
    """The services of the organisations the viewer works for here (a buurtverbinder: all of
    the neighbourhood), with the number of open corrections, those with corrections first."""
    services = Service.objects.all()
    if not viewer.is_connector:
        services = services.filter(organisation_id__in=staff_org_ids(viewer))
    return list(
        services.select_related("organisation")
        .annotate(open_corrections=Count("feedback", filter=Q(feedback__handled_at=None)))
        .order_by("state", "-open_corrections", "organisation__name", "name")
    )


# --- people -----------------------------------------------------------------------------------


def card_of(viewer: Viewer, user) -> Professional | None:
    return Professional.objects.filter(user=user).select_related("organisation").first()


def services_of_person(user) -> list[Service]:
    return list(
        Service.objects.filter(state=State.ACTIVE, service_people__user=user)
        .select_related("organisation")
        .order_by("name")
    )


def profile_block(person, neighbourhood, viewer: Viewer) -> dict:
    """The block on a person's profile page: their card and the services they give (two
    queries)."""
    return {"card": card_of(viewer, person), "services": services_of_person(person)}


ORGANISATION_BLOCK_LIMIT = 8


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """The organisation's services here, for its page (one query)."""
    services = list(
        readable_services(viewer)
        .filter(organisation=organisation)
        .order_by("name")[: ORGANISATION_BLOCK_LIMIT + 1]
    )
    return {
        "services": services[:ORGANISATION_BLOCK_LIMIT],
        "more": len(services) > ORGANISATION_BLOCK_LIMIT,
    }


def organisation_version(organisation, neighbourhood) -> str:
    return services_version(neighbourhood.pk)
