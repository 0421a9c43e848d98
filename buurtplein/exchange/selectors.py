"""Reads of vraag & aanbod. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.geo import Point, bounding_box, distance_km, point_for_postcode
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.search import found, matching
from buurtplein.core.text import plain_excerpt
from buurtplein.exchange.models import (
    Item,
    ItemPhoto,
    OrgPledge,
    Pledge,
    PledgeState,
    State,
    Thanks,
    Visibility,
)
from buurtplein.exchange.permissions import manages
from buurtplein.moderation.selectors import without_hidden

DISTANCES_M = (500, 1000, 2000)
HOME_ITEMS = 3


@dataclass(frozen=True)
class Filters:
    direction: str | None = None
    kind: str | None = None
    category: str | None = None
    within_m: int | None = None
    q: str = ""
    arranged: bool = False
    """Show what was arranged recently (with its thank-yous) instead of what is open."""

    @property
    def query(self) -> str:
        """The filters as a query string (without the cursor), for "more" links."""
        from urllib.parse import urlencode

        pairs = [
            ("direction", self.direction),
            ("kind", self.kind),
            ("category", self.category),
            ("within", self.within_m),
            ("q", self.q),
            ("arranged", "1" if self.arranged else ""),
        ]
        return urlencode([(key, value) for key, value in pairs if value])

    @property
    def active(self) -> bool:
        return bool(
            self.direction or self.kind or self.category or self.within_m or self.q or self.arranged
        )


def viewer_point(viewer: Viewer) -> Point | None:
    """The centre of the viewer's postcode in this neighbourhood (one query), or None."""
    membership = viewer.membership
    if membership is None or not membership.postcode:
        return None
    return point_for_postcode(membership.postcode)


def _readable(viewer: Viewer) -> QuerySet[Item]:
    items = Item.objects.all()
    if not can(viewer, "exchange.members_items.view"):
        items = items.filter(visibility=Visibility.PUBLIC)
    return without_hidden(items, viewer)


def _with_related(items: QuerySet[Item]) -> QuerySet[Item]:
    return items.select_related(
        "owner", "owner__profile", "organisation", "initiative"
    ).prefetch_related(Prefetch("photos", queryset=ItemPhoto.objects.order_by("position", "id")))


def attach_distance(origin: Point | None, items: list[Item], *, me=None) -> list[Item]:
    """Set ``distance_m`` (rounded to 100 m) on each item whose place is known, else None
    (also for the viewer's own items: no "100 m from you" to yourself)."""
    for item in items:
        km = None
        mine = me is not None and me.is_authenticated and item.owner_id == me.pk
        if origin is not None and item.latitude is not None and not mine:
            km = distance_km(origin, Point(item.latitude, item.longitude))
        item.distance_m = None if km is None else max(100, round(km * 10) * 100)
    return items


def item_list(
    viewer: Viewer,
    filters: Filters,
    *,
    after: str | None = None,
    size: int = 0,
    origin: Point | None = None,
) -> Page:
    """Open items, newest first, keyset-paginated on (created_at, id). "Within N m" narrows in
    SQL with a bounding box around the viewer's postcode, then by exact distance; the cursor
    follows the last row read, so no row is skipped or repeated (a page may be a little
    shorter than ``size``)."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    items = _readable(viewer).filter(state=State.DONE if filters.arranged else State.OPEN)
    if filters.direction:
        items = items.filter(direction=filters.direction)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.q:
        for word in filters.q.split()[:8]:
            items = items.filter(Q(title__icontains=word) | Q(description__icontains=word))
    within_km = None
    if filters.within_m and origin is not None:
        within_km = filters.within_m / 1000
        min_lat, max_lat, min_lon, max_lon = bounding_box(origin, within_km)
        items = items.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )
    found = page(_with_related(items), after, size=size)
    rows = attach_distance(origin, found.items, me=viewer.user)
    if within_km is not None:
        rows = [
            item
            for item in rows
            if distance_km(origin, Point(item.latitude, item.longitude)) <= within_km
        ]
    return Page(rows, found.next_cursor)


def _item_hit(item: Item) -> SearchHit:
    return SearchHit(
        title=item.title,
        line=f"{item.get_direction_display()} · {plain_excerpt(item.description)}".strip(" ·"),
        url_name="exchange:item",
        url_kwargs={"pk": item.pk},
        date=item.created_at,
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Open offers and requests the viewer may see that fit ``query`` (for the neighbourhood's
    search): one query."""
    return found(matching(_readable(viewer).filter(state=State.OPEN), query), limit, _item_hit)


