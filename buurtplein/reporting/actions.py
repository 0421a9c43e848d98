"""Writes of the reports: share links for the municipality's contact (made and revoked,
audited) and the PDF files built by a task."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core.audit import log_action
from buurtplein.core.tokens import new_token, token_digest
from buurtplein.reporting.models import ReportJob, ReportShare
from buurtplein.reporting.periods import Period
from buurtplein.reporting.report import Scope

MAX_SHARE = timedelta(days=366)
"""A share link works at most about a year (a municipality's reporting cycle)."""


def _scope_fields(scope: Scope) -> dict:
    return {
        "kind": scope.kind,
        "organisation_id": scope.organisation_id,
        "region_id": scope.region_id,
    }


def share_create(
    *,
    actor,
    neighbourhood,
    scope: Scope,
    period: Period,
    recipient: str,
    expires_on: date,
) -> tuple[ReportShare, str]:
    """A read-only link to the report of ``scope`` over ``period``; returns the row and the
    secret (shown once: only its digest is stored)."""
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": _("Choose a date from today.")})
    if expires_on > today + MAX_SHARE:
        raise ValidationError({"expires_on": _("A share link works for at most a year.")})
    token = new_token()
    share = ReportShare.objects.create(
        neighbourhood=neighbourhood,
        period=period.token,
        recipient=recipient.strip(),
        token_hash=token_digest(token),
        created_by=actor,
        expires_on=expires_on,
        **_scope_fields(scope),
    )
    log_action(
        actor=actor,
        action="reporting.share.create",
        target=share,
        data={
            "scope": scope.kind,
            "name": scope.name,
            "period": period.token,
            "recipient": share.recipient,
            "expires_on": expires_on.isoformat(),
        },
    )
    return share, token


def share_revoke(*, actor, share: ReportShare) -> bool:
    """Stop a share link at once (once: a second stop changes nothing)."""
    stopped = ReportShare.objects.filter(pk=share.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if stopped:
        log_action(
            actor=actor,
            action="reporting.share.revoke",
            target=share,
            data={"recipient": share.recipient, "period": share.period},
        )
    return bool(stopped)


def job_start(*, actor, neighbourhood, scope: Scope, period: Period, language: str) -> ReportJob:
    """Ask for the PDF of a report: a task builds it and records its progress on the row."""
    from buurtplein.reporting import tasks

    job = ReportJob.objects.create(
        neighbourhood=neighbourhood,
        period=period.token,
        requested_by=actor,
        language=language,
        **_scope_fields(scope),
    )
    transaction.on_commit(lambda: tasks.build_report_pdf.enqueue(job.pk))
    return job
