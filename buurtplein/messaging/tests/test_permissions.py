"""Permission matrix of messaging: every URL × role × own/other neighbourhood.

A conversation is readable by its two participants only. The world holds a conversation between
two residents who are none of the matrix's people ("others'"), so every role — buurtverbinder,
professional, admin — gets the same 404 as for a conversation that does not exist; and one the
matrix's resident takes part in ("resident's").
"""

import pytest

from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses
from buurtplein.messaging.actions import block_create
from buurtplein.messaging.tests.factories import send, start_conversation

MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of the matrix is a member.
OUTSIDERS = statuses(302, 403, 403)
# Nobody but the two participants: the same 404 as for a conversation that does not exist.
NOT_THEIRS = statuses(302, 403, 404)
# Only the matrix's resident takes part.
RESIDENTS_ONLY = statuses(302, 403, 200, connector=404, professional=404, admin=404)


def others_conversation(world, where):
    return {"pk": (world.others_conversation if where == "own" else world.far_conversation).pk}


def residents_conversation(world, where):
    return {"pk": (world.residents_conversation if where == "own" else world.far_conversation).pk}


def blocked_by_resident(world, where):
    return {"user_pk": world.blocked_person.pk}


def neighbour_to_write(world, where):
    return {"user_id": (world.neighbour if where == "own" else world.other_resident).pk}


def someone_elsewhere(world, where):
    """Own: a member of the other neighbourhood (not a neighbour here)."""
    return {"user_id": world.other_resident.pk}


def message_to_resident(world, where):
    return {"pk": (world.message_to_resident if where == "own" else world.far_message).pk}


def residents_own_message(world, where):
    return {"pk": world.residents_message.pk}


ROWS = [
    Row("messaging:write", kwargs=neighbour_to_write, expect=MEMBERS, expect_other=OUTSIDERS),
    Row(
        "messaging:write",
        method="post",
        kwargs=neighbour_to_write,
        data=lambda w, where: {"text": "Hoi buur, zullen we eens koffie drinken?"},
        expect=statuses(302, 403, 302),
        expect_other=OUTSIDERS,
    ),
    Row("messaging:write", kwargs=someone_elsewhere, expect=NOT_THEIRS, expect_other=OUTSIDERS),
    Row("messaging:inbox", expect=MEMBERS, expect_other=OUTSIDERS),
    Row("messaging:blocked", expect=MEMBERS, expect_other=OUTSIDERS),
    Row(
        "messaging:conversation",
        kwargs=others_conversation,
        expect=NOT_THEIRS,
        expect_other=OUTSIDERS,
    ),
    Row(
        "messaging:conversation",
        kwargs=residents_conversation,
        expect=RESIDENTS_ONLY,
        expect_other=OUTSIDERS,
    ),
    Row(
        "messaging:conversation",
        method="post",
        kwargs=others_conversation,
        data=lambda w, where: {"text": "Ik lees mee"},
        expect=NOT_THEIRS,
        expect_other=OUTSIDERS,
    ),
    Row(
        "messaging:conversation",
        method="post",
        kwargs=residents_conversation,
        data=lambda w, where: {"text": "Tot zo"},
        expect=statuses(302, 403, 302, connector=404, professional=404, admin=404),
        expect_other=OUTSIDERS,
    ),
    Row("messaging:block", kwargs=others_conversation, expect=NOT_THEIRS, expect_other=OUTSIDERS),
    Row(
        "messaging:block",
        kwargs=residents_conversation,
        expect=RESIDENTS_ONLY,
        expect_other=OUTSIDERS,
    ),
    Row(
        "messaging:block",
        method="post",
        kwargs=others_conversation,
        expect=NOT_THEIRS,
        expect_other=OUTSIDERS,
    ),
    # Report a message to a buurtverbinder: only one someone sent you; your own does not exist.
    Row(
        "messaging:report",
        kwargs=message_to_resident,
        expect=RESIDENTS_ONLY,
        expect_other=OUTSIDERS,
    ),
    Row(
        "messaging:report",
        kwargs=residents_own_message,
        expect=NOT_THEIRS,
        expect_other=OUTSIDERS,
    ),
    # Unblock: only a block one made oneself exists.
    Row(
        "messaging:unblock",
        method="post",
        kwargs=blocked_by_resident,
        expect=statuses(302, 403, 302, connector=404, professional=404, admin=404),
        expect_other=OUTSIDERS,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    a, b = member(w.own), member(w.own)
    w.others_conversation = start_conversation(w.own, a, b, text="Alleen voor ons")
    w.residents_conversation = start_conversation(w.own, w.users[RESIDENT], a, text="Hoi")
    w.residents_message = w.residents_conversation.last_message
    w.message_to_resident = send(w.residents_conversation, a, "Hallo terug")
    far = member(w.other)
    w.far_conversation = start_conversation(w.other, w.other_resident, far, text="Ver weg")
    w.far_message = send(w.far_conversation, far, "Nog verder weg")
    w.blocked_person = member(w.own)
    w.neighbour = member(w.own, first_name="Noor")
    block_create(blocker=w.users[RESIDENT], blocked=w.blocked_person)
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_messaging_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


def test_platform_superuser_reads_no_conversation(client, world):
    """Platform superusers act as admins elsewhere, but not here."""
    from buurtplein.accounts.tests.factories import UserFactory
    from buurtplein.core.urls import nb_reverse

    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    for conversation in (world.others_conversation, world.residents_conversation):
        url = nb_reverse("messaging:conversation", world.own, kwargs={"pk": conversation.pk})
        assert client.get(url).status_code in (403, 404)
    # With a membership of its own (admin), still only its own conversations.
    from buurtplein.core.models import Role
    from buurtplein.core.tests.factories import MembershipFactory

    MembershipFactory(neighbourhood=world.own, user=root, role=Role.ADMIN)
    for conversation in (world.others_conversation, world.residents_conversation):
        url = nb_reverse("messaging:conversation", world.own, kwargs={"pk": conversation.pk})
        assert client.get(url).status_code == 404
