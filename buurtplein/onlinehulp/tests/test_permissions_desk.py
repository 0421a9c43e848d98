"""Permission matrix of the desk part: the help page, the e-mail question and "Heb je een
code?" are open to anyone, members of another neighbourhood too; a question opens by its
own secret link only, in the neighbourhood it was asked in (a wrong token, or the other
region's token in this neighbourhood's address, is not found).

The world: the own neighbourhood's region has a desk (the matrix organisation takes part),
the other neighbourhood is in another region with its own desk; each has a question. The
professional works for the own desk (staff of the matrix organisation): only they open the
e-mail queue and a question's work page, never the other region's questions."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.tests.matrix import PROFESSIONAL, ROLES, Row, cases, check_row, statuses
from buurtplein.onlinehulp.models import DeskOrganisation, Shift
from buurtplein.onlinehulp.tests.desk_world import ask, make_desk

EVERYONE = statuses(200, 200, 200)
EVERYONE_REDIRECTED = statuses(302, 302, 302)
NOT_FOUND = statuses(404, 404, 404)
REFUSED_CODE = statuses(400, 400, 400)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        desk = make_desk(w.own, name="Chat van de matrix")
        DeskOrganisation.objects.create(desk=desk, organisation=w.organisation)
        # The professional works for the desk (staff of the matrix organisation).
        w.organisation.staff.add(w.users[PROFESSIONAL])
        # … and coordinates for it (edits the hours), with a shift next week.
        DeskOrganisation.objects.get(desk=desk).coordinators.add(w.users[PROFESSIONAL])
        shift = Shift.objects.create(
            desk=desk,
            worker=w.users[PROFESSIONAL],
            organisation=w.organisation,
            date=_next_monday(),
            starts=dt.time(9),
            ends=dt.time(12),
        )
        other_desk = make_desk(w.other, name="Chat elders")
    questions = {}
    for where, neighbourhood, its_desk in (("own", w.own, desk), ("other", w.other, other_desk)):
        with scope(neighbourhood=neighbourhood):
            questions[where] = ask(its_desk, neighbourhood)
    return SimpleNamespace(
        **vars(w), desk=desk, other_desk=other_desk, questions=questions, shift=shift
    )


def _next_monday():
    today = timezone.localdate()
    return today + dt.timedelta(days=7 - today.weekday())


def _token(w, where):
    return {"token": w.questions[where][1]}


ROWS = [
    Row("onlinehulp:start", expect=EVERYONE, expect_other=EVERYONE),
    Row("onlinehulp:question_new", expect=EVERYONE, expect_other=EVERYONE),
    Row(
        "onlinehulp:question_new",
        method="post",
        data=lambda w, where: {"text": "Ik voel me de laatste tijd erg alleen."},
        expect=EVERYONE_REDIRECTED,
        expect_other=EVERYONE_REDIRECTED,
        ids=["ask"],
    ),
    Row("onlinehulp:question", kwargs=_token, expect=EVERYONE, expect_other=EVERYONE),
    Row(
        "onlinehulp:question",
        kwargs=lambda w, where: {"token": w.questions[where][1][:-2] + "xx"},
        expect=NOT_FOUND,
        expect_other=NOT_FOUND,
        ids=["wrong token"],
    ),
    Row(
        "onlinehulp:question",
        kwargs=lambda w, where: _token(w, "other" if where == "own" else "own"),
        expect=NOT_FOUND,
        expect_other=NOT_FOUND,
        ids=["the other region's token"],
    ),
    Row("onlinehulp:code", expect=EVERYONE, expect_other=EVERYONE),
    Row(
        "onlinehulp:code",
        method="post",
        data=lambda w, where: {"code": w.questions[where][2]},
        expect=EVERYONE_REDIRECTED,
        expect_other=EVERYONE_REDIRECTED,
        ids=["own code"],
    ),
    Row(
        "onlinehulp:code",
        method="post",
        data=lambda w, where: {"code": w.questions["other" if where == "own" else "own"][2]},
        expect=REFUSED_CODE,
        expect_other=REFUSED_CODE,
        ids=["the other region's code"],
    ),
]


WORKER = statuses(302, 403, 403, 403, 200, 403)
WORKER_POSTS = statuses(302, 403, 403, 403, 302, 403)
NOBODY_THERE = statuses(302, 403, 403)


def _pk(w, where):
    return {"pk": w.questions[where][0].pk}


ROWS += [
    Row("onlinehulp:questions", expect=WORKER, expect_other=NOBODY_THERE),
    Row("onlinehulp:question_work", kwargs=_pk, expect=WORKER, expect_other=NOBODY_THERE),
    Row(
        "onlinehulp:question_work",
        kwargs=lambda w, where: _pk(w, "other"),
        expect=statuses(302, 403, 403, 403, 404, 403),
        expect_other=NOBODY_THERE,
        ids=["the other region's question"],
    ),
    Row(
        "onlinehulp:question_answer",
        method="post",
        kwargs=_pk,
        data=lambda w, where: {"text": "Wat goed dat je het vraagt."},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:question_note",
        method="post",
        kwargs=_pk,
        data=lambda w, where: {"note-text": "Collega's: let op."},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:question_assign",
        method="post",
        kwargs=_pk,
        data=lambda w, where: {"to": w.users[PROFESSIONAL].pk},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:question_close",
        method="post",
        kwargs=_pk,
        data=lambda w, where: {"outcome": "informed"},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
]

ROWS += [
    Row("onlinehulp:rota", expect=WORKER, expect_other=NOBODY_THERE),
    Row(
        "onlinehulp:shift_add",
        method="post",
        data=lambda w, where: {
            "date": (_next_monday() + dt.timedelta(days=1)).isoformat(),
            "starts": "13:00",
            "ends": "17:00",
        },
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:shift_cancel",
        method="post",
        kwargs=lambda w, where: {"pk": w.shift.pk},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:hour_add",
        method="post",
        data=lambda w, where: {"weekday": "5", "starts": "10:00", "ends": "14:00"},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:hour_delete",
        method="post",
        kwargs=lambda w, where: {"pk": w.desk.hours.first().pk},
        expect=WORKER_POSTS,
        expect_other=NOBODY_THERE,
    ),
    Row(
        "onlinehulp:hour_delete",
        method="post",
        kwargs=lambda w, where: {"pk": w.other_desk.hours.first().pk},
        expect=statuses(302, 403, 403, 403, 404, 403),
        expect_other=NOBODY_THERE,
        ids=["the other region's hours"],
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_desk_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


@pytest.mark.parametrize("role", ROLES)
def test_a_question_link_shows_that_question_only(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    own = client.get(f"/b/{world.own.slug}/online-help/q/{world.questions['own'][1]}/")
    assert own.context["question"] == world.questions["own"][0]
