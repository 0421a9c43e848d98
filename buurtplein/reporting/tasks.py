"""Background work of the reports: counting stale months again (``counting``) and building
a report's PDF with its progress (``pdf``)."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.tasks import task
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.models import private_storage
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


STALE_JOB = timedelta(minutes=10)
"""A PDF still being made this long after its task took it on has lost its worker: a second
delivery of the task may take it over."""


@task
def build_report_pdf(job_id: int) -> str:
    """Build the PDF of a ``ReportJob`` and record its progress on the row; safe to run twice
    (taken on by one run at a time, with a conditional update, as the data export does)."""
    from django.db.models import Q
    from django.utils import translation
    from django_scopes import scope

    from buurtplein.core.tasks import load
    from buurtplein.reporting import pdf, selectors
    from buurtplein.reporting.models import ReportJob
    from buurtplein.reporting.periods import PeriodError, parse

    job = load(ReportJob, job_id)
    if job is None:
        return "gone"
    now = timezone.now()
    with scopes_disabled():
        claimed = (
            ReportJob.objects.filter(pk=job_id)
            .filter(
                Q(state=ReportJob.State.QUEUED)
                | Q(state=ReportJob.State.BUILDING, started_at__lt=now - STALE_JOB)
            )
            .update(state=ReportJob.State.BUILDING, step=0, steps=pdf.STEPS, started_at=now)
        )
    if not claimed:
        return "taken"
    neighbourhood = job.neighbourhood

    def progress(step: int) -> None:
        with scopes_disabled():
            ReportJob.objects.filter(pk=job_id).update(step=step)

    with scope(neighbourhood=neighbourhood), translation.override(job.language):
        found = selectors.scope_of_row(job)
        try:
            period = parse(job.period)
        except PeriodError:
            found = None
        if found is None:
            with scopes_disabled():
                ReportJob.objects.filter(pk=job_id).update(state=ReportJob.State.FAILED)
            return "failed"
        try:
            content = pdf.render(found, period, neighbourhood, progress)
            name = private_storage.save(
                f"reports/{neighbourhood.pk}/{job_id}-{period.token.replace('..', '-')}.pdf",
                ContentFile(content),
            )
        except BaseException:
            with scopes_disabled():
                ReportJob.objects.filter(pk=job_id).update(state=ReportJob.State.FAILED)
            raise
    with scopes_disabled():
        ReportJob.objects.filter(pk=job_id).update(
            state=ReportJob.State.READY,
            step=pdf.STEPS,
            file=name,
            size=len(content),
            finished_at=timezone.now(),
        )
    return "ready"
