"""Reads of the square. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from buurtplein.core.cache import Generation
from buurtplein.core.permissions import Viewer, can
from buurtplein.square.actions import SEARCH_CONFIG
from buurtplein.square.models import Comment, Post, PostPhoto, Reaction, SavedPost, Visibility

PINNED_MAX = 5
ORGANISATION_POSTS = Generation("square:organisation")
"""Per organisation: its token changes when one of its posts is written, edited, pinned or
removed (blocks that show an organisation's posts, such as a club's page, are cached on it)."""
COMMENTS_PAGE = 100


@dataclass
class Page:
    items: list
    next_cursor: str | None


def encode_cursor(created_at: datetime, pk: int) -> str:
    raw = f"{created_at.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """The (created_at, id) a cursor points at; None for no or a garbled cursor."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.split("|")
        return datetime.fromisoformat(stamp), int(pk)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None


def _readable_posts(viewer: Viewer) -> QuerySet[Post]:
    posts = Post.objects.filter(is_deleted=False)
    if not can(viewer, "square.members_posts.view"):
        posts = posts.filter(visibility=Visibility.PUBLIC)
    return posts


def _with_related(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("author", "author__profile", "organisation").prefetch_related(
        Prefetch("photos", queryset=PostPhoto.objects.order_by("position", "id"))
    )


def attach_viewer_state(viewer: Viewer, posts: list[Post]) -> list[Post]:
    """Set ``my_reaction`` and ``is_saved`` on each post: two queries for any number of posts."""
    ids = [post.pk for post in posts]
    reactions, saved = {}, set()
    if viewer.is_authenticated and ids:
        reactions = dict(
            Reaction.objects.filter(user=viewer.user, post_id__in=ids).values_list(
                "post_id", "kind"
            )
        )
        saved = set(
            SavedPost.objects.filter(user=viewer.user, post_id__in=ids).values_list(
                "post_id", flat=True
            )
        )
    for post in posts:
        post.my_reaction = reactions.get(post.pk)
        post.is_saved = post.pk in saved
    return posts


def _keyset(posts: QuerySet[Post], cursor: str | None) -> QuerySet[Post]:
    position = decode_cursor(cursor)
    if position is None:
        return posts
    created_at, pk = position
    # Written as a range plus an exclusion so PostgreSQL can start the index scan at the cursor.
    return posts.filter(created_at__lte=created_at).exclude(created_at=created_at, id__gte=pk)


def feed(
    viewer: Viewer,
    *,
    category: str | None = None,
    organisation=None,
    after: str | None = None,
    size: int = 0,
) -> tuple[list[Post], Page]:
    """``(pinned, page)``: pinned posts (first page only), then newest first, keyset-paginated.

    With ``organisation``: only the posts written on behalf of it (a club's own posts), no
    pinned block."""
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    posts = _readable_posts(viewer)
    if category:
        posts = posts.filter(category=category)
    if organisation is not None:
        posts = posts.filter(organisation=organisation)
    pinned = []
    if not after and not category and organisation is None:
        pinned = list(
            _with_related(posts.filter(pinned_at__isnull=False)).order_by("-pinned_at")[:PINNED_MAX]
        )
    rows = list(
        _with_related(_keyset(posts.filter(pinned_at__isnull=True), after)).order_by(
            "-created_at", "-id"
        )[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    attach_viewer_state(viewer, pinned + rows)
    next_cursor = encode_cursor(rows[-1].created_at, rows[-1].pk) if more else None
    return pinned, Page(rows, next_cursor)


def find_post(pk: int) -> Post:
    """A post of this neighbourhood that is not deleted, whoever looks (404 otherwise).

    Only for the post page, which shows outsiders a neutral preview of members-only posts.
    Everything else uses :func:`access_post`.
    """
    post = _with_related(Post.objects.filter(pk=pk, is_deleted=False)).first()
    if post is None:
        raise Http404
    return post


def access_post(viewer: Viewer, pk: int) -> Post:
    """A post the viewer may read; the same 404 for missing and forbidden."""
    post = _with_related(_readable_posts(viewer).filter(pk=pk)).first()
    if post is None:
        raise Http404
    return post


def access_comment(viewer: Viewer, pk: int) -> Comment:
    readable = _readable_posts(viewer)
    comment = (
        Comment.objects.filter(pk=pk, is_deleted=False, post__in=readable)
        .select_related("post", "author")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def post_comments(post: Post, *, after: int | None = None) -> Page:
    """Comments oldest first, ``COMMENTS_PAGE`` at a time."""
    comments = Comment.objects.filter(post=post, is_deleted=False)
    if after:
        comments = comments.filter(id__gt=after)
    rows = list(
        comments.select_related("author", "author__profile").order_by("created_at", "id")[
            : COMMENTS_PAGE + 1
        ]
    )
    more = len(rows) > COMMENTS_PAGE
    rows = rows[:COMMENTS_PAGE]
    return Page(rows, str(rows[-1].pk) if more else None)


def saved_posts(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    saved = SavedPost.objects.filter(user=viewer.user, post__in=_readable_posts(viewer))
    position = decode_cursor(after)
    if position:
        created_at, pk = position
        saved = saved.filter(created_at__lte=created_at).exclude(created_at=created_at, id__gte=pk)
    rows = list(
        saved.select_related("post", "post__author", "post__author__profile")
        .prefetch_related(
            Prefetch("post__photos", queryset=PostPhoto.objects.order_by("position", "id"))
        )
        .order_by("-created_at", "-id")[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    posts = attach_viewer_state(viewer, [row.post for row in rows])
    return Page(posts, encode_cursor(rows[-1].created_at, rows[-1].pk) if more else None)


SEARCH_LIMIT = 30


def search_posts(viewer: Viewer, query: str) -> list[Post]:
    """Posts of this neighbourhood matching ``query`` that the viewer may read.

    PostgreSQL: full-text search with the Dutch configuration, every word stemmed and matched as
    a prefix (so "fiets" finds "fietsen" and "fietsenmaker", which the Dutch stemmer alone does
    not), ranked, on the stored, GIN-indexed ``search_vector`` (migration ``square.0002``).
    SQLite: every word must occur, newest first.
    """
    words = re.findall(r"\w+", query)[:10]
    if not words:
        return []
    posts = _readable_posts(viewer)
    if connection.vendor == "postgresql":
        # Only word characters reach the raw tsquery: no operator from the user survives.
        search = SearchQuery(
            " & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw"
        )
        posts = (
            posts.filter(search_vector=search)
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-created_at")
        )
    else:
        condition = Q()
        for word in words:
            condition &= Q(search_text__icontains=word)
        posts = posts.filter(condition).order_by("-created_at", "-id")
    return attach_viewer_state(viewer, list(_with_related(posts)[:SEARCH_LIMIT]))


# --- the block on an organisation's pages (Component.organisation_blocks) -----------------------


def organisation_block(organisation, neighbourhood, viewer: Viewer) -> dict:
    """The organisation's three newest posts the viewer may read (and the next page's cursor),
    for its page and its club's page."""
    from buurtplein.square.models import ReactionKind

    return {
        "posts": feed(viewer, organisation=organisation, size=3)[1],
        "reaction_kinds": [(value, str(label)) for value, label in ReactionKind.choices],
    }


def organisation_version(organisation, neighbourhood) -> str:
    return ORGANISATION_POSTS.token(organisation.pk)
