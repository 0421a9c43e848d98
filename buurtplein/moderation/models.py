"""Reports of content. Stored now; the moderation queue that works them comes later."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Report(models.Model):
    class Reason(models.TextChoices):
        RUDE = "rude", _("Rude or hurtful")
        SPAM = "spam", _("Advertising or spam")
        PRIVACY = "privacy", _("Shares someone's private information")
        UNSAFE = "unsafe", _("Dangerous or illegal")
        WRONG = "wrong", _("Not true or misleading")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDLED = "handled", _("Handled")
        DISMISSED = "dismissed", _("Dismissed")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.TextField(_("explanation"), max_length=1000, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["neighbourhood", "status", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "reporter", "content_type", "object_id"],
                name="one_report_per_person",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.content_type.model} {self.object_id})"
