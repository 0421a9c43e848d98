"""Keeping the count tables equal to the rows (``models.MonthFigure``).

* **What is counted.** Every component with ``counts`` gives its figures of one month from its
  own rows (``core.components.Component.counts``). :func:`recount` asks every such component
  for one month of one neighbourhood and writes that month's rows again from scratch, in one
  transaction: counting twice gives the same rows, and a month can always be rebuilt.
* **When.** A component lists the models its ``counts`` reads (``Component.counted``). When a
  row of one is saved or deleted (an action, an erasure, the admin), the months of its dates
  are marked stale (:class:`~buurtplein.reporting.models.StaleMonth`) once the transaction
  commits, and the task ``tasks.recount_stale`` counts them again, shortly after.
* **Nothing lost.** A mark is a row in the database, made after the write committed; the task
  takes away only marks it counted after they were made, and enqueues itself again for marks
  made while it counted. When the task worker or the queue was away, the nightly round
  (``manage.py recount_figures``) counts every stale month, and the last 13 months as well
  (writes that send no signal: ``QuerySet.update``).
"""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.components import Component, all_components
from buurtplein.core.models import Neighbourhood
from buurtplein.reporting.models import MonthFigure, StaleMonth

logger = logging.getLogger(__name__)


# --- months ---------------------------------------------------------------------------------


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def month_of(moment: date | datetime) -> date:
    """The first day of the month ``moment`` falls in (a date-time in local time)."""
    if isinstance(moment, datetime):
        moment = timezone.localtime(moment, local_zone()) if timezone.is_aware(moment) else moment
        moment = moment.date()
    return moment.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """The months from ``start`` up to (not including) ``end``, both first days of a month."""
    found, month = [], month_of(start)
    while month < end:
        found.append(month)
        month = next_month(month)
    return found


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """Local midnight at the start of ``month`` and of the month after (aware; the DST nights
    fall inside a month, so both ends are plain midnights)."""
    zone = local_zone()
    start = datetime(month.year, month.month, 1, tzinfo=zone)
    after = next_month(month)
    return start, datetime(after.year, after.month, 1, tzinfo=zone)


# --- counting -------------------------------------------------------------------------------


def counting_components() -> list[Component]:
    return [c for c in all_components() if c.counts is not None]


def figures_declared() -> dict[str, object]:
    """Every figure of every component, by key (``core.components.Figure``)."""
    return {f.key: f for c in all_components() for f in c.figures}


def recount(neighbourhood, month: date) -> int:
    """Count ``month`` of ``neighbourhood`` again from the components' rows and write its count
    rows from scratch. Returns how many rows it wrote (values that are 0 are not stored)."""
    start, end = month_bounds(month)
    rows = []
    with scope(neighbourhood=neighbourhood):
        for component in counting_components():
            declared = {f.key: f for f in component.figures}
            for count in component.counts(neighbourhood, start, end):
                figure = declared.get(count.key)
                if figure is None:
                    raise ValueError(f"{component.label} counts {count.key!r}, not in figures")
                if count.organisation_id is not None and not figure.per_organisation:
                    raise ValueError(f"{count.key!r} is not declared per_organisation")
                if count.value or count.n:
                    rows.append(
                        MonthFigure(
                            neighbourhood=neighbourhood,
                            month=month,
                            key=count.key,
                            organisation_id=count.organisation_id,
                            value=count.value,
                            n=count.n,
                        )
                    )
        with transaction.atomic():
            # One recount of a neighbourhood at a time (two tasks of the same month would
            # otherwise both insert): lock the neighbourhood's row for the swap.
            type(neighbourhood).objects.select_for_update().filter(pk=neighbourhood.pk).exists()
            MonthFigure.objects.filter(neighbourhood=neighbourhood, month=month).delete()
            MonthFigure.objects.bulk_create(rows)
    return len(rows)


def stale_months(neighbourhood) -> int:
    with scopes_disabled():
        return StaleMonth.objects.filter(neighbourhood=neighbourhood).count()


