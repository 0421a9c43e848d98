"""Writes of the clubs component. Views, tasks, the demo and the management command call these;
nothing else changes clubs, their members or their announcements.

**The board is the organisation's staff.** Every club has one ``accounts.Organisation``; the
other components (agenda, volunteering, vraag & aanbod, the square) let its *staff* act for it.
``_sync_board`` is the one place that keeps ``organisation.staff`` equal to the club's active
board members; every action that changes who is (on the) board ends with it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from buurtplein.accounts.models import Organisation
from buurtplein.clubs.models import (
    ORGANISATION_KIND,
    REQUEST_LAPSE_DAYS,
    REQUEST_REMIND_DAYS,
    Audience,
    Club,
    ClubAnnouncement,
    ClubMember,
    ClubMemberEnd,
    JoinPolicy,
    Kind,
    Role,
    State,
    Status,
)
from buurtplein.core import ratelimit, search
from buurtplein.core.audit import log_action
from buurtplein.core.images import process_image
from buurtplein.core.models import Membership
from buurtplein.core.photos import attach_photos, remove_photos
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_markdown

LOGO_SIZE = {"logo": 320}
"""The logo is stored once, at most 320 px on its longest side (shown at 48–96 px)."""

LINKABLE_KINDS = {"club", "initiative"}
"""Existing organisations that can get a club page."""


# --- the one place where the board becomes the organisation's staff ------------------------------


def _forget(*users) -> None:
    """Drop the per-request caches of who acts for what (``staff_org_ids``, club roles) on
    these user objects, so the rest of this request sees the change."""
    for user in users:
        if user is not None:
            user.__dict__.pop("_staff_org_ids", None)
            user.__dict__.pop("_club_memberships", None)


def _sync_board(club: Club, *users) -> None:
    """Make ``organisation.staff`` exactly the active board members and store the number of
    active members. Called at the end of every action that changes the members."""
    members = ClubMember.objects.filter(club=club, status=Status.ACTIVE)
    board = list(members.filter(role=Role.BOARD).values_list("user_id", flat=True))
    club.organisation.staff.set(board)
    club.member_count = members.count()
    Club.objects.filter(pk=club.pk).update(member_count=club.member_count)
    _forget(*users)
    _changed(club)


def _changed(club: Club) -> None:
    from buurtplein.clubs.selectors import home_changed

    home_changed(club.neighbourhood_id)


# --- checks ------------------------------------------------------------------------------------


def index_for_search(club: Club) -> None:
    """Its words for the neighbourhood's search: name, kind, pitch, description, where and when
    it meets (the kind in both languages, so "bridge" or "buurtinitiatief" finds it)."""
    from django.utils import translation

    kinds = []
    for language in ("nl", "en"):
        with translation.override(language):
            kinds.append(str(Kind(club.kind).label) if club.kind in Kind.values else "")
    search.store(
        club,
        club.organisation.name,
        *kinds,
        club.pitch,
        club.description,
        club.meets_where,
        club.meets_when,
    )


def reindex_organisation(organisation) -> None:
    """Store the search words of the organisation's club page again (its name is in them),
    after the organisation was renamed (``core.search.organisation_renamed``)."""
    for club in Club.objects.filter(organisation=organisation).select_related("organisation"):
        index_for_search(club)


def _is_neighbour(user, neighbourhood) -> bool:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user=user, status=Membership.Status.VERIFIED
    ).exists()


def _board_member(club: Club, user) -> ClubMember | None:
    if user is None or not user.is_authenticated:
        return None
    return ClubMember.objects.filter(
        club=club, user=user, status=Status.ACTIVE, role=Role.BOARD
    ).first()


def _require_board(club: Club, actor) -> None:
    if _board_member(club, actor) is None:
        raise ValidationError(_("Only the board of the club can do this."))


def _other_board_members(member: ClubMember) -> int:
    return (
        ClubMember.objects.filter(club_id=member.club_id, status=Status.ACTIVE, role=Role.BOARD)
        .exclude(pk=member.pk)
        .count()
    )


def _check_name(name: str, *, neighbourhood, club: Club | None = None) -> None:
    """Two clubs of one neighbourhood never share a name (people find them by it)."""
    same = Club.objects.filter(
        neighbourhood=neighbourhood, organisation__name__iexact=name.strip()
    ).exclude(state=State.REMOVED)
    if club is not None:
        same = same.exclude(pk=club.pk)
    if same.exists():
        raise ValidationError(
            {"name": _("There is a club with this name already. Choose another name.")}
        )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "club"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _store_logo(organisation: Organisation, upload) -> None:
    """Through the one photo pipeline: decoded, metadata stripped, re-encoded, sized."""
    variant = process_image(upload, LOGO_SIZE)["logo"]
    if organisation.logo:
        organisation.logo.delete(save=False)
    organisation.logo.save(variant.file.name, variant.file, save=False)


# --- the club ----------------------------------------------------------------------------------


@transaction.atomic
def club_create(
    *,
    creator,
    neighbourhood,
    kind: str,
    pitch: str,
    name: str = "",
    description: str = "",
    meets_where: str = "",
    meets_when: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    contact_audience: str = Audience.MEMBERS,
    join_policy: str = JoinPolicy.OPEN,
    photos: list | None = None,
    alt_text: str = "",
    logo=None,
    organisation: Organisation | None = None,
    created_at: datetime | None = None,
) -> Club:
    """Start a club page; the creator is its first board member.

    Without ``organisation`` a new organisation (kind ``club`` or ``initiative``) is made,
    active in the neighbourhood, with the name, a unique slug and the contact. With an
    existing ``organisation`` (a club or initiative of this neighbourhood that the creator works
    for and that has no page yet) the page is linked to it and all of its staff become board
    members."""
    ratelimit.check("listing", user=creator)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose what kind of club it is.")})
    if not _is_neighbour(creator, neighbourhood):
        raise ValidationError(_("Only neighbours of this neighbourhood can start a club."))
    now = created_at or timezone.now()
    if organisation is not None:
        if (
            organisation.kind not in LINKABLE_KINDS
            or not organisation.neighbourhoods.filter(pk=neighbourhood.pk).exists()
        ):
            raise ValidationError(
                {"organisation": _("Choose a club or initiative of this neighbourhood.")}
            )
        with scopes_disabled():  # a page in another neighbourhood counts too (one per org)
            taken = Club.objects.filter(organisation=organisation).exists()
        if taken:
            raise ValidationError({"organisation": _("This organisation has a page already.")})
        if not organisation.staff.filter(pk=creator.pk).exists():
            raise ValidationError(
                {"organisation": _("You can only make a page for an organisation you work for.")}
            )
        organisation.kind = ORGANISATION_KIND[kind]
        for field, value in (("email", email), ("phone", phone), ("website", website)):
            if value.strip():
                setattr(organisation, field, value.strip())
        renamed = bool(name.strip()) and name.strip() != organisation.name
        if renamed:
            organisation.name = name.strip()
        _check_name(organisation.name, neighbourhood=neighbourhood)
        board = set(organisation.staff.values_list("pk", flat=True)) | {creator.pk}
    else:
        if not name.strip():
            raise ValidationError({"name": _("Write the name of the club.")})
        _check_name(name, neighbourhood=neighbourhood)
        organisation = Organisation(
            name=name.strip(),
            slug=_unique_slug(name),
            kind=ORGANISATION_KIND[kind],
            description_nl=pitch.strip(),
            email=email.strip(),
            phone=phone.strip(),
            website=website.strip(),
        )
        board = {creator.pk}
        renamed = False
    if logo is not None:
        _store_logo(organisation, logo)
    owns = organisation.pk is None
    organisation.save()
    if owns:
        organisation.neighbourhoods.add(neighbourhood)
    club = Club.objects.create(
        neighbourhood=neighbourhood,
        organisation=organisation,
        kind=kind,
        pitch=pitch.strip(),
        description=description.strip(),
        description_html=render_markdown(description),
        meets_where=meets_where.strip(),
        meets_when=meets_when.strip(),
        contact_audience=contact_audience,
        join_policy=join_policy,
        owns_organisation=owns,
        created_by=creator,
        created_at=now,
    )
    ClubMember.objects.bulk_create(
        ClubMember(
            neighbourhood=neighbourhood,
            club=club,
            user_id=user_id,
            role=Role.BOARD,
            status=Status.ACTIVE,
            requested_at=now,
            joined_at=now,
        )
        for user_id in sorted(board)
    )
    attach_photos(owner=club, uploads=photos, alt_texts=alt_text)
    _sync_board(club, creator)
    if renamed:  # its activities, vacancies and services carry the name too
        search.organisation_renamed(organisation)
    else:
        index_for_search(club)
    return club


@transaction.atomic
def club_update(
    *,
    actor,
    club: Club,
    name: str,
    kind: str,
    pitch: str,
    description: str = "",
    meets_where: str = "",
    meets_when: str = "",
    email: str = "",
    phone: str = "",
    website: str = "",
    contact_audience: str = Audience.MEMBERS,
    join_policy: str = JoinPolicy.OPEN,
    remove_photo_ids: list[int] | None = None,
    photos: list | None = None,
    alt_text: str = "",
    logo=None,
    remove_logo: bool = False,
) -> Club:
    """The board changes the page. The address (slug) stays, so links keep working."""
    _require_board(club, actor)
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose what kind of club it is.")})
    if not name.strip():
        raise ValidationError({"name": _("Write the name of the club.")})
    _check_name(name, neighbourhood=club.neighbourhood, club=club)
    organisation = club.organisation
    renamed = organisation.name != name.strip()
    organisation.name = name.strip()
    organisation.kind = ORGANISATION_KIND[kind]
    organisation.email, organisation.phone = email.strip(), phone.strip()
    organisation.website = website.strip()
    if club.owns_organisation:
        organisation.description_nl = pitch.strip()
    if logo is not None:
        _store_logo(organisation, logo)
    elif remove_logo and organisation.logo:
        organisation.logo.delete(save=False)
        organisation.logo = ""
    organisation.save()
    club.kind = kind
    club.pitch = pitch.strip()
    club.description = description.strip()
    club.description_html = render_markdown(description)
    club.meets_where, club.meets_when = meets_where.strip(), meets_when.strip()
    club.contact_audience = contact_audience
    club.join_policy = join_policy
    club.edited_at = timezone.now()
    club.save()
    if renamed:  # its activities, vacancies and services carry the name too
        search.organisation_renamed(organisation)
    else:
        index_for_search(club)
    if remove_photo_ids:
        remove_photos(owner=club, ids=remove_photo_ids)
    attach_photos(owner=club, uploads=photos, alt_texts=alt_text)
    _changed(club)
    return club


def members_text_update(*, actor, club: Club, text: str) -> Club:
    """The members-only information (training times, the WhatsApp group, the key holder)."""
    _require_board(club, actor)
    club.members_text = text.strip()
    club.members_text_html = render_markdown(text)
    club.save(update_fields=["members_text", "members_text_html"])
    return club


@transaction.atomic
def club_moderate(*, actor, club: Club, state: str) -> Club:
    """A buurtverbinder hides a club (off the list, the page only for its board and the
    buurtverbinders), shows it again, or removes it (gone for everyone). Audit-logged. A removed
    club's own organisation is no longer active in the neighbourhood, so nobody acts for it
    here; an existing organisation that was linked stays as it was."""
    if state not in State.values:
        raise ValidationError(_("Choose what to do with the club."))
    if club.state == State.REMOVED:
        raise ValidationError(_("This club has been removed already."))
    if state == club.state:
        return club
    previous, club.state = club.state, state
    club.save(update_fields=["state"])
    if state == State.REMOVED and club.owns_organisation:
        club.organisation.neighbourhoods.remove(club.neighbourhood_id)
    verb = {State.HIDDEN: "hide", State.ACTIVE: "show", State.REMOVED: "remove"}[state]
    log_action(actor=actor, action=f"clubs.club.{verb}", target=club, data={"from": previous})
    _forget(actor)
    _changed(club)
    return club


# --- joining and leaving -----------------------------------------------------------------------


def _schedule_request_checks(member: ClubMember) -> None:
    from buurtplein.clubs import tasks

    pk, asked = member.pk, member.requested_at

    def schedule():
        enqueue_later(tasks.check_request, asked + timedelta(days=REQUEST_REMIND_DAYS), pk)
        enqueue_later(tasks.check_request, asked + timedelta(days=REQUEST_LAPSE_DAYS), pk)

    transaction.on_commit(schedule)


@transaction.atomic
def member_join(*, club: Club, user, note: str = "", now: datetime | None = None) -> ClubMember:
    """Join an open club (one tap: a member at once) or ask to join one "on request" (with a
    note to the board, who get an e-mail)."""
    if not club.is_active:
        raise ValidationError(_("This club cannot be joined now."))
    if not _is_neighbour(user, club.neighbourhood):
        raise ValidationError(_("Only neighbours of this neighbourhood can join."))
    existing = ClubMember.objects.filter(club=club, user=user).first()
    if existing is not None:
        if existing.is_active:
            raise ValidationError(_("You are a member already."))
        raise ValidationError(_("You asked to join already. The board will answer soon."))
    now = now or timezone.now()
    if club.join_policy == JoinPolicy.OPEN:
        member = ClubMember.objects.create(
            neighbourhood_id=club.neighbourhood_id,
            club=club,
            user=user,
            status=Status.ACTIVE,
            requested_at=now,
            joined_at=now,
        )
    else:
        member = ClubMember.objects.create(
            neighbourhood_id=club.neighbourhood_id,
            club=club,
            user=user,
            status=Status.PENDING,
            note=note.strip(),
            requested_at=now,
        )
        from buurtplein.clubs import tasks

        pk = member.pk
        transaction.on_commit(lambda: tasks.notify_request.enqueue(pk))
        _schedule_request_checks(member)
    _sync_board(club, user)
    return member


@transaction.atomic
def request_answer(*, actor, member: ClubMember, approve: bool) -> ClubMember | None:
    """The board says yes (a member from now on) or no (the request goes); the person hears it
    by e-mail in their own language."""
    club = member.club
    _require_board(club, actor)
    if not member.is_pending:
        raise ValidationError(_("This request has been answered already."))
    from buurtplein.clubs import tasks

    club_id, user_id = club.pk, member.user_id
    # Conditional, so two board members answering at once cannot both act on it.
    pending = ClubMember.objects.filter(pk=member.pk, status=Status.PENDING)
    if approve:
        now = timezone.now()
        answered = pending.update(status=Status.ACTIVE, joined_at=now)
        member.status, member.joined_at = Status.ACTIVE, now
    else:
        answered, _rows = pending.delete()
        member = None
    if not answered:
        raise ValidationError(_("This request has been answered already."))
    transaction.on_commit(lambda: tasks.notify_answer.enqueue(club_id, user_id, approve))
    _sync_board(club, actor)
    return member


@transaction.atomic
def member_leave(*, member: ClubMember, successor: ClubMember | None = None) -> None:
    """Leave the club (or take back a request). The last board member names a successor, who
    becomes board first."""
    club = member.club
    if member.is_board and _other_board_members(member) == 0:
        if successor is None:
            raise ValidationError(
                {
                    "successor": _(
                        "You are the only board member. Choose who takes over from you "
                        "before you leave."
                    )
                }
            )
        if successor.club_id != club.pk or not successor.is_active or successor.pk == member.pk:
            raise ValidationError({"successor": _("Choose a member of this club.")})
        successor.role = Role.BOARD
        successor.save(update_fields=["role"])
    _end(member)
    _sync_board(club, member.user)


def _end(member: ClubMember) -> None:
    """A membership ends: the row goes, and for the reports' figures a ``ClubMemberEnd``
    keeps, without the person, when it began and ended (``clubs.counts``)."""
    if member.is_active and member.joined_at is not None:
        ClubMemberEnd.objects.create(
            neighbourhood_id=member.neighbourhood_id,
            club_id=member.club_id,
            joined_at=member.joined_at,
        )
    member.delete()


@transaction.atomic
def member_set_role(*, actor, member: ClubMember, role: str) -> ClubMember:
    """The board makes a member board, or a board member an ordinary member again (also
    themselves: stepping down). The last board member cannot step down. Audit-logged."""
    club = member.club
    _require_board(club, actor)
    if role not in Role.values:
        raise ValidationError(_("Choose board or member."))
    if not member.is_active:
        raise ValidationError(_("Only members can get a role."))
    if member.role == role:
        return member
    if member.role == Role.BOARD and _other_board_members(member) == 0:
        raise ValidationError(
            _(
                "You are the only board member. Make another member board first; then you "
                "can step down."
            )
        )
    member.role = role
    member.save(update_fields=["role"])
    log_action(
        actor=actor,
        action="clubs.member.role",
        target=club,
        data={"user": member.user_id, "role": role},
    )
    _sync_board(club, actor, member.user)
    return member


@transaction.atomic
def member_remove(*, actor, member: ClubMember) -> None:
    """The board takes someone off the member list (not themselves: they leave). The person
    hears it by e-mail. Audit-logged."""
    club = member.club
    _require_board(club, actor)
    if member.user_id == actor.pk:
        raise ValidationError(_("You cannot remove yourself. Leave the club instead."))
    if not member.is_active:
        raise ValidationError(_("Answer a request to join with yes or no."))
    from buurtplein.clubs import tasks

    club_id, user_id = club.pk, member.user_id
    _end(member)
    log_action(actor=actor, action="clubs.member.remove", target=club, data={"user": user_id})
    transaction.on_commit(lambda: tasks.notify_removed.enqueue(club_id, user_id))
    _sync_board(club, actor, member.user)


def membership_update(*, member: ClubMember, show_email: bool, phone: str) -> ClubMember:
    """What a member shows to the other members of the club."""
    member.show_email = bool(show_email)
    member.phone = phone.strip()
    member.save(update_fields=["show_email", "phone"])
    return member


# --- announcements -----------------------------------------------------------------------------


@transaction.atomic
def announcement_create(*, author, club: Club, title: str, text: str) -> ClubAnnouncement:
    """The board writes to every active member: on the members' page, and by e-mail (sent by a
    task, in each member's own language)."""
    ratelimit.check("listing", user=author)
    _require_board(club, author)
    if not club.is_active:
        raise ValidationError(_("A hidden club cannot send announcements."))
    announcement = ClubAnnouncement.objects.create(
        neighbourhood_id=club.neighbourhood_id,
        club=club,
        author=author,
        title=title.strip(),
        text=text.strip(),
        text_html=render_markdown(text),
    )
    from buurtplein.clubs import tasks

    pk = announcement.pk
    transaction.on_commit(lambda: tasks.send_announcement.enqueue(pk))
    return announcement


