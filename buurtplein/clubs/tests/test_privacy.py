"""What the clubs component holds about a person (export), forgetting them (erase) and the
figures it gives reporting."""

import json

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions, privacy
from buurtplein.clubs.models import Club, ClubAnnouncement, ClubMember, JoinPolicy, Role, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.components import get_component

pytestmark = pytest.mark.django_db


def test_export_holds_memberships_requests_clubs_started_and_announcements(nb, anna, bram):
    club = make_club(nb, anna)
    other = make_club(nb, bram, name="Bridgeclub", join_policy=JoinPolicy.REQUEST)
    with scope(neighbourhood=nb):
        actions.member_join(club=other, user=anna, note="Ik speel graag bridge.")
        actions.membership_update(
            member=ClubMember.objects.get(club=club, user=anna), show_email=True, phone="06 1"
        )
        actions.announcement_create(author=anna, club=club, title="Zondag", text="Om 10 uur.")
    data = get_component("clubs").export(anna)
    json.dumps(data)  # it goes into the person's download as JSON
    rows = {row["club"]: row for row in data["club_memberships"]}
    assert rows["Wandelclub Ooij"]["role"] == "board"
    assert rows["Wandelclub Ooij"]["phone_for_members"] == "06 1"
    assert rows["Bridgeclub"]["status"] == "pending"
    assert rows["Bridgeclub"]["note_to_the_board"] == "Ik speel graag bridge."
    assert data["clubs_started"] == ["Wandelclub Ooij"]
    assert data["club_announcements_written"][0]["title"] == "Zondag"
    assert get_component("clubs").export(bram)["club_memberships"][0]["club"] == "Bridgeclub"


def test_erase_forgets_the_person_and_the_club_keeps_a_board(nb, anna, bram, carla):
    club = make_club(nb, anna)
    add_member(club, bram)
    add_member(club, carla)
    with scope(neighbourhood=nb):
        actions.announcement_create(author=anna, club=club, title="Zondag", text="Om 10 uur.")
    get_component("clubs").erase(anna)
    with scopes_disabled():
        assert not ClubMember.objects.filter(user=anna).exists()
        club = Club.objects.select_related("organisation").get(pk=club.pk)
        assert club.created_by is None
        assert ClubAnnouncement.objects.get().author is None
        heir = ClubMember.objects.get(club=club, role=Role.BOARD)
        assert heir.user == bram  # the longest-standing member
        assert list(club.organisation.staff.all()) == [bram]
    assert club.member_count == 2
    assert privacy.export(anna) == {
        "club_memberships": [],
        "clubs_started": [],
        "club_announcements_written": [],
        "photos_of_clubs_you_started": [],
        "files": [],
    }


def test_stats_count_clubs_initiatives_members_requests_and_announcements(
    nb, other_nb, anna, bram, carla, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna)
    garden = make_club(nb, bram, name="Dorpstuin", kind="initiative", join_policy="request")
    add_member(club, bram)
    add_member(garden, carla, status=Status.PENDING)
    make_club(other_nb, name="Elders")
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.announcement_create(author=anna, club=club, title="Zondag", text="Om 10 uur.")
    assert get_component("clubs").stats(nb) == {
        "clubs_active": 1,
        "initiatives_active": 1,
        "club_memberships": 3,
        "club_members_people": 2,
        "club_requests_waiting": 1,
        "club_announcements_sent": 1,
        "club_announcement_emails": 1,
    }
