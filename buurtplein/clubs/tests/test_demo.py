"""The demo of the clubs component, as a person trying it notices (``seed_demo --scale
tiny``): clubs and initiatives in every neighbourhood, the demo resident in the walking group
and waiting for the bridge club, the demo buurtverbinder on the garden's board, information for
members, announcements, posts in a club's name, and the club's activity, vacancy and support
request through the other components."""

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import demo
from buurtplein.clubs.models import Club, ClubAnnouncement, ClubMember, Role, Status
from buurtplein.core.models import Neighbourhood
from buurtplein.demo.generate import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seeded_demo):
    """The tiny demo, seeded once for this module (``seeded_demo`` in the root conftest)."""


def log_in(email):
    client = Client()
    assert client.login(email=email, password=DEMO_PASSWORD)
    return client


def test_every_neighbourhood_has_its_clubs_and_initiatives(seeded):
    with scopes_disabled():
        names = {
            nb.slug: set(
                Club.objects.filter(neighbourhood=nb).values_list("organisation__name", flat=True)
            )
            for nb in Neighbourhood.objects.all()
        }
        clubs = list(Club.objects.select_related("organisation"))
        for club in clubs:  # the board is the organisation's staff, everywhere
            board = set(
                ClubMember.objects.filter(
                    club=club, status=Status.ACTIVE, role=Role.BOARD
                ).values_list("user_id", flat=True)
            )
            assert board and board == set(club.organisation.staff.values_list("pk", flat=True))
            assert club.member_count >= 2 and club.members_text_html
        assert ClubAnnouncement.objects.count() >= 9
    assert {
        "Repair Café Oost",
        "Bridgeclub Oost",
        "Wandelgroep Oost",
        "Buurtmoestuin Javastraat",
        "Buurtkoor Oost Zingt",
        "Studiekring De Nieuwsgierige Buur",
    } <= names["nijmegen-oost"]
    assert {
        "Dorpshuis De Klinkert",
        "Bridgeclub De Klinkert",
        "Wandelgroep Ooijpolder",
        "Dorpstuin Ooij",
        "Gemengd Koor Ooij",
    } <= names["ooij"]
    assert len(names["amersfoort-liendert"]) == 4
    # Running it again adds nothing.
    with scopes_disabled():
        before = Club.objects.count()
        for nb in Neighbourhood.objects.all():
            with scope(neighbourhood=nb):
                demo.seed(nb, [], None)
        assert Club.objects.count() == before


def test_the_demo_log_ins_meet_their_clubs(seeded):
    """Els walks with the walking group and waits for the bridge club, whose board sees her
    request; Karim runs the community garden, with its support request, vacancy, post and
    activity through the other components."""
    client = log_in(demo.DEMO_RESIDENT)
    page = client.get("/b/nijmegen-oost/clubs/").content.decode()
    mine = page.split("Andere clubs")[0]
    assert "Jouw clubs" in mine and "Wandelgroep Oost" in mine and "Bridgeclub Oost" in mine
    assert "Je vroeg om lid te worden" in mine and "Je bent lid" in mine
    walking = client.get("/b/nijmegen-oost/clubs/wandelgroep-oost/members/").content.decode()
    assert "Nieuwe route langs het park" in walking and "WhatsApp-groep" in walking
    bridge = client.get("/b/nijmegen-oost/clubs/bridgeclub-oost/").content.decode()
    assert "Je vroeg op" in bridge
    home = client.get("/b/nijmegen-oost/").content.decode()
    assert "Jouw clubs:" in home and "Wandelgroep Oost" in home

    client = log_in(demo.DEMO_CONNECTOR)
    page = client.get("/b/nijmegen-oost/clubs/buurtmoestuin-javastraat/").content.decode()
    assert "Voor het bestuur" in page and "Je zit in het bestuur van deze club." in page
    assert "Steun voor een gereedschapsschuur" in page  # vraag & aanbod
    assert "Wie helpt op zaterdag in de moestuin?" in page  # volunteering
    assert "Oogstfeest in de buurtmoestuin" in page and "namens" in page  # the square
    assert "Tuinochtend in de buurtmoestuin" in page  # the agenda, every Saturday

    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        club = Club.objects.get(organisation__slug="bridgeclub-oost")
        board = ClubMember.objects.filter(club=club, role=Role.BOARD).select_related("user")[0]
    client = Client()
    client.force_login(board.user)
    page = client.get("/b/nijmegen-oost/clubs/bridgeclub-oost/manage/").content.decode()
    assert "Els B." in page and demo.NOTES[0] in page
    assert (
        "Bridgeavond (met les voor beginners)"
        in client.get("/b/nijmegen-oost/clubs/bridgeclub-oost/").content.decode()
    )
    # Visitors see the existing initiative's page linked from its organisation page.
    page = Client().get("/b/nijmegen-oost/organisations/repair-cafe-oost/").content.decode()
    assert "/b/nijmegen-oost/clubs/repair-cafe-oost/" in page
