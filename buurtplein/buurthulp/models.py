"""Buurthulp: help requests, the neighbours who offer help, suggested matches and follow-ups.

Every row carries its neighbourhood (``neighbourhood_id`` on the row itself) and is read through
django-scopes' ``ScopedManager``; indexes lead with ``neighbourhood``. Business rules (the state
machine, who may do what) live in ``actions.py`` and ``permissions.py``, not here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

# --- when people are free: weekday × part of the day ------------------------------------------

WEEKDAYS = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]


class Daypart(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


def slot(day: str, part: str) -> str:
    """``"mon-morning"``: one cell of the availability grid."""
    return f"{day}-{part}"


ALL_SLOTS = [slot(day, part) for day, _label in WEEKDAYS for part in Daypart.values]

DISTANCE_CHOICES = [
    (0.5, _("Up to 500 m (my street and around the corner)")),
    (1.0, _("Up to 1 km")),
    (2.0, _("Up to 2 km")),
    (5.0, _("Up to 5 km")),
    (25.0, _("Distance does not matter")),
]


class HelperProfile(models.Model):
    """A member who offers help in this neighbourhood: what, when, how far, in which languages."""

    # The neighbourhood owns the row (tenancy): a person helps per neighbourhood.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helper_profiles"
    )
    active = models.BooleanField(_("I want to help now"), default=True)
    # Through tables of our own, so that every row carries the neighbourhood: write with
    # ``through_defaults={"neighbourhood_id": profile.neighbourhood_id}``.
    skills = models.ManyToManyField(
        "accounts.Interest",
        through="HelperSkill",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "skill"},
        verbose_name=_("I can help with"),
    )
    interests = models.ManyToManyField(
        "accounts.Interest",
        through="HelperInterest",
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "interest"},
        verbose_name=_("I like"),
    )
    likes_to_do = models.TextField(_("What I like to do for others"), max_length=500, blank=True)
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    availability = models.JSONField(_("when I am free"), default=list, blank=True)
    max_distance_km = models.FloatField(_("how far I want to go"), default=1.0)
    # Semantic matching: the e5 embedding (384 float32, L2-normalised, little-endian bytes) of
    # what the helper offers, and a hash of the text it was computed from (so a save that changes
    # nothing does not embed again). Written only by the background task.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("helper")
        verbose_name_plural = _("helpers")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "user"], name="one_helper_profile")
        ]
        indexes = [models.Index(fields=["neighbourhood", "active"], name="helper_active")]

    def __str__(self):
        return str(self.user)


class HelperTopic(models.Model):
    """A curated skill or interest (``accounts.Interest``) a helper offers: one row of a
    helper's ``skills`` or ``interests``, with the neighbourhood on the row (tenancy)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    # Named as Django names them in an automatic through table (the tables were those once).
    helperprofile = models.ForeignKey(HelperProfile, on_delete=models.CASCADE, related_name="+")
    interest = models.ForeignKey("accounts.Interest", on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.helperprofile_id}: {self.interest_id}"


class HelperSkill(HelperTopic):
    class Meta:
        db_table = "buurthulp_helperprofile_skills"
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "helperprofile", "interest"], name="helper_one_skill"
            )
        ]


class HelperInterest(HelperTopic):
    class Meta:
        db_table = "buurthulp_helperprofile_interests"
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "helperprofile", "interest"], name="helper_one_interest"
            )
        ]


class Topic(models.TextChoices):
    ODD_JOBS = "odd_jobs", _("Odd jobs in and around the house")
    SHOPPING = "shopping", _("Groceries and errands")
    DIGITAL = "digital", _("Computer, phone and internet")
    COMPANY = "company", _("Company, a chat, a walk")
    TRANSPORT = "transport", _("A lift or going along to an appointment")
    GARDEN = "garden", _("Garden and plants")
    PAPERWORK = "paperwork", _("Letters and forms")
    MONEY = "money", _("Money worries and debts")
    CARE = "care", _("Care and health")
    SAFETY = "safety", _("Feeling unsafe")
    OTHER = "other", _("Something else")