def recount_stale(neighbourhood) -> tuple[int, bool]:
    """Count every stale month of ``neighbourhood`` again and take away the marks made before
    the counting began. Returns (months counted, whether marks are left: made while it
    counted, so the caller counts again)."""
    began = timezone.now()
    with scopes_disabled():
        months = sorted(
            set(
                StaleMonth.objects.filter(neighbourhood=neighbourhood).values_list(
                    "month", flat=True
                )
            )
        )
    for month in months:
        recount(neighbourhood, month)
    with scopes_disabled():
        StaleMonth.objects.filter(
            neighbourhood=neighbourhood, month__in=months, marked_at__lte=began
        ).delete()
        left = StaleMonth.objects.filter(neighbourhood=neighbourhood).exists()
    return len(months), left


# --- marking months stale when counted rows change --------------------------------------------

_pending = threading.local()


def _months_of(instance, dates, *, loaded_only=False) -> set[date]:
    found = set()
    for name in dates:
        if loaded_only and name not in instance.__dict__:
            continue  # a deferred field (``only()``): reading it would cost a query
        value = getattr(instance, name, None)
        if value is not None:
            found.add(month_of(value))
    return found


def mark(neighbourhood_id: int, months) -> None:
    """Mark ``months`` of the neighbourhood stale once the current transaction commits (at
    once outside one)."""
    if not neighbourhood_id:
        return
    pending = getattr(_pending, "months", None)
    if pending is None:
        pending = _pending.months = set()
    pending.update((neighbourhood_id, month) for month in months)
    # Every mark asks for the flush; the first that runs takes them all, the rest find nothing.
    # (Marks of a transaction that rolls back stay in the set and are counted with the next:
    # counting a month once more changes nothing.)
    transaction.on_commit(flush, robust=True)


def flush() -> None:
    """Write the pending marks and ask for a recount of each neighbourhood that had none."""
    from buurtplein.reporting import tasks

    pending = getattr(_pending, "months", None)
    if not pending:
        return
    _pending.months = set()
    now = timezone.now()
    new = []
    with scopes_disabled():
        for neighbourhood_id, month in sorted(pending):
            touched = StaleMonth.objects.filter(
                neighbourhood_id=neighbourhood_id, month=month
            ).update(marked_at=now)
            if not touched:
                new.append(StaleMonth(neighbourhood_id=neighbourhood_id, month=month))
        if new:
            # A neighbourhood deleted with its rows has nothing left to count.
            alive = set(
                Neighbourhood.objects.filter(
                    pk__in={mark.neighbourhood_id for mark in new}
                ).values_list("pk", flat=True)
            )
            new = [mark for mark in new if mark.neighbourhood_id in alive]
            StaleMonth.objects.bulk_create(new, ignore_conflicts=True)
    for neighbourhood_id in sorted({mark.neighbourhood_id for mark in new}):
        tasks.plan_recount(neighbourhood_id)


def _saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    months = _months_of(instance, _COUNTED[sender])
    # A row whose dates move is also counted again in the months it had when it was loaded.
    mark(instance.neighbourhood_id, months | getattr(instance, "_reporting_months", set()))
    if sender in _DATES_CHANGE:
        instance._reporting_months = months


def _deleted(sender, instance, **kwargs):
    months = _months_of(instance, _COUNTED[sender]) | getattr(instance, "_reporting_months", set())
    mark(instance.neighbourhood_id, months)


def _loaded(sender, instance, **kwargs):
    # Only for models whose dates move: remember the months the row had when it was loaded.
    if instance.pk is not None:
        instance._reporting_months = _months_of(instance, _COUNTED[sender], loaded_only=True)


_COUNTED: dict[type, tuple[str, ...]] = {}
_DATES_CHANGE: set[type] = set()


def connect() -> None:
    """Listen to the writes of every model a component counts (``Component.counted``)."""
    for component in all_components():
        for counted in component.counted:
            model = apps.get_model(counted.model)
            _COUNTED[model] = tuple(counted.dates)
            post_save.connect(_saved, sender=model, dispatch_uid=f"reporting-save-{model}")
            post_delete.connect(_deleted, sender=model, dispatch_uid=f"reporting-del-{model}")
            if counted.dates_change:
                _DATES_CHANGE.add(model)
                post_init.connect(_loaded, sender=model, dispatch_uid=f"reporting-init-{model}")
