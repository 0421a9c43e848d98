"""Writes of vraag & aanbod. Views, tasks, the demo and the management command call these;
nothing else changes items, thank-yous, pledges or beursvloer pledges."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit, search
from buurtplein.core.audit import log_action
from buurtplein.core.expiry import Lifecycle, RenewRefused
from buurtplein.core.geo import point_for_postcode
from buurtplein.core.models import Membership
from buurtplein.core.photos import attach_photos, remove_photos
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_markdown
from buurtplein.exchange.models import (
    CATEGORIES_BY_KIND,
    FOLLOW_UP_DAYS,
    Deal,
    Direction,
    FollowUpAnswer,
    Item,
    Kind,
    OrgPledge,
    Pledge,
    PledgeState,
    State,
    Thanks,
    Visibility,
)

# Organisations that may receive beursvloer pledges: the social ones, not businesses.
SOCIAL_KINDS = {"welfare", "club", "initiative", "care", "municipality"}
INITIATIVE_KINDS = {"initiative", "club"}


def _changed(item: Item) -> None:
    from buurtplein.exchange.selectors import home_changed

    home_changed(item.neighbourhood_id)


ITEM_EXPIRY = Lifecycle(
    model=Item,
    check_task="buurtplein.exchange.tasks.check_item",
    reminder_task="buurtplein.exchange.tasks.send_reminder",
    reminder_template="exchange/email/reminder",
    recipient="owner",
    context_name="item",
    changed=_changed,
    reminder_related=("owner",),
)
"""Open for 30 days, one reminder three days before the end, then expired (``core.expiry``)."""


def index_for_search(item: Item) -> None:
    """Its words for the neighbourhood's search: title, description, area, initiative."""
    search.store(item, item.title, item.description, item.area, item.initiative_name)


def is_staff_of(user, organisation) -> bool:
    if organisation is None or user is None or not user.is_authenticated:
        return False
    return organisation.staff.filter(pk=user.pk).exists()


def _check_fields(
    *,
    kind: str,
    category: str,
    deal: str,
    price: Decimal | None,
    initiative,
    initiative_name: str,
    target_amount: Decimal | None,
    neighbourhood,
) -> None:
    errors = {}
    if category not in CATEGORIES_BY_KIND.get(kind, []):
        errors["category"] = _("Choose a category that fits the kind.")
    if kind == Kind.THINGS and deal not in Deal.values:
        errors["deal"] = _("Choose whether you give it away, lend it or sell it.")
    if kind != Kind.THINGS and deal:
        errors["deal"] = _("Only things are given away, lent or sold.")
    if price is not None and deal != Deal.SELL:
        errors["price"] = _("A price is only for things you sell.")
    if kind == Kind.MONEY:
        if initiative is None and not initiative_name.strip():
            errors["initiative_name"] = _("Say which initiative the support is for.")
        if initiative is not None and (
            initiative.kind not in INITIATIVE_KINDS
            or not initiative.neighbourhoods.filter(pk=neighbourhood.pk).exists()
        ):
            errors["initiative"] = _("Choose an initiative or club of this neighbourhood.")
    elif target_amount is not None:
        errors["target_amount"] = _("An amount is only for support for an initiative.")
    if errors:
        raise ValidationError(errors)


def _place_of(user, neighbourhood) -> tuple[float | None, float | None]:
    postcode = (
        Membership.objects.filter(neighbourhood=neighbourhood, user=user)
        .values_list("postcode", flat=True)
        .first()
    )
    point = point_for_postcode(postcode) if postcode else None
    return (point.latitude, point.longitude) if point else (None, None)


