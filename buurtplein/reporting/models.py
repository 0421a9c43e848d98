"""The count tables of the reports ("tellen"): one row per neighbourhood, month, figure and
organisation, kept equal to the components' rows (``counting``).

A report reads only these tables (a year of one neighbourhood is a few thousand rows, however
much happened), never the components' rows. Each component says what its figures mean
(``core.components.Figure``) and how to count one month of them from its rows
(``Component.counts``); ``counting.recount`` writes a month again from scratch, so counting is
idempotent and a month can always be rebuilt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.accounts.models import get_private_storage


class MonthFigure(models.Model):
    """The value of one figure (``key``) in one month of one neighbourhood: the neighbourhood's
    own (``organisation`` empty) or one organisation's share of it."""

    # Tenant row: the neighbourhood is the distribution key.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    key = models.CharField(_("figure"), max_length=80)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    value = models.BigIntegerField(_("value"), default=0)
    n = models.BigIntegerField(
        _("divided by"), default=0, help_text=_("For a mean or a percentage: how many.")
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "month", "key"],
                condition=models.Q(organisation__isnull=True),
                name="month_figure_once",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "month", "key", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="month_figure_once_per_organisation",
            ),
        ]
        indexes = [
            models.Index(
                fields=["neighbourhood", "organisation", "month"], name="month_figure_read"
            ),
        ]

    def __str__(self):
        return f"{self.key} {self.month:%Y-%m}: {self.value}"


class StaleMonth(models.Model):
    """A month of a neighbourhood whose count rows must be written again: a row a component
    counts was saved or deleted (``counting``). The recount task takes these away and counts the
    months again; the nightly round does what a lost task left."""

    # Tenant row: the neighbourhood is the distribution key.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    marked_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "month"], name="stale_month_once")
        ]

    def __str__(self):
        return f"{self.neighbourhood_id} {self.month:%Y-%m}"


class ScopeKind(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    ORGANISATION = "organisation", _("Organisation")
    REGION = "region", _("Region")


class ReportScoped(models.Model):
    """What a share link and a PDF job share: the report they are of (a scope and a period),
    named in the neighbourhood whose page made them."""

    # Tenant row: the neighbourhood is the distribution key.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    kind = models.CharField(_("report of"), max_length=20, choices=ScopeKind)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    region = models.ForeignKey(
        "core.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    period = models.CharField(_("period"), max_length=40, help_text=_("As in 2026-Q4."))
    created_at = models.DateTimeField(_("made"), default=timezone.now, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        abstract = True

    @property
    def scope_slug(self) -> str:
        if self.kind == ScopeKind.ORGANISATION:
            return self.organisation.slug
        if self.kind == ScopeKind.REGION:
            return self.region.slug
        return ""


class ReportShare(ReportScoped):
    """A read-only link to one report (a scope and a period) for the municipality's contact:
    opened without an account until ``expires_on`` (at most a year) unless it is revoked. Only
    the SHA-256 of its secret is stored (``core.tokens``), unique per neighbourhood and looked
    up inside the neighbourhood the address names; the link itself is shown once, when it is
    made. Made and revoked by a professional or admin who may see the report (audited)."""

    recipient = models.CharField(
        _("for whom"), max_length=120, help_text=_("As in: Gemeente Arnhem, Sociaal Domein.")
    )
    token_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    expires_on = models.DateField(_("works until"))
    revoked_at = models.DateTimeField(_("stopped"), null=True, blank=True)

    class Meta:
        verbose_name = _("share link of a report")
        verbose_name_plural = _("share links of reports")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "token_hash"], name="report_share_token"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "kind", "-created_at"], name="report_share_list")
        ]

    def __str__(self):
        return f"{self.recipient} {self.period}"

    def is_active(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.revoked_at is None and self.expires_on >= today


class ReportJob(ReportScoped):
    """A report's PDF, built by a background task (``tasks.build_report_pdf``) that records its
    progress here (``step`` of ``steps``), for the person who asked (only they fetch it). The
    file is in the private storage (never served as media); the row owns it (deleted with the
    row), and the retention round deletes both after ``retention.JOB_PERIOD``."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        BUILDING = "building", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("asked by"),
    )
    language = models.CharField(_("language"), max_length=10, default="nl")
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    step = models.PositiveSmallIntegerField(_("steps done"), default=0)
    steps = models.PositiveSmallIntegerField(_("steps"), default=0)
    file = models.FileField(
        _("file"), storage=get_private_storage, upload_to="reports/", blank=True
    )
    size = models.PositiveBigIntegerField(_("size"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        indexes = [
            models.Index(
                fields=["neighbourhood", "requested_by", "-created_at"], name="report_job_mine"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.period} {self.state}"

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.BUILDING)

    @property
    def percent(self) -> int:
        return int(100 * self.step / self.steps) if self.steps else 0
