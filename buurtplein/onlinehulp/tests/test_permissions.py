"""Permission matrix of online help (the chat's pages; other parts add
``test_permissions_<part>.py``).

The world: the own neighbourhood is in a region whose desk is open day and night and in which
the matrix organisation takes part; the other neighbourhood is in another region with its own
desk and chat. Anyone opens a chat by its secret link, and only by it.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.core.tests.factories import RegionFactory
from buurtplein.core.tests.matrix import ROLES, Row, cases, check_row, statuses
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat, take_part

EVERYONE_REDIRECTED = statuses(302, 302, 302)
EVERYONE = statuses(200, 200, 200)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        desk = DeskFactory(region=RegionFactory(neighbourhoods=[w.own]), always_open=True)
        take_part(desk, w.organisation)
        other_desk = DeskFactory(region=RegionFactory(neighbourhoods=[w.other]), always_open=True)
        chats = {"own": new_chat(desk), "other": new_chat(other_desk)}
    return SimpleNamespace(**vars(w), desk=desk, chats=chats)


ROWS = [
    Row(
        "onlinehulp:chat_start",
        method="post",
        data=lambda w, where: {"first_name": "Sam", "age_group": "12_17"},
        expect=EVERYONE_REDIRECTED,
        expect_other=EVERYONE_REDIRECTED,
    ),
    Row(
        "onlinehulp:chat",
        kwargs=lambda w, where: {"token": w.chats[where].token},
        expect=EVERYONE,
        expect_other=EVERYONE,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_onlinehulp_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


@pytest.mark.parametrize("role", ROLES)
def test_a_link_opens_its_own_chat_only_in_its_own_neighbourhood(client, world, role):
    """The other region's chat token, tried in this neighbourhood's address: not found."""
    if world.users[role] is not None:
        client.force_login(world.users[role])
    own = world.own.slug
    response = client.get(f"/b/{own}/online-help/c/{world.chats['other'].token}/")
    assert response.status_code == 404
    response = client.get(f"/b/{own}/online-help/c/{world.chats['own'].token}x/")
    assert response.status_code == 404
