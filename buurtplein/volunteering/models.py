"""Volunteering: vacancies of organisations and clubs, the responses of neighbours, and the
follow-up a month after a response was accepted ("did it lead to volunteering work?").

A vacancy is always *of an organisation* (``accounts.Organisation``: a welfare organisation, a
club, an initiative …) and posted by a person who may act for it (its staff). Responding opens a
private conversation with the vacancy's contact person (messaging); the response itself is kept
here with its state, and — once accepted — the answers both sides give to the follow-up.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from buurtplein.core.expiry import Expiring

EXPIRY_DAYS = 60
"""A vacancy stays open this long; renewing gives it this long again from the day of renewal."""
REMIND_DAYS_BEFORE = 7
"""The contact person gets one reminder (with a renew link) this many days before it ends."""
FOLLOW_UP_DAYS = 30
"""Both sides are asked "did it lead to volunteering work?" this long after an acceptance."""
MAX_PEOPLE = 50
MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("99")


class TimeKind(models.TextChoices):
    ONE_OFF = "one_off", _("One-off")
    REGULAR = "regular", _("Regular")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Once a month")
    FLEXIBLE = "flexible", _("When it suits you")


class HoursPer(models.TextChoices):
    TIME = "time", _("hours each time")
    WEEK = "week", _("hours a week")


class Place(models.TextChoices):
    ADDRESS = "address", _("At an address")
    HOME = "home", _("At home or online")


class Offer(models.TextChoices):
    """What the organisation offers its volunteers."""

    TRAINING = "training", _("Training")
    EXPENSES = "expenses", _("Expenses paid")
    VOG = "vog", _("A certificate of conduct (VOG), paid for")
    GUIDANCE = "guidance", _("A coordinator who guides you")
    INSURANCE = "insurance", _("Volunteer insurance")


OFFER_ICONS = {
    Offer.TRAINING: "book",
    Offer.EXPENSES: "check",
    Offer.VOG: "shield",
    Offer.GUIDANCE: "users",
    Offer.INSURANCE: "shield",
}


class Suitable(models.TextChoices):
    """Who the work also suits."""

    BASIC_DUTCH = "basic_dutch", _("Also if your Dutch is still basic")
    YOUNG = "young", _("Young people (16+)")
    FRIEND = "friend", _("You can bring a friend")
    NO_EXPERIENCE = "no_experience", _("No experience needed")
    WHEELCHAIR = "wheelchair", _("Wheelchair accessible")


SUITABLE_ICONS = {
    Suitable.BASIC_DUTCH: "chat",
    Suitable.YOUNG: "user",
    Suitable.FRIEND: "users",
    Suitable.NO_EXPERIENCE: "thumb",
    Suitable.WHEELCHAIR: "wheelchair",
}


class State(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")
    REMOVED = "removed", _("Removed by a buurtverbinder")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Only neighbours")
    PUBLIC = "public", _("Everyone, also people without an account")


class Vacancy(Expiring):
    """Volunteering work an organisation looks for people for. Open for 60 days, then expired
    unless renewed (the expiring lifecycle of ``core.expiry``:
    ``volunteering.actions.VACANCY_EXPIRY``)."""

    expiry_duration = timedelta(days=EXPIRY_DAYS)
    remind_before = timedelta(days=REMIND_DAYS_BEFORE)

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="volunteering_contact_for",
        verbose_name=_("contact person"),
    )
    title = models.CharField(_("title"), max_length=120)
    task = models.TextField(_("the task"), max_length=3000)
    task_html = models.TextField(editable=False, blank=True)
    # Time needed: one-off (a date or a period) or regular (how often); hours either way.
    time_kind = models.CharField(_("one-off or regular"), max_length=8, choices=TimeKind)
    date_start = models.DateField(_("date"), null=True, blank=True)
    date_end = models.DateField(_("until"), null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=12, choices=Frequency, blank=True)
    schedule = models.CharField(_("when"), max_length=120, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
    )
    hours_per = models.CharField(max_length=5, choices=HoursPer, blank=True)
    place = models.CharField(_("where"), max_length=8, choices=Place)
    address = models.CharField(_("address"), max_length=200, blank=True)
    offers = models.JSONField(_("what we offer"), default=list, blank=True)
    suitable_for = models.JSONField(_("also suits"), default=list, blank=True)
    people_wanted = models.PositiveSmallIntegerField(
        _("how many people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE)],
    )
    visibility = models.CharField(
        _("who can see this"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    expires_at = models.DateTimeField(_("open until"))
    filled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Its words for the neighbourhood's search (``core.search``), kept by the actions; their
    # Dutch tsvector on PostgreSQL (GIN-indexed, PostgreSQL only: migration ``volunteering.0003``).
    search_text = models.TextField(_("search words"), editable=False, blank=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(
                fields=["neighbourhood", "state", "-created_at", "-id"], name="vacancy_list"
            ),
            models.Index(
                fields=["neighbourhood", "organisation", "state", "-created_at"],
                name="vacancy_org",
            ),
            models.Index(fields=["neighbourhood", "contact"], name="vacancy_contact"),
            models.Index(fields=["neighbourhood", "state", "expires_at"], name="vacancy_expiry"),
        ]

    def __str__(self):
        return self.title

    @property
    def text(self) -> str:
        """Title and task as one text (the moderation queue shows ``target.text``)."""
        return f"{self.title}\n{self.task}".strip()

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_regular(self) -> bool:
        return self.time_kind == TimeKind.REGULAR

    @property
    def at_home(self) -> bool:
        return self.place == Place.HOME

    @property
    def offer_items(self) -> list[tuple[str, str, str]]:
        """(value, label, icon) of what the organisation offers, in the order of the choices."""
        labels = dict(Offer.choices)
        return [(v, labels[v], OFFER_ICONS[v]) for v in Offer.values if v in (self.offers or [])]

    @property
    def suitable_items(self) -> list[tuple[str, str, str]]:
        labels = dict(Suitable.choices)
        return [
            (v, labels[v], SUITABLE_ICONS[v])
            for v in Suitable.values
            if v in (self.suitable_for or [])
        ]


class VacancyTopic(models.Model):
    """A curated skill or interest (``accounts.Interest``) a vacancy is about: chosen by the
    poster, or found in its title and task by buurthulp's word matching (kept so that
    suggestions and the skill filter are one indexed query)."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="topics")
    interest = models.ForeignKey("accounts.Interest", on_delete=models.CASCADE, related_name="+")
    chosen = models.BooleanField(default=True, help_text=_("Chosen by the poster."))
    words = models.CharField(max_length=200, blank=True)
    """The words of the text that led to it (when found, not chosen)."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("skill or interest of a vacancy")
        verbose_name_plural = _("skills and interests of vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "vacancy", "interest"], name="one_topic_per_vacancy"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "interest", "vacancy"], name="vacancy_topic"),
            models.Index(fields=["neighbourhood", "vacancy", "chosen"], name="vacancy_topic_own"),
        ]

    def __str__(self):
        return f"{self.vacancy_id}: {self.interest_id}"


class ResponseState(models.TextChoices):
    NEW = "new", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("volunteering response", "Not chosen")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FollowUpAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


LED_TO_WORK = {FollowUpAnswer.YES, FollowUpAnswer.PARTLY}
"""Follow-up answers that count as "it led to volunteering work"."""


class Side(models.TextChoices):
    """The two sides a follow-up asks."""

    VOLUNTEER = "volunteer", _("The volunteer")
    ORGANISATION = "organisation", _("The organisation")


class FollowUpState(models.TextChoices):
    """One side's follow-up, as :meth:`Response.follow_up_state` derives it."""

    NONE = "none", _("No follow-up")
    NOT_YET = "not_yet", _("Later")
    DUE = "due", _("Due")
    ASKED = "asked", _("Asked")
    ANSWERED = "answered", _("Answered")


