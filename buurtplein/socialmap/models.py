"""The sociale kaart: the services of organisations in a neighbourhood, where and when they are,
how to reach them, and the professionals who give them.

A service is always *of an organisation* (``accounts.Organisation``: a welfare organisation, a
club, a local business …), which owns it and keeps it current: every six months its staff are
asked "klopt dit nog?" and confirm with one click (``last_checked_at``); a service nobody
confirms within a month is shown as "mogelijk verouderd" (``stale_since``). Anyone may say
"dit klopt niet meer" in one sentence (:class:`ServiceFeedback`).

Multi-valued facts (life domains, target groups, languages) are JSON lists of the codes below;
``socialmap.selectors`` filters on them the same way on PostgreSQL and SQLite.

Field names follow the Open Referral HSDS 3 model where one exists (``socialmap.hsds`` maps
them), and each row has a ``uid`` (HSDS ids are UUIDs) that is unique per neighbourhood, so an
export imports again to the same services.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.life_domains import LifeDomain  # noqa: F401  (socialmap.models.LifeDomain)

CHECK_EVERY_DAYS = 182
"""The owner is asked "klopt dit nog?" this long after the last check."""
CONFIRM_WITHIN_DAYS = 30
"""…and a service nobody confirms within this long after that is "mogelijk verouderd"."""
MAX_FEEDBACK = 300


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    CHILDREN = "children", _("Children")
    YOUNG = "young", _("Young people")
    PARENTS = "parents", _("Parents")
    ADULTS = "adults", _("Adults")
    OLDER = "older", _("Older people")
    CARERS = "carers", _("Carers (mantelzorgers)")
    NEWCOMERS = "newcomers", _("Newcomers and status holders")
    DISABILITY = "disability", _("People with a disability")


class State(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Service(models.Model):
    """What an organisation offers in one neighbourhood (HSDS ``service``)."""

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("id"))
    """Stable id for open data (HSDS); unique per neighbourhood."""
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=160)
    summary = models.CharField(_("in one sentence"), max_length=240)
    description = models.TextField(_("what it does"), max_length=5000, blank=True)
    life_domains = models.JSONField(_("life domains"), default=list, blank=True)
    target_groups = models.JSONField(_("for whom"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    """Codes of ``accounts.models.LANGUAGE_CHOICES``."""
    is_free = models.BooleanField(_("free of charge"), default=True)
    costs = models.CharField(_("costs"), max_length=240, blank=True)
    eligibility = models.TextField(_("who qualifies"), max_length=1000, blank=True)
    how_to_apply = models.TextField(_("how to apply"), max_length=1000, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    chat_url = models.URLField(
        _("online help chat"),
        blank=True,
        help_text=_("Where people can chat with you, if you offer that."),
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="ServicePerson",
        related_name="+",
        blank=True,
        verbose_name=_("professionals"),
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.ACTIVE)
    # Keeping it current.
    last_checked_at = models.DateTimeField(_("last checked"), default=timezone.now)
    check_asked_at = models.DateTimeField(_("asked to check"), null=True, blank=True)
    stale_since = models.DateTimeField(_("possibly out of date since"), null=True, blank=True)
    # Finding it: the words of name, summary, description and domains (kept by the actions),
    # their Dutch tsvector on PostgreSQL, and the e5 passage embedding (background task).
    search_text = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["neighbourhood", "state", "name"], name="service_list"),
            models.Index(fields=["neighbourhood", "organisation"], name="service_owner"),
            models.Index(fields=["neighbourhood", "last_checked_at"], name="service_checked"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "uid"], name="service_uid"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_stale(self) -> bool:
        return self.stale_since is not None

    @property
    def text(self) -> str:
        """What the moderation queue shows of a reported service."""
        return f"{self.name}\n{self.summary}\n{self.description}".strip()


class ServicePerson(models.Model):
    """A professional who gives a service (and whom a resident finds with it)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_people")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("professional of a service")
        verbose_name_plural = _("professionals of services")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "service", "user"], name="service_person_once"
            )
        ]
        indexes = [models.Index(fields=["neighbourhood", "user"], name="service_person_user")]

    def __str__(self):
        return f"{self.user} · {self.service}"


class Location(models.Model):
    """Where a service is given (HSDS ``location`` with its ``accessibility``)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, verbose_name=_("id"))
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("name of the place"), max_length=160, blank=True)
    address = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("town"), max_length=80, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    wheelchair = models.BooleanField(_("wheelchair accessible"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "uid"], name="location_uid"),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "latitude", "longitude"], name="location_place")
        ]

    def __str__(self):
        return self.name or self.address


class Hours(models.Model):
    """One weekly period when a service is open, has walk-in or consultation hours, or answers
    the phone (HSDS ``schedule`` with ``byday``, ``opens_at``, ``closes_at``)."""

    class Kind(models.TextChoices):
        OPEN = "open", _("Open")
        WALK_IN = "walk_in", _("Walk-in hours")
        CONSULTATION = "consultation", _("Consultation hours (by appointment)")
        PHONE = "phone", _("By phone")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="hours")
    location = models.ForeignKey(
        Location,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hours",
        verbose_name=_("location"),
    )
    kind = models.CharField(_("kind"), max_length=14, choices=Kind, default=Kind.OPEN)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday)
    opens_at = models.TimeField(_("from"))
    closes_at = models.TimeField(_("until"))
    note = models.CharField(_("note"), max_length=120, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        indexes = [
            models.Index(fields=["neighbourhood", "weekday", "kind"], name="hours_day"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ServiceFeedback(models.Model):
    """ "Dit klopt niet meer": one sentence from anyone, for the owning organisation."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="feedback")
    text = models.CharField(_("what is no longer right"), max_length=MAX_FEEDBACK)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["neighbourhood", "service", "handled_at"], name="feedback_open")
        ]

    def __str__(self):
        return self.text


class Professional(models.Model):
    """What a professional's profile shows in a neighbourhood besides their person: their role,
    their working area and when they can be reached."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    job_title = models.CharField(_("job title"), max_length=80, blank=True)
    working_area = models.CharField(_("working area"), max_length=200, blank=True)
    reachable = models.CharField(
        _("when you can reach me"),
        max_length=200,
        blank=True,
        help_text=_("For example: Monday to Thursday from 9:00 to 17:00."),
    )
    phone = models.CharField(_("work phone"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user"], name="professional_once")
        ]

    def __str__(self):
        return str(self.user)


class HsdsOrganisation(models.Model):
    """Which Open Referral HSDS ``organization`` id stands for which organisation in a
    neighbourhood (``socialmap.hsds``): an import remembers the id a register used, so that the
    next import finds the same organisation and an export gives the same id back."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    hsds_id = models.CharField(_("HSDS id"), max_length=250)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("HSDS organisation id")
        verbose_name_plural = _("HSDS organisation ids")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "hsds_id"], name="hsds_org_id"),
        ]

    def __str__(self):
        return self.hsds_id


class HsdsImport(models.Model):
    """An uploaded HSDS file: kept between its preview and the confirmation (then the file
    itself is dropped), with what the preview and the import reported."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    filename = models.CharField(_("file"), max_length=200)
    data = models.BinaryField(null=True, editable=False)
    preview = models.JSONField(default=dict, editable=False)
    result = models.JSONField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("HSDS import")
        verbose_name_plural = _("HSDS imports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "uid"], name="hsds_import_uid"),
        ]

    def __str__(self):
        return self.filename
