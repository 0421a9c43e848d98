"""Writes of the information pages. Views, tasks, the admin, the demo and the management
command call these; nothing else changes a page or its versions.

Every write is done by an editor (buurtverbinder, professional or admin) and is audit-logged.
"""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from buurtplein.core import search
from buurtplein.core.audit import log_action
from buurtplein.core.models import Membership, Role
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_document
from buurtplein.infopages.models import (
    CHECK_MONTHS,
    MAX_DEPTH,
    RESERVED_SLUGS,
    InfoPage,
    InfoPageVersion,
    Visibility,
)

SLUG_LENGTH = 60


class EditConflict(Exception):
    """Someone else saved the page after the editor started: nothing was saved. ``page`` is
    the page as it is now (with the newer version)."""

    def __init__(self, page: InfoPage):
        super().__init__(f"page {page.pk} is at version {page.version}")
        self.page = page


def _changed(page: InfoPage) -> None:
    from buurtplein.infopages.selectors import home_changed

    home_changed(page.neighbourhood_id)


def _index_for_search(page: InfoPage) -> None:
    """Its words for the neighbourhood's search: title, text and quick facts."""
    search.store(page, page.title, page.body, page.facts)


def check_due(checked_at: datetime) -> datetime:
    return checked_at + relativedelta(months=CHECK_MONTHS)


def _schedule_check(page: InfoPage) -> None:
    """Plan the reminder for the page's check date (the task checks again when it runs)."""
    from buurtplein.infopages import tasks

    pk, due = page.pk, page.check_due_at
    transaction.on_commit(lambda: enqueue_later(tasks.check_page, due, pk))


# --- places in the tree -------------------------------------------------------------------------


def check_place(*, page: InfoPage | None, parent: InfoPage | None, neighbourhood) -> None:
    """Refuse a place in the tree that makes a cycle or a tree deeper than three levels."""
    if parent is None:
        return
    from buurtplein.infopages.selectors import descendant_ids, subtree_height

    if parent.neighbourhood_id != neighbourhood.pk or parent.is_deleted:
        raise ValidationError({"parent": _("Choose a page of this neighbourhood.")})
    if page is not None and page.pk:
        if parent.pk == page.pk or parent.pk in descendant_ids(page):
            raise ValidationError(
                {"parent": _("A page cannot go under itself or under one of its own sub-pages.")}
            )
        height = subtree_height(page)
    else:
        height = 1
    if parent.depth + height > MAX_DEPTH:
        if height > 1:
            message = _(
                "Pages go at most three levels deep. This page has sub-pages, so it cannot "
                "go under “%(parent)s”."
            )
        else:
            message = _(
                "Pages go at most three levels deep, and “%(parent)s” is on the third level "
                "already."
            )
        raise ValidationError({"parent": message % {"parent": parent.title}})


def _next_position(neighbourhood, parent: InfoPage | None) -> int:
    top = InfoPage.objects.filter(
        neighbourhood=neighbourhood, parent=parent, deleted_at__isnull=True
    ).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _slug_taken(neighbourhood, slug: str, *, exclude: int | None = None) -> bool:
    pages = InfoPage.objects.filter(neighbourhood=neighbourhood, slug=slug, deleted_at__isnull=True)
    if exclude:
        pages = pages.exclude(pk=exclude)
    return slug in RESERVED_SLUGS or pages.exists()


def unique_slug(neighbourhood, text: str, *, exclude: int | None = None) -> str:
    """A free web address made from ``text`` ("Wie bel je waarvoor?" → "wie-bel-je-waarvoor",
    then "-2", "-3" when taken)."""
    base = slugify(text)[:SLUG_LENGTH].strip("-") or "pagina"
    slug, number = base, 1
    while _slug_taken(neighbourhood, slug, exclude=exclude):
        number += 1
        slug = f"{base[: SLUG_LENGTH - len(str(number)) - 1]}-{number}"
    return slug


# --- create, edit, check, restore ---------------------------------------------------------------


def _version(page: InfoPage, *, number: int, author, note: str, now, restored_from=None):
    return InfoPageVersion.objects.create(
        neighbourhood_id=page.neighbourhood_id,
        page=page,
        number=number,
        title=page.title,
        body=page.body,
        body_html=page.body_html,
        facts=page.facts,
        note=note.strip()[:200],
        author=author,
        restored_from=restored_from,
        created_at=now,
    )


