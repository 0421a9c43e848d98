"""Permission matrix of the workers' console.

The world: the own neighbourhood is in a region whose desk the matrix organisation takes part
in, and the professional is on its staff (the worker); the other neighbourhood is in another
region with its own desk and chats. Nobody but a desk's worker opens the console, and a worker
never reaches another region's chat, nor a colleague's.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import RegionFactory, member
from buurtplein.core.tests.matrix import PROFESSIONAL, Row, cases, check_row, statuses
from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp.models import Chat, Snippet
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat, take_part

WORKER_ONLY = statuses(302, 403, 403, 403, 200, 403)
WORKER_ONLY_POST = statuses(302, 403, 403, 403, 302, 403)
NOBODY_THERE = statuses(302, 403, 403, 403, 403, 403)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        worker = w.users[PROFESSIONAL]
        w.organisation.staff.add(worker)
        colleague = member(w.own, first_name="Collega")
        w.organisation.staff.add(colleague)
        desk = DeskFactory(region=RegionFactory(neighbourhoods=[w.own]), always_open=True)
        take_part(desk, w.organisation)
        other_desk = DeskFactory(region=RegionFactory(neighbourhoods=[w.other]), always_open=True)
        waiting = {"own": new_chat(desk), "other": new_chat(other_desk)}
        snippets = {
            "own": Snippet.objects.create(organisation=w.organisation, title="Hoi", text="Hoi"),
            "other": Snippet.objects.create(
                organisation=OrganisationFactory(), title="Daar", text="Daar"
            ),
        }
        mine = {
            "own": new_chat(desk, state=Chat.State.ACTIVE, worker=worker),
            "other": new_chat(other_desk, state=Chat.State.ACTIVE, worker=worker),
        }
    return SimpleNamespace(
        **vars(w), desk=desk, waiting=waiting, mine=mine, snippets=snippets, colleague=colleague
    )


ROWS = [
    Row("onlinehulp:console", expect=WORKER_ONLY, expect_other=NOBODY_THERE),
    Row("onlinehulp:console_queue", expect=WORKER_ONLY, expect_other=NOBODY_THERE),
    Row(
        "onlinehulp:console_panel",
        kwargs=lambda w, where: {"pk": w.mine[where].pk},
        expect=WORKER_ONLY,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:console_take",
        method="post",
        kwargs=lambda w, where: {"pk": w.waiting[where].pk},
        expect=WORKER_ONLY_POST,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:console_close",
        method="post",
        kwargs=lambda w, where: {"pk": w.mine[where].pk},
        data=lambda w, where: {f"chat{w.mine[where].pk}-outcome": "listened"},
        expect=WORKER_ONLY_POST,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:console_handover",
        method="post",
        kwargs=lambda w, where: {"pk": w.mine[where].pk},
        data=lambda w, where: {f"chat{w.mine[where].pk}-to": w.colleague.pk},
        expect=WORKER_ONLY_POST,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:console_services",
        query="q=schuld",
        expect=WORKER_ONLY,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:console_read_along",
        method="post",
        kwargs=lambda w, where: {"pk": w.mine[where].pk},
        data=lambda w, where: {"stop": "1"},
        expect=WORKER_ONLY_POST,
        expect_other=NOBODY_THERE,
    ),
    Row("onlinehulp:snippets", expect=WORKER_ONLY, expect_other=NOBODY_THERE),
    Row(
        "onlinehulp:snippet_edit",
        kwargs=lambda w, where: {"pk": w.snippets[where].pk},
        expect=WORKER_ONLY,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:snippet_delete",
        method="post",
        kwargs=lambda w, where: {"pk": w.snippets[where].pk},
        expect=WORKER_ONLY_POST,
        expect_other=NOBODY_THERE,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_console_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("onlinehulp:console_panel", "get"),
        ("onlinehulp:console_take", "post"),
        ("onlinehulp:console_close", "post"),
        ("onlinehulp:console_handover", "post"),
    ],
)
def test_the_worker_never_reaches_another_regions_chat_from_here(client, world, name, method):
    client.force_login(world.users[PROFESSIONAL])
    for chat in (world.waiting["other"], world.mine["other"]):
        response = getattr(client, method)(nb_reverse(name, world.own, kwargs={"pk": chat.pk}))
        assert response.status_code == 404
    with scopes_disabled():
        assert Chat.objects.get(pk=world.waiting["other"].pk).state == Chat.State.WAITING
        assert Chat.objects.get(pk=world.mine["other"].pk).state == Chat.State.ACTIVE


def test_a_colleagues_chat_is_not_on_the_console(client, world):
    colleague = member(world.own, role=Role.PROFESSIONAL)
    world.organisation.staff.add(colleague)
    client.force_login(colleague)
    url = nb_reverse("onlinehulp:console_panel", world.own, kwargs={"pk": world.mine["own"].pk})
    assert client.get(url).status_code == 404
    close = nb_reverse("onlinehulp:console_close", world.own, kwargs={"pk": world.mine["own"].pk})
    pk = world.mine["own"].pk
    assert client.post(close, {f"chat{pk}-outcome": "listened"}).status_code == 404


@pytest.mark.parametrize("who", ["staff_of_a_non_participating_organisation", "other_region"])
def test_no_console_for_who_does_not_work_for_this_desk(client, world, who):
    if who == "other_region":
        person = world.other_resident
        with scopes_disabled():
            other_org = OrganisationFactory()
            other_org.neighbourhoods.add(world.other)
            other_org.staff.add(person)
            take_part(DeskFactory(region=RegionFactory(neighbourhoods=[world.other])), other_org)
    else:
        person = member(world.own, role=Role.PROFESSIONAL)
        with scopes_disabled():
            org = OrganisationFactory()
            org.neighbourhoods.add(world.own)
            org.staff.add(person)
    client.force_login(person)
    for name in ("onlinehulp:console", "onlinehulp:console_queue"):
        assert client.get(nb_reverse(name, world.own)).status_code == 403
    take = nb_reverse("onlinehulp:console_take", world.own, kwargs={"pk": world.waiting["own"].pk})
    assert client.post(take).status_code == 403
