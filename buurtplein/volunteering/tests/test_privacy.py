"""What volunteering holds about a person (export), forgetting them (erase), and the figures it
reports — with the definition of a confirmed match."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.volunteering import actions
from buurtplein.volunteering.models import Response, ResponseState, State, Vacancy
from buurtplein.volunteering.privacy import erase, export, stats
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory, post, reload

pytestmark = pytest.mark.django_db


def test_export_has_the_responses_and_the_vacancies_of_a_person(nb, sanne, welfare, els):
    vacancy = post(nb, sanne, welfare, title="Taalmaatje")
    with scope(neighbourhood=nb):
        response = actions.response_create(vacancy=vacancy, person=els, message="Ik wil graag!")
        actions.response_accept(actor=sanne, response=response)
    data = export(els)
    [mine] = data["volunteering_responses"]
    assert mine["vacancy"] == "Taalmaatje" and mine["organisation"] == "Sterker Welzijn"
    assert mine["message"] == "Ik wil graag!" and mine["state"] == "accepted"
    assert mine["accepted_at"] is not None
    assert data["volunteering_vacancies"] == []
    [posted] = export(sanne)["volunteering_vacancies"]
    assert posted["title"] == "Taalmaatje" and posted["you_are_the_contact"]
    [answered] = export(sanne)["volunteering_responses_you_answered_for_an_organisation"]
    assert (answered["vacancy"], answered["state"]) == ("Taalmaatje", "accepted")
    assert "Ik wil graag!" not in str(export(sanne))  # the volunteer's own words are theirs


def test_erase_forgets_the_volunteer_and_hands_a_contacts_vacancies_over(
    nb, sanne, jeroen, welfare, els
):
    mine = post(nb, sanne, welfare, title="Maatje", contact=jeroen)
    lonely = post(nb, jeroen, welfare, title="Gastheer")
    with scope(neighbourhood=nb):
        actions.response_create(vacancy=mine, person=els, message="Graag")
    erase(els)
    with scopes_disabled():
        assert not Response.objects.filter(person=els).exists()
    assert export(els)["volunteering_responses"] == []
    # Jeroen leaves: Sanne (who posted "Maatje") takes over; "Gastheer" goes to a colleague
    # who is a member here; with nobody left, a vacancy closes.
    erase(jeroen)
    jeroen.delete()  # what account deletion does after the components forgot the person
    assert reload(nb, mine).contact == sanne
    assert reload(nb, lonely).contact == sanne  # the other staff member here
    erase(sanne)
    assert reload(nb, lonely).contact is None and lonely.state == State.CLOSED
    assert reload(nb, mine).contact is None and mine.state == State.CLOSED
    assert mine.posted_by is None


def answered(vacancy, volunteer, organisation, state=ResponseState.ACCEPTED):
    return ResponseFactory(
        vacancy=vacancy,
        state=state,
        accepted_at=timezone.now() - timedelta(days=40),
        volunteer_answer=volunteer,
        organisation_answer=organisation,
    )


def test_the_figures_and_what_counts_as_a_match(nb, other_nb, welfare):
    vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare)
    VacancyFactory(neighbourhood=nb, organisation=welfare, state=State.FILLED)
    answered(vacancy, "yes", "yes")  # both: a match, confirmed by both
    answered(vacancy, "partly", "")  # one side, the other silent: a match
    answered(vacancy, "", "yes")  # the organisation alone: a match
    answered(vacancy, "partly", "yes")  # both (partly counts): a match by both
    answered(vacancy, "yes", "no")  # they disagree: no match
    answered(vacancy, "no", "")  # no
    answered(vacancy, "", "")  # accepted, nobody answered yet
    answered(vacancy, "yes", "", state=ResponseState.WITHDRAWN)  # withdrew later: still counts
    ResponseFactory(vacancy=vacancy)  # waiting
    ResponseFactory(vacancy=vacancy, state=ResponseState.DECLINED)
    answered(VacancyFactory(neighbourhood=other_nb), "yes", "yes")  # elsewhere
    assert stats(nb) == {
        "volunteering_open": 1,
        "volunteering_filled": 1,
        "volunteering_responses": 10,
        "volunteering_waiting": 1,
        "volunteering_accepted": 8,
        "volunteering_follow_ups_answered": 7,
        "volunteering_matches": 5,
        "volunteering_matches_both": 2,
        "volunteering_disputed": 1,
    }
    with scopes_disabled():
        matches = [r.is_match for r in Response.objects.filter(neighbourhood=nb).order_by("id")]
    assert matches == [True, True, True, True, False, False, False, True, False, False]
    with scopes_disabled():
        assert Vacancy.objects.filter(neighbourhood=nb).count() == 2
