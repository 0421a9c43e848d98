"""Rules of the infopages component, registered with the one permission chain.

Everyone reads the public pages; verified members also the pages for neighbours only.
Buurtverbinders, professionals and admins ("editors") write: create, edit, mark as still
correct, move, reorder, change the owner and restore an old version. Only buurtverbinders and
admins delete a page. The history (who changed what, and the old texts) is open to every
verified member, as in a wiki: it shows what the neighbourhood's information said and who keeps
it current; visitors without an account do not see names of members, so not the history.
"""

from buurtplein.core.models import Role
from buurtplein.core.permissions import rule

EDITOR_ROLES = (Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN)


def is_editor(viewer) -> bool:
    return viewer.role in EDITOR_ROLES


@rule("infopages.index.view")
def _view_index(viewer, obj):
    return True


@rule("infopages.members_pages.view")
def _view_members_pages(viewer, obj):
    """Read the pages for neighbours only (and the pages under them)."""
    return viewer.is_member


@rule("infopages.page.create")
def _create_page(viewer, obj):
    return is_editor(viewer)


@rule("infopages.page.edit")
def _edit_page(viewer, obj):
    """Edit, mark as still correct, move, reorder, change the owner, restore a version."""
    return is_editor(viewer) and (obj is None or not obj.is_deleted)


@rule("infopages.page.delete")
def _delete_page(viewer, obj):
    return viewer.is_connector and (obj is None or not obj.is_deleted)


@rule("infopages.history.view")
def _view_history(viewer, obj):
    return viewer.is_member


@rule("infopages.stale.view")
def _view_stale(viewer, obj):
    """See which pages need a check (on the index and the page)."""
    return is_editor(viewer)
