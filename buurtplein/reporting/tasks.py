"""Background work of the reports: counting stale months again (``counting``)."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from buurtplein.core.tasks import enqueue_later, load_neighbourhood
from buurtplein.reporting import counting

RECOUNT_AFTER = timedelta(seconds=30)
"""How long a recount waits after the first write that made a month stale: the writes of a busy
half minute are counted together."""


def plan_recount(neighbourhood_id: int) -> None:
    enqueue_later(recount_stale, timezone.now() + RECOUNT_AFTER, neighbourhood_id)


@task
def recount_stale(neighbourhood_id: int) -> int:
    """Count the neighbourhood's stale months again; when months were marked while it
    counted, plan itself once more. Safe to run twice: counting a month is idempotent."""
    neighbourhood = load_neighbourhood(neighbourhood_id, "reporting")
    if neighbourhood is None:
        return 0
    counted, left = counting.recount_stale(neighbourhood)
    if left:
        plan_recount(neighbourhood_id)
    return counted
