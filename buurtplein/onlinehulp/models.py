"""Online help (Klikvoorhulp): anonymous help by chat and by e-mail question, staffed by the
workers of several organisations together.

**The desk** (:class:`Desk`) is the online help of one region of neighbourhoods
(``core.Region``; a region may hold one neighbourhood). Organisations take part in it
(:class:`DeskOrganisation`); their staff are its **workers**. The desk has weekly
**consultation hours** (:class:`ConsultationHour`, Amsterdam time) in which the chat is open,
and workers sign up for **shifts** (:class:`Shift`). Desks, hours, shifts and snippets are
platform-wide (``core.distribution.REFERENCE``): one desk serves many neighbourhoods.

**The asker** needs no account and no name. A chat (:class:`Chat`) or an e-mail question
(:class:`Question`) is owned by the neighbourhood the asker came in through, so every row of a
conversation carries a neighbourhood and stays distribution-ready. The asker holds a **secret
token** (in their link) and a **short code** to write down; only their SHA-256 hashes are
stored, unique per neighbourhood, and looked up inside the neighbourhood the URL names.

**Nothing about the asker is stored** beyond what they type: no IP address, no user agent, no
account. Transcripts (the messages) are deleted after the desk's ``retention_days`` by a task;
the **registration** (topic, life domain, outcome, rating) stays for the figures.

**Messages survive a dropped connection**: every message has a sequence number per
conversation (``seq``, from ``Chat.last_seq``); a client that reconnects asks for what came
after the last number it has. A message sent twice with the same ``client_id`` is stored once.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.life_domains import LifeDomain

MAX_MESSAGE = 2000
MAX_FIRST_NAME = 40
MAX_RATING_TEXT = 300
DEFAULT_RETENTION_DAYS = 30
ANSWER_WITHIN_WORKING_DAYS = 2
"""An e-mail question is answered within this many working days (``core.workdays``)."""

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""The short code's letters: no 0/O, 1/I/L, so it can be read back from paper."""


def new_token() -> str:
    """The secret in an asker's link (about 190 bits)."""
    return secrets.token_urlsafe(24)


def new_code() -> str:
    """A short code to write down, ``ABCD-2345`` (about 40 bits; looked up inside one
    neighbourhood and rate-limited)."""
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def code_digest(code: str) -> str:
    """What is stored of a code: the SHA-256 of its letters, read the way people type them
    (any case, with or without the dash and spaces)."""
    letters = "".join(c for c in code.upper() if c.isalnum())
    return hashlib.sha256(f"code:{letters}".encode()).hexdigest()


class AgeGroup(models.TextChoices):
    UNDER_12 = "under_12", _("Younger than 12")
    FROM_12 = "12_17", _("12 to 17")
    FROM_18 = "18_26", _("18 to 26")
    FROM_27 = "27_64", _("27 to 64")
    FROM_65 = "65_plus", _("65 or older")


class Outcome(models.TextChoices):
    """What a conversation led to (the worker's registration when closing it)."""

    LISTENED = "listened", _("Listened and supported")
    INFORMED = "informed", _("Information or advice given")
    POINTED = "pointed", _("Pointed to a service")
    REFERRED = "referred", _("Warm referral")
    APPOINTMENT = "appointment", _("Appointment made")
    CRISIS = "crisis", _("Crisis: 112 or 113 involved")
    NO_CONTACT = "no_contact", _("No real contact (left, test)")


class Author(models.TextChoices):
    ASKER = "asker", _("Asker")
    WORKER = "worker", _("Worker")
    SYSTEM = "system", _("System")


class Desk(models.Model):
    """The online help of a region: its name on the pages, its consultation hours, the
    organisations whose workers staff it. Platform-wide (``core.distribution.REFERENCE``)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    region = models.ForeignKey(
        "core.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A few sentences on the help page: who answers and what you can ask."),
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        through="DeskOrganisation",
        related_name="+",
        verbose_name=_("organisations"),
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep conversations (days)"),
        default=DEFAULT_RETENTION_DAYS,
        help_text=_("After this many days the messages are deleted; the registration stays."),
    )
    crisis_words = models.TextField(
        _("extra crisis words"),
        blank=True,
        help_text=_(
            "One per line. Besides the standard list, these words show the numbers of 113 and 112."
        ),
    )
    open_on_holidays = models.BooleanField(
        _("open on public holidays"),
        default=True,
        help_text=_("Switch off when the chat is closed on Dutch public holidays."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(
        default=timezone.now, editable=False, verbose_name=_("created")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("online help desk")
        verbose_name_plural = _("online help desks")

    def __str__(self):
        return self.name


class DeskOrganisation(models.Model):
    """An organisation taking part in a desk. Its staff are the desk's workers; its
    coordinators see the rota and the gaps, and get escalations. Reading along (a second
    worker coaching) needs the organisation's consent (``read_along``), never the asker's."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("coordinators")
    )
    read_along = models.BooleanField(
        _("a second worker may read along"),
        default=False,
        help_text=_("For coaching. Askers are told that a second worker may read along."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["desk", "organisation"], name="one_desk_participation")
        ]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")

    def __str__(self):
        return f"{self.organisation} @ {self.desk}"