class Response(models.Model):
    """A neighbour's response to a vacancy.

    ``state``: new → accepted | declined | withdrawn; accepted → withdrawn. The follow-up is a
    second state machine per side (see :meth:`follow_up_state`): ``not_yet`` until 30 days after
    the acceptance, then ``due``; ``asked`` once the e-mail to that side is claimed (a
    conditional update, so once); ``answered`` when that side answered.
    """

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteering_responses"
    )
    message = models.TextField(_("your message"), max_length=1000)
    state = models.CharField(
        _("state"), max_length=10, choices=ResponseState, default=ResponseState.NEW
    )
    conversation = models.ForeignKey(
        "messaging.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    """Set on acceptance and kept (also when withdrawn later): the figures count acceptances."""
    decline_note = models.CharField(_("personal note"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The follow-up, per side.
    volunteer_asked_at = models.DateTimeField(null=True, blank=True)
    volunteer_answer = models.CharField(max_length=8, choices=FollowUpAnswer, blank=True)
    volunteer_note = models.CharField(max_length=500, blank=True)
    volunteer_answered_at = models.DateTimeField(null=True, blank=True)
    organisation_asked_at = models.DateTimeField(null=True, blank=True)
    organisation_answer = models.CharField(max_length=8, choices=FollowUpAnswer, blank=True)
    organisation_note = models.CharField(max_length=500, blank=True)
    organisation_answered_at = models.DateTimeField(null=True, blank=True)
    organisation_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "vacancy", "person"], name="one_response_per_person"
            )
        ]
        indexes = [
            models.Index(
                fields=["neighbourhood", "vacancy", "state", "-created_at"],
                name="response_vacancy",
            ),
            models.Index(
                fields=["neighbourhood", "person", "-created_at", "-id"], name="response_person"
            ),
            models.Index(
                fields=["neighbourhood", "state", "accepted_at"], name="response_follow_up"
            ),
        ]

    def __str__(self):
        return f"{self.person_id} → {self.vacancy_id}"

    @property
    def follow_up_due_at(self):
        if self.accepted_at is None:
            return None
        return self.accepted_at + timedelta(days=FOLLOW_UP_DAYS)

    def follow_up_state(self, side: str, now=None) -> str:
        """Where one side's follow-up is (:class:`FollowUpState`)."""
        if getattr(self, f"{side}_answer"):
            return FollowUpState.ANSWERED
        if self.state != ResponseState.ACCEPTED or self.accepted_at is None:
            return FollowUpState.NONE
        if self.follow_up_due_at > (now or timezone.now()):
            return FollowUpState.NOT_YET
        if getattr(self, f"{side}_asked_at") is None:
            return FollowUpState.DUE
        return FollowUpState.ASKED

    @property
    def volunteer_follow_up(self) -> str:
        return self.follow_up_state(Side.VOLUNTEER)

    @property
    def organisation_follow_up(self) -> str:
        return self.follow_up_state(Side.ORGANISATION)

    def follow_up_open(self, side: str, now=None) -> bool:
        """The side may answer now: due or asked, not answered yet."""
        return self.follow_up_state(side, now) in (FollowUpState.DUE, FollowUpState.ASKED)

    @property
    def is_match(self) -> bool:
        """It led to volunteering work: at least one side said yes or partly, and neither said
        no (the definition the figures use)."""
        answers = {self.volunteer_answer, self.organisation_answer} - {""}
        return bool(answers & LED_TO_WORK) and FollowUpAnswer.NO not in answers
