"""Permission matrix of the logbook: every URL × role × own/other neighbourhood.

The world: the professional works for the matrix organisation and registered an entry; the
admin works for a second organisation; the resident is staff of the matrix organisation (a
club's board: sees its totals, registers nothing). Nobody corrects another's entry, nobody
sees another organisation's totals, nothing of the other neighbourhood is seen from here.
"""

from types import SimpleNamespace

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.matrix import (
    ADMIN,
    PROFESSIONAL,
    RESIDENT,
    Row,
    cases,
    check_row,
    statuses,
)
from buurtplein.logbook.tests.factories import EntryFactory

# Only professionals register; members who are staff somewhere see the overview.
REGISTERS = statuses(302, 403, 403, 403, 200, 403)
OVERVIEW = statuses(302, 403, 200, 403, 200, 200)
OTHER = statuses(302, 403, 403)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        w.organisation.staff.add(w.users[PROFESSIONAL], w.users[RESIDENT])
        second = OrganisationFactory(name="Tweede organisatie")
        second.neighbourhoods.add(w.own)
        second.staff.add(w.users[ADMIN])
        other_org = OrganisationFactory(name="Elders")
        other_org.neighbourhoods.add(w.other)
        entry = EntryFactory(
            neighbourhood=w.own, author=w.users[PROFESSIONAL], organisation=w.organisation
        )
        admins = EntryFactory(neighbourhood=w.own, author=w.users[ADMIN], organisation=second)
        other_entry = EntryFactory(
            neighbourhood=w.other, author=w.other_resident, organisation=other_org
        )
    w.logbook = SimpleNamespace(
        second=second,
        other_org=other_org,
        entry=entry,
        admins=admins,
        other_entry=other_entry,
        today=timezone.localdate(),
    )
    return w


def _pick(own, other):
    return lambda w, where: {"pk": (own if where == "own" else other)(w.logbook).pk}


ENTRY = _pick(lambda b: b.entry, lambda b: b.other_entry)
ADMINS = _pick(lambda b: b.admins, lambda b: b.other_entry)


def _entry_data(w, where):
    return {
        "kind": "hours",
        "life_domain": "money",
        "minutes": "30",
        "day": w.logbook.today.isoformat(),
    }


ROWS = [
    Row("logbook:register", expect=REGISTERS, expect_other=OTHER),
    Row(
        "logbook:register",
        method="post",
        data=_entry_data,
        expect=statuses(302, 403, 403, 403, 302, 403),
        expect_other=OTHER,
    ),
    Row(
        "logbook:quick",
        method="post",
        data=lambda w, where: {"how": "phone", "life_domain": "money", "organisation": ""},
        expect=statuses(302, 403, 403, 403, 302, 403),
        expect_other=OTHER,
    ),
    Row("logbook:overview", expect=OVERVIEW, expect_other=OTHER),
    Row(
        "logbook:organisation",
        kwargs=lambda w, where: {"pk": w.organisation.pk},
        # Its staff: the professional and the resident (a board member); not the admin.
        expect=statuses(302, 403, 200, 403, 200, 404),
        expect_other=OTHER,
    ),
    Row(
        "logbook:organisation",
        kwargs=lambda w, where: {
            "pk": (w.logbook.second if where == "own" else w.logbook.other_org).pk
        },
        expect=statuses(302, 403, 404, 403, 404, 200),
        expect_other=OTHER,
        ids=["second organisation"],
    ),
    Row("logbook:edit", kwargs=ENTRY, expect=REGISTERS, expect_other=OTHER),
    Row(
        "logbook:edit",
        kwargs=ADMINS,
        # The admin registers nothing (not a professional); another's entry is nobody's.
        expect=statuses(302, 403, 403, 403, 404, 403),
        expect_other=OTHER,
        ids=["another's entry"],
    ),
    Row(
        "logbook:delete",
        method="post",
        kwargs=ENTRY,
        expect=statuses(302, 403, 403, 403, 302, 403),
        expect_other=OTHER,
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_logbook_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