@transaction.atomic
def item_create(
    *,
    owner,
    neighbourhood,
    direction: str,
    kind: str,
    category: str,
    title: str,
    description: str = "",
    deal: str = "",
    price: Decimal | None = None,
    area: str = "",
    available_from=None,
    available_until=None,
    availability: str = "",
    visibility: str = Visibility.MEMBERS,
    organisation=None,
    initiative=None,
    initiative_name: str = "",
    target_amount: Decimal | None = None,
    photos: list | None = None,
    alt_text: str = "",
    created_at: datetime | None = None,
) -> Item:
    """Put an offer or request on the board for 30 days, with up to six photos (re-encoded,
    metadata stripped). The owner's place is the centre of their postcode."""
    ratelimit.check("listing", user=owner)
    _check_fields(
        kind=kind,
        category=category,
        deal=deal,
        price=price,
        initiative=initiative,
        initiative_name=initiative_name,
        target_amount=target_amount,
        neighbourhood=neighbourhood,
    )
    if organisation is not None and not is_staff_of(owner, organisation):
        raise ValidationError({"organisation": _("You can only offer for your own organisation.")})
    if kind == Kind.MONEY:
        direction = Direction.REQUEST  # an initiative asks for support; neighbours pledge
    created_at = created_at or timezone.now()
    latitude, longitude = _place_of(owner, neighbourhood)
    item = Item.objects.create(
        neighbourhood=neighbourhood,
        owner=owner,
        organisation=organisation,
        direction=direction,
        kind=kind,
        category=category,
        deal=deal,
        price=price,
        title=title.strip(),
        description=description.strip(),
        description_html=render_markdown(description),
        area=area.strip(),
        available_from=available_from,
        available_until=available_until,
        availability=availability.strip(),
        visibility=visibility,
        initiative=initiative if kind == Kind.MONEY else None,
        initiative_name=initiative_name.strip() if kind == Kind.MONEY else "",
        target_amount=target_amount,
        latitude=latitude,
        longitude=longitude,
        created_at=created_at,
        expires_at=ITEM_EXPIRY.expires_at(created_at),
    )
    attach_photos(owner=item, uploads=photos, alt_texts=alt_text)
    index_for_search(item)
    ITEM_EXPIRY.schedule(item)
    _changed(item)
    return item


@transaction.atomic
def item_update(
    *,
    item: Item,
    category: str,
    title: str,
    description: str = "",
    deal: str = "",
    price: Decimal | None = None,
    area: str = "",
    available_from=None,
    available_until=None,
    availability: str = "",
    visibility: str = Visibility.MEMBERS,
    initiative=None,
    initiative_name: str = "",
    target_amount: Decimal | None = None,
    remove_photo_ids: list[int] | None = None,
    photos: list | None = None,
    alt_text: str = "",
) -> Item:
    """Change what the item says. Direction and kind stay (they decide who replied to what)."""
    _check_fields(
        kind=item.kind,
        category=category,
        deal=deal,
        price=price,
        initiative=initiative,
        initiative_name=initiative_name,
        target_amount=target_amount,
        neighbourhood=item.neighbourhood,
    )
    item.category = category
    item.title = title.strip()
    item.description = description.strip()
    item.description_html = render_markdown(description)
    item.deal = deal
    item.price = price
    item.area = area.strip()
    item.available_from = available_from
    item.available_until = available_until
    item.availability = availability.strip()
    item.visibility = visibility
    if item.kind == Kind.MONEY:
        item.initiative = initiative
        item.initiative_name = initiative_name.strip()
    item.target_amount = target_amount
    item.edited_at = timezone.now()
    item.save()
    index_for_search(item)
    if remove_photo_ids:
        remove_photos(owner=item, ids=remove_photo_ids)
    attach_photos(owner=item, uploads=photos, alt_texts=alt_text)
    _changed(item)
    return item


def item_renew(*, item: Item, now: datetime | None = None) -> Item:
    """Back on the board for 30 days from now: an open (almost expired) or expired item."""
    try:
        return ITEM_EXPIRY.renew(item, now=now)
    except RenewRefused:
        raise ValidationError(_("Only open or expired items can be renewed.")) from None