def announcement_claim(announcement: ClubAnnouncement, *, now: datetime | None = None) -> bool:
    """Claim the announcement's e-mails for sending: True once, False when it went already
    (two workers, or the task running twice)."""
    now = now or timezone.now()
    claimed = ClubAnnouncement.objects.filter(pk=announcement.pk, sent_at__isnull=True).update(
        sent_at=now
    )
    if claimed:
        announcement.sent_at = now
    return bool(claimed)


def announcement_recipients(announcement: ClubAnnouncement) -> list:
    """Every active member of the club but the writer."""
    return [
        member.user
        for member in ClubMember.objects.filter(club_id=announcement.club_id, status=Status.ACTIVE)
        .exclude(user_id=announcement.author_id)
        .select_related("user")
        .order_by("pk")
    ]


# --- the lifecycle of a request to join ---------------------------------------------------------


def request_check(member: ClubMember, *, now: datetime | None = None) -> str:
    """A request without an answer: after 7 days the board gets one reminder ("reminded"),
    after 30 days it lapses and the person is told ("lapsed"). Returns what happened, "" when
    nothing is due (or it was answered meanwhile): safe to run early, late or twice."""
    from buurtplein.clubs import tasks

    now = now or timezone.now()
    if not member.is_pending:
        return ""
    if member.requested_at + timedelta(days=REQUEST_LAPSE_DAYS) <= now:
        club_id, user_id = member.club_id, member.user_id
        deleted, _count = ClubMember.objects.filter(pk=member.pk, status=Status.PENDING).delete()
        if not deleted:
            return ""
        transaction.on_commit(lambda: tasks.notify_lapsed.enqueue(club_id, user_id))
        _changed(member.club)
        return "lapsed"
    if (
        member.reminded_at is None
        and member.requested_at + timedelta(days=REQUEST_REMIND_DAYS) <= now
    ):
        claimed = ClubMember.objects.filter(
            pk=member.pk, status=Status.PENDING, reminded_at__isnull=True
        ).update(reminded_at=now)
        if claimed:  # once, even when two workers look at the same time
            member.reminded_at = now
            pk = member.pk
            transaction.on_commit(lambda: tasks.remind_board.enqueue(pk))
            return "reminded"
    return ""


