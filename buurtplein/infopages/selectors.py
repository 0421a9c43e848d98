"""Reads of the information pages. Every read runs a fixed number of queries, however many
pages or versions there are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from buurtplein.core import paging
from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.models import Membership
from buurtplein.core.paging import Page
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.search import found, matching
from buurtplein.infopages.models import MAX_DEPTH, InfoPage, InfoPageVersion, Visibility
from buurtplein.infopages.permissions import EDITOR_ROLES

HISTORY_PAGE_SIZE = 50
HOME_PAGES = 8
TREE_LIMIT = 1000
"""More pages than a neighbourhood writes; the index never reads more."""

# A page is readable by everyone when it and every page above it are public (at most two
# levels above: the tree is three deep).
PUBLIC_CHAIN = (
    Q(visibility=Visibility.PUBLIC)
    & (Q(parent__isnull=True) | Q(parent__visibility=Visibility.PUBLIC))
    & (Q(parent__parent__isnull=True) | Q(parent__parent__visibility=Visibility.PUBLIC))
)


def live() -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(deleted_at__isnull=True)


def readable(viewer: Viewer) -> QuerySet[InfoPage]:
    pages = live()
    if not can(viewer, "infopages.members_pages.view"):
        pages = pages.filter(PUBLIC_CHAIN)
    return pages


def _with_related(pages: QuerySet[InfoPage]) -> QuerySet[InfoPage]:
    return pages.select_related("parent__parent", "owner__profile")


def _ordered(pages: QuerySet[InfoPage]) -> QuerySet[InfoPage]:
    return pages.order_by("position", "title", "id")


# --- the tree -----------------------------------------------------------------------------------


@dataclass
class Node:
    page: InfoPage
    depth: int
    children: list[Node] = field(default_factory=list)


def build_tree(pages: list[InfoPage]) -> list[Node]:
    """Pages (in sibling order) as a tree; a page whose parent is not among them is shown at
    the top rather than lost."""
    nodes = {page.pk: Node(page, 1) for page in pages}
    roots = []
    for page in pages:
        parent = nodes.get(page.parent_id)
        if parent is None:
            roots.append(nodes[page.pk])
        else:
            parent.children.append(nodes[page.pk])

    def set_depth(items: list[Node], depth: int) -> None:
        for node in items:
            node.depth = depth
            set_depth(node.children, depth + 1)

    set_depth(roots, 1)
    return roots


def page_tree(viewer: Viewer) -> list[Node]:
    """Every page the viewer may read, as the table of contents (one query)."""
    pages = list(_ordered(readable(viewer).select_related("owner__profile"))[:TREE_LIMIT])
    return build_tree(pages)


def stale_pages(neighbourhood, *, now: datetime | None = None, limit: int | None = None):
    """Pages of the neighbourhood past their check date (due or reminded), the longest
    unchecked first, with their owners: what buurtverbinders must look at (the index shows it
    to editors; the buurtverbinder dashboard can call this too). One query."""
    now = now or timezone.now()
    pages = (
        InfoPage.objects.filter(
            neighbourhood=neighbourhood, deleted_at__isnull=True, check_due_at__lte=now
        )
        .select_related("owner__profile")
        .order_by("check_due_at", "id")
    )
    return list(pages[:limit] if limit else pages)


# --- one page -----------------------------------------------------------------------------------


def find_page(slug: str) -> InfoPage:
    """A page of this neighbourhood that was not deleted, whoever looks (404 otherwise). Only
    for the page view, which shows outsiders a neutral "for neighbours only" preview."""
    page = _with_related(live().filter(slug=slug)).first()
    if page is None:
        raise Http404
    return page


def access_page(viewer: Viewer, slug: str) -> InfoPage:
    """A page the viewer may read; the same 404 for missing, deleted and forbidden."""
    page = _with_related(readable(viewer).filter(slug=slug)).first()
    if page is None:
        raise Http404
    return page


def children(viewer: Viewer, page: InfoPage) -> list[InfoPage]:
    return list(_ordered(readable(viewer).filter(parent=page)))


def siblings(page: InfoPage) -> list[InfoPage]:
    """The pages next to this one (this one included), in order."""
    return list(_ordered(live().filter(parent_id=page.parent_id)))


def descendant_ids(page: InfoPage) -> set[int]:
    """Sub-pages and their sub-pages (two queries at most: the tree is three deep)."""
    found: set[int] = set()
    level = {page.pk}
    for _ in range(MAX_DEPTH - 1):
        level = set(live().filter(parent_id__in=level).values_list("pk", flat=True))
        if not level:
            break
        found |= level
    return found


def subtree_height(page: InfoPage) -> int:
    """1 for a page without sub-pages, 2 with sub-pages, 3 with sub-sub-pages."""
    height, level = 1, {page.pk}
    for _ in range(MAX_DEPTH):
        level = set(live().filter(parent_id__in=level).values_list("pk", flat=True))
        if not level:
            break
        height += 1
    return height


def parent_choices(neighbourhood, page: InfoPage | None = None) -> list[tuple[InfoPage, int]]:
    """Where a page can go: under pages that are not itself or below it, and where it (with
    its sub-pages) stays within three levels. Pairs of (page, depth of that page), in tree
    order."""
    pages = list(_ordered(live().filter(neighbourhood=neighbourhood).select_related("parent")))
    excluded: set[int] = set()
    height = 1
    if page is not None and page.pk:
        excluded = {page.pk, *descendant_ids(page)}
        height = subtree_height(page)
    choices = []

    def walk(nodes: list[Node]) -> None:
        for node in nodes:
            if node.page.pk in excluded:
                continue
            if node.depth + height <= MAX_DEPTH:
                choices.append((node.page, node.depth))
            walk(node.children)

    walk(build_tree(pages))
    return choices


# --- versions -----------------------------------------------------------------------------------


def history(page: InfoPage, *, after: str | None = None, size: int = HISTORY_PAGE_SIZE) -> Page:
    """The page's versions, newest first, keyset-paginated (``after``: a cursor)."""
    versions = InfoPageVersion.objects.filter(page=page).select_related("author__profile")
    return paging.page(versions, after, size=size, order=("-number", "-id"), types=(int, int))


