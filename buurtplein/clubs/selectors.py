"""Reads of the clubs component. Every list runs a fixed number of queries, whatever its
length."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from buurtplein.clubs.models import (
    Audience,
    Club,
    ClubAnnouncement,
    ClubMember,
    ClubPhoto,
    Kind,
    Role,
    State,
    Status,
)
from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer
from buurtplein.core.search import found, matching

LIST_PAGE = 30
MEMBERS_PAGE = 60
ANNOUNCEMENTS_PAGE = 20
HOME_CLUBS = 3


@dataclass(frozen=True)
class Filters:
    q: str = ""
    kind: str | None = None

    @property
    def query(self) -> str:
        """The filters as a query string (without the cursor), for "more" links."""
        return urlencode([(k, v) for k, v in (("q", self.q), ("kind", self.kind)) if v])

    @property
    def active(self) -> bool:
        return bool(self.q or self.kind)


# --- who is what in which club (one query per request) -----------------------------------------


def my_club_memberships(viewer: Viewer) -> dict[int, ClubMember]:
    """The viewer's memberships and requests in this neighbourhood, by club id, with the club
    and its organisation: one query per request, kept on the user object (like
    ``accounts.selectors.staff_org_ids``). Every rule and page asks this."""
    if not viewer.is_authenticated or viewer.neighbourhood is None:
        return {}
    cached = viewer.user.__dict__.setdefault("_club_memberships", {})
    key = viewer.neighbourhood.pk
    if key not in cached:
        rows = ClubMember.objects.filter(
            neighbourhood=viewer.neighbourhood, user=viewer.user
        ).select_related("club", "club__organisation")
        cached[key] = {}
        for member in rows:
            member.user = viewer.user  # the same object: actions drop its caches
            cached[key][member.club_id] = member
    return cached[key]


def membership_in(viewer: Viewer, club: Club | None) -> ClubMember | None:
    if club is None:
        return None
    return my_club_memberships(viewer).get(club.pk)


def is_board(viewer: Viewer, club: Club | None) -> bool:
    member = membership_in(viewer, club)
    return member is not None and member.is_board


def is_active_member(viewer: Viewer, club: Club | None) -> bool:
    member = membership_in(viewer, club)
    return member is not None and member.is_active


# --- clubs -------------------------------------------------------------------------------------


def _visible(viewer: Viewer) -> QuerySet[Club]:
    """Active clubs; hidden ones too for the buurtverbinders and for their own board; removed
    ones for nobody."""
    clubs = Club.objects.exclude(state=State.REMOVED)
    if viewer.is_connector:
        return clubs
    boards = [pk for pk, member in my_club_memberships(viewer).items() if member.is_board]
    return clubs.filter(Q(state=State.ACTIVE) | Q(state=State.HIDDEN, pk__in=boards))


def _filtered(clubs: QuerySet[Club], filters: Filters) -> QuerySet[Club]:
    if filters.kind:
        clubs = clubs.filter(kind=filters.kind)
    for word in filters.q.split()[:8]:
        clubs = clubs.filter(
            Q(organisation__name__icontains=word)
            | Q(pitch__icontains=word)
            | Q(description__icontains=word)
            | Q(meets_where__icontains=word)
        )
    return clubs


@dataclass
class ClubList:
    mine: list
    """The viewer's own clubs (member or asked to join), first page only."""
    page: Page


def club_list(viewer: Viewer, filters: Filters, *, after: str | None = None) -> ClubList:
    """The clubs of the neighbourhood by name (case-insensitive), the viewer's own first;
    searched by words in the name, pitch, description and meeting place, filtered by kind;
    keyset-paginated on (name, id). Three queries, whatever the number of clubs."""
    memberships = my_club_memberships(viewer)
    mine_ids = list(memberships)
    clubs = (
        _filtered(_visible(viewer), filters)
        .filter(state=State.ACTIVE)
        .select_related("organisation")
        .annotate(sort_name=Lower("organisation__name"))
    )
    mine = []
    if mine_ids and not after:
        mine = list(
            _filtered(_visible(viewer), filters)
            .filter(pk__in=mine_ids)
            .select_related("organisation")
            .annotate(sort_name=Lower("organisation__name"))
            .order_by("sort_name", "pk")
        )
    others = clubs.exclude(pk__in=mine_ids)
    found = page(others, after, size=LIST_PAGE, order=("sort_name", "pk"), types=(str, int))
    for club in mine:
        club.mine = memberships[club.pk]
    return ClubList(mine=mine, page=found)


