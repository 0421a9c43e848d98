"""Permission matrix of the asker's chat after it started (part "live"): stopping, rating,
saving and mailing it. Anyone with the secret link may, in the link's own neighbourhood only;
another region's chat token in this neighbourhood's address is not found."""

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
        chats = {"own": new_chat(desk, state="closed"), "other": new_chat(other_desk)}
    return SimpleNamespace(**vars(w), desk=desk, chats=chats)


def _token(w, where):
    return {"token": w.chats[where].token}


ROWS = [
    Row("onlinehulp:chat_stop", method="post", kwargs=_token, expect=EVERYONE_REDIRECTED),
    Row(
        "onlinehulp:chat_rate",
        method="post",
        kwargs=_token,
        data=lambda w, where: {"rating": "4"},
        expect=EVERYONE_REDIRECTED,
    ),
    Row("onlinehulp:chat_transcript", kwargs=_token, expect=EVERYONE),
    Row(
        "onlinehulp:chat_mail",
        method="post",
        kwargs=_token,
        data=lambda w, where: {"email": "iemand@example.nl"},
        expect=EVERYONE_REDIRECTED,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_onlinehulp_asker_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("part", ["stop/", "chat.txt", "mail/", "rate/"])
def test_another_regions_link_is_not_found_here(client, world, role, part):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = f"/b/{world.own.slug}/online-help/c/{world.chats['other'].token}/{part}"
    response = client.get(url) if part == "chat.txt" else client.post(url, {"rating": "4"})
    assert response.status_code == 404