def requests_due(*, neighbourhood, now: datetime | None = None) -> dict[str, int]:
    """The daily round for one neighbourhood (the cron safety net calls it for all)."""
    now = now or timezone.now()
    counts = {"reminded": 0, "lapsed": 0}
    due = ClubMember.objects.filter(
        neighbourhood=neighbourhood,
        status=Status.PENDING,
        requested_at__lte=now - timedelta(days=REQUEST_REMIND_DAYS),
    ).select_related("club", "club__neighbourhood")
    for member in due:
        with transaction.atomic():
            what = request_check(member, now=now)
        if what:
            counts[what] += 1
    return counts


# --- forgetting a person -----------------------------------------------------------------------


@transaction.atomic
def erase_person(user) -> None:
    """Account deletion: the person's memberships and requests go (the board stays the
    organisation's staff: when they were the last board member, the longest-standing member
    takes over); their announcements and clubs no longer name them. Scopes disabled by the
    caller."""
    for member in ClubMember.objects.filter(user=user).select_related("club__organisation"):
        club = member.club
        if member.is_board and _other_board_members(member) == 0:
            heir = (
                ClubMember.objects.filter(club=club, status=Status.ACTIVE)
                .exclude(pk=member.pk)
                .order_by("joined_at", "pk")
                .first()
            )
            if heir is not None:
                heir.role = Role.BOARD
                heir.save(update_fields=["role"])
        _end(member)
        _sync_board(club, user)
    ClubAnnouncement.objects.filter(author=user).update(author=None)
    Club.objects.filter(created_by=user).update(created_by=None)


def moderation_hide(*, club: Club, hidden: bool, actor) -> None:
    """The moderation queue hid the club (or showed it again): the club's own ``HIDDEN`` state,
    so its lists and page need no second filter. A removed club stays removed."""
    if club.state == State.REMOVED:
        return
    club_moderate(actor=actor, club=club, state=State.HIDDEN if hidden else State.ACTIVE)
