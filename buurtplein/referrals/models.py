"""Warm referrals with a closed loop.

A professional or buurtverbinder refers a person to a service of the sociale kaart
(``socialmap.Service``); the service's organisation is the **receiving organisation**, whose
staff answer it in their referral inbox. The person is a member (``person``) or a resident
without an account (``person_name`` with a phone number, or "via mij": contact goes through the
referrer). An outside referrer without an account (a GP practice: welzijn op recept) uses the
organisation's :class:`ReferralLink`.

**Consent** is recorded on the referral itself: what is shared (``shares``), with which
organisation (``organisation``), until when (``consent_until``) and how it was given
(``consent_how``). Withdrawing it (``consent_withdrawn_at``) clears the shared details at once;
the state stays, so the loop back still works.

**The loop back.** The referrer sees the state, never ``note`` (the receiving side's own note).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

MAX_QUESTION = 500
REMIND_AFTER_WORKING_DAYS = 3
"""Nothing answered this many working days after sending: the staff are reminded…"""
ESCALATE_AFTER_WORKING_DAYS = 5
"""…and this many: the organisation's coordinators are told (or the referrer, without one)."""


class Route(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    CONNECTOR = "connector", _("Buurtverbinder")
    BUURTHULP = "buurthulp", _("Help request")
    LINK = "link", _("Referral link (welzijn op recept)")


class State(models.TextChoices):
    SENT = "sent", _("Arrived")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_CONTACT = "in_contact", _("In contact")
    DONE = "done", _("Completed")
    FAILED = "failed", _("Did not work out")


OPEN_STATES = (State.SENT, State.ACCEPTED, State.IN_CONTACT)
ENDED_STATES = (State.DECLINED, State.DONE, State.FAILED)


class ConsentHow(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    APP = "app", _("By the member in the app")
    CHAT = "chat", _("In an online help chat")
    OUTSIDE = "outside", _("To the outside referrer (form)")


class Referral(models.Model):
    """One person referred to one service (or, from a referral link, to an organisation)."""

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "socialmap.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("receiving organisation"),
    )
    route = models.CharField(_("route"), max_length=20, choices=Route)
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referrer"),
    )
    # An outside referrer (referral link): who they are and how to reach them.
    outside_referrer = models.CharField(_("practice or organisation"), max_length=160, blank=True)
    outside_contact = models.CharField(_("referrer's phone or e-mail"), max_length=160, blank=True)
    link = models.ForeignKey(
        "ReferralLink", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source = models.CharField(max_length=80, blank=True, editable=False)
    """Where it came from in another component (``"buurthulp.helprequest:12"``)."""
    # The person: a member, or a resident without an account.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    person_name = models.CharField(_("name"), max_length=120, blank=True)
    person_phone = models.CharField(_("phone number"), max_length=40, blank=True)
    person_email = models.EmailField(_("e-mail"), blank=True)
    via_referrer = models.BooleanField(_("contact goes through the referrer"), default=False)
    question = models.TextField(_("the question in short"), max_length=MAX_QUESTION, blank=True)
    # Consent.
    shares_question = models.BooleanField(_("shares the question"), default=True)
    shares_contact = models.BooleanField(_("shares contact details"), default=True)
    consent_how = models.CharField(_("consent given"), max_length=20, choices=ConsentHow)
    consent_until = models.DateField(_("consent until"))
    consent_given_at = models.DateTimeField(_("consent given at"), default=timezone.now)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    # The receiving side.
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.SENT)
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    note = models.TextField(_("our note"), max_length=2000, blank=True)
    """The receiving side's own note; never shown to the referrer."""
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    contact_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    """Its personal details were removed (retention); the figures stay."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["neighbourhood", "organisation", "state"], name="referral_inbox"),
            models.Index(fields=["neighbourhood", "referrer", "created_at"], name="referral_sent"),
            models.Index(fields=["neighbourhood", "person"], name="referral_person"),
            models.Index(fields=["neighbourhood", "state", "created_at"], name="referral_due"),
        ]

    def __str__(self):
        return f"{self.display_name} → {self.organisation_id}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.display_name
        return self.person_name or _("(details removed)")

    @property
    def consent_active(self) -> bool:
        """Shared with the receiving organisation: not withdrawn, not erased, not run out."""
        return (
            self.consent_withdrawn_at is None
            and self.erased_at is None
            and timezone.localdate() <= self.consent_until
        )

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def new_token() -> str:
    """A secret for a referral link's URL (24 characters)."""
    return secrets.token_urlsafe(18)


class ReferralLink(models.Model):
    """A per-organisation referral link for outside referrers without an account (a GP
    practice: welzijn op recept). The token is unique *per neighbourhood*: it is only looked up
    on the public form of the neighbourhood the URL names."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=40, default=new_token, editable=False)
    label = models.CharField(_("for whom"), max_length=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("referral link")
        verbose_name_plural = _("referral links")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "token"], name="referral_link_token"),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "organisation"], name="referral_link_org"),
        ]

    def __str__(self):
        return self.label

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Coordinator(models.Model):
    """A staff member of an organisation who gets the escalations of its referral inbox in this
    neighbourhood (``accounts.Organisation`` is the platform's; who coordinates is ours)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("referral coordinator")
        verbose_name_plural = _("referral coordinators")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "organisation", "user"], name="referral_coordinator_once"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation_id}"