class ConsultationHour(models.Model):
    """The chat is open on ``weekday`` (0 = Monday) from ``starts`` to ``ends`` (Amsterdam
    time; ``ends`` 00:00 means midnight at the end of the day)."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(
        _("day"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))

    class Meta:
        ordering = ["weekday", "starts"]
        verbose_name = _("consultation hour")
        verbose_name_plural = _("consultation hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class Shift(models.Model):
    """A worker covers the desk on ``date`` from ``starts`` to ``ends`` (Amsterdam time) for
    their organisation."""

    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="shifts")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["desk", "worker", "date", "starts"], name="one_shift_per_start"
            )
        ]
        indexes = [models.Index(fields=["desk", "date"])]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")

    def __str__(self):
        return f"{self.worker} {self.date} {self.starts:%H:%M}"


class Snippet(models.Model):
    """A canned answer of an organisation's workers."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=80)
    text = models.TextField(_("text"), max_length=MAX_MESSAGE)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]
        verbose_name = _("snippet")
        verbose_name_plural = _("snippets")

    def __str__(self):
        return self.title


class Registration(models.Model):
    """What stays of a conversation for the figures when its messages are gone."""

    topic = models.CharField(_("topic"), max_length=120, blank=True)
    life_domain = models.CharField(_("life domain"), max_length=20, choices=LifeDomain, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, help_text=_("1 (not helpful) to 5 (very helpful).")
    )
    rating_text = models.CharField(
        _("what the asker added"), max_length=MAX_RATING_TEXT, blank=True
    )
    transcript_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Conversation(Registration):
    """What a chat and an e-mail question share: the asker's way back in (the digests of their
    token and code, and the token sealed), what they chose to say about themselves, the desk,
    the organisation of the worker who has it, and when it started and ended."""

    # Owned by the neighbourhood the asker came in through; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64)
    token_sealed = models.TextField(blank=True, editable=False)
    """The asker's token, encrypted with the server's key (``onlinehulp.sealing``), so that
    their short code (and a question's "there is an answer" e-mail) can lead to their link
    again. The database alone does not give it away."""
    first_name = models.CharField(_("first name"), max_length=MAX_FIRST_NAME, blank=True)
    age_group = models.CharField(_("age"), max_length=10, choices=AgeGroup, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The organisation of the worker who has it (the figures per organisation).",
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        abstract = True


class Chat(Conversation):
    """One chat of an anonymous asker with a worker of the desk."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACTIVE = "active", _("In conversation")
        CLOSED = "closed", _("Closed")

    state = models.CharField(max_length=10, choices=State, default=State.WAITING)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A second worker reading along (the organisation allows it).",
    )
    last_seq = models.PositiveIntegerField(default=0)
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "token_hash"], name="chat_token"),
            models.UniqueConstraint(fields=["neighbourhood", "code_hash"], name="chat_code"),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "desk", "state", "created_at"]),
        ]
        verbose_name = _("chat")
        verbose_name_plural = _("chats")

    def __str__(self):
        return f"chat {self.pk}"


class Said(models.Model):
    """One message in a conversation: who said it (the asker, a worker, the system) and what.
    A chat's and a question's messages are both this, each with its own conversation."""

    # Owned by one neighbourhood (its conversation's); every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    author = models.CharField(max_length=10, choices=Author)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(max_length=MAX_MESSAGE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        abstract = True


class ChatMessage(Said):
    """One message of a chat, numbered per chat (``seq`` 1, 2, …)."""

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    seq = models.PositiveIntegerField()
    client_id = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "chat", "seq"], name="chat_message_seq"
            ),
            models.UniqueConstraint(
                fields=["neighbourhood", "chat", "client_id"],
                condition=~models.Q(client_id=""),
                name="chat_message_once",
            ),
        ]

    def __str__(self):
        return f"{self.chat_id}#{self.seq}"


class Handover(models.Model):
    """A chat passed on to a colleague (maybe of another organisation), with a note for them."""

    # Owned by one neighbourhood (its chat's); every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="handovers")
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.CharField(_("note for your colleague"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"chat {self.chat_id} handed over"


class Question(Conversation):
    """A question asked outside the chat's hours, by e-mail or anonymously (then only the
    secret link and the code lead back to the answer)."""

    class State(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    email = models.EmailField(
        _("e-mail address"),
        blank=True,
        help_text=_("Only to tell you that there is an answer. You can leave it empty."),
    )
    state = models.CharField(max_length=10, choices=State, default=State.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "token_hash"], name="question_token"),
            models.UniqueConstraint(fields=["neighbourhood", "code_hash"], name="question_code"),
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "desk", "state", "due_at"]),
        ]
        verbose_name = _("e-mail question")
        verbose_name_plural = _("e-mail questions")

    def __str__(self):
        return f"question {self.pk}"


class QuestionMessage(Said):
    """The question itself, the answers and the asker's replies, in order."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"question {self.question_id}: {self.author}"


class QuestionNote(models.Model):
    """An internal note of the workers on a question; the asker never sees it."""

    # Owned by one neighbourhood (its question's); every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=MAX_MESSAGE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"note on question {self.question_id}"


class ConsolePresence(models.Model):
    """One open console socket of a worker at a desk: who of the desk is on the console now.

    A row per socket and desk, made when the socket connects, its ``last_seen`` refreshed by
    the console's ping (every 30 seconds) and deleted when the socket closes. A worker counts
    as present while a row of theirs was seen in the last ``PRESENCE_FRESH`` seconds, so a
    laptop that vanished (or a server process that died, or Redis that went away and took the
    sockets with it) drops out by itself, and the console that reconnects is back at once.
    Platform-wide, like the desk; holds no asker's data."""

    channel = models.CharField(max_length=120)
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "desk"], name="one_presence_per_socket")
        ]
        indexes = [models.Index(fields=["desk", "last_seen"])]

    def __str__(self):
        return f"{self.worker_id} @ desk {self.desk_id}"


PRESENCE_FRESH = 75
"""Seconds after its last ping that a console socket still counts (two pings and a margin)."""
