"""Activities: one-off and recurring, their dates (materialised occurrences), sign-ups with a
waiting list, and the secret links of personal calendar feeds.

An :class:`Activity` holds what it is, where, for whom, what it costs, and its schedule: the
first date with a start and end time, plus an RFC 5545 RRULE (empty for a one-off) built from
plain form choices (see ``recurrence.py``). Its dates are materialised as :class:`Occurrence`
rows for a rolling horizon, so week and month views, the home block and the feeds read indexed
rows and never expand rules per request. What those views filter on (target groups as a
bitmask, weekday, free, public, listed) is copied onto every occurrence.
"""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.photos import Photo

HORIZON_DAYS = 365
"""Dates are materialised this far ahead (``agenda_extend`` moves the horizon daily)."""
MAX_PARTY = 4
"""People one sign-up may bring along, the person included ("I bring my grandchild")."""
MAX_CAPACITY = 1000
NOTE_MAX = 300
"""The longest answer to an activity's question at sign-up."""
REMIND_BEFORE = timedelta(days=1)
"""The reminder goes out this long before a date starts."""
MAX_COST = Decimal("1000")


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    SENIORS = "seniors", _("65+")
    FAMILIES = "families", _("Parents and young children")
    CHILDREN = "children", _("Children")
    YOUTH = "youth", _("Young people")
    NEWCOMERS = "newcomers", _("Newcomers and people learning Dutch")
    DISABILITY = "disability", _("People with a disability")


# One bit per group, fixed forever (stored in the database): never reorder or reuse a bit.
TARGET_BITS = {
    TargetGroup.EVERYONE: 1,
    TargetGroup.SENIORS: 2,
    TargetGroup.FAMILIES: 4,
    TargetGroup.CHILDREN: 8,
    TargetGroup.YOUTH: 16,
    TargetGroup.NEWCOMERS: 32,
    TargetGroup.DISABILITY: 64,
}


def groups_to_mask(groups) -> int:
    mask = 0
    for group in groups or ():
        mask |= TARGET_BITS.get(group, 0)
    return mask


def mask_to_groups(mask: int) -> list[str]:
    return [group for group, bit in TARGET_BITS.items() if mask & bit]


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Only neighbours")
    PUBLIC = "public", _("Everyone, also people without an account")


class ActivityState(models.TextChoices):
    ACTIVE = "active", _("Active")
    CANCELLED = "cancelled", _("Cancelled")
    REMOVED = "removed", _("Removed by a buurtverbinder")


def local_tz():
    return timezone.get_default_timezone()


