"""People: users, profiles, interests and skills, organisations, invite codes, verification."""

import os
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.translation import TranslatedField


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


def name_shown(first_name: str, last_name: str, email: str, *, full: bool) -> str:
    """How a person's name shows: in full when their profile says so (``full``), else the
    first name and the last name's initial ("Els B."), else the e-mail's first part. From the
    three columns, for lists read as plain rows (``User.name_shown`` for a user)."""
    if full:
        whole = f"{first_name} {last_name}".strip()
        if whole:
            return whole
    if first_name:
        initial = f" {last_name.strip()[0].upper()}." if last_name.strip() else ""
        return f"{first_name}{initial}"
    return email.split("@")[0]


class User(AbstractUser):
    """A person with an account. Logs in with e-mail; there is no username."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        return self.name_shown(full=profile is not None and profile.show_full_name)

    def name_shown(self, *, full: bool) -> str:
        """How this person's name shows (:func:`name_shown`)."""
        return name_shown(self.first_name, self.last_name, self.email, full=full)


class Interest(models.Model):
    """A curated, translatable interest or skill ("Tuinieren", "Computerhulp")."""

    class Kind(models.TextChoices):
        INTEREST = "interest", _("Interest")
        SKILL = "skill", _("Skill")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)

    name = TranslatedField("name")

    class Meta:
        ordering = ["kind", "name_nl"]
        verbose_name = _("interest or skill")
        verbose_name_plural = _("interests and skills")

    def __str__(self):
        return self.name


class Visibility(models.TextChoices):
    """Who may see a profile field."""

    NEIGHBOURS = "neighbours", _("Neighbours")
    VERIFIED = "verified", _("Verified neighbours")
    EVERYONE = "everyone", _("Everyone")


LANGUAGE_CHOICES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("ber", _("Tamazight (Berber)")),
    ("pap", _("Papiamento")),
    ("srn", _("Sranan Tongo")),
    ("uk", _("Ukrainian")),
    ("fy", _("Frisian")),
    ("nl-sign", _("Dutch Sign Language")),
]

# Profile fields whose visibility a member chooses, with their defaults.
PROFILE_VISIBILITY_FIELDS = {
    "photo": Visibility.NEIGHBOURS,
    "intro": Visibility.NEIGHBOURS,
    "interests": Visibility.NEIGHBOURS,
    "skills": Visibility.NEIGHBOURS,
    "languages": Visibility.NEIGHBOURS,
    "street": Visibility.VERIFIED,
}


def default_visibility():
    return {key: str(value) for key, value in PROFILE_VISIBILITY_FIELDS.items()}


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("person"),
    )
    show_full_name = models.BooleanField(_("show my full last name"), default=False)
    photo = models.ImageField(_("photo"), upload_to="profiles/", blank=True)
    photo_small = models.ImageField(
        upload_to="profiles/", blank=True, editable=False, verbose_name=_("small photo")
    )
    intro = models.TextField(_("about me"), max_length=1000, blank=True)
    interests = models.ManyToManyField(
        Interest,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Interest.Kind.INTEREST},
        verbose_name=_("interests"),
    )
    skills = models.ManyToManyField(
        Interest,
        blank=True,
        related_name="profiles_with_skill",
        limit_choices_to={"kind": Interest.Kind.SKILL},
        verbose_name=_("I can help with"),
    )
    tags = models.JSONField(_("own tags"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    street = models.CharField(
        _("street"),
        max_length=120,
        blank=True,
        help_text=_("Only the street name, never your house number."),
    )
    visibility = models.JSONField(
        default=default_visibility, blank=True, verbose_name=_("who sees what")
    )
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("changed"))

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    def visibility_of(self, field: str) -> str:
        return (self.visibility or {}).get(field) or str(PROFILE_VISIBILITY_FIELDS[field])


class Organisation(models.Model):
    """An organisation or business with a public page, active in one or more neighbourhoods."""

    class Kind(models.TextChoices):
        WELFARE = "welfare", _("Welfare organisation")
        CLUB = "club", _("Club or association")
        INITIATIVE = "initiative", _("Residents' initiative")
        BUSINESS = "business", _("Local business")
        CARE = "care", _("Care or health")
        MUNICIPALITY = "municipality", _("Municipality")

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)
    neighbourhoods = models.ManyToManyField(
        "core.Neighbourhood",
        related_name="organisations",
        blank=True,
        verbose_name=_("active in"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organisations", verbose_name=_("staff")
    )
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created")
    )

    description = TranslatedField("description")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to copy from paper


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(8))


class InviteCode(models.Model):
    """A code a buurtverbinder hands out on paper or by link; proves someone was invited.

    The code is unique *within its neighbourhood* (the key leads with the neighbourhood, ready
    for distribution by neighbourhood, see docs/scaling.md). That is enough because a code is
    only ever looked up on the join page of a neighbourhood (``/b/<slug>/join/?code=…`` or the
    neighbourhood's own domain), inside that neighbourhood: the URL says where to look. Two
    neighbourhoods may, by chance, hand out the same eight letters; each finds only its own.
    """

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="invite_codes",
        verbose_name=_("neighbourhood"),
    )
    code = models.CharField(_("code"), max_length=16, default=new_invite_code)
    note = models.CharField(
        _("note"), max_length=120, blank=True, help_text=_("For example: street or household.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    max_uses = models.PositiveIntegerField(_("how many people can use it"), default=5)
    use_count = models.PositiveIntegerField(default=0, verbose_name=_("times used"))
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invite code")
        verbose_name_plural = _("invite codes")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "code"], name="accounts_invite_code")
        ]

    def __str__(self):
        return self.code

    @property
    def is_usable(self) -> bool:
        return (
            self.is_active
            and self.use_count < self.max_uses
            and (self.expires_at is None or self.expires_at > timezone.now())
        )


