"""Rules of feedback, registered with the one permission chain.

* Anyone in the neighbourhood answers "Zou je ons aanbevelen?" where a page asks it (an
  online-help asker has no account) and files a complaint (without an account: with a name and
  an e-mail address).
* A complaint about an organisation is seen and handled by that organisation's staff (members
  here); one about the platform by the neighbourhood's admins. The person who complained sees
  its state and outcome (a member on their page, anyone else through the link in their
  e-mail), never the internal notes. Nobody else: not another organisation, not another
  neighbourhood, not the neighbourhood's admins for an organisation's complaint.
* An organisation's staff read the answers about their organisation; admins those about the
  platform.
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule


def owns(viewer, organisation_id) -> bool:
    """Whether the viewer is one of the owners of what is about ``organisation_id`` (None: the
    platform)."""
    if not viewer.is_member:
        return False
    if organisation_id is None:
        return viewer.is_admin
    return organisation_id in staff_org_ids(viewer)


def is_person(viewer, complaint) -> bool:
    return (
        viewer.is_authenticated
        and complaint.person_id is not None
        and complaint.person_id == viewer.user.pk
    )


@rule("feedback.answer.give")
def _give(viewer, obj):
    return True


@rule("feedback.complaint.create")
def _create(viewer, obj):
    return True


@rule("feedback.complaints.view")
def _list(viewer, obj):
    return viewer.is_member


@rule("feedback.complaint.view")
def _view(viewer, obj):
    return obj is not None and (is_person(viewer, obj) or owns(viewer, obj.organisation_id))


@rule("feedback.complaint.handle")
def _handle(viewer, obj):
    return obj is not None and owns(viewer, obj.organisation_id)


@rule("feedback.answers.view")
def _answers(viewer, obj):
    """Whether the viewer reads any answers here: staff of an organisation here (theirs), or
    an admin (the platform's). Which ones: ``selectors.answer_scopes``."""
    return viewer.is_member and (viewer.is_admin or bool(staff_org_ids(viewer)))


@rule("feedback.nav")
def _in_navigation(viewer, obj):
    """The recommendations in the navigation: for professionals and admins, asked of nothing
    in the database (the navigation is on every page of every member). The staff of an
    organisation who are residents reach them from the complaints page."""
    return viewer.is_member and (viewer.is_professional or viewer.is_admin)