def access_version(page: InfoPage, number: int) -> InfoPageVersion:
    """Version ``number`` of a page the viewer may read (404 when there is none)."""
    version = (
        InfoPageVersion.objects.filter(page=page, number=number)
        .select_related("author__profile")
        .first()
    )
    if version is None:
        raise Http404
    return version


def previous_version(version: InfoPageVersion) -> InfoPageVersion | None:
    return (
        InfoPageVersion.objects.filter(page_id=version.page_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def find_version(page: InfoPage, number: int) -> InfoPageVersion | None:
    """Version ``number`` of a page already accessed, or None (the conflict view)."""
    return (
        InfoPageVersion.objects.filter(page=page, number=number)
        .select_related("author__profile")
        .first()
    )


# --- people -------------------------------------------------------------------------------------


def editor_ids(neighbourhood) -> set[int]:
    return set(
        Membership.objects.filter(
            neighbourhood=neighbourhood,
            status=Membership.Status.VERIFIED,
            role__in=EDITOR_ROLES,
        ).values_list("user_id", flat=True)
    )


def editors(neighbourhood) -> list:
    """The people who may keep pages current here (for "kept up to date by")."""
    memberships = (
        Membership.objects.filter(
            neighbourhood=neighbourhood,
            status=Membership.Status.VERIFIED,
            role__in=EDITOR_ROLES,
        )
        .select_related("user__profile")
        .order_by("user__first_name", "user__last_name", "user_id")
    )
    return [membership.user for membership in memberships]


# --- the neighbourhood's search (Component.search) ----------------------------------------------


def _page_hit(page: InfoPage) -> SearchHit:
    return SearchHit(
        title=page.title,
        line=page.excerpt,
        url_name="infopages:page",
        url_kwargs={"slug": page.slug},
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Info pages the viewer may read that fit ``query`` (members-only pages, and the pages
    under them, only for neighbours): one query."""
    return found(matching(readable(viewer), query, newest=("-updated_at", "-id")), limit, _page_hit)


# --- the home block -----------------------------------------------------------------------------


def home_pages(viewer: Viewer) -> list[InfoPage]:
    return list(_ordered(readable(viewer).filter(parent__isnull=True))[:HOME_PAGES])


CHANGES = Generation("infopages:home")
"""Its token changes whenever an info page of the neighbourhood changes."""
home_version = CHANGES.token
home_changed = CHANGES.changed
