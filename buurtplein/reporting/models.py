"""The count tables of the reports ("tellen"): one row per neighbourhood, month, figure and
organisation, kept equal to the components' rows (``counting``).

A report reads only these tables (a year of one neighbourhood is a few thousand rows, however
much happened), never the components' rows. Each component says what its figures mean
(``core.components.Figure``) and how to count one month of them from its rows
(``Component.counts``); ``counting.recount`` writes a month again from scratch, so counting is
idempotent and a month can always be rebuilt.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


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