def my_items(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    """Everything the viewer placed (open, arranged, expired, withdrawn), newest first."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    items = Item.objects.filter(owner=viewer.user).exclude(state=State.REMOVED)
    return page(_with_related(items), after, size=size)


CHANGES = Generation("exchange:home")
"""Its token changes whenever an offer or request of the neighbourhood changes."""
home_version = CHANGES.token
home_changed = CHANGES.changed


def home_items(viewer: Viewer) -> list[Item]:
    items = _readable(viewer).filter(state=State.OPEN)
    return list(_with_related(items).order_by("-created_at", "-id")[:HOME_ITEMS])


def items_for_organisation(viewer: Viewer, organisation, *, limit: int = 3) -> list[Item]:
    """Open items the viewer may read that are of ``organisation``: offered or asked on its
    behalf, or support requested for it as an initiative (a club page shows them). Newest
    first; two queries whatever their number."""
    items = (
        _readable(viewer)
        .filter(state=State.OPEN)
        .filter(Q(organisation=organisation) | Q(initiative=organisation))
    )
    return list(_with_related(items).order_by("-created_at", "-id")[:limit])


def find_item(pk: int, viewer: Viewer | None = None) -> Item:
    """An item of this neighbourhood that was not removed, whoever looks (404 otherwise). Only
    for the item page, which shows outsiders a neutral preview of a members-only item."""
    items = Item.objects.filter(pk=pk).exclude(state=State.REMOVED)
    if viewer is not None:
        items = without_hidden(items, viewer)
    item = _with_related(items).first()
    if item is None:
        raise Http404
    return item


def access_item(viewer: Viewer, pk: int) -> Item:
    """An item the viewer may read; the same 404 for missing and forbidden. A withdrawn item is
    only there for whoever manages it."""
    item = _with_related(_readable(viewer).filter(pk=pk).exclude(state=State.REMOVED)).first()
    if item is None or (item.state == State.WITHDRAWN and not manages(viewer, item)):
        raise Http404
    return item


def item_thanks(item: Item) -> list[Thanks]:
    return list(Thanks.objects.filter(item=item).select_related("author", "author__profile")[:2])


def item_pledges(item: Item, *, limit: int = 50) -> list[Pledge]:
    return list(
        Pledge.objects.filter(item=item)
        .select_related("person", "person__profile")
        .order_by("-created_at", "-id")[:limit]
    )


def my_pledge(viewer: Viewer, item: Item) -> Pledge | None:
    if not viewer.is_authenticated:
        return None
    return Pledge.objects.filter(item=item, person=viewer.user).first()


def repliers(item: Item) -> list:
    """The people who replied to the item (its conversations), for "arranged with whom"."""
    from buurtplein.messaging.selectors import conversations_about

    people = {}
    for conversation in conversations_about(item, user=item.owner):
        person = conversation.other
        if person is not None and person.pk != item.owner_id:
            people[person.pk] = person
    return sorted(people.values(), key=lambda person: person.display_name)


# --- beursvloer ---------------------------------------------------------------------------------


def _pledges_with_related(pledges: QuerySet[OrgPledge]) -> QuerySet[OrgPledge]:
    return pledges.select_related("giver", "receiver", "offered_by", "answered_by")


def beursvloer(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    """Pledges of this neighbourhood: confirmed and accepted ones for every member, offers
    and declined ones only for the two organisations involved."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    mine = staff_org_ids(viewer)
    pledges = OrgPledge.objects.filter(
        Q(state__in=[PledgeState.CONFIRMED, PledgeState.ACCEPTED])
        | Q(giver_id__in=mine)
        | Q(receiver_id__in=mine)
    )
    return page(_pledges_with_related(pledges), after, size=size)


def access_org_pledge(viewer: Viewer, pk: int) -> OrgPledge:
    mine = staff_org_ids(viewer)
    pledge = _pledges_with_related(
        OrgPledge.objects.filter(pk=pk).filter(
            Q(state__in=[PledgeState.CONFIRMED, PledgeState.ACCEPTED])
            | Q(giver_id__in=mine)
            | Q(receiver_id__in=mine)
        )
    ).first()
    if pledge is None:
        raise Http404
    return pledge


def receiving_organisations(viewer: Viewer):
    """Social organisations of this neighbourhood that can receive a beursvloer pledge."""
    from buurtplein.exchange.actions import SOCIAL_KINDS

    return viewer.neighbourhood.organisations.filter(kind__in=SOCIAL_KINDS).order_by("name")


def initiatives(neighbourhood):
    from buurtplein.exchange.actions import INITIATIVE_KINDS

    return neighbourhood.organisations.filter(kind__in=INITIATIVE_KINDS).order_by("name")


# --- the block on an organisation's pages (Component.organisation_blocks) -----------------------


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """What the organisation asks support for (three), for its page and its club's page."""
    return {"items": items_for_organisation(viewer, organisation, limit=3)}


def organisation_version(organisation, neighbourhood) -> str:
    return home_version(neighbourhood.pk)