class VerificationLog(models.Model):
    """How each member was verified. Residents see the counts per route, never who."""

    class Method(models.TextChoices):
        INVITE = "invite", _("Invite code")
        APPROVAL = "approval", _("Approved by a buurtverbinder")
        ADMIN = "admin", _("Added by an admin")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    membership = models.ForeignKey(
        "core.Membership",
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("membership"),
    )
    method = models.CharField(max_length=20, choices=Method, verbose_name=_("how"))
    invite = models.ForeignKey(
        InviteCode, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("invite code")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verification log")
        indexes = [models.Index(fields=["neighbourhood", "method"])]

    def __str__(self):
        return f"{self.membership_id} via {self.method}"


class PrivateStorage(FileSystemStorage):
    """Files only their owner may fetch (data exports): stored under
    ``BUURTPLEIN_PRIVATE_ROOT``, outside ``MEDIA_ROOT``, so neither Django's media view nor the
    proxy serves them; a view that checks the owner and a secret token hands them out. The
    folder is read from the settings at each use (tests point it elsewhere)."""

    @property
    def base_location(self):
        return settings.BUURTPLEIN_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    return private_storage


def new_export_token() -> str:
    return secrets.token_urlsafe(32)


class DataExport(models.Model):
    """A person's "Download je gegevens" (AVG/GDPR articles 15 and 20): a zip with everything
    the platform holds about them, built by a background task, kept for
    :data:`accounts.data_export.KEEP` and fetched only by its owner with its secret ``token``.

    Platform-wide, not neighbourhood-owned: one export spans every neighbourhood the person
    is in (``core.distribution.REFERENCE``)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        BUILDING = "building", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    token = models.CharField(max_length=64, default=new_export_token, editable=False)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    step = models.PositiveSmallIntegerField(default=0)
    """Parts done so far (one per component, then the photos and the README)."""
    steps = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=get_private_storage, upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    """When a task last took it on (a task that died leaves it; another may take over later)."""
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="data_export_user")]

    def __str__(self):
        return f"{self.user_id} {self.state} {self.created_at:%Y-%m-%d}"

    @property
    def in_progress(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.BUILDING)

    @property
    def has_expired(self) -> bool:
        """Past its 7 days (also before the clean-up has deleted its file)."""
        return self.state == self.State.EXPIRED or (
            self.state == self.State.READY
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY and not self.has_expired

    @property
    def percent(self) -> int:
        if self.state == self.State.READY:
            return 100
        return int(100 * self.step / self.steps) if self.steps else 0


class MembershipEnd(models.Model):
    """That a member left a neighbourhood (their account was deleted), kept without the person
    for the reports' member figures (``accounts.counts``): when they had joined, how, and when
    they left — so the members of a past month stay what they were, and "left" can be
    counted. No name, no account, no postcode."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    """When the membership was verified (None: it never was)."""
    how = models.CharField(_("how"), max_length=20, choices=VerificationLog.Method, blank=True)
    left_at = models.DateTimeField(_("left"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("membership ended")
        verbose_name_plural = _("memberships ended")
        indexes = [models.Index(fields=["neighbourhood", "left_at"], name="membership_end_left")]

    def __str__(self):
        return f"{self.neighbourhood_id} {self.left_at:%Y-%m-%d}"


class HeldInterest(models.Model):
    """An interest or skill of a member's profile, once per neighbourhood they are a member of:
    the index the neighbourhood's search reads to find neighbours by interest
    (``accounts.selectors.search_neighbours``), so it looks up the few who hold an interest
    here instead of probing every member's profile (``bench/RESULTS.md``, eleventh round).

    A copy, kept by ``accounts.held_interests``: written again when a profile's interests or
    skills change (any way: the profile form, the admin) and when a membership is made; gone
    with the membership, the profile or the interest. Whether the member is verified and
    whether their profile shows the field are read live from those rows, never copied."""

    class Field(models.TextChoices):
        INTERESTS = "interests", _("interests")
        SKILLS = "skills", _("I can help with")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    membership = models.ForeignKey(
        "core.Membership", on_delete=models.CASCADE, related_name="+", verbose_name=_("membership")
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="+", verbose_name=_("profile")
    )
    interest = models.ForeignKey(
        Interest, on_delete=models.CASCADE, related_name="+", verbose_name=_("interest")
    )
    field = models.CharField(_("as"), max_length=10, choices=Field)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("held interest")
        verbose_name_plural = _("held interests")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "membership", "interest", "field"],
                name="held_interest_once",
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "interest"], name="held_interest_found_by")
        ]

    def __str__(self):
        return f"{self.membership_id} {self.field} {self.interest_id}"
