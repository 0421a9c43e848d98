"""Background work of vraag & aanbod. Tasks take ids, reload, and re-enter the neighbourhood's
scope. Each one may run more than once, late, or (with a backend that cannot wait) early: it
checks again whether there is anything to do."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django_scopes import scope, scopes_disabled

from buurtplein.exchange import actions
from buurtplein.exchange.models import Item, OrgPledge, PledgeState, State, Thanks


def _load(model, pk, *related):
    with scopes_disabled():
        return model.objects.select_related("neighbourhood", *related).filter(pk=pk).first()


def send_to(user, name: str, context: dict) -> None:
    """Render ``exchange/email/<name>_subject.txt`` and ``…_body.txt`` in the person's own
    language and send it."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "user": user,
            "site_name": settings.BUURTPLEIN_SITE_NAME,
            "base_url": settings.BUURTPLEIN_BASE_URL,
        }
        subject = render_to_string(f"exchange/email/{name}_subject.txt", context).strip()
        body = render_to_string(f"exchange/email/{name}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


@task
def check_item(item_id: int) -> str:
    """Planned three days before and at the expiry date: remind once, or expire."""
    item = _load(Item, item_id)
    if item is None:
        return ""
    with scope(neighbourhood=item.neighbourhood):
        return actions.item_check(item)


@task
def send_reminder(item_id: int) -> bool:
    """ "Your offer expires soon" with a one-click renew link."""
    item = _load(Item, item_id, "owner")
    if item is None or item.state != State.OPEN or item.reminder_sent_at is None:
        return False
    with scope(neighbourhood=item.neighbourhood):
        send_to(item.owner, "reminder", {"item": item})
    return True


@task
def notify_thanks(thanks_id: int) -> bool:
    thanks = _load(Thanks, thanks_id, "item", "item__owner", "item__done_with", "author")
    if thanks is None:
        return False
    item = thanks.item
    other = item.done_with if thanks.author_id == item.owner_id else item.owner
    if other is None:
        return False
    with scope(neighbourhood=thanks.neighbourhood):
        send_to(other, "thanks", {"item": item, "thanks": thanks})
    return True


def _people_of(organisation, preferred) -> list:
    """Whom to write for an organisation: the person who acted for it, else all its staff."""
    if preferred is not None:
        return [preferred]
    return list(organisation.staff.all())


@task
def notify_org_pledge(pledge_id: int, what: str) -> int:
    """Tell the other side: a new offer (to the receiver), an answer (to the giver)."""
    pledge = _load(OrgPledge, pledge_id, "giver", "receiver", "offered_by", "answered_by")
    if pledge is None or pledge.state != what:
        return 0
    if what == PledgeState.OFFERED:
        people = _people_of(pledge.receiver, None)
    else:
        people = _people_of(pledge.giver, pledge.offered_by)
    with scope(neighbourhood=pledge.neighbourhood):
        for person in people:
            send_to(person, f"orgpledge_{what}", {"pledge": pledge})
    return len(people)


@task
def org_pledge_follow_up(pledge_id: int) -> int:
    """Three months after both confirmed: ask both organisations whether it happened."""
    pledge = _load(OrgPledge, pledge_id, "giver", "receiver", "offered_by", "answered_by")
    if pledge is None:
        return 0
    with scope(neighbourhood=pledge.neighbourhood):
        if not actions.org_pledge_follow_up_mark_sent(pledge):
            return 0
        people = _people_of(pledge.giver, pledge.offered_by) + _people_of(
            pledge.receiver, pledge.answered_by
        )
        for person in people:
            send_to(person, "orgpledge_follow_up", {"pledge": pledge})
    return len(people)
