"""Clubs for tests, made through the actions (so the board is the organisation's staff, as in
real life); importable by other apps' tests."""

from django_scopes import scope

from buurtplein.clubs import actions
from buurtplein.clubs.models import ClubMember, JoinPolicy, Kind, Role, Status
from buurtplein.core.tests.factories import member


def make_club(
    neighbourhood,
    board=None,
    *,
    name="Wandelclub Ooij",
    kind=Kind.CLUB,
    join_policy=JoinPolicy.OPEN,
    pitch="Elke zondag wandelen we 10 km langs de dijk.",
    **kwargs,
):
    """A club of ``neighbourhood`` started by ``board`` (a new neighbour when None)."""
    board = board or member(neighbourhood)
    with scope(neighbourhood=neighbourhood):
        return actions.club_create(
            creator=board,
            neighbourhood=neighbourhood,
            name=name,
            kind=kind,
            pitch=pitch,
            join_policy=join_policy,
            **kwargs,
        )


def add_member(club, user=None, *, role=Role.MEMBER, status=Status.ACTIVE) -> ClubMember:
    """Put someone in a club as if they had joined (and been made board, when ``role`` says
    so), through the actions."""
    neighbourhood = club.neighbourhood
    user = user or member(neighbourhood)
    with scope(neighbourhood=neighbourhood):
        if status == Status.PENDING:
            policy, club.join_policy = club.join_policy, JoinPolicy.REQUEST
            joined = actions.member_join(club=club, user=user, note="Mag ik meedoen?")
            club.join_policy = policy
            return joined
        policy, club.join_policy = club.join_policy, JoinPolicy.OPEN
        joined = actions.member_join(club=club, user=user)
        club.join_policy = policy
        if role == Role.BOARD:
            board = ClubMember.objects.filter(club=club, role=Role.BOARD).first()
            actions.member_set_role(actor=board.user, member=joined, role=Role.BOARD)
        return joined
