"""Vraag & aanbod's and the beursvloer's figures for the reports (``Component.figures``/
``counts``; reporting keeps them per month in its count tables). Each counts by the date its
event got:

* offers and requests placed: the item's ``created_at``; arranged ("geregeld"): its
  ``done_at`` (an item arranged and later removed was still arranged); an organisation's share
  is what it placed and arranged itself (``Item.organisation``);
* thank-yous and neighbours' support for an initiative: their ``created_at`` (the euros
  pledged, rounded to whole euros: recorded only, never collected);
* beursvloer pledges: confirmed by both sides, by ``confirmed_at``, with their hours and
  value; delivered: a confirmed pledge that either side later said happened ("Yes, it
  happened"), counted in the month it was confirmed (the answer has no date of its own and
  comes three months later; that month is then counted again). Both the giving and the
  receiving organisation get the pledge in their share.

Counts only, never who. What an erased person placed, thanked or pledged is no longer counted.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure("exchange.placed", _("Offers and requests placed"), "exchange", per_organisation=True),
    Figure(
        "exchange.arranged", _("Offers and requests arranged"), "exchange", per_organisation=True
    ),
    Figure("exchange.thanks", _("Thank-yous"), "exchange", chart=False),
    Figure("exchange.supporters", _("Pledges of support for initiatives"), "exchange", chart=False),
    Figure("exchange.pledged", _("Support pledged"), "exchange", unit="euros", chart=False),
    Figure(
        "exchange.beursvloer_confirmed",
        _("Beursvloer pledges confirmed"),
        "exchange",
        per_organisation=True,
    ),
    Figure(
        "exchange.beursvloer_delivered",
        _("Beursvloer pledges delivered"),
        "exchange",
        per_organisation=True,
    ),
    Figure(
        "exchange.beursvloer_hours",
        _("Beursvloer hours pledged"),
        "exchange",
        unit="hours",
        chart=False,
        per_organisation=True,
    ),
    Figure(
        "exchange.beursvloer_value",
        _("Beursvloer value pledged"),
        "exchange",
        unit="euros",
        chart=False,
        per_organisation=True,
    ),
)

COUNTED = (
    Counted("exchange.Item", ("created_at", "done_at")),
    Counted("exchange.Thanks"),
    Counted("exchange.Pledge"),
    Counted("exchange.OrgPledge", ("confirmed_at",)),
)


def _euros(amount) -> int:
    return round(amount or 0)


def counts(neighbourhood, start, end):
    from buurtplein.exchange.models import Item, OrgPledge, Pledge, PledgeState, Thanks

    placed = Q(created_at__gte=start, created_at__lt=end)
    arranged = Q(done_at__gte=start, done_at__lt=end)
    items = Item.objects.filter(neighbourhood=neighbourhood)
    found = items.aggregate(
        placed=CountOf("id", filter=placed), arranged=CountOf("id", filter=arranged)
    )
    yield Count("exchange.placed", found["placed"])
    yield Count("exchange.arranged", found["arranged"])
    for organisation_id, n_placed, n_arranged in (
        items.filter(placed | arranged, organisation__isnull=False)
        .values_list("organisation")
        .annotate(placed=CountOf("id", filter=placed), arranged=CountOf("id", filter=arranged))
        .order_by()
    ):
        yield Count("exchange.placed", n_placed, organisation_id=organisation_id)
        yield Count("exchange.arranged", n_arranged, organisation_id=organisation_id)

    month = Q(neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end)
    yield Count("exchange.thanks", Thanks.objects.filter(month).count())
    support = Pledge.objects.filter(month).aggregate(n=CountOf("id"), euros=Sum("amount"))
    yield Count("exchange.supporters", support["n"])
    yield Count("exchange.pledged", _euros(support["euros"]))

    pledges = OrgPledge.objects.filter(
        neighbourhood=neighbourhood,
        state=PledgeState.CONFIRMED,
        confirmed_at__gte=start,
        confirmed_at__lt=end,
    )
    sums = {
        "confirmed": CountOf("id"),
        "delivered": CountOf("id", filter=Q(giver_answer="yes") | Q(receiver_answer="yes")),
        "hours": Sum("hours"),
        "value": Sum("value"),
    }
    yield from _beursvloer(None, pledges.aggregate(**sums))
    # An organisation gives in one pledge and receives in another: its share adds both.
    shares: dict[int, dict] = {}
    for side in ("giver", "receiver"):
        for row in pledges.values(side).annotate(**sums).order_by():
            share = shares.setdefault(row.pop(side), dict.fromkeys(sums, 0))
            for name, amount in row.items():
                share[name] += amount or 0
    for organisation_id, share in sorted(shares.items()):
        yield from _beursvloer(organisation_id, share)


def _beursvloer(organisation_id, row):
    for name in ("confirmed", "delivered", "hours"):
        yield Count(f"exchange.beursvloer_{name}", row[name] or 0, organisation_id=organisation_id)
    yield Count("exchange.beursvloer_value", _euros(row["value"]), organisation_id=organisation_id)
