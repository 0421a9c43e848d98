"""Permission matrix of the members pages: every URL × role × own/other neighbourhood."""

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.models import DataExport, InviteCode
from buurtplein.core.models import Membership
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import (
    RESIDENT,
    Row,
    cases,
    check_row,
    statuses,
)

OPEN = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
NOT_THERE = statuses(302, 403, 403)
CONNECTORS = statuses(302, 403, 403, connector=200, professional=403)
CONNECTORS_POST = statuses(302, 403, 403, connector=302, professional=403)
ADMINS_POST = statuses(302, 403, 403, connector=403, professional=403, admin=302)


def resident_of(world, where):
    return world.users[RESIDENT] if where == "own" else world.other_resident


def member_kwargs(world, where):
    return {"user_id": resident_of(world, where).pk}


def membership_kwargs(world, where):
    with scopes_disabled():
        nb = world.own if where == "own" else world.other
        return {"pk": Membership.objects.get(neighbourhood=nb, user=resident_of(world, where)).pk}


def pending_kwargs(world, where):
    return {"pk": (world.own_pending if where == "own" else world.other_pending).pk}


def invite_kwargs(world, where):
    return {"pk": (world.own_invite if where == "own" else world.other_invite).pk}


def organisation_kwargs(world, where):
    return {"slug": world.organisation.slug}


ROWS = [
    # Joining: anonymous → sign-up; members and pending → back home; the others see the form.
    Row(
        "nb:join",
        expect=statuses(302, 302, 302),
        expect_other=statuses(302, 200, 200),
    ),
    Row("nb:members", expect=MEMBERS, expect_other=NOT_THERE),
    # Profiles are for neighbours; outsiders only find public ones (this one is not): 404.
    Row(
        "nb:member",
        kwargs=member_kwargs,
        expect=statuses(404, 200, 200),
        expect_other=statuses(404, 404, 404),
    ),
    Row(
        "nb:member_role",
        method="post",
        kwargs=membership_kwargs,
        data=lambda w, where: {"role": "buurtverbinder"},
        expect=ADMINS_POST,
        expect_other=statuses(302, 403, 403, connector=403, professional=403, admin=403),
    ),
    Row("nb:pending", expect=CONNECTORS, expect_other=NOT_THERE),
    Row(
        "nb:approve",
        method="post",
        kwargs=pending_kwargs,
        expect=CONNECTORS_POST,
        expect_other=NOT_THERE,
    ),
    Row(
        "nb:reject",
        method="post",
        kwargs=pending_kwargs,
        expect=CONNECTORS_POST,
        expect_other=NOT_THERE,
    ),
    Row("nb:invites", expect=CONNECTORS, expect_other=NOT_THERE),
    Row("nb:invite", kwargs=invite_kwargs, expect=CONNECTORS, expect_other=NOT_THERE),
    Row(
        "nb:invite_deactivate",
        method="post",
        kwargs=invite_kwargs,
        expect=CONNECTORS_POST,
        expect_other=NOT_THERE,
    ),
    Row("nb:organisations", expect=OPEN),
    # The organisation is active in "own" only: the other neighbourhood answers 404.
    Row(
        "nb:organisation",
        kwargs=organisation_kwargs,
        expect=OPEN,
        expect_other=statuses(404, 404, 404),
    ),
    Row("me:profile", platform=True, expect=statuses(302, 200, 200)),
    Row("me:account", platform=True, expect=statuses(302, 200, 200)),
    Row("me:export", platform=True, expect=statuses(302, 200, 200)),
    Row("me:export", platform=True, method="post", expect=statuses(302, 302, 302)),
    # The resident's export (past its 7 days: "expired", 410); everyone else gets a 404, the
    # admin and the platform's superuser too (the owner's own download is in test_data_export).
    Row(
        "me:export_download",
        platform=True,
        kwargs=lambda w, where: {"pk": w.export.pk, "token": w.export.token},
        expect=statuses(302, 404, 410, connector=404, professional=404, admin=404),
    ),
    Row("me:erase", platform=True, expect=statuses(302, 200, 200)),
    # Posted without the ticked box and the password: the page again, nothing erased.
    Row("me:erase", platform=True, method="post", expect=statuses(302, 400, 400)),
    Row("me:erased", platform=True, expect=statuses(200, 200, 200)),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    w.own_pending = _pending(w.own)
    w.other_pending = _pending(w.other)
    with scopes_disabled():
        w.own_invite = InviteCode.objects.create(neighbourhood=w.own)
        w.other_invite = InviteCode.objects.create(neighbourhood=w.other)
    w.export = DataExport.objects.create(user=w.users[RESIDENT], state=DataExport.State.EXPIRED)
    return w


def _pending(nb):
    user = member(nb, status=Membership.Status.PENDING)
    with scopes_disabled():
        return Membership.objects.get(user=user, neighbourhood=nb)


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_members_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