@transaction.atomic
def page_create(
    *,
    actor,
    neighbourhood,
    title: str,
    body: str = "",
    facts: str = "",
    parent: InfoPage | None = None,
    visibility: str = Visibility.PUBLIC,
    slug: str = "",
    note: str = "",
    owner=None,
    now: datetime | None = None,
) -> InfoPage:
    """A new page (version 1), last in the list under ``parent``. Its creator keeps it up to
    date unless ``owner`` says otherwise; saving counts as its first check."""
    check_place(page=None, parent=parent, neighbourhood=neighbourhood)
    slug = slug.strip().lower()
    if slug:
        if slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This web address is reserved: choose another.")})
        if _slug_taken(neighbourhood, slug):
            raise ValidationError(
                {"slug": _("Another page has this web address already: choose another.")}
            )
    else:
        slug = unique_slug(neighbourhood, title)
    now = now or timezone.now()
    page = InfoPage.objects.create(
        neighbourhood=neighbourhood,
        parent=parent,
        slug=slug,
        title=title.strip(),
        body=body.strip(),
        body_html=render_document(body),
        facts=facts.strip(),
        visibility=visibility,
        position=_next_position(neighbourhood, parent),
        owner=owner or actor,
        version=1,
        created_at=now,
        created_by=actor,
        updated_at=now,
        updated_by=actor,
        checked_at=now,
        checked_by=actor,
        check_due_at=check_due(now),
    )
    _version(page, number=1, author=actor, note=note, now=now)
    _index_for_search(page)
    log_action(actor=actor, action="infopages.page.create", target=page, data={"version": 1})
    _schedule_check(page)
    _changed(page)
    return page


def _save_version(
    *,
    actor,
    page: InfoPage,
    base_version: int,
    title: str,
    body: str,
    facts: str,
    note: str,
    now: datetime,
    restored_from: int | None = None,
) -> InfoPageVersion:
    """Write a new version only if the page is still at ``base_version`` (one conditional
    UPDATE, so of two editors saving at the same moment exactly one wins); else raise
    ``EditConflict`` and change nothing."""
    fields = {
        "title": title.strip(),
        "body": body.strip(),
        "body_html": render_document(body),
        "facts": facts.strip(),
        "updated_at": now,
        "updated_by": actor,
        "checked_at": now,
        "checked_by": actor,
        "check_due_at": check_due(now),
        "reminder_sent_at": None,
    }
    updated = InfoPage.objects.filter(
        pk=page.pk, version=base_version, deleted_at__isnull=True
    ).update(version=F("version") + 1, **fields)
    if not updated:
        from buurtplein.infopages.selectors import _with_related

        current = _with_related(InfoPage.objects.filter(pk=page.pk)).get()
        if current.is_deleted:
            raise ValidationError(
                _("This page was deleted while you were writing. Copy your text: it is not saved.")
            )
        raise EditConflict(current)
    for name, value in fields.items():
        setattr(page, name, value)
    page.version = base_version + 1
    version = _version(
        page,
        number=page.version,
        author=actor,
        note=note,
        now=now,
        restored_from=restored_from,
    )
    _index_for_search(page)
    _schedule_check(page)
    _changed(page)
    return version


@transaction.atomic
def page_update(
    *,
    actor,
    page: InfoPage,
    base_version: int,
    title: str,
    body: str = "",
    facts: str = "",
    note: str = "",
    now: datetime | None = None,
) -> InfoPageVersion | None:
    """Save what an editor changed as a new version, and count it as a check. ``base_version``
    is the version the editor's form started from: if someone saved in between, nothing is
    saved and ``EditConflict`` is raised (the view shows both texts). When nothing changed, no
    version is made and the save only counts as a check (returns None)."""
    now = now or timezone.now()
    unchanged = (title.strip(), body.strip(), facts.strip()) == (page.title, page.body, page.facts)
    if unchanged:
        page_check(actor=actor, page=page, now=now)
        return None
    version = _save_version(
        actor=actor,
        page=page,
        base_version=base_version,
        title=title,
        body=body,
        facts=facts,
        note=note,
        now=now,
    )
    log_action(
        actor=actor,
        action="infopages.page.edit",
        target=page,
        data={"version": version.number, "note": version.note},
    )
    return version


