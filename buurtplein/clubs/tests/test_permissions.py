"""Permission matrix of the clubs component: every URL × role × own/other neighbourhood.

The resident of the matrix world has a different place in each club: an ordinary member of
``member_club``, waiting for an answer in ``pending_club``, on the board of ``board_club`` and
not in ``other_club`` at all; ``hidden_club`` was hidden by a buurtverbinder. The other
neighbourhood has a club of its own (``far_club``), which outsiders see like anyone but whose
member pages are closed to them."""

import pytest
from django_scopes import scope

from buurtplein.clubs import actions
from buurtplein.clubs.models import ClubMember, JoinPolicy, Role, State, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.matrix import RESIDENT, Row, cases, check_row, statuses

OPEN = statuses(200, 200, 200)
MEMBERS = statuses(302, 403, 200)
# In the other neighbourhood nobody of the world is a member: log-in for anonymous, else 403
# (before any object is looked up, so nothing of the other neighbourhood is revealed).
OTHER = statuses(302, 403, 403)
# Only the resident (on the board, or a member, of that club) gets in; the other roles are
# neighbours who are not in the club.
RESIDENT_ONLY = statuses(302, 403, 200, connector=403, professional=403, admin=403)
CLOSED = statuses(302, 403, 403)
BOARD_POST = statuses(302, 403, 302, connector=403, professional=403, admin=403)


def club(attribute):
    """URL kwargs: the club ``attribute`` of the own neighbourhood, or the far club."""

    def kwargs(world, where):
        return {"slug": getattr(world, attribute if where == "own" else "far_club").slug}

    return kwargs


def in_club(attribute, row_attribute):
    def kwargs(world, where):
        if where == "own":
            return {"slug": getattr(world, attribute).slug, "pk": getattr(world, row_attribute).pk}
        return {"slug": world.far_club.slug, "pk": world.far_row.pk}

    return kwargs