class Activity(models.Model):
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_activities",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    """Stable identity in calendar programs (the iCalendar UID). Unique with the neighbourhood
    (``agenda_activity_uid``); it is never looked up, only written into feeds, and a random
    UUID4 does not repeat across neighbourhoods in practice, so calendar programs still see one
    UID per series everywhere."""
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    description_html = models.TextField(editable=False, blank=True)
    place_name = models.CharField(_("place"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_note = models.CharField(_("about accessibility"), max_length=200, blank=True)
    cost = models.DecimalField(
        _("cost"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_COST)],
        help_text=_("Empty: free."),
    )
    cost_note = models.CharField(_("about the cost"), max_length=120, blank=True)
    target_groups = models.PositiveIntegerField(_("for whom"), default=0)
    """Bitmask of ``TARGET_BITS``."""
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Empty: no limit."),
    )
    signup_required = models.BooleanField(_("signing up needed"), default=True)
    signup_question = models.CharField(
        _("question when signing up"),
        max_length=200,
        blank=True,
        help_text=_("People can answer it when they sign up, e.g. “Do you have dietary wishes?”"),
    )
    visibility = models.CharField(
        _("who can see this"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    # The schedule, in local (Europe/Amsterdam) wall-clock time: "Tuesday 10:00" stays 10:00
    # across daylight saving time.
    start_date = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    rrule = models.CharField(_("repeats"), max_length=200, blank=True)
    """RFC 5545 RRULE value (``FREQ=WEEKLY;BYDAY=TU``); empty for a one-off activity."""
    horizon_until = models.DateField(null=True, blank=True, editable=False)
    """Dates are materialised up to this day."""
    state = models.CharField(
        _("state"), max_length=10, choices=ActivityState, default=ActivityState.ACTIVE
    )
    cancel_note = models.CharField(_("why"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    """iCalendar SEQUENCE: goes up with every change calendar programs must pick up."""
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Its words for the neighbourhood's search (``core.search``), kept by the actions; their
    # Dutch tsvector on PostgreSQL (GIN-indexed, PostgreSQL only: migration ``agenda.0005``).
    search_text = models.TextField(_("search words"), editable=False, blank=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["neighbourhood", "state"], name="agenda_activity_state"),
            models.Index(fields=["neighbourhood", "organisation"], name="agenda_activity_org"),
            models.Index(fields=["neighbourhood", "organiser"], name="agenda_activity_organiser"),
            models.Index(fields=["neighbourhood", "state", "horizon_until"], name="agenda_horizon"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "uid"], name="agenda_activity_uid")
        ]

    def __str__(self):
        return self.title

    @property
    def text(self) -> str:
        """Title and description (the moderation queue shows ``target.text``)."""
        return f"{self.title}\n{self.description}".strip()

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_free(self) -> bool:
        return self.cost is None

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def is_active(self) -> bool:
        return self.state == ActivityState.ACTIVE

    @property
    def is_cancelled(self) -> bool:
        return self.state == ActivityState.CANCELLED

    @property
    def groups(self) -> list[str]:
        return mask_to_groups(self.target_groups)

    @property
    def group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [labels[group] for group in self.groups]

    @property
    def by_name(self) -> str:
        """Who shows as the organiser: the organisation, else the person."""
        if self.organisation_id:
            return self.organisation.name
        return self.organiser.display_name if self.organiser_id else ""

    @property
    def first_start(self) -> datetime:
        return datetime.combine(self.start_date, self.start_time, tzinfo=local_tz())

    @property
    def duration(self) -> timedelta:
        return datetime.combine(self.start_date, self.end_time) - datetime.combine(
            self.start_date, self.start_time
        )

    @property
    def location(self) -> str:
        return ", ".join(part for part in (self.place_name, self.address) if part)

    @property
    def photo(self) -> "ActivityPhoto | None":
        """The activity's one photo, or None. Lists load it with ``prefetch_related("photos")``
        (one query for all); otherwise the first use loads it and later uses read that."""
        if "photos" not in getattr(self, "_prefetched_objects_cache", {}):
            models.prefetch_related_objects([self], "photos")
        photos = self.photos.all()
        return photos[0] if photos else None


class ActivityPhoto(Photo):
    """The one (optional) photo of an activity."""

    upload_dir = "agenda"
    owner_field = "activity"
    max_photos = 1

    # One photo per activity: the constraint below, with the neighbourhood (distribution-ready);
    # read it as ``activity.photo``.
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        indexes = [models.Index(fields=["neighbourhood", "activity"])]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "activity"], name="agenda_one_photo_per_activity"
            )
        ]


class Occurrence(models.Model):
    """One date of an activity. ``original_start`` is where the rule put it (the iCalendar
    RECURRENCE-ID); ``starts_at`` differs when the organiser moved this one date."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    original_start = models.DateTimeField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    moved = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    cancel_note = models.CharField(_("why"), max_length=300, blank=True)
    # Copied from the activity, for the week and month views' filters (one indexed query).
    weekday = models.PositiveSmallIntegerField()
    """Local weekday of ``starts_at``: 1 = Monday … 7 = Sunday (ISO)."""
    target_groups = models.PositiveIntegerField(default=0)
    is_free = models.BooleanField(default=True)
    public = models.BooleanField(default=False)
    listed = models.BooleanField(default=True)
    """False when the activity was removed by a buurtverbinder."""
    # Counts of people (party sizes added up), kept by the sign-up actions.
    going_count = models.PositiveIntegerField(default=0)
    waiting_count = models.PositiveIntegerField(default=0)
    reminder_planned_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("date")
        verbose_name_plural = _("dates")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "activity", "original_start"],
                name="agenda_one_occurrence_per_start",
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "listed", "starts_at"], name="agenda_calendar"),
            models.Index(fields=["neighbourhood", "activity", "starts_at"], name="agenda_dates"),
        ]

    def __str__(self):
        return f"{self.activity_id} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def capacity(self) -> int | None:
        return self.activity.capacity

    @property
    def places_left(self) -> int | None:
        if self.activity.capacity is None:
            return None
        return max(0, self.activity.capacity - self.going_count)

    @property
    def is_full(self) -> bool:
        return self.activity.capacity is not None and self.going_count >= self.activity.capacity

    @property
    def is_past(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def is_off(self) -> bool:
        """Not happening: this date or the whole series is cancelled."""
        return self.cancelled or self.activity.state != ActivityState.ACTIVE

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.starts_at)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.ends_at)


class RsvpStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")


class Rsvp(models.Model):
    """A person's sign-up for one date, with the number of people they bring (them included)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="rsvps")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_rsvps"
    )
    party_size = models.PositiveSmallIntegerField(
        _("number of people"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(_("status"), max_length=8, choices=RsvpStatus)
    created_at = models.DateTimeField(default=timezone.now)
    status_at = models.DateTimeField(default=timezone.now)
    """Since when the sign-up has its status: the order of the waiting list."""
    reminded_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("answer"), max_length=NOTE_MAX, blank=True)
    """The answer to the activity's ``signup_question`` (optional; the organiser sees it)."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "occurrence", "person"], name="agenda_one_rsvp"
            ),
            models.CheckConstraint(
                condition=models.Q(party_size__gte=1, party_size__lte=MAX_PARTY),
                name="agenda_party_size",
            ),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "person", "status"], name="agenda_rsvp_person"),
            models.Index(
                fields=["neighbourhood", "occurrence", "status", "status_at"],
                name="agenda_rsvp_list",
            ),
        ]

    def __str__(self):
        return f"{self.person_id} → {self.occurrence_id} ({self.status})"

    @property
    def is_going(self) -> bool:
        return self.status == RsvpStatus.GOING


class FeedToken(models.Model):
    """The secret in a person's "my activities" feed URL (calendar programs cannot log in).
    One per person and neighbourhood; making a new link replaces the token.

    The token is unique *within its neighbourhood* (``agenda_feed_token``, leading with the
    neighbourhood, ready for distribution by neighbourhood, see docs/scaling.md). The feed URL
    carries the neighbourhood (``/b/<slug>/agenda/my/<token>/calendar.ics`` or the
    neighbourhood's own domain), so the token is looked up inside that neighbourhood only; a
    token of another neighbourhood finds nothing there. 24 random bytes do not repeat in
    practice, so no link changes meaning."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user"], name="agenda_one_feed_token"),
            models.UniqueConstraint(fields=["neighbourhood", "token"], name="agenda_feed_token"),
        ]

    def __str__(self):
        return f"feed of {self.user_id}"