@transaction.atomic
def page_restore(
    *, actor, page: InfoPage, version: InfoPageVersion, now: datetime | None = None
) -> InfoPageVersion:
    """Save the text of an old version again, as a new version ("restored from version 3"):
    the versions in between stay in the history."""
    if version.page_id != page.pk:
        raise ValidationError(_("This version belongs to another page."))
    if version.number == page.version:
        raise ValidationError(_("This is the current version already."))
    now = now or timezone.now()
    new = _save_version(
        actor=actor,
        page=page,
        base_version=page.version,
        title=version.title,
        body=version.body,
        facts=version.facts,
        note="",
        now=now,
        restored_from=version.number,
    )
    log_action(
        actor=actor,
        action="infopages.page.restore",
        target=page,
        data={"version": new.number, "restored_from": version.number},
    )
    return new


@transaction.atomic
def page_check(*, actor, page: InfoPage, now: datetime | None = None) -> InfoPage:
    """ "Still correct": the page counts as checked today; the next check is in six months and
    a new reminder period starts."""
    now = now or timezone.now()
    page.checked_at, page.checked_by = now, actor
    page.check_due_at, page.reminder_sent_at = check_due(now), None
    InfoPage.objects.filter(pk=page.pk).update(
        checked_at=now, checked_by=actor, check_due_at=page.check_due_at, reminder_sent_at=None
    )
    log_action(actor=actor, action="infopages.page.check", target=page)
    _schedule_check(page)
    return page


# --- settings: place, order, who can read, owner ------------------------------------------------


def is_editor_here(user, neighbourhood) -> bool:
    if user is None:
        return False
    from buurtplein.infopages.selectors import editor_ids

    return user.is_superuser or user.pk in editor_ids(neighbourhood)


@transaction.atomic
def page_settings(
    *, actor, page: InfoPage, parent: InfoPage | None, visibility: str, owner
) -> list[str]:
    """Move a page under another one (last in its new list), open or close it to visitors, or
    give it another owner. Returns what changed ("parent", "visibility", "owner")."""
    neighbourhood = page.neighbourhood
    updates: dict = {}
    if (parent.pk if parent else None) != page.parent_id:
        check_place(page=page, parent=parent, neighbourhood=neighbourhood)
        updates["parent"] = parent
        updates["position"] = _next_position(neighbourhood, parent)
    if visibility != page.visibility:
        if visibility not in Visibility.values:
            raise ValidationError({"visibility": _("Choose who can read this page.")})
        updates["visibility"] = visibility
    if owner is not None and owner.pk != page.owner_id:
        if not is_editor_here(owner, neighbourhood):
            raise ValidationError(
                {
                    "owner": _(
                        "Choose a buurtverbinder, professional or admin of this neighbourhood."
                    )
                }
            )
        updates["owner"] = owner
    changed = list(updates)
    for name, value in updates.items():
        setattr(page, name, value)
    if not changed:
        return []
    page.save(update_fields=changed)
    log_action(
        actor=actor,
        action="infopages.page.settings",
        target=page,
        data={
            "changed": [name for name in changed if name != "position"],
            "parent": page.parent_id,
            "visibility": page.visibility,
            "owner": page.owner_id,
        },
    )
    _changed(page)
    return [name for name in changed if name != "position"]


