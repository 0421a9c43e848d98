"""Rules about members (component "members", always on)."""

from buurtplein.core.permissions import rule


@rule("members.directory.view")
def _view_directory(viewer, obj):
    return viewer.is_member


@rule("members.approve")
def _approve(viewer, obj):
    return viewer.is_connector


@rule("members.invites.manage")
def _manage_invites(viewer, obj):
    return viewer.is_connector


@rule("members.role.change")
def _change_role(viewer, obj):
    return viewer.is_admin


@rule("members.join")
def _join(viewer, obj):
    """Anyone logged in who is not (yet) a member here may ask to join."""
    return viewer.is_authenticated and viewer.membership is None and not viewer.is_platform_admin


@rule("members.organisations.view")
def _view_organisations(viewer, obj):
    return True
