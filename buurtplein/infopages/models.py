"""Neighbourhood information: pages in a small tree (at most three levels), each saved as a
numbered version, with an owner and a "last checked" date that asks for a check after six
months."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from buurtplein.core.text import plain_excerpt
from buurtplein.infopages.facts import Fact, parse_facts

MAX_DEPTH = 3
"""A top-level page, its sub-pages and theirs: deeper trees are hard to find your way in."""
CHECK_MONTHS = 6
"""How long a check lasts: six months after the last check (or save) the owner is asked."""
RESERVED_SLUGS = {"new"}
"""Addresses the component's own pages use (``info/new/``)."""


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone, also people without an account")
    MEMBERS = "members", _("Only neighbours")


class CheckState(models.TextChoices):
    """Where a page is in its check cycle. Not stored: it follows from ``check_due_at`` (time
    passing makes a page due, without any write) and ``reminder_sent_at``."""

    CURRENT = "current", _("Checked")
    DUE = "due", _("Needs a check")
    REMINDED = "reminded", _("Needs a check, owner reminded")


class InfoPage(models.Model):
    """One information page. Title, body and quick facts are those of the newest version
    (``version``); the versions keep every earlier text."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    # RESTRICT: a page with sub-pages cannot be removed, but a neighbourhood with all its pages
    # can.
    parent = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under"),
    )
    slug = models.SlugField(_("web address"), max_length=80)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=20000, blank=True)
    body_html = models.TextField(editable=False, blank=True, verbose_name=_("text (HTML)"))
    facts = models.TextField(_("quick facts"), max_length=3000, blank=True)
    visibility = models.CharField(
        _("who can read this"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kept up to date by"),
    )
    version = models.PositiveIntegerField(
        default=0, help_text=_("Number of the newest version."), verbose_name=_("version")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("changed"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    checked_at = models.DateTimeField(_("last checked"), default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    check_due_at = models.DateTimeField(_("next check"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminder sent"))
    deleted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("deleted"))
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )

    # Its words for the neighbourhood's search (``core.search``), kept by the actions; their
    # Dutch tsvector on PostgreSQL (GIN-indexed, PostgreSQL only: migration ``infopages.0003``).
    search_text = models.TextField(_("search words"), editable=False, blank=True)
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        constraints = [
            # The web address is unique in the neighbourhood (among pages not deleted), so a
            # page keeps its address wherever it moves in the tree.
            models.UniqueConstraint(
                fields=["neighbourhood", "slug"],
                condition=Q(deleted_at__isnull=True),
                name="infopages_unique_slug",
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "parent", "position"], name="infopages_tree"),
            models.Index(fields=["neighbourhood", "check_due_at"], name="infopages_due"),
            models.Index(fields=["neighbourhood", "slug"], name="infopages_slug"),
        ]

    def __str__(self):
        return self.title

    @property
    def excerpt(self) -> str:
        """The text as one plain line (for link previews and search engines)."""
        return plain_excerpt(self.body)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def ancestors(self) -> list[InfoPage]:
        """Parents from the top down (load with ``select_related("parent__parent")``)."""
        chain, parent = [], self.parent
        while parent is not None and len(chain) < MAX_DEPTH:
            chain.insert(0, parent)
            parent = parent.parent
        return chain

    @property
    def depth(self) -> int:
        return len(self.ancestors) + 1

    @property
    def hidden_by(self) -> InfoPage | None:
        """The nearest page above this one that only neighbours may read, which makes this
        page readable for neighbours only as well."""
        for ancestor in reversed(self.ancestors):
            if not ancestor.is_public:
                return ancestor
        return None

    @property
    def readable_by_everyone(self) -> bool:
        return self.is_public and self.hidden_by is None

    def check_state(self, now=None) -> str:
        now = now or timezone.now()
        if self.check_due_at > now:
            return CheckState.CURRENT
        if self.reminder_sent_at is None:
            return CheckState.DUE
        return CheckState.REMINDED

    @property
    def needs_check(self) -> bool:
        return self.check_state() != CheckState.CURRENT

    @property
    def fact_list(self) -> list[Fact]:
        return parse_facts(self.facts)


class InfoPageVersion(models.Model):
    """What a page said after one save: never changed afterwards, so nothing is ever lost.
    Restoring an old version saves its text again as a new version."""

    neighbourhood = models.ForeignKey(
        "core.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    page = models.ForeignKey(
        InfoPage, on_delete=models.CASCADE, related_name="versions", verbose_name=_("page")
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), blank=True)
    body_html = models.TextField(editable=False, blank=True, verbose_name=_("text (HTML)"))
    facts = models.TextField(_("quick facts"), blank=True)
    note = models.CharField(_("what did you change?"), max_length=200, blank=True)
    # Null once the author's account is erased: the text stays, the person is forgotten.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    restored_from = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("restored from version")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created"))

    objects = ScopedManager(neighbourhood="neighbourhood")

    class Meta:
        verbose_name = _("version of an information page")
        verbose_name_plural = _("versions of information pages")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "page", "number"], name="infopages_one_number"
            )
        ]
        indexes = [
            models.Index(fields=["neighbourhood", "page", "-number"], name="infopages_history"),
            models.Index(fields=["neighbourhood", "author"], name="infopages_author"),
        ]

    def __str__(self):
        return f"{self.title} ({self.number})"

    @property
    def fact_list(self) -> list[Fact]:
        return parse_facts(self.facts)
