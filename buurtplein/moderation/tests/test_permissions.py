"""Permission matrix of moderation: every URL × role × own/other neighbourhood."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django_scopes import scope

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import Row, cases, check_row, statuses
from buurtplein.square.tests.factories import PostFactory

# The queue and its pages: buurtverbinders and admins of this neighbourhood only.
CONNECTORS = statuses(302, 403, 403, connector=200, professional=403, admin=200)
NOBODY_THERE = statuses(302, 403, 403, connector=403, professional=403, admin=403)
OPEN = statuses(200, 200, 200)


def entry_kwargs(world, where):
    post = world.reported if where == "own" else world.other_reported
    return {
        "content_type_id": ContentType.objects.get_for_model(post).pk,
        "object_id": post.pk,
    }


def decision_kwargs(world, where):
    return {"pk": (world.decision if where == "own" else world.other_decision).pk}


def appealed_kwargs(world, where):
    return {"pk": (world.appealed if where == "own" else world.other_decision).pk}


ROWS = [
    Row("moderation:queue", expect=CONNECTORS, expect_other=NOBODY_THERE),
    Row("moderation:entry", kwargs=entry_kwargs, expect=CONNECTORS, expect_other=NOBODY_THERE),
    # The author (the resident) and the buurtverbinders read a decision; to others it does not
    # exist.
    Row(
        "moderation:decision",
        kwargs=decision_kwargs,
        expect=statuses(302, 403, 200, connector=200, professional=404, admin=200),
        expect_other=NOBODY_THERE,
    ),
    # Only the author objects.
    Row(
        "moderation:appeal",
        kwargs=decision_kwargs,
        expect=statuses(302, 403, 200, connector=403, professional=404, admin=403),
        expect_other=NOBODY_THERE,
    ),
    # Another buurtverbinder than the one who decided (the connector did), or an admin.
    Row(
        "moderation:appeal_decide",
        method="post",
        kwargs=appealed_kwargs,
        data=lambda w, where: {"outcome": "uphold"},
        expect=statuses(302, 403, 403, connector=403, professional=403, admin=302),
        expect_other=NOBODY_THERE,
    ),
    Row("moderation:rules", expect=OPEN),
    Row("moderation:rules_edit", expect=CONNECTORS, expect_other=NOBODY_THERE),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    from buurtplein.core.tests.matrix import CONNECTOR, RESIDENT
    from buurtplein.moderation import actions

    w = matrix_world
    resident, connector = w.users[RESIDENT], w.users[CONNECTOR]
    with scope(neighbourhood=w.own):
        w.reported = PostFactory(neighbourhood=w.own, author=member(w.own))
        actions.report_create(reporter=resident, target=w.reported, reason="rude")
        decided = PostFactory(neighbourhood=w.own, author=resident)
        w.decision = actions.decide(
            actor=connector, target=decided, action="warn", message="Let op je woorden."
        )
        appealed = PostFactory(neighbourhood=w.own, author=resident)
        w.appealed = actions.decide(
            actor=connector, target=appealed, action="hide", message="Niet schelden."
        )
        actions.appeal_make(author=resident, decision=w.appealed, text="Het was een grap.")
    other_connector = member(w.other, role=Role.CONNECTOR)
    with scope(neighbourhood=w.other):
        w.other_reported = PostFactory(neighbourhood=w.other, author=w.other_resident)
        actions.report_create(reporter=other_connector, target=w.other_reported, reason="spam")
        w.other_decision = actions.decide(
            actor=other_connector,
            target=PostFactory(neighbourhood=w.other, author=w.other_resident),
            action="hide",
            message="Reclame.",
        )
        actions.appeal_make(author=w.other_resident, decision=w.other_decision, text="Nee.")
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_moderation_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