@transaction.atomic
def item_withdraw(*, actor, item: Item, may_manage: bool) -> Item:
    """The owner takes the item off the board; a buurtverbinder removing someone else's item is
    audit-logged."""
    if item.state in (State.WITHDRAWN, State.REMOVED):
        return item
    if may_manage:
        item.state = State.WITHDRAWN
    else:
        item.state = State.REMOVED
        log_action(actor=actor, action="exchange.item.remove", target=item)
    item.save(update_fields=["state"])
    _changed(item)
    if item.organisation_id and may_manage and actor.pk != item.owner_id:
        log_action(actor=actor, action="exchange.item.withdraw", target=item)
    return item


@transaction.atomic
def item_mark_done(*, actor, item: Item, done_with=None, candidates=()) -> Item:
    """ "Geregeld": the owner says it is arranged, with one of the people who replied, or with
    someone else (``done_with`` None)."""
    if item.state not in (State.OPEN, State.EXPIRED):
        raise ValidationError(_("This is already closed."))
    if done_with is not None and done_with.pk not in {person.pk for person in candidates}:
        raise ValidationError(_("Choose one of the people who replied."))
    item.state = State.DONE
    item.done_at = timezone.now()
    item.done_with = done_with
    item.save(update_fields=["state", "done_at", "done_with"])
    _changed(item)
    if item.organisation_id and actor.pk != item.owner_id:
        log_action(actor=actor, action="exchange.item.done", target=item)
    return item


def thanks_sides(item: Item) -> set[int]:
    """Who may leave a thank-you: the owner and the person it was arranged with."""
    if item.state != State.DONE or item.done_with_id is None:
        return set()
    return {item.owner_id, item.done_with_id}


@transaction.atomic
def thanks_create(*, item: Item, author, text: str) -> Thanks:
    ratelimit.check("reply", user=author)
    if author.pk not in thanks_sides(item):
        raise ValidationError(_("Only the two people who arranged this can say thank you."))
    if Thanks.objects.filter(item=item, author=author).exists():
        raise ValidationError(_("You already said thank you."))
    thanks = Thanks.objects.create(
        neighbourhood_id=item.neighbourhood_id, item=item, author=author, text=text.strip()
    )
    Item.objects.filter(pk=item.pk).update(thanks_count=Thanks.objects.filter(item=item).count())
    from buurtplein.exchange import tasks

    transaction.on_commit(lambda: tasks.notify_thanks.enqueue(thanks.pk))
    return thanks


def item_reply(*, item: Item, sender, text: str):
    """Open (or continue) the private conversation between the sender and the owner about the
    item. Messaging refuses (ValidationError) when one blocked the other."""
    from buurtplein.messaging.actions import conversation_start

    if item.state != State.OPEN:
        raise ValidationError(_("This is closed: replying is no longer possible."))
    if sender.pk == item.owner_id:
        raise ValidationError(_("This is your own."))
    return conversation_start(
        neighbourhood=item.neighbourhood,
        starter=sender,
        other=item.owner,
        about=item,
        subject=item.title,
        text=text,
    )


@transaction.atomic
def pledge_set(
    *, item: Item, person, amount: Decimal | None = None, in_kind: str = ""
) -> Pledge | None:
    """Record (or change, or with nothing given take back) a neighbour's support for an
    initiative. Nothing is paid through Buurtplein."""
    if item.kind != Kind.MONEY:
        raise ValidationError(_("Support can only be pledged to an initiative."))
    if item.state != State.OPEN:
        raise ValidationError(_("This is closed: pledging is no longer possible."))
    Item.objects.select_for_update().filter(pk=item.pk).first()
    pledge = Pledge.objects.filter(item=item, person=person).first()
    in_kind = in_kind.strip()
    if amount is None and not in_kind:
        if pledge is not None:
            pledge.delete()
        pledge = None
    elif pledge is None:
        pledge = Pledge.objects.create(
            neighbourhood_id=item.neighbourhood_id,
            item=item,
            person=person,
            amount=amount,
            in_kind=in_kind,
        )
    else:
        pledge.amount, pledge.in_kind = amount, in_kind
        pledge.save(update_fields=["amount", "in_kind"])
    totals = Pledge.objects.filter(item=item).aggregate(total=Sum("amount"), count=Count("id"))
    item.pledged_total = totals["total"] or Decimal("0")
    item.supporter_count = totals["count"]
    Item.objects.filter(pk=item.pk).update(
        pledged_total=item.pledged_total, supporter_count=item.supporter_count
    )
    _changed(item)
    return pledge


