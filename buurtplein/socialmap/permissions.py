"""Rules of the sociale kaart, registered with the one permission chain.

* Everyone who may see the neighbourhood sees the services (the list and a service's page);
  an ended service only its editors.
* The staff of a service's organisation (active here) edit it, its locations and hours, end
  it, and see the corrections people sent; buurtverbinders and admins may do the same for
  every service of their neighbourhood. A new service is added by the same people: staff for
  their own organisations, buurtverbinders for any organisation active here.
* A professional (the role, with their organisation) or the staff of an organisation active
  here keep their own card: job title, working area, when they can be reached.
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule
from buurtplein.socialmap.models import State


def manages(viewer, service) -> bool:
    """Staff of the service's organisation here, or a buurtverbinder/admin of the
    neighbourhood. Without a service: whether the viewer manages any (the pages' check
    before the service is looked up)."""
    if not viewer.is_member:
        return False
    if viewer.is_connector:
        return True
    if service is None:
        return bool(staff_org_ids(viewer))
    return service.organisation_id in staff_org_ids(viewer)


def card_organisation_ids(viewer) -> set[int]:
    """The organisations a professional's card may name: those they are staff of here, and the
    organisation of their professional role."""
    if not viewer.is_member:
        return set()
    ids = set(staff_org_ids(viewer))
    membership = viewer.membership
    if viewer.is_professional and membership.organisation_id:
        ids.add(membership.organisation_id)
    return ids


@rule("socialmap.list.view")
def _view_list(viewer, obj):
    return True


@rule("socialmap.service.view")
def _view_service(viewer, obj):
    return obj is None or obj.state == State.ACTIVE or manages(viewer, obj)


@rule("socialmap.service.create")
def _create_service(viewer, obj):
    """With an organisation: for that one (``obj``); without: for any."""
    if not viewer.is_member:
        return False
    if obj is None:
        return viewer.is_connector or bool(staff_org_ids(viewer))
    if viewer.is_connector:
        return True
    return obj.pk in staff_org_ids(viewer)


@rule("socialmap.service.edit")
def _edit_service(viewer, obj):
    return manages(viewer, obj)


@rule("socialmap.service.end")
def _end_service(viewer, obj):
    return (obj is None or obj.state == State.ACTIVE) and manages(viewer, obj)


@rule("socialmap.ours.view")
def _view_ours(viewer, obj):
    return manages(viewer, None)


@rule("socialmap.card.edit")
def _edit_card(viewer, obj):
    return bool(card_organisation_ids(viewer))
