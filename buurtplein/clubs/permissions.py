"""Rules of the clubs component, registered with the one permission chain.

Everyone sees a club's public page and the list. Verified members of the neighbourhood start a
club (and are its first board member), join or ask to join, and report a club. The board
(active members with the role board, who are also the staff of the club's organisation) edits
the page, answers requests, manages members and roles, writes announcements and the
members-only information, and plans activities, asks for support and for volunteers in the
club's name. Active members (the board included) see the members-only section; people who
asked to join and everyone else see that it exists and how to join. Buurtverbinders and admins
hide, show again or remove a club (audit-logged).
"""

from buurtplein.clubs.models import State
from buurtplein.clubs.selectors import is_active_member, is_board, membership_in
from buurtplein.core.permissions import rule


@rule("clubs.list.view")
def _view_list(viewer, obj):
    return True


@rule("clubs.club.view")
def _view_club(viewer, obj):
    """Active clubs for everyone; a hidden one for its board and the buurtverbinders."""
    if obj is None or obj.state == State.REMOVED:
        return False
    return obj.state == State.ACTIVE or viewer.is_connector or is_board(viewer, obj)


@rule("clubs.club.create")
def _create_club(viewer, obj):
    return viewer.is_member


@rule("clubs.club.edit")
def _edit_club(viewer, obj):
    """Edit the page, the members-only information; answer requests, manage members and
    roles, write announcements; act for the club elsewhere (agenda, vraag & aanbod, …)."""
    return viewer.is_member and is_board(viewer, obj)


@rule("clubs.club.join")
def _join_club(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state == State.ACTIVE
        and membership_in(viewer, obj) is None
    )


@rule("clubs.club.leave")
def _leave_club(viewer, obj):
    """Leave, or take back a request to join."""
    return viewer.is_member and membership_in(viewer, obj) is not None


@rule("clubs.members_area.view")
def _view_members_area(viewer, obj):
    return viewer.is_member and is_active_member(viewer, obj)


@rule("clubs.club.report")
def _report_club(viewer, obj):
    return viewer.is_member and not is_board(viewer, obj)


@rule("clubs.club.moderate")
def _moderate_club(viewer, obj):
    return viewer.is_connector
