"""What the clubs component holds about a person (data export, AVG/GDPR article 15),
forgetting them (account deletion), and the figures it contributes to reporting."""

from django.db.models import Count, Q, Sum
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions
from buurtplein.clubs.models import (
    Club,
    ClubAnnouncement,
    ClubMember,
    ClubPhoto,
    Kind,
    State,
    Status,
)
from buurtplein.core.photos import EXPORT_FILES, export_name


def export(user) -> dict:
    with scopes_disabled():
        memberships = [
            {
                "neighbourhood": member.neighbourhood.name,
                "club": member.club.organisation.name,
                "role": member.role,
                "status": member.status,
                "note_to_the_board": member.note,
                "show_email_to_members": member.show_email,
                "phone_for_members": member.phone,
                "asked_at": member.requested_at.isoformat(),
                "joined_at": member.joined_at.isoformat() if member.joined_at else None,
            }
            for member in ClubMember.objects.filter(user=user)
            .select_related("neighbourhood", "club__organisation")
            .order_by("pk")
        ]
        started = list(
            Club.objects.filter(created_by=user)
            .order_by("pk")
            .values_list("organisation__name", flat=True)
        )
        announcements = [
            {
                "club": a.club.organisation.name,
                "title": a.title,
                "text": a.text,
                "created_at": a.created_at.isoformat(),
            }
            for a in ClubAnnouncement.objects.filter(author=user)
            .select_related("club__organisation")
            .order_by("pk")
        ]
        # Who added a club's photo is not kept: the photos of the clubs the person started.
        photos = list(
            ClubPhoto.objects.filter(club__created_by=user)
            .select_related("club__organisation")
            .order_by("club_id", "position", "pk")
        )
    return {
        "club_memberships": memberships,
        "clubs_started": started,
        "club_announcements_written": announcements,
        "photos_of_clubs_you_started": [
            {
                "club": photo.club.organisation.name,
                "file": export_name(photo.large),
                "description": photo.alt_text,
            }
            for photo in photos
        ],
        EXPORT_FILES: [photo.large.name for photo in photos],
    }


def erase(user) -> None:
    """Forget a person: memberships and requests go (a club never loses its last board member
    while it has members: the longest-standing member takes over); clubs they started and
    announcements they wrote stay, without their name."""
    with scopes_disabled():
        actions.erase_person(user)


def stats(neighbourhood) -> dict:
    """Figures for reporting (a few aggregate queries)."""
    with scope(neighbourhood=neighbourhood):
        clubs = Club.objects.filter(neighbourhood=neighbourhood, state=State.ACTIVE).aggregate(
            clubs=Count("id", filter=~Q(kind=Kind.INITIATIVE)),
            initiatives=Count("id", filter=Q(kind=Kind.INITIATIVE)),
            members=Sum("member_count"),
        )
        people = (
            ClubMember.objects.filter(
                neighbourhood=neighbourhood, status=Status.ACTIVE, club__state=State.ACTIVE
            )
            .values("user_id")
            .distinct()
            .count()
        )
        waiting = ClubMember.objects.filter(
            neighbourhood=neighbourhood, status=Status.PENDING
        ).count()
        sent = ClubAnnouncement.objects.filter(
            neighbourhood=neighbourhood, sent_at__isnull=False
        ).aggregate(n=Count("id"), reached=Sum("recipient_count"))
    return {
        "clubs_active": clubs["clubs"],
        "initiatives_active": clubs["initiatives"],
        "club_memberships": clubs["members"] or 0,
        "club_members_people": people,
        "club_requests_waiting": waiting,
        "club_announcements_sent": sent["n"],
        "club_announcement_emails": sent["reached"] or 0,
    }
