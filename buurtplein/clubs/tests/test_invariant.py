"""The board of a club is exactly the staff of its organisation: the other components let staff
act for the club (plan its activities, ask for support or volunteers, post in its name), so
every action that changes who is (on the) board must keep the two equal."""

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import Organisation
from buurtplein.accounts.selectors import staff_org_ids
from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.clubs import actions, privacy, selectors
from buurtplein.clubs.models import Club, ClubMember, JoinPolicy, Role, Status
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db


def board_equals_staff(club: Club) -> set[int]:
    """The active board members' ids, after checking they are the organisation's staff and
    that the member count is right."""
    with scopes_disabled():
        club = Club.objects.select_related("organisation").get(pk=club.pk)
        members = ClubMember.objects.filter(club=club, status=Status.ACTIVE)
        board = set(members.filter(role=Role.BOARD).values_list("user_id", flat=True))
        staff = set(club.organisation.staff.values_list("pk", flat=True))
        assert board == staff, f"board {board} != staff {staff}"
        assert club.member_count == members.count()
    return board


def test_every_action_keeps_the_board_equal_to_the_staff(nb, anna, bram, carla, connector):
    """Walk every action that changes members: create, join (open), ask (on request),
    approve, decline, make board, step down, remove, leave with a successor, erase."""
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    assert board_equals_staff(club) == {anna.pk}
    dirk = member(nb, first_name="Dirk")
    with scope(neighbourhood=nb):
        asked = actions.member_join(club=club, user=bram, note="Ik loop graag.")
        assert board_equals_staff(club) == {anna.pk}
        actions.request_answer(actor=anna, member=asked, approve=True)
        assert board_equals_staff(club) == {anna.pk}
        declined = actions.member_join(club=club, user=dirk)
        actions.request_answer(actor=anna, member=declined, approve=False)
        assert board_equals_staff(club) == {anna.pk}
        club.join_policy = JoinPolicy.OPEN
        carla_row = actions.member_join(club=club, user=carla)
        bram_row = ClubMember.objects.get(club=club, user=bram)
        actions.member_set_role(actor=anna, member=bram_row, role=Role.BOARD)
        assert board_equals_staff(club) == {anna.pk, bram.pk}
        actions.member_set_role(actor=anna, member=carla_row, role=Role.BOARD)
        assert board_equals_staff(club) == {anna.pk, bram.pk, carla.pk}
        anna_row = ClubMember.objects.get(club=club, user=anna)
        actions.member_set_role(actor=anna, member=anna_row, role=Role.MEMBER)  # steps down
        assert board_equals_staff(club) == {bram.pk, carla.pk}
        actions.member_remove(actor=bram, member=ClubMember.objects.get(club=club, user=carla))
        assert board_equals_staff(club) == {bram.pk}
        actions.member_leave(
            member=ClubMember.objects.get(club=club, user=bram),
            successor=ClubMember.objects.get(club=club, user=anna),
        )
        assert board_equals_staff(club) == {anna.pk}
        actions.member_join(club=club, user=connector)
        actions.member_join(club=club, user=dirk)
    privacy.erase(anna)  # the last board member's account goes: the longest member takes over
    assert board_equals_staff(club) == {connector.pk}


def test_a_board_member_acts_for_the_club_elsewhere_and_loses_it_on_leaving(nb, anna, bram):
    club = make_club(nb, anna)
    with scope(neighbourhood=nb):
        row = actions.member_join(club=club, user=bram)
        actions.member_set_role(actor=anna, member=row, role=Role.BOARD)
    viewer = Viewer(user=bram, neighbourhood=nb, membership=None)
    assert club.organisation_id in staff_org_ids(viewer)
    with scope(neighbourhood=nb):
        # As the leave page does: the viewer's own membership, read through the selector.
        actions.member_leave(member=selectors.membership_in(viewer, club))
        # The caches of who acts for what on the viewer's user object are dropped.
        assert selectors.membership_in(viewer, club) is None
    assert club.organisation_id not in staff_org_ids(viewer)


def test_linking_an_existing_initiative_makes_its_staff_the_board(nb, anna, bram):
    repair = OrganisationFactory(
        name="Repair Café Oost", slug="repair-cafe-oost", kind="initiative"
    )
    repair.neighbourhoods.add(nb)
    repair.staff.add(anna, bram)
    with scope(neighbourhood=nb):
        club = actions.club_create(
            creator=anna,
            neighbourhood=nb,
            organisation=repair,
            kind="initiative",
            pitch="Elke eerste zaterdag repareren we samen.",
        )
    assert club.organisation == repair and not club.owns_organisation
    assert board_equals_staff(club) == {anna.pk, bram.pk}
    assert club.member_count == 2
    with scopes_disabled():
        assert Organisation.objects.get(pk=repair.pk).name == "Repair Café Oost"


@pytest.mark.parametrize(
    ("kind", "staff", "message"),
    [
        ("business", True, "Kies een club of initiatief uit deze buurt."),
        ("initiative", False, "Je kunt alleen een pagina maken voor een organisatie"),
    ],
)
def test_only_your_own_club_or_initiative_can_be_linked(nb, anna, kind, staff, message):
    from django.core.exceptions import ValidationError

    organisation = OrganisationFactory(kind=kind)
    organisation.neighbourhoods.add(nb)
    if staff:
        organisation.staff.add(anna)
    with scope(neighbourhood=nb), pytest.raises(ValidationError) as refused:
        actions.club_create(
            creator=anna, neighbourhood=nb, organisation=organisation, kind="club", pitch="Hoi"
        )
    assert message in " ".join(refused.value.messages)
    with scopes_disabled():
        assert not Club.objects.exists()


def test_the_admin_shows_a_clubs_staff_but_leaves_the_board_to_the_club(client, nb, anna, bram):
    """The Django admin could otherwise make someone staff (acting for the club everywhere)
    without being on its board, or the reverse."""
    from buurtplein.accounts.tests.factories import UserFactory

    club = make_club(nb, anna)
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/accounts/organisation/{club.organisation_id}/change/")
    assert page.status_code == 200
    assert 'name="staff"' not in page.content.decode()  # shown, not editable
    assert (
        'name="staff"'
        in client.get(f"/admin/accounts/organisation/{welfare.pk}/change/").content.decode()
    )
    form = {
        "name": club.organisation.name,
        "slug": club.organisation.slug,
        "kind": club.organisation.kind,
        "staff": [bram.pk],  # ignored: the field is read-only here
    }
    assert (
        client.post(f"/admin/accounts/organisation/{club.organisation_id}/change/", form)
    ).status_code == 302
    assert board_equals_staff(club) == {anna.pk}
