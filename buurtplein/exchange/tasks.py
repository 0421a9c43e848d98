"""Background work of vraag & aanbod. Tasks take ids, reload, and re-enter the neighbourhood's
scope. Each one may run more than once, late, or (with a backend that cannot wait) early: it
checks again whether there is anything to do."""

from __future__ import annotations

from django.tasks import task
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to
from buurtplein.exchange import actions
from buurtplein.exchange.models import OrgPledge, PledgeState, Thanks


@task
def check_item(item_id: int) -> str:
    """Planned three days before and at the expiry date: remind once, or expire."""
    return actions.ITEM_EXPIRY.check_by_id(item_id)


@task
def send_reminder(item_id: int) -> bool:
    """ "Your offer expires soon" with a one-click renew link."""
    return actions.ITEM_EXPIRY.send_reminder(item_id)


@task
def notify_thanks(thanks_id: int) -> bool:
    thanks = load(Thanks, thanks_id, "item", "item__owner", "item__done_with", "author")
    if thanks is None:
        return False
    item = thanks.item
    other = item.done_with if thanks.author_id == item.owner_id else item.owner
    if other is None:
        return False
    with scope(neighbourhood=thanks.neighbourhood):
        send_to(other, "exchange/email/thanks", {"item": item, "thanks": thanks})
    return True


def _people_of(organisation, preferred) -> list:
    """Whom to write for an organisation: the person who acted for it, else all its staff."""
    if preferred is not None:
        return [preferred]
    return list(organisation.staff.all())


@task
def notify_org_pledge(pledge_id: int, what: str) -> int:
    """Tell the other side: a new offer (to the receiver), an answer (to the giver)."""
    pledge = load(OrgPledge, pledge_id, "giver", "receiver", "offered_by", "answered_by")
    if pledge is None or pledge.state != what:
        return 0
    if what == PledgeState.OFFERED:
        people = _people_of(pledge.receiver, None)
    else:
        people = _people_of(pledge.giver, pledge.offered_by)
    with scope(neighbourhood=pledge.neighbourhood):
        for person in people:
            send_to(person, f"exchange/email/orgpledge_{what}", {"pledge": pledge})
    return len(people)


@task
def org_pledge_follow_up(pledge_id: int) -> int:
    """Three months after both confirmed: ask both organisations whether it happened."""
    pledge = load(OrgPledge, pledge_id, "giver", "receiver", "offered_by", "answered_by")
    if pledge is None:
        return 0
    with scope(neighbourhood=pledge.neighbourhood):
        if not claim_once(
            f"pledge-follow-up:{pledge.pk}", lambda: actions.org_pledge_follow_up_mark_sent(pledge)
        ):
            return 0
        people = _people_of(pledge.giver, pledge.offered_by) + _people_of(
            pledge.receiver, pledge.answered_by
        )
        for person in people:
            send_to(person, "exchange/email/orgpledge_follow_up", {"pledge": pledge})
    return len(people)
