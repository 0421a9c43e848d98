"""Permission matrix of the square: every URL × role × own/other neighbourhood."""

import pytest

from buurtplein.core.tests.matrix import (
    Row,
    cases,
    check_row,
    statuses,
)
from buurtplein.square.models import Visibility
from buurtplein.square.tests.factories import CommentFactory, PostFactory

# Pages anyone may open (public feed, search): 200 everywhere.
OPEN = statuses(200, 200, 200)
# Member pages: log-in for anonymous, 403 for people without a verified membership.
MEMBERS = statuses(302, 403, 200)
MEMBERS_OTHER = statuses(302, 403, 403)
# An object of the other neighbourhood does not exist for a member here: 404 (same as
# missing); anonymous is still sent to log in first.
POST_OTHER = statuses(302, 403, 403)


def post_kwargs(world, where):
    return {"pk": (world.own_post if where == "own" else world.other_post).pk}


def comment_kwargs(world, where):
    return {"pk": (world.own_comment if where == "own" else world.other_comment).pk}


def own_post_of_resident(world, where):
    return {"pk": (world.residents_post if where == "own" else world.other_post).pk}


ROWS = [
    Row("square:feed", expect=OPEN),
    Row("square:search", expect=OPEN, query="q=grofvuil"),
    Row("square:saved", expect=MEMBERS, expect_other=MEMBERS_OTHER),
    Row("square:create", expect=MEMBERS, expect_other=MEMBERS_OTHER),
    # Members-only post: members read it; outsiders get the neutral preview (also 200).
    Row("square:post", kwargs=post_kwargs, expect=OPEN),
    Row(
        "square:edit",
        kwargs=own_post_of_resident,
        expect=statuses(302, 403, 200, connector=403, professional=403, admin=403),
        expect_other=POST_OTHER,
    ),
    Row(
        "square:delete",
        kwargs=own_post_of_resident,
        expect=statuses(302, 403, 200, connector=200, professional=403),
        expect_other=POST_OTHER,
    ),
    Row(
        "square:pin",
        method="post",
        kwargs=post_kwargs,
        expect=statuses(302, 403, 403, connector=302, professional=403),
        expect_other=POST_OTHER,
    ),
    Row(
        "square:comment",
        method="post",
        kwargs=post_kwargs,
        data=lambda w, where: {"text": "Goed idee!"},
        expect=statuses(302, 403, 302),
        expect_other=POST_OTHER,
    ),
    Row(
        "square:react",
        method="post",
        kwargs=post_kwargs,
        data=lambda w, where: {"kind": "heart"},
        expect=statuses(302, 403, 302),
        expect_other=POST_OTHER,
    ),
    Row(
        "square:save",
        method="post",
        kwargs=post_kwargs,
        expect=statuses(302, 403, 302),
        expect_other=POST_OTHER,
    ),
    Row("square:report", kwargs=post_kwargs, expect=MEMBERS, expect_other=POST_OTHER),
    Row(
        "square:comment_delete",
        method="post",
        kwargs=comment_kwargs,
        expect=statuses(302, 403, 403, connector=302, professional=403),
        expect_other=POST_OTHER,
    ),
    Row("square:comment_report", kwargs=comment_kwargs, expect=MEMBERS, expect_other=POST_OTHER),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    from buurtplein.core.tests.matrix import RESIDENT as R

    w = matrix_world
    w.own_post = PostFactory(neighbourhood=w.own)
    w.residents_post = PostFactory(neighbourhood=w.own, author=w.users[R])
    w.other_post = PostFactory(neighbourhood=w.other, author=w.other_resident)
    w.own_comment = CommentFactory(post=w.own_post)
    w.other_comment = CommentFactory(post=w.other_post, author=w.other_resident)
    PostFactory(neighbourhood=w.own, visibility=Visibility.PUBLIC)
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_square_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
