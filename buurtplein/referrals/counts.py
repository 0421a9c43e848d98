"""Referrals' figures for the reports (``Component.figures``/``counts``; reporting keeps them
per month in its count tables), each with the receiving organisation's share:

* sent: the referral's ``created_at``, in all and per route (professional, buurtverbinder,
  help request, referral link);
* accepted: answered and not declined (as ``privacy.stats``), by ``answered_at``;
* time to first contact: ``contact_at − created_at`` of the referrals first in contact that
  month, in minutes (a ratio over those referrals);
* completed: ended as "Completed", by ``ended_at``.

A referral stays when the person it was about is erased (only their details go), so it is
still counted. The steps are conditional updates; ``actions._written`` tells the count
tables of each one.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

ROUTES = ("professional", "connector", "buurthulp", "link")

FIGURES = (
    Figure("referrals.sent", _("Referrals"), "referrals", per_organisation=True),
    Figure(
        "referrals.by_professional",
        _("Referrals by a professional"),
        "referrals",
        chart=False,
        per_organisation=True,
    ),
    Figure(
        "referrals.by_connector",
        _("Referrals by a buurtverbinder"),
        "referrals",
        chart=False,
        per_organisation=True,
    ),
    Figure(
        "referrals.by_buurthulp",
        _("Referrals from a help request"),
        "referrals",
        chart=False,
        per_organisation=True,
    ),
    Figure(
        "referrals.by_link",
        _("Referrals through a referral link"),
        "referrals",
        chart=False,
        per_organisation=True,
    ),
    Figure("referrals.accepted", _("Referrals accepted"), "referrals", per_organisation=True),
    Figure(
        "referrals.first_contact",
        _("Average time to first contact"),
        "referrals",
        kind="ratio",
        unit="minutes",
        per_organisation=True,
    ),
    Figure("referrals.done", _("Referrals completed"), "referrals", per_organisation=True),
)

COUNTED = (Counted("referrals.Referral", ("created_at", "answered_at", "contact_at", "ended_at")),)


def _within(field, start, end) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def counts(neighbourhood, start, end):
    from buurtplein.referrals.models import Referral, State

    sent = _within("created_at", start, end)
    contact = _within("contact_at", start, end)
    sums = {
        "sent": CountOf("pk", filter=sent),
        **{f"by_{route}": CountOf("pk", filter=sent & Q(route=route)) for route in ROUTES},
        "accepted": CountOf(
            "pk", filter=_within("answered_at", start, end) & ~Q(state=State.DECLINED)
        ),
        "contact": CountOf("pk", filter=contact),
        "waited": Sum(
            ExpressionWrapper(F("contact_at") - F("created_at"), output_field=DurationField()),
            filter=contact,
        ),
        "done": CountOf("pk", filter=_within("ended_at", start, end) & Q(state=State.DONE)),
    }
    referrals = Referral.objects.filter(
        sent | contact | _within("answered_at", start, end) | _within("ended_at", start, end),
        neighbourhood=neighbourhood,
    )
    rows = [(None, referrals.aggregate(**sums))]
    rows += [
        (row.pop("organisation"), row)
        for row in referrals.values("organisation").annotate(**sums).order_by()
    ]
    for organisation_id, row in rows:
        for name in ("sent", *(f"by_{route}" for route in ROUTES), "accepted", "done"):
            yield Count(f"referrals.{name}", row[name], organisation_id=organisation_id)
        waited = row["waited"]
        minutes = round(waited.total_seconds() / 60) if waited is not None else 0
        yield Count(
            "referrals.first_contact", minutes, n=row["contact"], organisation_id=organisation_id
        )
