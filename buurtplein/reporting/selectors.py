"""Reads of the count tables (never of the components' rows): the values of every figure over a
period, and per month for the trend, for one scope — a neighbourhood, an organisation, or a
region of neighbourhoods. Each is one aggregate query, however long the period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Sum
from django_scopes import scopes_disabled

from buurtplein.reporting.models import MonthFigure


def _rows(neighbourhood_ids, organisation_id, start: date, end: date):
    with scopes_disabled():
        rows = MonthFigure.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids), month__gte=start, month__lt=end
        )
        if organisation_id is None:
            return rows.filter(organisation__isnull=True)
        return rows.filter(organisation_id=organisation_id)


def sums(neighbourhood_ids, start: date, end: date, *, organisation_id=None) -> dict:
    """``{key: (value, n)}`` over the months from ``start`` up to ``end`` (first days of a
    month): the neighbourhoods' own figures, or with ``organisation_id`` that organisation's
    share of them. A figure that is not there was 0."""
    found = (
        _rows(neighbourhood_ids, organisation_id, start, end)
        .values_list("key")
        .annotate(value=Sum("value"), n=Sum("n"))
        .order_by()
    )
    return {key: (value, n) for key, value, n in found}


def by_month(neighbourhood_ids, start: date, end: date, *, organisation_id=None) -> dict:
    """``{key: {month: (value, n)}}`` for the same scope: a trend's points."""
    found = (
        _rows(neighbourhood_ids, organisation_id, start, end)
        .values_list("key", "month")
        .annotate(value=Sum("value"), n=Sum("n"))
        .order_by()
    )
    months: dict[str, dict] = defaultdict(dict)
    for key, month, value, n in found:
        months[key][month] = (value, n)
    return dict(months)
