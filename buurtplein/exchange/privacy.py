"""What vraag & aanbod holds about a person (data export, AVG/GDPR article 15), forgetting them
(account deletion), and the figures it contributes to reporting."""

from django.db import transaction
from django.db.models import Count, Q, Sum
from django_scopes import scope, scopes_disabled

from buurtplein.core.photos import EXPORT_FILES, export_name
from buurtplein.exchange.models import Item, OrgPledge, Pledge, PledgeState, State, Thanks
from buurtplein.exchange.selectors import home_changed


def export(user) -> dict:
    with scopes_disabled():
        owned = list(
            Item.objects.filter(owner=user)
            .select_related("neighbourhood")
            .prefetch_related("photos")
            .order_by("created_at", "pk")
        )
        items = [
            {
                "neighbourhood": item.neighbourhood.name,
                "direction": item.direction,
                "kind": item.kind,
                "category": item.category,
                "title": item.title,
                "description": item.description,
                "area": item.area,
                "price": str(item.price) if item.price is not None else None,
                "state": item.state,
                "created_at": item.created_at.isoformat(),
                "expires_at": item.expires_at.isoformat(),
                "photos": [
                    {"file": export_name(photo.large), "description": photo.alt_text}
                    for photo in item.photos.all()
                ],
            }
            for item in owned
        ]
        thanks = [
            {"item": t.item.title, "text": t.text, "created_at": t.created_at.isoformat()}
            for t in Thanks.objects.filter(author=user).select_related("item")
        ]
        pledges = [
            {
                "item": p.item.title,
                "amount": str(p.amount) if p.amount is not None else None,
                "in_kind": p.in_kind,
                "created_at": p.created_at.isoformat(),
            }
            for p in Pledge.objects.filter(person=user).select_related("item")
        ]
        arranged_with = list(Item.objects.filter(done_with=user).values_list("title", flat=True))
        beursvloer = [
            {
                "neighbourhood": p.neighbourhood.name,
                "from_organisation": p.giver.name,
                "to_organisation": p.receiver.name,
                "what": p.title,
                "explanation": p.description,
                "state": p.state,
                "you_offered_it": p.offered_by_id == user.pk,
                "you_answered_it": p.answered_by_id == user.pk,
                "created_at": p.created_at.isoformat(),
            }
            for p in OrgPledge.objects.filter(Q(offered_by=user) | Q(answered_by=user))
            .select_related("neighbourhood", "giver", "receiver")
            .order_by("created_at", "pk")
        ]
    return {
        "offers_and_requests": items,
        "thank_yous": thanks,
        "pledges": pledges,
        "arranged_with_you": arranged_with,
        "beursvloer_pledges_you_handled_for_an_organisation": beursvloer,
        EXPORT_FILES: [photo.large.name for item in owned for photo in item.photos.all()],
    }


def erase(user) -> None:
    """Forget a person: their items (with photos), thank-yous and pledges go; items arranged
    with them and beursvloer pledges they acted on no longer name them."""
    with scopes_disabled(), transaction.atomic():
        thanked = set(Thanks.objects.filter(author=user).values_list("item_id", flat=True))
        pledged = set(Pledge.objects.filter(person=user).values_list("item_id", flat=True))
        Thanks.objects.filter(author=user).delete()
        Pledge.objects.filter(person=user).delete()
        owned_in = set(Item.objects.filter(owner=user).values_list("neighbourhood_id", flat=True))
        Item.objects.filter(owner=user).delete()
        for neighbourhood_id in owned_in:
            home_changed(neighbourhood_id)
        Item.objects.filter(done_with=user).update(done_with=None)
        OrgPledge.objects.filter(offered_by=user).update(offered_by=None)
        OrgPledge.objects.filter(answered_by=user).update(answered_by=None)
        for item in Item.objects.filter(pk__in=thanked):
            item.thanks_count = Thanks.objects.filter(item=item).count()
            item.save(update_fields=["thanks_count"])
        for item in Item.objects.filter(pk__in=pledged):
            totals = Pledge.objects.filter(item=item).aggregate(t=Sum("amount"), n=Count("id"))
            item.pledged_total = totals["t"] or 0
            item.supporter_count = totals["n"]
            item.save(update_fields=["pledged_total", "supporter_count"])


def stats(neighbourhood) -> dict:
    """Figures for reporting (a few aggregate queries)."""
    with scope(neighbourhood=neighbourhood):
        items = Item.objects.filter(neighbourhood=neighbourhood).aggregate(
            open=Count("id", filter=Q(state=State.OPEN)),
            arranged=Count("id", filter=Q(state=State.DONE)),
            thank_yous=Sum("thanks_count"),
            pledged=Sum("pledged_total"),
            supporters=Sum("supporter_count"),
        )
        pledges = OrgPledge.objects.filter(neighbourhood=neighbourhood).aggregate(
            confirmed=Count("id", filter=Q(state=PledgeState.CONFIRMED)),
            happened=Count("id", filter=Q(giver_answer="yes") | Q(receiver_answer="yes")),
        )
    return {
        "exchange_open": items["open"],
        "exchange_arranged": items["arranged"],
        "exchange_thank_yous": items["thank_yous"] or 0,
        "exchange_pledged_euros": items["pledged"] or 0,
        "exchange_supporters": items["supporters"] or 0,
        "beursvloer_confirmed": pledges["confirmed"],
        "beursvloer_happened": pledges["happened"],
    }
