"""Feedback: "Zou je ons aanbevelen?" and complaints.

**The question** (0–10, a Net Promoter Score) is asked after the moments that matter, which
other components declare (``core.components.FeedbackMoment``). An :class:`Answer` is about an
organisation (the one the moment is about) or, without one, about the neighbourhood's own
platform. It may be anonymous: then it holds no person at all. That a member answered this
month is kept apart in :class:`AnsweredMonth` (no link to the answer), so that nobody is asked
twice a month and an anonymous answer stays anonymous. People without an account (an
online-help asker) are remembered in a signed cookie, never by their IP address.

**A complaint** (:class:`Complaint`) is about an organisation or about the platform. It is
received (the person gets a receipt at once), acknowledged personally by its owner within
``ACKNOWLEDGE_WORKING_DAYS`` working days (``core.workdays``), and closed with an outcome before
its deadline (``HANDLING_WEEKS`` weeks, which the owner may set later, up to
``MAX_HANDLING_WEEKS``). The owner is one of the organisation's staff, or for the platform one
of the neighbourhood's admins. Internal notes (:class:`ComplaintNote`) are never shown to the
person.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

MAX_SENTENCE = 300
PROMOTER_FROM = 9
"""9 and 10: promoters; 7 and 8: passives; 0 to 6: detractors (the Net Promoter Score)."""
DETRACTOR_UP_TO = 6

ACKNOWLEDGE_WORKING_DAYS = 5
"""The owner acknowledges a complaint personally within this many working days."""
HANDLING_WEEKS = 6
"""A complaint is handled within this many weeks of its receipt…"""
MAX_HANDLING_WEEKS = 10
"""…which the owner may set up to this many weeks (the Awb's six weeks plus four)."""
REMIND_BEFORE_DEADLINE_DAYS = 7
MAX_COMPLAINT = 4000


class Answer(models.Model):
    """One answer to "Zou je ons aanbevelen?"."""

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    moment = models.CharField(_("moment"), max_length=40)
    """A ``FeedbackMoment.key`` ("buurthulp.finished")."""
    score = models.PositiveSmallIntegerField(_("score"))
    text = models.CharField(_("sentence"), max_length=MAX_SENTENCE, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    """None when the answer is anonymous (or its person was forgotten)."""
    created_at = models.DateTimeField(_("answered"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("recommendation answer")
        verbose_name_plural = _("recommendation answers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["neighbourhood", "organisation", "created_at"], name="feedback_answer_org"
            ),
            models.Index(fields=["neighbourhood", "created_at"], name="feedback_answer_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10), name="feedback_score_0_10"
            ),
        ]

    def __str__(self):
        return f"{self.score} ({self.moment})"

    @property
    def is_promoter(self) -> bool:
        return self.score >= PROMOTER_FROM


class AnsweredMonth(models.Model):
    """That a member answered the question in a month (not which answer: an anonymous answer
    stays anonymous). At most one answer per person per month."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(_("month"))
    """The first day of the local month."""
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("month answered")
        verbose_name_plural = _("months answered")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "user", "month"], name="feedback_once_a_month"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.month:%Y-%m}"


def new_token() -> str:
    """The secret of a complaint's status page for a person without an account."""
    return secrets.token_urlsafe(18)


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY = "partly", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    RESOLVED = "resolved", _("Resolved together")
    WITHDRAWN = "withdrawn", _("Withdrawn by the person")


class Complaint(models.Model):
    """A complaint about an organisation (``organisation``) or about the platform (None).

    ``token`` opens the status page for a person without an account; it is unique *per
    neighbourhood* and only looked up in the neighbourhood the URL names."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Being handled")
        CLOSED = "closed", _("Handled")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(max_length=10, blank=True, editable=False)
    """The language the person wrote in: their e-mails are sent in it."""
    text = models.TextField(_("complaint"), max_length=MAX_COMPLAINT)
    wish = models.TextField(_("what would you like to happen"), max_length=1000, blank=True)
    token = models.CharField(max_length=40, default=new_token, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.RECEIVED)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    acknowledge_by = models.DateTimeField(_("acknowledge by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    outcome_text = models.TextField(_("outcome for the person"), max_length=4000, blank=True)
    closed_at = models.DateTimeField(_("handled"), null=True, blank=True)
    acknowledge_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    deadline_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    """Its personal details were removed (retention or erasure); the figures stay."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "token"], name="complaint_token"),
        ]
        indexes = [
            models.Index(
                fields=["neighbourhood", "organisation", "state"], name="complaint_owner_list"
            ),
            models.Index(fields=["neighbourhood", "person"], name="complaint_person"),
            models.Index(fields=["neighbourhood", "state", "deadline"], name="complaint_due"),
        ]

    def __str__(self):
        return f"{self.get_state_display()} · {self.received_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state != self.State.CLOSED

    @property
    def acknowledged_in_time(self) -> bool:
        return self.acknowledged_at is not None and self.acknowledged_at <= self.acknowledge_by

    @property
    def handled_in_time(self) -> bool:
        return self.closed_at is not None and self.closed_at <= self.deadline


class ComplaintNote(models.Model):
    """An internal note on a complaint: for its owners, never for the person."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("complaint note")
        verbose_name_plural = _("complaint notes")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["neighbourhood", "complaint"], name="complaint_note_of"),
        ]

    def __str__(self):
        return self.text[:40]