@transaction.atomic
def page_reorder(*, actor, page: InfoPage, direction: str) -> bool:
    """Move a page one place up or down among the pages next to it. False at the top or
    bottom already."""
    from buurtplein.infopages.selectors import siblings

    if direction not in ("up", "down"):
        raise ValidationError(_("Choose up or down."))
    row = siblings(page)
    index = next(i for i, sibling in enumerate(row) if sibling.pk == page.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(row):
        return False
    row[index], row[other] = row[other], row[index]
    for position, sibling in enumerate(row):  # renumber: positions may have had gaps or ties
        if sibling.position != position:
            InfoPage.objects.filter(pk=sibling.pk).update(position=position)
            sibling.position = position
    page.position = next(s.position for s in row if s.pk == page.pk)
    log_action(
        actor=actor, action="infopages.page.reorder", target=page, data={"direction": direction}
    )
    _changed(page)
    return True


# --- delete and bring back ----------------------------------------------------------------------


@transaction.atomic
def page_delete(*, actor, page: InfoPage, now: datetime | None = None) -> InfoPage:
    """Take a page away (only without sub-pages). It is kept, with its history, as deleted:
    a platform admin can bring it back in /admin/."""
    if InfoPage.objects.filter(parent=page, deleted_at__isnull=True).exists():
        raise ValidationError(
            _("This page has sub-pages. Move or delete them first, then delete this page.")
        )
    if page.is_deleted:
        return page
    page.deleted_at, page.deleted_by = now or timezone.now(), actor
    page.save(update_fields=["deleted_at", "deleted_by"])
    log_action(actor=actor, action="infopages.page.delete", target=page)
    _changed(page)
    return page


@transaction.atomic
def page_undelete(*, actor, page: InfoPage) -> InfoPage:
    """Bring a deleted page back, with its history: under its old parent if that is still
    there (else at the top), last in the list, with a new web address if another page took
    its old one meanwhile."""
    if not page.is_deleted:
        return page
    neighbourhood = page.neighbourhood
    if page.parent is not None and page.parent.is_deleted:
        page.parent = None
    elif page.parent is not None:
        try:
            check_place(page=page, parent=page.parent, neighbourhood=neighbourhood)
        except ValidationError:
            page.parent = None
    if _slug_taken(neighbourhood, page.slug, exclude=page.pk):
        page.slug = unique_slug(neighbourhood, page.slug, exclude=page.pk)
    page.position = _next_position(neighbourhood, page.parent)
    page.deleted_at = page.deleted_by = None
    page.save(update_fields=["parent", "slug", "position", "deleted_at", "deleted_by"])
    log_action(actor=actor, action="infopages.page.undelete", target=page)
    _schedule_check(page)
    _changed(page)
    return page


# --- the check reminder -------------------------------------------------------------------------


def page_remind_if_due(page: InfoPage, *, now: datetime | None = None) -> str:
    """due → reminded: when the page is past its check date and nobody was reminded in this
    period, claim the reminder (one conditional UPDATE, so it is sent once even when the task
    and the cron command look at the same time) and send it after the commit. Returns
    "reminded", or "" when the page is not due (checked again meanwhile, deleted) or the
    reminder went already."""
    from buurtplein.infopages import tasks

    now = now or timezone.now()
    if page.is_deleted or page.check_due_at > now or page.reminder_sent_at is not None:
        return ""
    claimed = InfoPage.objects.filter(
        pk=page.pk,
        deleted_at__isnull=True,
        check_due_at__lte=now,
        reminder_sent_at__isnull=True,
    ).update(reminder_sent_at=now)
    if not claimed:
        return ""
    page.reminder_sent_at = now
    pk = page.pk
    transaction.on_commit(lambda: tasks.send_check_reminder.enqueue(pk))
    return "reminded"


def due_pages(neighbourhood, *, now: datetime | None = None):
    now = now or timezone.now()
    return InfoPage.objects.filter(
        neighbourhood=neighbourhood,
        deleted_at__isnull=True,
        check_due_at__lte=now,
        reminder_sent_at__isnull=True,
    ).select_related("neighbourhood")


def remind_round(*, neighbourhood, now: datetime | None = None) -> int:
    """The daily round for one neighbourhood (the cron safety net calls it for all): remind
    the owners of every page that became due. Returns how many were reminded."""
    now = now or timezone.now()
    reminded = 0
    for page in due_pages(neighbourhood, now=now):
        with transaction.atomic():
            reminded += page_remind_if_due(page, now=now) == "reminded"
    return reminded


def reminder_recipients(page: InfoPage) -> tuple[list, bool]:
    """Who is asked to check the page: its owner while they are an editor here; else the
    neighbourhood's buurtverbinders (and admins). Returns (people, to_owner)."""
    if (
        page.owner is not None
        and page.owner.is_active
        and is_editor_here(page.owner, page.neighbourhood)
    ):
        return [page.owner], True
    stewards = [
        membership.user
        for membership in Membership.objects.filter(
            neighbourhood_id=page.neighbourhood_id,
            status=Membership.Status.VERIFIED,
            role__in=[Role.CONNECTOR, Role.ADMIN],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]
    return stewards, False