def _club_hit(club: Club) -> SearchHit:
    return SearchHit(
        title=club.organisation.name,
        line=club.pitch,
        url_name="clubs:club",
        url_kwargs={"slug": club.organisation.slug},
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Active clubs that fit ``query`` (for the neighbourhood's search; hidden and removed
    ones never, also not for their board or the buurtverbinders, so without
    :func:`_visible`'s query of the viewer's own clubs): one query."""
    clubs = (
        Club.objects.filter(state=State.ACTIVE)
        .select_related("organisation")
        .only("pitch", "organisation__name", "organisation__slug")
    )
    return found(matching(clubs, query), limit, _club_hit)


def access_club(viewer: Viewer, slug: str) -> Club:
    """A club the viewer may see, by the slug of its organisation; the same 404 for missing,
    removed and hidden-from-you."""
    club = _visible(viewer).select_related("organisation").filter(organisation__slug=slug).first()
    if club is None:
        raise Http404
    return club


def club_for_organisation(organisation) -> Club | None:
    """The club page of an organisation in this neighbourhood (for the organisation page), if
    it has one that is active."""
    return (
        Club.objects.filter(organisation=organisation, state=State.ACTIVE)
        .select_related("organisation")
        .first()
    )


def club_photos(club: Club) -> list[ClubPhoto]:
    return list(ClubPhoto.objects.filter(club=club).order_by("position", "id"))


def board_of(club: Club) -> list[ClubMember]:
    return list(
        ClubMember.objects.filter(club=club, status=Status.ACTIVE, role=Role.BOARD)
        .select_related("user", "user__profile")
        .order_by("joined_at", "pk")
    )


def members(club: Club, *, after: str | None = None) -> Page:
    """Active members (the board included), by first name, keyset-paginated."""
    rows = (
        ClubMember.objects.filter(club=club, status=Status.ACTIVE)
        .select_related("user", "user__profile")
        .annotate(sort_name=Lower("user__first_name"))
    )
    return page(rows, after, size=MEMBERS_PAGE, order=("sort_name", "pk"), types=(str, int))


def pending_requests(club: Club, *, limit: int = 100) -> list[ClubMember]:
    """Requests to join, oldest first (for the board)."""
    return list(
        ClubMember.objects.filter(club=club, status=Status.PENDING)
        .select_related("user", "user__profile")
        .order_by("requested_at", "pk")[:limit]
    )


def pending_count(club: Club) -> int:
    return ClubMember.objects.filter(club=club, status=Status.PENDING).count()


def access_member(viewer: Viewer, club: Club, pk: int) -> ClubMember:
    """A membership or request of this club (for the board's pages); 404 otherwise."""
    member = ClubMember.objects.filter(club=club, pk=pk).select_related("user", "club").first()
    if member is None:
        raise Http404
    member.club = club
    return member


def successors(club: Club, member: ClubMember) -> QuerySet[ClubMember]:
    """Who can take over from the last board member: the other active members."""
    return (
        ClubMember.objects.filter(club=club, status=Status.ACTIVE)
        .exclude(pk=member.pk)
        .select_related("user", "user__profile")
        .order_by("user__first_name", "pk")
    )


# --- announcements -----------------------------------------------------------------------------


def announcements(club: Club, *, after: str | None = None) -> Page:
    rows = ClubAnnouncement.objects.filter(club=club).select_related("author", "author__profile")
    return page(rows, after, size=ANNOUNCEMENTS_PAGE)


def latest_announcements(club: Club, *, limit: int = 3) -> list[ClubAnnouncement]:
    return list(
        ClubAnnouncement.objects.filter(club=club)
        .select_related("author", "author__profile")
        .order_by("-created_at", "-id")[:limit]
    )


def access_announcement(club: Club, pk: int) -> ClubAnnouncement:
    announcement = (
        ClubAnnouncement.objects.filter(club=club, pk=pk)
        .select_related("author", "author__profile")
        .first()
    )
    if announcement is None:
        raise Http404
    return announcement


# --- the neighbourhood home --------------------------------------------------------------------


CHANGES = Generation("clubs:home")
"""Its token changes whenever a club (or its members) of the neighbourhood changes."""
home_version = CHANGES.token
home_changed = CHANGES.changed


@dataclass(frozen=True)
class MyClub:
    slug: str
    name: str
    pending: bool


def home_mine(viewer: Viewer, version: str) -> list[MyClub]:
    """The viewer's clubs for the home block, by name. Cached per person until a club of the
    neighbourhood changes (``version``): a warm home asks the database nothing for it."""
    if not viewer.is_authenticated:
        return []
    key = f"clubs:mine:{viewer.neighbourhood.pk}:{version}:{viewer.user.pk}"
    mine = cache.get(key)
    if mine is None:
        mine = sorted(
            (
                MyClub(member.club.slug, member.club.name, member.is_pending)
                for member in my_club_memberships(viewer).values()
                if member.club.state != State.REMOVED
            ),
            key=lambda club: club.name.lower(),
        )
        cache.set(key, mine, 3600)
    return mine


def home_clubs() -> list[Club]:
    """The newest active clubs of the neighbourhood (one query; cached by the block)."""
    return list(
        Club.objects.filter(state=State.ACTIVE)
        .select_related("organisation")
        .order_by("-created_at", "-pk")[:HOME_CLUBS]
    )


def kinds() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Kind.choices]


# --- on the organisation page (Component.organisation_blocks) ---------------------------------


def organisation_block(organisation, neighbourhood, viewer) -> dict:
    """The organisation's club page, if it has one (linked from the organisation page)."""
    return {"club": club_for_organisation(organisation)}


def organisation_contact_visible(organisation, viewer) -> bool:
    """A club's board chooses who sees its contact details (its page says the same)."""
    club = club_for_organisation(organisation)
    return club is None or club.contact_audience == Audience.PUBLIC or viewer.is_member
