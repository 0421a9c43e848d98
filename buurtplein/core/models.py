"""Neighbourhoods (the space), their domains and postcodes, memberships with roles, audit log."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.components import default_enabled_components
from buurtplein.core.translation import TranslatedField

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1d6b52."))


def _relative_luminance(hex_value: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_value[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours like ``#1d6b52`` (1 to 21)."""
    lighter, darker = sorted(
        (_relative_luminance(foreground), _relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def contrast_with_white(hex_value: str) -> float:
    return contrast("#ffffff", hex_value)


# The focus ring as site.css draws it (``--focus-ring``; a test keeps the two the same): white
# in the header, whose background is the neighbourhood's main colour, and dark ink on the page
# (``--bg``) and on cards (``--surface``). Each ring has a second colour in the gap between it
# and the element (``--focus-gap``), so that it also stands out next to a coloured button.
FOCUS_RING_IN_HEADER = "#ffffff"
FOCUS_RING_ON_PAGE = "#1f2421"
PAGE_BACKGROUNDS = {"page": "#f6f4ef", "card": "#ffffff"}


def focus_ring_contrasts(brand: str) -> dict[str, float]:
    """The focus ring's contrast with what surrounds it, everywhere the site draws it, for a
    neighbourhood whose main colour is ``brand``. WCAG 2.2 asks for at least 3:1."""
    return {
        "header": contrast(FOCUS_RING_IN_HEADER, brand),
        **{name: contrast(FOCUS_RING_ON_PAGE, bg) for name, bg in PAGE_BACKGROUNDS.items()},
    }


def validate_readable_on_white(value: str) -> None:
    """White text must stay readable on a neighbourhood's colours (WCAG AA, 4.5:1), and the
    keyboard's focus ring must stand out in the header of that colour (3:1)."""
    hex_colour(value)
    if contrast_with_white(value) < 4.5:
        raise ValidationError(
            _("This colour is too light: white text on it is hard to read. Choose a darker one.")
        )
    if min(focus_ring_contrasts(value).values()) < 3:
        raise ValidationError(
            _("With this colour it is hard to see where the keyboard is. Choose a darker one.")
        )


class Neighbourhood(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        VILLAGE = "village", _("Village")
        STREET = "street", _("Street or block")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.DISTRICT)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    tagline_nl = models.CharField(_("tagline (Dutch)"), max_length=160, blank=True)
    tagline_en = models.CharField(_("tagline (English)"), max_length=160, blank=True)
    intro_nl = models.TextField(_("intro (Dutch)"), blank=True)
    intro_en = models.TextField(_("intro (English)"), blank=True)
    colour_primary = models.CharField(
        _("main colour"), max_length=7, default="#1d6b52", validators=[validate_readable_on_white]
    )
    colour_accent = models.CharField(
        _("accent colour"), max_length=7, default="#8a3b12", validators=[validate_readable_on_white]
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    components = models.JSONField(
        _("components"),
        default=default_enabled_components,
        blank=True,
        help_text=_("Labels of the components switched on for this neighbourhood."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created")
    )
    # The neighbourhood's own contact person for privacy questions, on "Privacy in je buurt";
    # filled in by the neighbourhood's admin. Empty: the page shows the platform's contact
    # (settings.BUURTPLEIN_PRIVACY_CONTACT_*). A database default, so that rows written without
    # the columns (older code during a deploy, migration tests) stay valid.
    privacy_contact_name = models.CharField(
        _("name"), max_length=120, blank=True, default="", db_default=""
    )
    privacy_contact_email = models.EmailField(
        _("e-mail address"), blank=True, default="", db_default=""
    )
    privacy_contact_phone = models.CharField(
        _("phone number"), max_length=30, blank=True, default="", db_default=""
    )
    privacy_contact_organisation = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        default="",
        db_default="",
        help_text=_("For example the welfare organisation the contact person works for."),
    )

    tagline = TranslatedField("tagline")
    intro = TranslatedField("intro")

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name

    def has_component(self, label: str) -> bool:
        return label in (self.components or [])

    @property
    def has_privacy_contact(self) -> bool:
        """A contact person is filled in (a name and an e-mail address)."""
        return bool(self.privacy_contact_name.strip() and self.privacy_contact_email.strip())


class Region(models.Model):
    """A region of neighbourhoods: several neighbourhoods that welfare work serves together (a
    municipality, a part of one, or a few villages). Platform-wide, like an organisation: online
    help's regional chat and reporting's regional figures cover its neighbourhoods."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="regions", blank=True, verbose_name=_("neighbourhoods")
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class NeighbourhoodDomain(models.Model):
    """An own domain of a neighbourhood. Secondary domains redirect to the primary one."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("neighbourhood"),
    )
    domain = models.CharField(_("domain"), max_length=253, unique=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood"],
                condition=models.Q(is_primary=True),
                name="one_primary_domain_per_neighbourhood",
            )
        ]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().rstrip(".")
        super().save(*args, **kwargs)


POSTCODE_RE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})?\s*$")