# Topics where neighbour help is often not enough: the page points to the neighbourhood's
# professionals and suggests that only they see the request.
SENSITIVE_TOPICS = {Topic.MONEY, Topic.CARE, Topic.SAFETY}

TOPIC_ICONS = {
    Topic.ODD_JOBS: "edit",
    Topic.SHOPPING: "bookmark",
    Topic.DIGITAL: "globe",
    Topic.COMPANY: "chat",
    Topic.TRANSPORT: "map-pin",
    Topic.GARDEN: "tip",
    Topic.PAPERWORK: "mail",
    Topic.MONEY: "lock",
    Topic.CARE: "heart",
    Topic.SAFETY: "shield",
    Topic.OTHER: "help",
}


class When(models.TextChoices):
    SOON = "soon", _("As soon as possible")
    WEEK = "week", _("This week")
    MONTH = "month", _("In the coming weeks")
    ANYTIME = "anytime", _("No hurry")


class RequestVisibility(models.TextChoices):
    NEIGHBOURS = "neighbours", _("Verified neighbours")
    MATCHED = "matched", _("Only the neighbours who are asked to help")
    PROFESSIONALS = "professionals", _("Only the neighbourhood's professionals")


class State(models.TextChoices):
    OPEN = "open", pgettext_lazy("help request", "Open")
    MATCHED = "matched", pgettext_lazy("help request", "Someone wants to help")
    IN_PROGRESS = "in_progress", pgettext_lazy("help request", "In progress")
    HELPED = "helped", pgettext_lazy("help request", "Helped")
    NOT_HELPED = "not_helped", pgettext_lazy("help request", "Not helped")
    WITHDRAWN = "withdrawn", pgettext_lazy("help request", "Withdrawn")


ACTIVE_STATES = (State.OPEN, State.MATCHED, State.IN_PROGRESS)
CLOSED_STATES = (State.HELPED, State.NOT_HELPED, State.WITHDRAWN)


class ConsentMethod(models.TextChoices):
    IN_PERSON = "in_person", _("They told me in person")
    PHONE = "phone", _("They told me on the phone")
    WRITING = "writing", _("They wrote it (letter, e-mail, message)")


class ResidentContact(models.TextChoices):
    PHONE = "phone", _("By phone: the helper you choose gets their number")
    VIA_ME = "via_me", _("Via me: helpers talk with me")


RESIDENT_CONSENT_DAYS = 91
"""How long a resident's consent lasts unless the professional chooses otherwise (3 months)."""
RESIDENT_CONSENT_MAX_DAYS = 365


