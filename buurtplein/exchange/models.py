"""Vraag & aanbod: offers and requests of five kinds, their photos, thank-yous and pledges, and
the beursvloer (organisations pledging services, people, means or knowledge to each other)."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from buurtplein.core.expiry import Expiring
from buurtplein.core.money import MONEY_VALIDATORS
from buurtplein.core.photos import Photo

EXPIRY_DAYS = 30
REMIND_DAYS_BEFORE = 3


class Direction(models.TextChoices):
    OFFER = "offer", pgettext_lazy("exchange", "Offer")
    REQUEST = "request", pgettext_lazy("exchange", "Request")


class Kind(models.TextChoices):
    THINGS = "things", _("Things")
    KNOWLEDGE = "knowledge", _("Knowledge and skills")
    MONEY = "money", _("Support for an initiative")
    CONTACTS = "contacts", _("Contacts")
    HELP = "help", _("Help and care")


KIND_ICONS = {
    Kind.THINGS: "exchange",
    Kind.KNOWLEDGE: "tip",
    Kind.MONEY: "heart",
    Kind.CONTACTS: "users",
    Kind.HELP: "help",
}


class Category(models.TextChoices):
    # things
    TOOLS = "tools", _("Tools and DIY")
    HOUSEHOLD = "household", _("Household and kitchen")
    FURNITURE = "furniture", _("Furniture")
    GARDEN = "garden", _("Garden and plants")
    CHILDREN = "children", _("Children and toys")
    CLOTHING = "clothing", _("Clothing")
    BOOKS = "books", _("Books, music and games")
    BIKES = "bikes", _("Bikes and transport")
    ELECTRONICS = "electronics", _("Computers and electronics")
    # knowledge and skills
    COMPUTER_HELP = "computer_help", _("Computer and phone help")
    LANGUAGE = "language", _("Language and homework")
    REPAIRS = "repairs", _("Repairs and odd jobs")
    COOKING = "cooking", _("Cooking and baking")
    CREATIVE = "creative", _("Music, art and crafts")
    PAPERWORK = "paperwork", _("Forms and paperwork")
    # money (support for an initiative)
    INITIATIVE = "initiative", _("Neighbourhood initiative")
    # contacts
    RECOMMENDATION = "recommendation", _("Who knows a good …")
    COMPANY = "company", _("Company: walking, coffee, going out")
    GROUP = "group", _("Looking for people to do something with")
    # help and care
    ERRANDS = "errands", _("Shopping and errands")
    TRANSPORT = "transport", _("A lift or going along")
    CARE = "care", _("Care: pets, plants, a neighbour")
    MOVING = "moving", _("Moving and heavy lifting")
    OTHER = "other", _("Something else")


# Which categories fit which kind (the form offers these; "other" fits every kind).
CATEGORIES_BY_KIND = {
    Kind.THINGS: [
        Category.TOOLS,
        Category.HOUSEHOLD,
        Category.FURNITURE,
        Category.GARDEN,
        Category.CHILDREN,
        Category.CLOTHING,
        Category.BOOKS,
        Category.BIKES,
        Category.ELECTRONICS,
        Category.OTHER,
    ],
    Kind.KNOWLEDGE: [
        Category.COMPUTER_HELP,
        Category.LANGUAGE,
        Category.REPAIRS,
        Category.COOKING,
        Category.CREATIVE,
        Category.PAPERWORK,
        Category.OTHER,
    ],
    Kind.MONEY: [Category.INITIATIVE, Category.OTHER],
    Kind.CONTACTS: [Category.RECOMMENDATION, Category.COMPANY, Category.GROUP, Category.OTHER],
    Kind.HELP: [
        Category.ERRANDS,
        Category.TRANSPORT,
        Category.CARE,
        Category.MOVING,
        Category.OTHER,
    ],
}


class Deal(models.TextChoices):
    """How a thing changes hands (things only)."""

    GIVE = "give", _("Give away")
    LEND = "lend", _("Lend")
    SELL = "sell", _("Sell")


class State(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Arranged")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REMOVED = "removed", _("Removed by a buurtverbinder")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Only neighbours")
    PUBLIC = "public", _("Everyone, also people without an account")


class Item(Expiring):
    """One offer or request. Open for 30 days, then expired unless renewed (the expiring
    lifecycle of ``core.expiry``: ``exchange.actions.ITEM_EXPIRY``)."""

    expiry_duration = timedelta(days=EXPIRY_DAYS)
    remind_before = timedelta(days=REMIND_DAYS_BEFORE)

    # Owned by one neighbourhood; every query is scoped to it.
    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_items"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when the owner offers on behalf of their organisation."),
    )
    direction = models.CharField(_("offer or request"), max_length=10, choices=Direction)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    deal = models.CharField(_("give, lend or sell"), max_length=6, choices=Deal, blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    description_html = models.TextField(editable=False, blank=True)
    area = models.CharField(_("street or part of the neighbourhood"), max_length=80, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    availability = models.CharField(_("when"), max_length=120, blank=True)
    visibility = models.CharField(
        _("who can see this"), max_length=10, choices=Visibility, default=Visibility.MEMBERS
    )
    # Money kind: the initiative asking for support (an organisation or a free name).
    initiative = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiative"),
    )
    initiative_name = models.CharField(_("name of the initiative"), max_length=120, blank=True)
    target_amount = models.DecimalField(
        _("amount you hope for"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    pledged_total = models.DecimalField(max_digits=11, decimal_places=2, default=Decimal("0"))
    supporter_count = models.PositiveIntegerField(default=0)
    # The owner's place (centre of their postcode), kept so distance filters run in SQL.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    thanks_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Its words for the neighbourhood's search (``core.search``), kept by the actions; their
    # Dutch tsvector on PostgreSQL (GIN-indexed, PostgreSQL only: migration ``exchange.0004``).
    search_text = models.TextField(_("search words"), editable=False, blank=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        indexes = [
            models.Index(
                fields=["neighbourhood", "state", "-created_at", "-id"], name="exchange_list"
            ),
            models.Index(
                fields=["neighbourhood", "state", "kind", "-created_at", "-id"],
                name="exchange_kind",
            ),
            models.Index(
                fields=["neighbourhood", "state", "latitude", "longitude"],
                name="exchange_place",
            ),
            models.Index(fields=["neighbourhood", "owner", "-created_at"], name="exchange_owner"),
            models.Index(fields=["neighbourhood", "state", "expires_at"], name="exchange_expiry"),
        ]

    def __str__(self):
        return self.title

    @property
    def icon(self) -> str:
        return KIND_ICONS.get(self.kind, "exchange")

    @property
    def text(self) -> str:
        """Title and description as one text (for the moderation queue, which shows
        ``target.text`` of whatever was reported)."""
        return f"{self.title}\n{self.description}".strip()

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_money(self) -> bool:
        return self.kind == Kind.MONEY

    @property
    def initiative_label(self) -> str:
        if self.initiative_id:
            return self.initiative.name
        return self.initiative_name

    @property
    def by_name(self) -> str:
        """Who shows as the giver or asker: the organisation, else the person."""
        if self.organisation_id:
            return self.organisation.name
        return self.owner.display_name

    @property
    def target_share(self) -> int:
        """Percentage of the target pledged (0–100), for the progress bar."""
        if not self.target_amount:
            return 0
        return min(100, int(self.pledged_total * 100 / self.target_amount))


class ItemPhoto(Photo):
    upload_dir = "exchange"
    owner_field = "item"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="photos")

    class Meta(Photo.Meta):
        indexes = [models.Index(fields=["neighbourhood", "item"])]


class Thanks(models.Model):
    """A short thank-you from one side of an arranged item to the other, shown on the item."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="thanks")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("thank-you"), max_length=280)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("thank-you")
        verbose_name_plural = _("thank-yous")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "item", "author"], name="one_thanks")
        ]
        indexes = [models.Index(fields=["neighbourhood", "item", "created_at"])]

    def __str__(self):
        return self.text[:60]