ROWS = [
    Row("clubs:list", expect=OPEN),
    Row("clubs:create", expect=MEMBERS, expect_other=OTHER),
    # A club's page is public, in any neighbourhood.
    Row("clubs:club", kwargs=club("other_club"), expect=OPEN, expect_other=OPEN),
    # A hidden club: only its board and the buurtverbinders (and admins).
    Row(
        "clubs:club",
        kwargs=club("hidden_club"),
        expect=statuses(404, 404, 404, connector=200, professional=404, admin=200),
        expect_other=OPEN,
    ),
    Row("clubs:edit", kwargs=club("board_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:edit", kwargs=club("member_club"), expect=CLOSED, expect_other=OTHER),
    # Joining: every neighbour who is not in the club yet (the form of a club "on request").
    Row("clubs:join", kwargs=club("other_club"), expect=MEMBERS, expect_other=OTHER),
    # Already a member or waiting: back to the club page.
    Row(
        "clubs:join",
        kwargs=club("pending_club"),
        expect=statuses(302, 403, 302, connector=200, professional=200, admin=200),
        expect_other=OTHER,
    ),
    Row("clubs:leave", kwargs=club("member_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:leave", kwargs=club("pending_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:leave", kwargs=club("other_club"), expect=CLOSED, expect_other=OTHER),
    # The members-only section: members and the board; someone waiting and neighbours who
    # are not in the club get the page that says it exists and how to join (403).
    Row("clubs:members", kwargs=club("member_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:members", kwargs=club("board_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:members", kwargs=club("pending_club"), expect=CLOSED, expect_other=OTHER),
    Row("clubs:members", kwargs=club("other_club"), expect=CLOSED, expect_other=OTHER),
    Row(
        "clubs:announcements", kwargs=club("member_club"), expect=RESIDENT_ONLY, expect_other=OTHER
    ),
    Row("clubs:announcements", kwargs=club("pending_club"), expect=CLOSED, expect_other=OTHER),
    Row(
        "clubs:announcement",
        kwargs=in_club("member_club", "member_announcement"),
        expect=RESIDENT_ONLY,
        expect_other=OTHER,
    ),
    Row(
        "clubs:announcement",
        kwargs=in_club("other_club", "other_announcement"),
        expect=CLOSED,
        expect_other=OTHER,
    ),
    Row("clubs:membership", kwargs=club("member_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:membership", kwargs=club("pending_club"), expect=CLOSED, expect_other=OTHER),
    # The board's pages.
    Row("clubs:members_text", kwargs=club("board_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:members_text", kwargs=club("member_club"), expect=CLOSED, expect_other=OTHER),
    Row(
        "clubs:announcement_create",
        kwargs=club("board_club"),
        expect=RESIDENT_ONLY,
        expect_other=OTHER,
    ),
    Row(
        "clubs:announcement_create",
        kwargs=club("member_club"),
        expect=CLOSED,
        expect_other=OTHER,
    ),
    Row("clubs:manage", kwargs=club("board_club"), expect=RESIDENT_ONLY, expect_other=OTHER),
    Row("clubs:manage", kwargs=club("member_club"), expect=CLOSED, expect_other=OTHER),
    Row(
        "clubs:answer",
        method="post",
        kwargs=in_club("board_club", "board_request"),
        data=lambda w, where: {"answer": "approve"},
        expect=BOARD_POST,
        expect_other=OTHER,
    ),
    Row(
        "clubs:role",
        method="post",
        kwargs=in_club("board_club", "board_row"),
        data=lambda w, where: {"role": "board"},
        expect=BOARD_POST,
        expect_other=OTHER,
    ),
    Row(
        "clubs:remove",
        kwargs=in_club("board_club", "board_row"),
        expect=RESIDENT_ONLY,
        expect_other=OTHER,
    ),
    Row(
        "clubs:role",
        method="post",
        kwargs=in_club("member_club", "member_row"),
        data=lambda w, where: {"role": "board"},
        expect=CLOSED,
        expect_other=OTHER,
    ),
    # Any neighbour reports a club (not its own board).
    Row("clubs:report", kwargs=club("other_club"), expect=MEMBERS, expect_other=OTHER),
    Row(
        "clubs:report",
        kwargs=club("board_club"),
        expect=statuses(302, 403, 403, connector=200, professional=200, admin=200),
        expect_other=OTHER,
    ),
    Row(
        "clubs:moderate",
        kwargs=club("other_club"),
        expect=statuses(302, 403, 403, connector=200, professional=403, admin=200),
        expect_other=OTHER,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    own, resident = w.own, w.users[RESIDENT]
    w.other_club = make_club(own, name="Koor Oost", join_policy=JoinPolicy.REQUEST)
    w.member_club = make_club(own, name="Wandelclub")
    w.member_row = add_member(w.member_club, resident)
    w.pending_club = make_club(own, name="Bridgeclub", join_policy=JoinPolicy.REQUEST)
    add_member(w.pending_club, resident, status=Status.PENDING)
    w.board_club = make_club(own, resident, name="Buurtmoestuin")
    w.board_row = add_member(w.board_club)
    w.board_request = add_member(w.board_club, status=Status.PENDING)
    w.hidden_club = make_club(own, name="Verborgen club")
    with scope(neighbourhood=own):
        board = ClubMember.objects.get(club=w.member_club, role=Role.BOARD).user
        w.member_announcement = actions.announcement_create(
            author=board, club=w.member_club, title="Zondag", text="We lopen om 10 uur."
        )
        board = ClubMember.objects.get(club=w.other_club, role=Role.BOARD).user
        w.other_announcement = actions.announcement_create(
            author=board, club=w.other_club, title="Repetitie", text="Dinsdag om 20 uur."
        )
        actions.club_moderate(actor=w.users["admin"], club=w.hidden_club, state=State.HIDDEN)
    w.far_club = make_club(w.other, w.other_resident, name="Verre club")
    w.far_row = add_member(w.far_club, member(w.other))
    with scope(neighbourhood=w.other):
        actions.announcement_create(
            author=w.other_resident, club=w.far_club, title="Ver weg", text="Alleen daar."
        )
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_clubs_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