class HelpRequest(models.Model):
    """Someone asks for help, in plain words."""

    # The neighbourhood owns the row (tenancy).
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_requests"
    )
    # A buurtverbinder or professional who posted for the asker, with the asker's consent.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)
    consent_method = models.CharField(
        _("how the asker agreed"), max_length=20, choices=ConsentMethod, blank=True
    )
    # A resident without an account, for whom a professional or buurtverbinder (then the
    # ``asker`` of record and the contact person) asks: only a first name or initials, and a
    # phone number unless the professional is the contact ("via me"). Cleared the moment the
    # consent is withdrawn or passes ``resident_consent_until``; ``resident_consent_ended_at``
    # says it happened (the request then closes).
    resident_name = models.CharField(_("first name or initials"), max_length=40, blank=True)
    resident_contact = models.CharField(
        _("how helpers reach them"), max_length=10, choices=ResidentContact, blank=True
    )
    resident_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    resident_consent_until = models.DateField(_("consent until"), null=True, blank=True)
    resident_consent_ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    title = models.CharField(_("what do you need help with?"), max_length=120)
    text = models.TextField(_("tell a bit more"), max_length=2000, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic, default=Topic.OTHER)
    when = models.CharField(_("when"), max_length=10, choices=When, default=When.WEEK)
    dayparts = models.JSONField(_("best time of day"), default=list, blank=True)
    visibility = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=RequestVisibility,
        default=RequestVisibility.NEIGHBOURS,
    )
    state = models.CharField(max_length=20, choices=State, default=State.OPEN)
    # Where the asker lives (their membership postcode when asking), for distances.
    postcode = models.CharField(max_length=6, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    matched_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set once, when an open request had no reply for 48 hours and went to the buurtverbinders.
    escalated_at = models.DateTimeField(null=True, blank=True)
    picked_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    picked_up_at = models.DateTimeField(null=True, blank=True)
    # The helper the asker chose (also a HelpMatch with status "chosen").
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The private conversation opened when the asker chose (messaging.Conversation id).
    conversation_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # Semantic matching: the e5 query embedding of title + text, and the hash of that text.
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_hash = models.CharField(max_length=64, blank=True, editable=False)
    matched_once = models.BooleanField(default=False, editable=False)
    """The matching task ran for this request (it runs again only after an edit)."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [
            models.Index(fields=["neighbourhood", "state", "-created_at"], name="help_state"),
            models.Index(fields=["neighbourhood", "asker", "-created_at"], name="help_asker"),
            models.Index(
                fields=["neighbourhood", "escalated_at"],
                condition=models.Q(escalated_at__isnull=False),
                name="help_escalated",
            ),
            models.Index(
                fields=["neighbourhood", "created_by"],
                condition=models.Q(created_by__isnull=False),
                name="help_on_behalf",
            ),
            models.Index(
                fields=["neighbourhood", "resident_consent_until"],
                condition=~models.Q(resident_name=""),
                name="help_resident_consent",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def icon(self) -> str:
        return TOPIC_ICONS.get(self.topic, "help")

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def on_behalf(self) -> bool:
        return self.created_by_id is not None and self.created_by_id != self.asker_id

    @property
    def for_resident(self) -> bool:
        """Asked for a resident without an account, whose consent still holds (the details
        are shown only then, even before the round clears them)."""
        return bool(self.resident_name) and (
            self.resident_consent_until is None
            or self.resident_consent_until >= timezone.localdate()
        )


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Asked to help")
    ACCEPTED = "accepted", _("Wants to help")
    DECLINED = "declined", _("Cannot help")
    CHOSEN = "chosen", _("Chosen")
    NOT_CHOSEN = "not_chosen", _("Someone else was chosen")
    CLOSED = "closed", _("Request closed")


class HelpMatch(models.Model):
    """A helper suggested for a request, and what became of it."""

    # The neighbourhood owns the row (tenancy).
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="matches")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_matches"
    )
    score = models.FloatField(default=0)
    # Why this helper: structured parts ({"kind": "skill", "slug": "diy"}, {"kind": "distance",
    # "m": 400}, …), rendered in the reader's language by ``matching.reason_text``.
    reason = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=MatchStatus, default=MatchStatus.SUGGESTED)
    # Who added the suggestion: the matching ("system"), a buurtverbinder, or a professional
    # routing (professionals-only requests).
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("a word for the asker"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    thanks_text = models.TextField(_("thank-you note"), max_length=500, blank=True)
    thanked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "request", "helper"], name="one_match_per_helper"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "helper", "status"], name="match_helper"),
            models.Index(fields=["neighbourhood", "-created_at"], name="match_recent"),
        ]

    def __str__(self):
        return f"{self.helper_id} for {self.request_id} ({self.status})"


class FollowUpAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class HelpFollowUp(models.Model):
    """ "Did it work out?" — asked of the asker and the helper after a request is helped."""

    # The neighbourhood owns the row (tenancy).
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="follow_ups")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_follow_ups"
    )
    is_helper = models.BooleanField(default=False)
    answer = models.CharField(max_length=10, choices=FollowUpAnswer, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "request", "person"],
                name="one_follow_up_per_person",
            )
        ]
        indexes = [models.Index(fields=["neighbourhood", "answer"], name="followup_answer")]

    def __str__(self):
        return f"{self.person_id} on {self.request_id}: {self.answer or '?'}"
