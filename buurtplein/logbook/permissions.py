"""Rules of the logbook, registered with the one permission chain.

* Professionals register their own work here (contact moments, group activities, time), for
  an organisation they work for or for themselves, and see their own week and month. Not
  buurtverbinders or residents: they are volunteers and neighbours, whose work the platform's
  own figures already count; registering hours would make it a duty.
* A professional corrects or deletes only their own entries, and only of the last
  ``EDIT_DAYS`` days (what was reported stays).
* The staff of an organisation active here (any of them, not only a coordinator) see the
  organisation's totals: figures per life domain, never who registered what. Nobody sees
  another organisation's figures or another professional's entries.
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule


def registers(viewer) -> bool:
    return viewer.is_professional


@rule("logbook.entry.create")
def _create(viewer, obj):
    return registers(viewer)


@rule("logbook.mine.view")
def _view_mine(viewer, obj):
    return registers(viewer)


@rule("logbook.overview.view")
def _view_overview(viewer, obj):
    """The week and month: the own figures (a professional) and the organisations' (staff)."""
    return registers(viewer) or (viewer.is_member and bool(staff_org_ids(viewer)))


@rule("logbook.entry.edit")
def _edit(viewer, obj):
    from buurtplein.logbook.actions import editable

    return (
        registers(viewer)
        and obj is not None
        and obj.author_id is not None
        and obj.author_id == viewer.user.pk
        and editable(obj)
    )


@rule("logbook.organisation.view")
def _view_organisation(viewer, obj):
    """``obj``: an organisation (or None: any organisation the viewer works for here)."""
    if not viewer.is_member:
        return False
    mine = staff_org_ids(viewer)
    return bool(mine) if obj is None else obj.pk in mine
