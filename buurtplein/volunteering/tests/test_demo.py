"""The demo of volunteering, as a person trying it notices: vacancies of the welfare
organisation and the local initiative in every neighbourhood; a match that both sides
confirmed; the demo professional has responses to answer and a follow-up to give; the demo
resident responded once and gets a suggestion that fits her profile."""

import re

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Neighbourhood, Role
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.volunteering.models import Response, ResponseState, State, Vacancy
from buurtplein.volunteering.privacy import stats

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The tiny demo, seeded once for this module (``seeded_demo`` in the root conftest)."""


def log_in(role):
    email = next(login[0] for login in DEMO_LOGINS if login[3] == role)
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def test_every_neighbourhood_has_vacancies_of_its_organisations_and_a_match(demo):
    expected = {
        "nijmegen-oost": {"Sterker Welzijn", "Repair Café Oost"},
        "amersfoort-liendert": {"Buurtkracht Amersfoort"},
        "ooij": {"Sterker Welzijn", "Dorpshuis De Klinkert"},
    }
    with scopes_disabled():
        neighbourhoods = list(Neighbourhood.objects.all())
    assert {nb.slug for nb in neighbourhoods} == set(expected)
    for nb in neighbourhoods:
        with scope(neighbourhood=nb):
            vacancies = list(Vacancy.objects.select_related("organisation"))
            titles = {v.title for v in vacancies}
            assert {
                "Maatje voor een oudere buurvrouw",
                "Taalmaatje",
                "Chauffeur voor de boodschappenbus",
                "Gastvrouw of gastheer in het buurthuis",
                "Hulp bij de computerinloop",
                "Kok voor de buurtmaaltijd",
                "Eenmalig: helpen bij de opschoondag",
            } <= titles, nb.slug
            # (clubs add vacancies of their own organisations too)
            assert expected[nb.slug] <= {v.organisation.name for v in vacancies}
            assert any(v.time_kind == "one_off" for v in vacancies)
            assert Response.objects.filter(state=ResponseState.NEW).exists()
        figures = stats(nb)
        assert figures["volunteering_matches_both"] >= 1, nb.slug
        assert figures["volunteering_accepted"] >= 2
        assert figures["volunteering_open"] >= 5


def test_visitors_find_the_public_vacancies(demo):
    page = Client().get("/b/ooij/volunteer/").content.decode()
    assert "Eenmalig: helpen bij de opschoondag" in page
    assert "Dorpshuis De Klinkert, Dorpsstraat 40" in page
    assert "Maatje voor een oudere buurvrouw" not in page  # for neighbours only


def test_the_demo_professional_has_responses_a_follow_up_and_a_renewal_waiting(demo):
    client = log_in(Role.PROFESSIONAL)
    ours = client.get("/b/nijmegen-oost/volunteer/ours/").content.decode()
    assert "Kok voor de buurtmaaltijd" in ours and '<span class="badge">' in ours
    assert "Heeft het geleid tot vrijwilligerswerk?" in ours  # the language buddy, a month on
    assert "Verlengen" in ours  # Taalmaatje ends within the week
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        cook = Vacancy.objects.get(title="Kok voor de buurtmaaltijd")
        driver = Vacancy.objects.get(title="Chauffeur voor de boodschappenbus")
    assert cook.contact.email == "demo-professional@buurtplein.nl"
    responses = client.get(f"/b/nijmegen-oost/volunteer/{cook.pk}/responses/").content.decode()
    assert responses.count("accepteren</span>") >= 1 and "Vriendelijk afwijzen" in responses
    assert driver.state == State.FILLED
    driven = client.get(f"/b/nijmegen-oost/volunteer/{driver.pk}/responses/").content.decode()
    assert "Navraag: je organisatie antwoordde “Ja”." in driven
    # The conversation a response opened is in her messages.
    assert "Kok voor de buurtmaaltijd" in client.get("/b/nijmegen-oost/messages/").content.decode()


def test_the_demo_resident_responded_once_and_gets_a_fitting_suggestion(demo):
    client = log_in(Role.RESIDENT)
    mine = client.get("/b/nijmegen-oost/volunteer/mine/").content.decode()
    assert "Gastvrouw of gastheer in het buurthuis" in mine and "Wacht op antwoord" in mine
    page = client.get("/b/nijmegen-oost/volunteer/").content.decode()
    part = page.split('id="vo-suggested-title"', 1)[1].split("</section>", 1)[0]
    assert re.search(r'id="vo-title-s\d+"', part)
    assert re.search(r"Past bij je (vaardigheid|interesse) \w", part)
    # The home shows the three newest open vacancies (which ones depends on the day the demo
    # was seeded: its year of history moves a vacancy back to before its first response).
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        newest = list(
            Vacancy.objects.filter(state=State.OPEN)
            .order_by("-created_at", "-id")
            .values_list("title", flat=True)[:3]
        )
    home = client.get("/b/nijmegen-oost/").content.decode()
    block = home.split('id="vo-home-title"', 1)[1].split("</section>", 1)[0]
    assert ">Vrijwilligerswerk<" in block and len(newest) == 3
    assert [title for title in newest if title in block] == newest


def test_seeding_twice_adds_nothing(demo):
    from buurtplein.accounts.models import User
    from buurtplein.volunteering import demo as volunteering_demo

    nb = Neighbourhood.objects.get(slug="ooij")
    with scope(neighbourhood=nb):
        before = Vacancy.objects.count()
        members = list(User.objects.filter(memberships__neighbourhood=nb))
        import random

        volunteering_demo.seed(nb, members, random.Random(1))
        assert Vacancy.objects.count() == before
