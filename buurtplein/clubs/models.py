"""Clubs, associations and residents' initiatives: their page, photos, members (with roles and
join requests) and announcements to the members.

Every club *is* an organisation (``accounts.Organisation``, kind ``club`` or ``initiative``):
its name, slug, logo and contact live there, so that vraag & aanbod, the agenda and
volunteering know the club without importing this app. The active board members of a club are
exactly the staff of its organisation; ``clubs.actions`` keeps that so (``_sync_board``).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.photos import Photo

MAX_NOTE = 500
REQUEST_REMIND_DAYS = 7
"""A join request without an answer: the board gets one reminder after this many days."""
REQUEST_LAPSE_DAYS = 30
"""…and after this many days it lapses (the person hears it and may ask again)."""


class Kind(models.TextChoices):
    CLUB = "club", _("Club or group")
    ASSOCIATION = "association", _("Association")
    INITIATIVE = "initiative", _("Residents' initiative")


# The kind of the club's organisation (accounts.Organisation.Kind).
ORGANISATION_KIND = {Kind.CLUB: "club", Kind.ASSOCIATION: "club", Kind.INITIATIVE: "initiative"}


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone in the neighbourhood joins with one tap")
    REQUEST = "request", _("On request: the board says yes or no")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Only neighbours (logged in)")
    PUBLIC = "public", _("Everyone, also people without an account")


class State(models.TextChoices):
    ACTIVE = "active", _("Active")
    HIDDEN = "hidden", _("Hidden by a buurtverbinder")
    REMOVED = "removed", _("Removed by a buurtverbinder")


class Club(models.Model):
    """The page of a club or initiative in one neighbourhood."""

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    # One club page per organisation. The database keeps it per neighbourhood
    # (``club_one_per_organisation``, which leads with the neighbourhood so the table can be
    # distributed by it); ``clubs.actions.club_create`` keeps it across neighbourhoods. Read it
    # with ``clubs.selectors.club_for_organisation`` in a neighbourhood, or ask
    # ``organisation.clubs`` (unscoped: admin, commands) whether there is one anywhere.
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="clubs"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    pitch = models.CharField(_("in one sentence"), max_length=160)
    description = models.TextField(_("about the club"), max_length=5000, blank=True)
    description_html = models.TextField(editable=False, blank=True)
    meets_where = models.CharField(_("where you meet"), max_length=120, blank=True)
    meets_when = models.CharField(_("when you meet"), max_length=120, blank=True)
    contact_audience = models.CharField(
        _("who sees the contact details"),
        max_length=10,
        choices=Audience,
        default=Audience.MEMBERS,
    )
    join_policy = models.CharField(
        _("how people join"), max_length=10, choices=JoinPolicy, default=JoinPolicy.OPEN
    )
    members_text = models.TextField(_("information for members"), max_length=5000, blank=True)
    members_text_html = models.TextField(editable=False, blank=True)
    member_count = models.PositiveIntegerField(default=0)
    """Active members (the board included), kept by the actions."""
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.ACTIVE)
    owns_organisation = models.BooleanField(
        default=True,
        editable=False,
        help_text=_("The organisation was made for this club (not an existing one linked)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Its words for the neighbourhood's search (``core.search``), kept by the actions; their
    # Dutch tsvector on PostgreSQL (GIN-indexed, PostgreSQL only: migration ``clubs.0004``).
    search_text = models.TextField(_("search words"), editable=False, blank=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("club or initiative")
        verbose_name_plural = _("clubs and initiatives")
        indexes = [
            models.Index(fields=["neighbourhood", "state", "kind"], name="club_list"),
            models.Index(fields=["neighbourhood", "-created_at"], name="club_newest"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "organisation"], name="club_one_per_organisation"
            )
        ]

    def __str__(self):
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def slug(self) -> str:
        return self.organisation.slug

    @property
    def text(self) -> str:
        """What the moderation queue shows of a reported club (``target.text``)."""
        return f"{self.organisation.name}\n{self.pitch}\n{self.description}".strip()

    @property
    def is_active(self) -> bool:
        return self.state == State.ACTIVE

    @property
    def is_open(self) -> bool:
        return self.join_policy == JoinPolicy.OPEN

    @property
    def has_contact(self) -> bool:
        organisation = self.organisation
        return bool(organisation.email or organisation.phone or organisation.website)

    @property
    def counted_now(self):
        """Now: the reports count this row in every month from its date on (a stock,
        ``clubs.counts``), so a change of it also counts the current month again."""
        return timezone.now()


class ClubPhoto(Photo):
    upload_dir = "clubs"
    owner_field = "club"

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        indexes = [models.Index(fields=["neighbourhood", "club"])]


class Role(models.TextChoices):
    BOARD = "board", _("Board")
    MEMBER = "member", _("Member")


class Status(models.TextChoices):
    PENDING = "pending", _("Asked to join")
    ACTIVE = "active", _("Member")


class ClubMember(models.Model):
    """Someone's place in a club: a request to join (pending) or a membership (active), as a
    member or on the board. Declining, leaving, removing and a lapsed request delete the row."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="club_memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=8, choices=Status, default=Status.ACTIVE)
    note = models.TextField(_("note to the board"), max_length=MAX_NOTE, blank=True)
    show_email = models.BooleanField(_("show my e-mail address to the members"), default=False)
    phone = models.CharField(_("phone number for the members"), max_length=40, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    """When the board was reminded of this request (once)."""

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("club member")
        verbose_name_plural = _("club members")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "club", "user"], name="one_membership_per_club"
            )
        ]
        indexes = [
            models.Index(
                fields=["neighbourhood", "club", "status", "role"], name="clubmember_club"
            ),
            models.Index(fields=["neighbourhood", "user"], name="clubmember_user"),
            models.Index(
                fields=["neighbourhood", "status", "requested_at"], name="clubmember_pending"
            ),
        ]

    def __str__(self):
        return f"{self.user} in {self.club_id} ({self.role}, {self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == Status.ACTIVE

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING

    @property
    def is_board(self) -> bool:
        return self.is_active and self.role == Role.BOARD

    @property
    def counted_now(self):
        """Now: the reports count this row in every month from its date on (a stock,
        ``clubs.counts``), so a change of it also counts the current month again."""
        return timezone.now()


class ClubMemberEnd(models.Model):
    """That a membership ended (the person left, was removed or deleted their account), kept
    without the person for the reports' club figures (``clubs.counts``): when they had joined
    and when they left, so the members of a past month stay what they were and "left" can be
    counted. No name, no account."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("club membership ended")
        verbose_name_plural = _("club memberships ended")
        indexes = [
            models.Index(fields=["neighbourhood", "left_at"], name="clubmember_end_left"),
        ]

    def __str__(self):
        return f"{self.club_id} {self.left_at:%Y-%m-%d}"


class ClubAnnouncement(models.Model):
    """A message from the board to every active member: on the members' page and by e-mail."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("message"), max_length=5000)
    text_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    """When the e-mails went out (claimed once by the task)."""
    recipient_count = models.PositiveIntegerField(default=0)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("announcement to members")
        verbose_name_plural = _("announcements to members")
        indexes = [
            models.Index(
                fields=["neighbourhood", "club", "-created_at", "-id"], name="clubannouncement_list"
            )
        ]

    def __str__(self):
        return self.title
