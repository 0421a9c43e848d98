"""Rules of vraag & aanbod, registered with the one permission chain.

Verified members see and place items; an item can be opened to visitors (default: neighbours
only). Only the owner — or staff of the organisation it was offered for — changes, renews,
closes or withdraws it; buurtverbinders can remove it (audit-logged). On the beursvloer staff of
an organisation active in the neighbourhood offer; staff of the receiving organisation answer.
"""

from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.core.permissions import rule
from buurtplein.exchange.models import Kind, PledgeState, State


def manages(viewer, item) -> bool:
    """The owner, or staff of the organisation the item is offered for."""
    if item is None or not viewer.is_member:
        return False
    return viewer.is_self(item.owner) or (
        item.organisation_id is not None and item.organisation_id in staff_org_ids(viewer)
    )


@rule("exchange.list.view")
def _view_list(viewer, obj):
    return True


@rule("exchange.members_items.view")
def _view_members_items(viewer, obj):
    return viewer.is_member


@rule("exchange.item.view")
def _view_item(viewer, obj):
    return obj is not None and (obj.is_public or viewer.is_member)


@rule("exchange.item.create")
def _create_item(viewer, obj):
    return viewer.is_member


@rule("exchange.item.manage")
def _manage_item(viewer, obj):
    """Edit, renew, mark done, withdraw."""
    return manages(viewer, obj)


@rule("exchange.item.remove")
def _remove_item(viewer, obj):
    return viewer.is_member and (viewer.is_connector or manages(viewer, obj))


@rule("exchange.item.reply")
def _reply(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state == State.OPEN
        and not viewer.is_self(obj.owner)
    )


@rule("exchange.item.pledge")
def _pledge(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.kind == Kind.MONEY
        and obj.state == State.OPEN
        and not manages(viewer, obj)
    )


@rule("exchange.item.thank")
def _thank(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state == State.DONE
        and viewer.is_authenticated
        and viewer.user.pk in {obj.owner_id, obj.done_with_id}
    )


@rule("exchange.beursvloer.view")
def _view_beursvloer(viewer, obj):
    return viewer.is_member


@rule("exchange.orgpledge.create")
def _offer_org_pledge(viewer, obj):
    return viewer.is_member and bool(staff_org_ids(viewer))


@rule("exchange.orgpledge.answer")
def _answer_org_pledge(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state == PledgeState.OFFERED
        and obj.receiver_id in staff_org_ids(viewer)
    )


@rule("exchange.orgpledge.confirm")
def _confirm_org_pledge(viewer, obj):
    if not viewer.is_member or obj is None or obj.state != PledgeState.ACCEPTED:
        return False
    mine = staff_org_ids(viewer)
    return (obj.giver_id in mine and obj.giver_confirmed_at is None) or (
        obj.receiver_id in mine and obj.receiver_confirmed_at is None
    )


@rule("exchange.orgpledge.follow_up")
def _follow_up_org_pledge(viewer, obj):
    if not viewer.is_member or obj is None or obj.state != PledgeState.CONFIRMED:
        return False
    mine = staff_org_ids(viewer)
    return obj.giver_id in mine or obj.receiver_id in mine


@rule("exchange.orgpledge.withdraw")
def _withdraw_org_pledge(viewer, obj):
    return (
        viewer.is_member
        and obj is not None
        and obj.state in (PledgeState.OFFERED, PledgeState.ACCEPTED)
        and obj.giver_id in staff_org_ids(viewer)
    )
