"""Rules of the agenda component, registered with the one permission chain.

Everyone sees the calendar and the activities open to everyone; verified members also see the
members-only ones. Verified members plan activities — for themselves or on behalf of an
organisation they work for (a club's board are its organisation's staff) — and sign up. The
organiser and the staff of the organising organisation manage an activity: edit, cancel or move
a date, cancel the series, see who comes (list, CSV, print). Buurtverbinders and admins remove
an activity (audit-logged); members report one.
"""

from django.utils import timezone

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.agenda.models import ActivityState
from buurtplein.core.permissions import rule


def manages(viewer, activity) -> bool:
    """The organiser, or staff of the organisation the activity is organised by."""
    if activity is None or not viewer.is_member:
        return False
    return (activity.organiser_id is not None and viewer.user.pk == activity.organiser_id) or (
        activity.organisation_id is not None and activity.organisation_id in staff_org_ids(viewer)
    )


@rule("agenda.calendar.view")
def _view_calendar(viewer, obj):
    return True


@rule("agenda.members_activities.view")
def _view_members_activities(viewer, obj):
    return viewer.is_member


@rule("agenda.activity.view")
def _view_activity(viewer, obj):
    return obj is not None and (obj.is_public or viewer.is_member)


@rule("agenda.activity.create")
def _create_activity(viewer, obj):
    return viewer.is_member


@rule("agenda.activity.manage")
def _manage_activity(viewer, obj):
    """Edit, cancel or move a date, cancel the series, see and export who comes."""
    return manages(viewer, obj) and obj.state != ActivityState.REMOVED


@rule("agenda.activity.remove")
def _remove_activity(viewer, obj):
    return viewer.is_connector and obj is not None and obj.state != ActivityState.REMOVED


@rule("agenda.activity.report")
def _report_activity(viewer, obj):
    return viewer.is_member and obj is not None and not manages(viewer, obj)


@rule("agenda.rsvp.create")
def _sign_up(viewer, obj):
    """``obj``: an occurrence. Open for sign-up: signing up is needed, the date is still to
    come and neither it nor the series is cancelled."""
    return (
        viewer.is_member
        and obj is not None
        and obj.activity.signup_required
        and obj.activity.state == ActivityState.ACTIVE
        and obj.listed
        and not obj.cancelled
        and obj.starts_at > timezone.now()
    )


@rule("agenda.mine.view")
def _view_mine(viewer, obj):
    return viewer.is_member