def parse_postcode(value: str) -> tuple[str, str] | None:
    """``"6524 ab"`` → ``("6524", "6524AB")``; ``"6524"`` → ``("6524", "")``; else None."""
    match = POSTCODE_RE.match(value or "")
    if not match or match.group(1).startswith("0"):
        return None
    pc4 = match.group(1)
    return pc4, (pc4 + match.group(2).upper()) if match.group(2) else ""


class Postcode(models.Model):
    """A postcode area that belongs to a neighbourhood: a whole PC4, or one PC6 within it."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="postcodes",
        verbose_name=_("neighbourhood"),
    )
    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, db_index=True)
    pc6 = models.CharField(_("postcode (6 characters)"), max_length=6, blank=True)
    # The area's centre (WGS84), for distances between neighbours ("within 1 km"). Filled from
    # an open postcode table (see docs/operations.md); empty means "distance unknown".
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        constraints = [models.UniqueConstraint(fields=["pc4", "pc6"], name="unique_postcode")]

    def __str__(self):
        return self.pc6 or self.pc4

    def clean(self):
        if not re.fullmatch(r"[1-9]\d{3}", self.pc4 or ""):
            raise ValidationError({"pc4": _("A postcode has 4 digits, like 6524.")})
        if self.pc6:
            self.pc6 = self.pc6.replace(" ", "").upper()
            if not re.fullmatch(rf"{self.pc4}[A-Z]{{2}}", self.pc6):
                raise ValidationError({"pc6": _("Use the 4 digits and 2 letters, like 6524AB.")})


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    CONNECTOR = "buurtverbinder", _("Buurtverbinder")
    PROFESSIONAL = "professional", _("Professional")
    ADMIN = "admin", _("Admin")


class Membership(models.Model):
    """A person's place in a neighbourhood: role, verification and postcode."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not approved")

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("neighbourhood"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.RESIDENT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.PENDING, db_index=True
    )
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    joined_at = models.DateTimeField(default=timezone.now, verbose_name=_("joined"))
    verified_at = models.DateTimeField(null=True, blank=True, verbose_name=_("verified"))
    # Set by a buurtverbinder (moderation): until then the member reads but posts nothing in
    # this neighbourhood (``core.permissions.POSTING_VERBS``); the reason is shown to them.
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(_("reason for the suspension"), max_length=500, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user"], name="one_membership")
        ]
        indexes = [models.Index(fields=["neighbourhood", "status", "-joined_at"])]

    def __str__(self):
        return f"{self.user} @ {self.neighbourhood_id} ({self.role})"

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()


class AuditEntry(models.Model):
    """What a connector, professional or admin did (``square.post.pin``, ``members.approve``)."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("neighbourhood"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(max_length=80, verbose_name=_("action"))
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, verbose_name=_("kind of thing")
    )
    object_id = models.CharField(max_length=40, blank=True, verbose_name=_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict, blank=True, verbose_name=_("details"))
    created_at = models.DateTimeField(
        default=timezone.now, db_index=True, verbose_name=_("created")
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["neighbourhood", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class TaskStep(models.Model):
    """A step a background task run has done, by its key: an e-mail sent
    (``core.tasks.send_to``), a claim held (``core.tasks.claim_once``). A task that runs again
    (a retry after a transient error, a task picked up again after its worker died, "Retry" in
    the admin) skips the e-mails it already sent and keeps the claims it already holds. The key
    names the task run (its id) and the step (a recipient's id and a template, a row's id); no
    address, no text. Removed by ``enforce_retention`` (the retention rule "task steps")."""

    key = models.CharField(max_length=255, unique=True)
    done_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("task step")
        verbose_name_plural = _("task steps")

    def __str__(self):
        return self.key