class Pledge(models.Model):
    """A neighbour's support for an initiative: an amount and/or help in kind. Recorded only;
    Buurtplein never collects money."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="pledges")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    amount = models.DecimalField(
        _("amount"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    in_kind = models.CharField(_("help in kind"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "item", "person"], name="one_pledge")
        ]
        indexes = [models.Index(fields=["neighbourhood", "item", "-created_at"])]

    def __str__(self):
        return f"{self.amount or ''} {self.in_kind}".strip()


# --- beursvloer ---------------------------------------------------------------------------------


class OfferType(models.TextChoices):
    SERVICES = "services", _("Services")
    PEOPLE = "people", _("People (volunteers, hours)")
    MEANS = "means", _("Means (materials, space, goods)")
    KNOWLEDGE = "knowledge", _("Knowledge and advice")


class PledgeState(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted, waiting for both to confirm")
    DECLINED = "declined", _("Declined")
    CONFIRMED = "confirmed", _("Confirmed by both")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FollowUpAnswer(models.TextChoices):
    YES = "yes", _("Yes, it happened")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No, it did not happen")


FOLLOW_UP_DAYS = 91


class OrgPledge(models.Model):
    """A beursvloer pledge: an organisation or business offers something to a social
    organisation; that organisation accepts; both confirm; three months later both are asked
    whether it happened."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    giver = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("offered by"),
    )
    receiver = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("offered to"),
    )
    offer_type = models.CharField(_("what kind of help"), max_length=12, choices=OfferType)
    title = models.CharField(_("what you offer"), max_length=120)
    description = models.TextField(_("explanation"), max_length=2000, blank=True)
    description_html = models.TextField(editable=False, blank=True)
    hours = models.PositiveIntegerField(
        _("hours"), null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    value = models.DecimalField(
        _("value in euros"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=MONEY_VALIDATORS,
    )
    state = models.CharField(
        _("state"), max_length=10, choices=PledgeState, default=PledgeState.OFFERED
    )
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    giver_confirmed_at = models.DateTimeField(null=True, blank=True)
    receiver_confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    giver_answer = models.CharField(max_length=8, choices=FollowUpAnswer, blank=True)
    receiver_answer = models.CharField(max_length=8, choices=FollowUpAnswer, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("beursvloer pledge")
        verbose_name_plural = _("beursvloer pledges")
        indexes = [
            models.Index(fields=["neighbourhood", "-created_at", "-id"], name="orgpledge_list"),
            models.Index(
                fields=["neighbourhood", "state", "confirmed_at"], name="orgpledge_followup"
            ),
        ]

    def __str__(self):
        return self.title
