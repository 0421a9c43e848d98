"""Helpers for the components' ``tests/test_counts.py``: read a figure from the count tables,
and count the queries one month's ``counts`` makes (constant, whatever the number of rows)."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from buurtplein.reporting import counting
from buurtplein.reporting.models import MonthFigure


def figure(nb, key: str, month: date, organisation=None) -> tuple[int, int]:
    """``(value, n)`` of one figure in the count table (``(0, 0)`` when there is no row)."""
    with scopes_disabled():
        row = MonthFigure.objects.filter(
            neighbourhood=nb, key=key, month=month, organisation=organisation
        ).first()
    return (row.value, row.n) if row else (0, 0)


def value(nb, key: str, month: date, organisation=None) -> int:
    return figure(nb, key, month, organisation)[0]


def stale(nb) -> set[date]:
    """The months still marked stale (a test that ran the recount task expects none)."""
    from buurtplein.reporting.models import StaleMonth

    with scopes_disabled():
        return set(StaleMonth.objects.filter(neighbourhood=nb).values_list("month", flat=True))


def queries_of_counts(counts, nb, month: date) -> int:
    """How many queries ``counts(nb, start, end)`` makes for ``month``."""
    start, end = counting.month_bounds(month)
    with scope(neighbourhood=nb), CaptureQueriesContext(connection) as queries:
        list(counts(nb, start, end))
    return len(queries)
