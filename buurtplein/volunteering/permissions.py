"""Rules of the volunteering component, registered with the one permission chain.

* Everyone sees vacancies marked "everyone"; verified members see all (default: neighbours
  only; outsiders get a neutral preview of a members-only vacancy).
* Staff of an organisation active in the neighbourhood post vacancies for it (a club's board
  are its organisation's staff, so a board member posts "for the club").
* The contact person and the staff of the vacancy's organisation manage it: edit, renew, mark
  filled, close, reopen, see its responses, accept and decline them, answer the
  organisation's side of the follow-up.
* Verified members who are not on the organisation's side respond; the person who responded
  withdraws and answers the volunteer's side of the follow-up.
* Buurtverbinders and admins remove a vacancy (audit-logged).
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule
from buurtplein.volunteering.models import FollowUpState, ResponseState, Side, State


def manages(viewer, vacancy) -> bool:
    """The contact person, or staff of the vacancy's organisation (here)."""
    if vacancy is None or not viewer.is_member:
        return False
    return (
        vacancy.contact_id is not None and viewer.is_authenticated
        and vacancy.contact_id == viewer.user.pk
    ) or vacancy.organisation_id in staff_org_ids(viewer)  # fmt: skip


def side_of(viewer, response) -> str | None:
    """Which side of a response the viewer is on: the volunteer, the organisation, or None."""
    if response is None or not viewer.is_member:
        return None
    if viewer.is_self(response.person):
        return Side.VOLUNTEER
    if manages(viewer, response.vacancy):
        return Side.ORGANISATION
    return None


@rule("volunteering.list.view")
def _view_list(viewer, obj):
    return True


@rule("volunteering.members_vacancies.view")
def _view_members_vacancies(viewer, obj):
    """Members-only vacancies, and every page that needs a verified member."""
    return viewer.is_member


@rule("volunteering.vacancy.view")
def _view_vacancy(viewer, obj):
    return obj is not None and (obj.is_public or viewer.is_member)


@rule("volunteering.vacancy.create")
def _create_vacancy(viewer, obj):
    """Staff of an organisation active here; with an organisation, only for that one."""
    if not viewer.is_member:
        return False
    mine = staff_org_ids(viewer)
    return obj.pk in mine if obj is not None else bool(mine)


@rule("volunteering.ours.view")
def _view_ours(viewer, obj):
    return viewer.is_member and bool(staff_org_ids(viewer))


@rule("volunteering.vacancy.manage")
def _manage_vacancy(viewer, obj):
    """Edit, renew, fill, close, reopen, see the responses."""
    return obj is not None and obj.state != State.REMOVED and manages(viewer, obj)


@rule("volunteering.vacancy.remove")
def _remove_vacancy(viewer, obj):
    return viewer.is_connector and obj is not None and obj.state != State.REMOVED


@rule("volunteering.vacancy.respond")
def _respond(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state == State.OPEN
        and not manages(viewer, obj)
    )


@rule("volunteering.vacancy.report")
def _report(viewer, obj):
    return viewer.is_member and obj is not None and not manages(viewer, obj)


@rule("volunteering.response.answer")
def _answer_response(viewer, obj):
    """Accept or decline (the organisation's side)."""
    return (
        obj is not None
        and obj.state == ResponseState.NEW
        and side_of(viewer, obj) == Side.ORGANISATION
    )


@rule("volunteering.response.withdraw")
def _withdraw_response(viewer, obj):
    return (
        obj is not None
        and obj.state in (ResponseState.NEW, ResponseState.ACCEPTED)
        and side_of(viewer, obj) == Side.VOLUNTEER
    )


@rule("volunteering.response.follow_up")
def _follow_up(viewer, obj):
    """Answer "did it lead to volunteering work?" for one's own side once it is due (and change
    the answer later)."""
    side = side_of(viewer, obj)
    return side is not None and obj.follow_up_state(side) in (
        FollowUpState.DUE,
        FollowUpState.ASKED,
        FollowUpState.ANSWERED,
    )
