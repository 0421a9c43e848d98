"""Reads of the square. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from buurtplein.core.cache import Generation
from buurtplein.core.components import SearchFound, SearchHit
from buurtplein.core.paging import Page, page
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.search import found, matching
from buurtplein.core.text import plain_excerpt
from buurtplein.moderation.selectors import without_hidden
from buurtplein.square.models import Comment, Post, PostPhoto, Reaction, SavedPost, Visibility

PINNED_MAX = 5
# The square on the neighbourhood home: a short first page (pinned posts first), with a link to
# the square for more.
HOME_POSTS = 3
ORGANISATION_POSTS = Generation("square:organisation")
"""Per organisation: its token changes when one of its posts is written, edited, pinned or
removed (blocks that show an organisation's posts, such as a club's page, are cached on it)."""
COMMENTS_PAGE = 100


def _readable_posts(viewer: Viewer) -> QuerySet[Post]:
    posts = Post.objects.filter(is_deleted=False)
    if not can(viewer, "square.members_posts.view"):
        posts = posts.filter(visibility=Visibility.PUBLIC)
    return without_hidden(posts, viewer)


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
    found = page(_with_related(posts.filter(pinned_at__isnull=True)), after, size=size)
    attach_viewer_state(viewer, pinned + found.items)
    return pinned, found


def home_feed(viewer: Viewer) -> tuple[list[Post], Page]:
    """``(pinned, page)`` for the home: ``HOME_POSTS`` posts in all, the pinned ones first (at
    most ``HOME_POSTS - 1``, so that the newest message is always there), then the newest.
    ``page.next_cursor`` says whether the square has more. The same queries as ``feed``."""
    posts = _readable_posts(viewer)
    pinned = list(
        _with_related(posts.filter(pinned_at__isnull=False)).order_by("-pinned_at")[
            : HOME_POSTS - 1
        ]
    )
    found = page(
        _with_related(posts.filter(pinned_at__isnull=True)), None, size=HOME_POSTS - len(pinned)
    )
    attach_viewer_state(viewer, pinned + found.items)
    return pinned, found


def find_post(pk: int, viewer: Viewer | None = None) -> Post:
    """A post of this neighbourhood that is not deleted, whoever looks (404 otherwise).

    Only for the post page, which shows outsiders a neutral preview of members-only posts.
    Everything else uses :func:`access_post`.
    """
    posts = Post.objects.filter(pk=pk, is_deleted=False)
    if viewer is not None:
        posts = without_hidden(posts, viewer)
    post = _with_related(posts).first()
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
        without_hidden(Comment.objects.filter(pk=pk, is_deleted=False, post__in=readable), viewer)
        .select_related("post", "author")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def post_comments(post: Post, *, after: str | None = None, viewer: Viewer | None = None) -> Page:
    """Comments oldest first, ``COMMENTS_PAGE`` at a time (``after``: a cursor); without
    those moderation hid from ``viewer``."""
    comments = Comment.objects.filter(post=post, is_deleted=False)
    if viewer is not None:
        comments = without_hidden(comments, viewer)
    return page(
        comments.select_related("author", "author__profile"),
        after,
        size=COMMENTS_PAGE,
        order=("created_at", "id"),
    )


def saved_posts(viewer: Viewer, *, after: str | None = None, size: int = 0) -> Page:
    size = size or settings.BUURTPLEIN_FEED_PAGE_SIZE
    saved = SavedPost.objects.filter(user=viewer.user, post__in=_readable_posts(viewer))
    found = page(
        saved.select_related("post", "post__author", "post__author__profile").prefetch_related(
            Prefetch("post__photos", queryset=PostPhoto.objects.order_by("position", "id"))
        ),
        after,
        size=size,
    )
    found.items = attach_viewer_state(viewer, [row.post for row in found.items])
    return found


SEARCH_LIMIT = 30


def search_posts(viewer: Viewer, query: str) -> list[Post]:
    """Posts of this neighbourhood matching ``query`` that the viewer may read, best first
    (``core.search.matching`` on the stored ``search_vector``, migration ``square.0002``; on
    SQLite every word must occur, newest first)."""
    posts = matching(_readable_posts(viewer), query)
    return attach_viewer_state(viewer, list(_with_related(posts)[:SEARCH_LIMIT]))


def _post_hit(post: Post) -> SearchHit:
    title = post.title or plain_excerpt(post.text, 80)
    return SearchHit(
        title=title,
        line=plain_excerpt(post.text) if post.title else "",
        url_name="square:post",
        url_kwargs={"pk": post.pk},
        date=post.created_at,
    )


def search_part(viewer: Viewer, query: str, limit: int) -> SearchFound:
    """Posts for the neighbourhood's search (``Component.search``): the newest that fit, one
    query; thousands may match, so they are counted only up to ``core.search.COUNT_CAP`` + 1
    ("100+"), and not ranked (``matching(ranked=False)``): on a square the newest posts about
    something come first, and "more posts" opens the square's own search, best first."""
    posts = matching(_readable_posts(viewer), query, ranked=False).only(
        "title", "text", "created_at"
    )
    return found(posts, limit, _post_hit, many=True, query=query)


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