# --- expiry -------------------------------------------------------------------------------------


def item_check(item: Item, *, now: datetime | None = None) -> str:
    """Expire the item when its date has passed, or send the one reminder when it expires within
    three days. Returns what happened ("expired", "reminded" or "")."""
    return ITEM_EXPIRY.check(item, now=now)


def expire_and_remind(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The daily round for one neighbourhood (the cron safety net calls it for all)."""
    return ITEM_EXPIRY.round(neighbourhood=neighbourhood, now=now)


def expiry_due_counts(neighbourhood, *, now: datetime) -> dict[str, int]:
    """What :func:`expire_and_remind` would do now (``exchange_expire --dry-run``)."""
    return ITEM_EXPIRY.due_counts(neighbourhood, now)


# --- beursvloer ---------------------------------------------------------------------------------


@transaction.atomic
def org_pledge_offer(
    *,
    actor,
    neighbourhood,
    giver,
    receiver,
    offer_type: str,
    title: str,
    description: str = "",
    hours: int | None = None,
    value: Decimal | None = None,
    created_at: datetime | None = None,
) -> OrgPledge:
    """An organisation or business offers services, people, means or knowledge to a social
    organisation of the neighbourhood."""
    errors = {}
    if not is_staff_of(actor, giver):
        errors["giver"] = _("You can only offer for your own organisation.")
    if giver.pk == receiver.pk:
        errors["receiver"] = _("Choose another organisation than your own.")
    elif receiver.kind not in SOCIAL_KINDS:
        errors["receiver"] = _("Choose a social organisation, club or initiative.")
    active = set(
        neighbourhood.organisations.filter(pk__in=[giver.pk, receiver.pk]).values_list(
            "pk", flat=True
        )
    )
    if receiver.pk not in active:
        errors.setdefault("receiver", _("This organisation is not active in this neighbourhood."))
    if giver.pk not in active:
        errors.setdefault("giver", _("Your organisation is not active in this neighbourhood."))
    if errors:
        raise ValidationError(errors)
    pledge = OrgPledge.objects.create(
        neighbourhood=neighbourhood,
        giver=giver,
        receiver=receiver,
        offer_type=offer_type,
        title=title.strip(),
        description=description.strip(),
        description_html=render_markdown(description),
        hours=hours,
        value=value,
        offered_by=actor,
        created_at=created_at or timezone.now(),
    )
    log_action(actor=actor, action="exchange.orgpledge.offer", target=pledge)
    from buurtplein.exchange import tasks

    transaction.on_commit(lambda: tasks.notify_org_pledge.enqueue(pledge.pk, "offered"))
    return pledge


@transaction.atomic
def org_pledge_answer(*, actor, pledge: OrgPledge, accept: bool) -> OrgPledge:
    if not is_staff_of(actor, pledge.receiver):
        raise ValidationError(_("Only the organisation it is offered to can answer."))
    if pledge.state != PledgeState.OFFERED:
        raise ValidationError(_("This offer has been answered already."))
    pledge.state = PledgeState.ACCEPTED if accept else PledgeState.DECLINED
    pledge.answered_by = actor
    pledge.answered_at = timezone.now()
    pledge.save(update_fields=["state", "answered_by", "answered_at"])
    log_action(
        actor=actor,
        action="exchange.orgpledge.accept" if accept else "exchange.orgpledge.decline",
        target=pledge,
    )
    from buurtplein.exchange import tasks

    # The values now, not at commit: a later step in the same transaction (the demo confirms
    # right away) must not turn this "accepted" notice into one about another state.
    pk, state = pledge.pk, pledge.state
    transaction.on_commit(lambda: tasks.notify_org_pledge.enqueue(pk, state))
    return pledge


@transaction.atomic
def org_pledge_confirm(*, actor, pledge: OrgPledge, now: datetime | None = None) -> OrgPledge:
    """One side confirms the agreement; when both have, it is confirmed and the follow-up is
    planned three months later."""
    if pledge.state != PledgeState.ACCEPTED:
        raise ValidationError(_("Only an accepted offer can be confirmed."))
    now = now or timezone.now()
    sides = []
    if is_staff_of(actor, pledge.giver) and pledge.giver_confirmed_at is None:
        pledge.giver_confirmed_at = now
        sides.append("giver")
    if is_staff_of(actor, pledge.receiver) and pledge.receiver_confirmed_at is None:
        pledge.receiver_confirmed_at = now
        sides.append("receiver")
    if not sides:
        raise ValidationError(_("Your organisation has confirmed already."))
    if pledge.giver_confirmed_at and pledge.receiver_confirmed_at:
        pledge.state = PledgeState.CONFIRMED
        pledge.confirmed_at = now
        from buurtplein.exchange import tasks

        pk, due = pledge.pk, now + timedelta(days=FOLLOW_UP_DAYS)
        transaction.on_commit(lambda: enqueue_later(tasks.org_pledge_follow_up, due, pk))
    pledge.save()
    log_action(
        actor=actor, action="exchange.orgpledge.confirm", target=pledge, data={"sides": sides}
    )
    return pledge


def org_pledge_follow_up_due(pledge: OrgPledge, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        pledge.state == PledgeState.CONFIRMED
        and pledge.confirmed_at is not None
        and pledge.confirmed_at + timedelta(days=FOLLOW_UP_DAYS) <= now
    )


def org_pledge_follow_up_mark_sent(pledge: OrgPledge, *, now: datetime | None = None) -> bool:
    """Claim the follow-up for sending (once); False when it is not due or sent already."""
    now = now or timezone.now()
    if not org_pledge_follow_up_due(pledge, now=now):
        return False
    return bool(
        OrgPledge.objects.filter(pk=pledge.pk, follow_up_sent_at__isnull=True).update(
            follow_up_sent_at=now
        )
    )


@transaction.atomic
def org_pledge_follow_up_answer(*, actor, pledge: OrgPledge, answer: str) -> OrgPledge:
    """ "Did it happen?" — stored per side for reporting."""
    if answer not in FollowUpAnswer.values:
        raise ValidationError(_("Choose an answer."))
    if pledge.state != PledgeState.CONFIRMED:
        raise ValidationError(_("Only a confirmed pledge has a follow-up."))
    fields = []
    if is_staff_of(actor, pledge.giver):
        pledge.giver_answer = answer
        fields.append("giver_answer")
    if is_staff_of(actor, pledge.receiver):
        pledge.receiver_answer = answer
        fields.append("receiver_answer")
    if not fields:
        raise ValidationError(_("Only the two organisations can answer."))
    pledge.save(update_fields=fields)
    log_action(
        actor=actor, action="exchange.orgpledge.follow_up", target=pledge, data={"answer": answer}
    )
    return pledge


@transaction.atomic
def org_pledge_withdraw(*, actor, pledge: OrgPledge) -> OrgPledge:
    """The giving organisation takes its offer back before both confirmed."""
    if not is_staff_of(actor, pledge.giver):
        raise ValidationError(_("Only the organisation that offered it can take it back."))
    if pledge.state not in (PledgeState.OFFERED, PledgeState.ACCEPTED):
        raise ValidationError(_("A confirmed or answered offer cannot be taken back."))
    pledge.state = PledgeState.WITHDRAWN
    pledge.save(update_fields=["state"])
    log_action(actor=actor, action="exchange.orgpledge.withdraw", target=pledge)
    return pledge
