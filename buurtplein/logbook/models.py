"""The professionals' own registration ("tellen" of their own work): what a professional did
on a day, counted, never described.

An :class:`Entry` is one contact moment (how, and how many people), one group activity (how
many took part) or time spent, each about one life domain (``core.life_domains``), for an
organisation the professional works for or for themselves (``organisation`` empty), with the
time it took where they give it. There is no free text and no field for a resident's name: it
is counting, not a client file. The reports count the entries per month of ``day``
(``counts``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.life_domains import LifeDomain

MAX_PEOPLE = 500
"""The most people one entry counts (a big neighbourhood party)."""
MAX_MINUTES = 24 * 60
EDIT_DAYS = 14
"""An entry can be registered for, corrected and deleted up to this many days back."""


def hours_text(minutes: int) -> str:
    """Minutes as hours and minutes: "2:15"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


class Kind(models.TextChoices):
    CONTACT = "contact", _("Contact moment")
    GROUP = "group", _("Group activity")
    HOURS = "hours", _("Time spent")


class How(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    ONLINE = "online", _("Online")
    HOME_VISIT = "home_visit", _("Home visit")


class Entry(models.Model):
    """One thing a professional registered: a contact moment, a group activity or time."""

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
        verbose_name=_("registered by"),
        help_text=_("Empty once the professional's account was deleted: the figure stays."),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Empty: the professional's own work, for no organisation."),
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("what"), max_length=10, choices=Kind)
    how = models.CharField(_("how"), max_length=12, choices=How, blank=True)
    life_domain = models.CharField(_("life domain"), max_length=20, choices=LifeDomain)
    people = models.PositiveSmallIntegerField(
        _("how many people"),
        default=0,
        validators=[MaxValueValidator(MAX_PEOPLE)],
        help_text=_("A contact moment: the people reached; a group activity: who took part."),
    )
    minutes = models.PositiveSmallIntegerField(
        _("time in minutes"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MINUTES)],
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["neighbourhood", "author", "-day"], name="logbook_mine"),
            models.Index(fields=["neighbourhood", "day"], name="logbook_month"),
            models.Index(
                fields=["neighbourhood", "organisation", "day"], name="logbook_organisation"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="contact") | models.Q(how=""), name="logbook_how_contact"
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.life_domain}"

    @property
    def minutes_text(self) -> str:
        return hours_text(self.minutes)
