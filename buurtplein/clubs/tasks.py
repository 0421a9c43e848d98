"""Background work of the clubs component. Tasks take ids, reload, and re-enter the
neighbourhood's scope. Each one may run more than once, late, or (with a backend that cannot
wait) early: it checks again whether there is anything to do."""

from __future__ import annotations

from django.tasks import task
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import User
from buurtplein.clubs import actions
from buurtplein.clubs.models import Club, ClubAnnouncement, ClubMember, Role, Status
from buurtplein.core.tasks import claim_once, load, send_to


def _board(club: Club) -> list:
    return [
        member.user
        for member in ClubMember.objects.filter(club=club, status=Status.ACTIVE, role=Role.BOARD)
        .select_related("user")
        .order_by("pk")
    ]


def _person(user_id: int):
    with scopes_disabled():
        return User.objects.filter(pk=user_id, is_active=True).first()


@task
def notify_request(member_id: int) -> int:
    """Someone asked to join: every board member hears it, with the note and a link."""
    member = load(ClubMember, member_id, "club", "club__organisation", "user")
    if member is None or not member.is_pending:
        return 0
    with scope(neighbourhood=member.neighbourhood):
        board = _board(member.club)
        for person in board:
            send_to(person, "clubs/email/join_request", {"member": member, "club": member.club})
    return len(board)


@task
def check_request(member_id: int) -> str:
    """Planned 7 and 30 days after someone asked: remind the board once, or let it lapse."""
    member = load(ClubMember, member_id, "club")
    if member is None:
        return ""
    with scope(neighbourhood=member.neighbourhood):
        return actions.request_check(member)


@task
def remind_board(member_id: int) -> int:
    member = load(ClubMember, member_id, "club", "club__organisation", "user")
    if member is None or not member.is_pending or member.reminded_at is None:
        return 0
    with scope(neighbourhood=member.neighbourhood):
        board = _board(member.club)
        for person in board:
            send_to(person, "clubs/email/request_reminder", {"member": member, "club": member.club})
    return len(board)


def _tell(club_id: int, user_id: int, template: str, **context) -> bool:
    club = load(Club, club_id, "organisation")
    person = _person(user_id)
    if club is None or person is None:
        return False
    with scope(neighbourhood=club.neighbourhood):
        send_to(person, f"clubs/email/{template}", {"club": club, **context})
    return True


@task
def notify_answer(club_id: int, user_id: int, approved: bool) -> bool:
    """The person who asked hears the board's answer (only when it still holds)."""
    with scopes_disabled():
        member = ClubMember.objects.filter(club_id=club_id, user_id=user_id).first()
    if approved and (member is None or not member.is_active):
        return False
    if not approved and member is not None:
        return False  # asked again meanwhile, or was let in after all
    return _tell(club_id, user_id, "join_approved" if approved else "join_declined")


@task
def notify_lapsed(club_id: int, user_id: int) -> bool:
    with scopes_disabled():
        if ClubMember.objects.filter(club_id=club_id, user_id=user_id).exists():
            return False
    return _tell(club_id, user_id, "request_lapsed")


@task
def notify_removed(club_id: int, user_id: int) -> bool:
    with scopes_disabled():
        if ClubMember.objects.filter(club_id=club_id, user_id=user_id).exists():
            return False
    return _tell(club_id, user_id, "member_removed")


@task
def send_announcement(announcement_id: int) -> int:
    """E-mail an announcement to every active member (not the writer), each in their own
    language. Claimed once: a second run sends nothing."""
    announcement = load(ClubAnnouncement, announcement_id, "club", "club__organisation", "author")
    if announcement is None:
        return 0
    with scope(neighbourhood=announcement.neighbourhood):
        if not claim_once(
            f"announcement:{announcement.pk}", lambda: actions.announcement_claim(announcement)
        ):
            return 0
        people = actions.announcement_recipients(announcement)
        for person in people:
            send_to(
                person,
                "clubs/email/announcement",
                {"announcement": announcement, "club": announcement.club},
            )
        ClubAnnouncement.objects.filter(pk=announcement.pk).update(recipient_count=len(people))
    return len(people)
