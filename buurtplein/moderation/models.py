"""Reports of content and what buurtverbinders decide about them (the moderation queue).

Every model here is owned by one neighbourhood. A reported thing is addressed generically
(content type + id); the kinds that can be reported are declared by the components
(``Component.moderated``)."""

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
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    # Who wrote the reported thing (for "reported N times"); null for reports made before the
    # queue, or when the author's account is gone.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    decision = models.ForeignKey(
        "moderation.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("decision"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of content")
    )
    object_id = models.PositiveBigIntegerField(_("number"))
    target = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason)
    note = models.TextField(_("explanation"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["neighbourhood", "status", "-created_at"]),
            models.Index(fields=["neighbourhood", "author"], name="report_author"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "reporter", "content_type", "object_id"],
                name="one_report_per_person",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.content_type.model} {self.object_id})"


class Decision(models.Model):
    """What a buurtverbinder decided about one reported thing, with the message the author
    reads, and the author's one appeal against it."""

    class Action(models.TextChoices):
        KEEP = "keep", _("Keep it: the report is unfounded")
        HIDE = "hide", _("Hide it")
        ASK_CHANGE = "ask_change", _("Ask the author to change it")
        WARN = "warn", _("Warn the author")
        SUSPEND = "suspend", _("Hide it and suspend the author for a while")
        AUTO_HIDE = "auto_hide", _("Hidden after many reports")

    class Appeal(models.TextChoices):
        NONE = "", _("No objection")
        OPEN = "open", _("Objection waiting")
        UPHELD = "upheld", _("Decision stays")
        UNDONE = "undone", _("Decision undone")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("decision"), max_length=20, choices=Action)
    message = models.TextField(_("message to the author"), max_length=1000, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    """One line of what the thing said, kept for the author's page after it is gone."""
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    suspended_until = models.DateTimeField(null=True, blank=True)
    appeal = models.CharField(max_length=10, choices=Appeal, default=Appeal.NONE, blank=True)
    appeal_text = models.TextField(_("your objection"), max_length=1000, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appeal_decided_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        indexes = [
            models.Index(fields=["neighbourhood", "appeal"], name="decision_appeal"),
            models.Index(fields=["neighbourhood", "author"], name="decision_author"),
        ]

    def __str__(self):
        return f"{self.action} ({self.content_type_id} {self.object_id})"

    @property
    def may_appeal(self) -> bool:
        return self.action != self.Action.KEEP and self.appeal == self.Appeal.NONE


class Hidden(models.Model):
    """A reported thing that nobody but its author and the buurtverbinders sees any more
    (``selectors.without_hidden``). One per thing; deleted when it is shown again."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=1000, blank=True)
    automatic = models.BooleanField(default=False)
    """Hidden because many members reported it; waits for a buurtverbinder."""
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("hidden content")
        verbose_name_plural = _("hidden content")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "content_type", "object_id"], name="hidden_once"
            )
        ]

    def __str__(self):
        return f"hidden {self.content_type_id} {self.object_id}"


DEFAULT_THRESHOLD = 3


class HouseRules(models.Model):
    """A neighbourhood's spelregels, kept by its buurtverbinders, and its moderation setting.
    Without a row the defaults (``rules.DEFAULT_NL`` / ``DEFAULT_EN``) apply."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    text_nl = models.TextField(_("house rules (Dutch)"), max_length=5000)
    text_en = models.TextField(_("house rules (English)"), max_length=5000, blank=True)
    hide_after = models.PositiveSmallIntegerField(
        _("hide after this many reports"),
        default=DEFAULT_THRESHOLD,
        help_text=_(
            "When this many different members report the same thing, it is hidden until a "
            "buurtverbinder looks at it."
        ),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("house rules")
        verbose_name_plural = _("house rules")
        constraints = [models.UniqueConstraint(fields=["neighbourhood"], name="one_house_rules")]

    def __str__(self):
        return f"house rules of {self.neighbourhood_id}"


class AlertState(models.Model):
    """When a buurtverbinder was last e-mailed about new reports (at most once an hour)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mailed_at = models.DateTimeField()

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user"], name="one_alert_state")
        ]

    def __str__(self):
        return f"alert of {self.user_id} in {self.neighbourhood_id}"
