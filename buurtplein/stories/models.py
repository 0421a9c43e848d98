"""Stories (vertellen) with a consent register, and ambassadors' testimonials.

A **story** is told by a professional or a resident about a period (a day or a range), the
neighbourhood, or an organisation or club (``organisation``): a title, the text, photos (the
photo kit) and the people in it. A resident's story waits for a professional (or the
organisation's staff) to review it before it counts; a professional's story is approved at
once.

**The consent register.** Every person who appears in a story or a testimonial — by name, in a
photo or with a quote — has a :class:`Consent` row: for which uses (report, website, social
media), until when, how it was given (in the app by the member, who confirms with one click,
or on paper, registered by a professional, who is recorded), by whom and when. A story is shown
for a use only while *every* person in it consents to that use today (``selectors.shown_for``,
computed at every read: nothing is cached, so a withdrawal or an expiry takes it off every page
and out of every later report at once).

A person without an account withdraws with a secret link the professional gives them; only its
digest is stored (``token_digest``, unique per neighbourhood and looked up in the neighbourhood
the URL names).

A **testimonial** (an ambassador) is a person's recommendation of an organisation, shown with
their name or initials, with or without a photo, on the organisation's page and the
neighbourhood home while its consent covers the website.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.photos import Photo

MAX_TITLE = 120
MAX_TEXT = 5000
MAX_QUOTE = 500
MAX_TESTIMONIAL = 500


class Use(models.TextChoices):
    REPORT = "report", _("Reports for the municipality")
    WEBSITE = "website", _("The website and the app")
    SOCIAL = "social", _("Social media")


USE_FIELD = {Use.REPORT: "for_report", Use.WEBSITE: "for_website", Use.SOCIAL: "for_social"}


class State(models.TextChoices):
    REVIEW = "review", _("Waiting for review")
    APPROVED = "approved", _("Approved")


class Story(models.Model):
    """A story with photos and the people in it (each with a :class:`Consent`)."""

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("told by"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation or club"),
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    text = models.TextField(_("the story"), max_length=MAX_TEXT)
    happened_on = models.DateField(_("when it happened"))
    happened_until = models.DateField(_("until"), null=True, blank=True)
    """The end of a period (a month, a project); empty: one day."""
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.REVIEW)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    reviewed_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-happened_on", "-id"]
        indexes = [
            models.Index(fields=["neighbourhood", "state", "happened_on"], name="story_period"),
            models.Index(fields=["neighbourhood", "organisation"], name="story_organisation"),
            models.Index(fields=["neighbourhood", "author"], name="story_author"),
        ]

    def __str__(self):
        return self.title

    @property
    def period_end(self):
        return self.happened_until or self.happened_on


class StoryPhoto(Photo):
    owner_field = "story"
    upload_dir = "stories"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        verbose_name = _("story photo")
        verbose_name_plural = _("story photos")
        indexes = [models.Index(fields=["neighbourhood", "story"], name="storyphoto_story")]


class ShownAs(models.TextChoices):
    NAME = "name", _("With my name")
    INITIALS = "initials", _("With my initials")


class Testimonial(models.Model):
    """An ambassador's recommendation of an organisation. Given in the app by a member, or on
    paper and registered by the organisation's staff; shown once the organisation approved it
    and while its consent covers the website."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=120)
    shown_as = models.CharField(
        _("shown"), max_length=20, choices=ShownAs, default=ShownAs.INITIALS
    )
    text = models.TextField(_("recommendation"), max_length=MAX_TESTIMONIAL)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["neighbourhood", "organisation", "created_at"], name="testimonial_org"
            ),
            models.Index(fields=["neighbourhood", "person"], name="testimonial_person"),
        ]

    def __str__(self):
        return f"{self.shown_name}: {self.text[:40]}"

    @property
    def shown_name(self) -> str:
        """The name as the testimonial shows it: in full, or as initials ("A. de B.")."""
        if self.shown_as == ShownAs.NAME:
            return self.name
        return initials(self.name)

    @property
    def photo(self):
        photos = list(self.photos.all())
        return photos[0] if photos else None


def initials(name: str) -> str:
    """ "Anna de Boer" → "A.d.B."; lower-case words (de, van) stay lower-case initials."""
    return "".join(f"{word[0]}." for word in name.split() if word) or "?"


class TestimonialPhoto(Photo):
    owner_field = "testimonial"
    upload_dir = "testimonials"
    max_photos = 1

    testimonial = models.ForeignKey(Testimonial, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        verbose_name = _("testimonial photo")
        verbose_name_plural = _("testimonial photos")
        indexes = [models.Index(fields=["neighbourhood", "testimonial"], name="testimonialphoto_t")]


class ConsentHow(models.TextChoices):
    APP = "app", _("In the app, by the person")
    PAPER = "paper", _("On paper, registered by a professional")


def new_secret() -> str:
    """A withdrawal link's secret (24 characters); only its digest is stored."""
    return secrets.token_urlsafe(18)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Consent(models.Model):
    """One person in a story (or the person of a testimonial) and their consent.

    ``given_at`` is empty while a member has not yet confirmed it in the app. The consent holds
    for a use while it was given, is not withdrawn, ``until`` has not passed (a local date)
    and the use is ticked. The withdrawal link's secret is unique *per neighbourhood*: it is
    only looked up on the page of the neighbourhood the URL names."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    testimonial = models.ForeignKey(
        Testimonial, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name"), max_length=120)
    by_name = models.BooleanField(_("named"), default=True)
    in_photo = models.BooleanField(_("in a photo"), default=False)
    quote = models.TextField(_("quote"), max_length=MAX_QUOTE, blank=True)
    for_report = models.BooleanField(_("for reports"), default=True)
    for_website = models.BooleanField(_("for the website"), default=False)
    for_social = models.BooleanField(_("for social media"), default=False)
    until = models.DateField(_("until"))
    how = models.CharField(_("consent given"), max_length=20, choices=ConsentHow)
    given_at = models.DateTimeField(_("given at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    token_digest = models.CharField(max_length=64, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    """The story's owner was reminded that it runs out (once)."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["registered_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(story__isnull=False, testimonial__isnull=True)
                | Q(story__isnull=True, testimonial__isnull=False),
                name="consent_story_or_testimonial",
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "token_digest"],
                condition=~Q(token_digest=""),
                name="consent_token",
            ),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "story"], name="consent_story"),
            models.Index(fields=["neighbourhood", "testimonial"], name="consent_testimonial"),
            models.Index(fields=["neighbourhood", "person"], name="consent_person"),
            models.Index(fields=["neighbourhood", "until"], name="consent_until"),
        ]

    def __str__(self):
        return self.name

    @property
    def uses(self) -> list:
        return [use for use, field in USE_FIELD.items() if getattr(self, field)]

    @property
    def is_active(self) -> bool:
        """Given, not withdrawn, not run out (for at least one use)."""
        return (
            self.given_at is not None
            and self.withdrawn_at is None
            and self.until >= timezone.localdate()
        )

    @property
    def is_pending(self) -> bool:
        return self.given_at is None and self.withdrawn_at is None

    def holds_for(self, use) -> bool:
        return self.is_active and getattr(self, USE_FIELD[use])
