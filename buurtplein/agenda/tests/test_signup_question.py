"""The organiser asks a question at sign-up ("Heb je dieetwensen?"); the neighbour answers it
when signing up and changes it later; the organiser sees the answers on the list of who comes,
the list for the door and the spreadsheet. The answer is in the person's data export and goes
with their account."""

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.agenda import privacy
from buurtplein.agenda.models import Activity, Rsvp
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of
from buurtplein.agenda.tests.test_activities import form_data

pytestmark = pytest.mark.django_db

QUESTION = "Heb je dieetwensen?"


def url(nb, path=""):
    return f"/b/{nb.slug}/agenda/{path}"


def answer_of(person) -> str:
    with scopes_disabled():
        return Rsvp.objects.get(person=person).note


def test_the_organiser_asks_a_question_in_the_form(client, nb, organiser):
    client.force_login(organiser)
    form = client.get(url(nb, "new/")).content.decode()
    assert "Vraag iets bij het aanmelden (niet verplicht)" in form
    client.post(url(nb, "new/"), form_data(signup_question=f"  {QUESTION} "))
    with scopes_disabled():
        activity = Activity.objects.get()
    assert activity.signup_question == QUESTION
    edit = client.get(url(nb, f"{activity.pk}/edit/")).content.decode()
    assert f'value="{QUESTION}"' in edit
    # Just dropping in: nobody signs up, so nothing is asked.
    client.post(url(nb, f"{activity.pk}/edit/"), form_data(signup="drop_in", signup_question="x"))
    with scopes_disabled():
        activity.refresh_from_db()
    assert activity.signup_question == ""


def test_answer_when_signing_up_change_it_later_and_the_organiser_sees_it(
    client, nb, organiser, ria, bram
):
    activity = ActivityFactory(
        neighbourhood=nb, organiser=organiser, title="Samen eten", signup_question=QUESTION
    )
    first = dates_of(activity)[0]
    client.force_login(ria)
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert f'<label for="date{first.pk}_note">{QUESTION}</label>' in page
    assert "Niet verplicht. Alleen de organisator ziet je antwoord." in page
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1", "note": "Vegetarisch"})
    assert answer_of(ria) == "Vegetarisch"
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert "Je antwoord: Vegetarisch" in page
    assert "Verander het aantal of je antwoord" in page

    # Later, with htmx: the date's block comes back with the new answer.
    response = client.post(
        url(nb, f"dates/{first.pk}/sign-up/"),
        {"party_size": "1", "note": "Vegetarisch, zonder noten"},
        headers={"HX-Request": "true"},
    )
    assert "Je antwoord: Vegetarisch, zonder noten" in response.content.decode()
    assert answer_of(ria) == "Vegetarisch, zonder noten"

    client.force_login(bram)  # answering is optional
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "2"})
    assert answer_of(bram) == ""

    client.force_login(organiser)
    people = client.get(url(nb, f"dates/{first.pk}/people/")).content.decode()
    assert f'<th scope="col">{QUESTION}</th>' in people
    assert "<td>Vegetarisch, zonder noten</td>" in people
    door = client.get(url(nb, f"dates/{first.pk}/print/")).content.decode()
    assert "<td>Vegetarisch, zonder noten</td>" in door
    sheet = client.get(url(nb, f"dates/{first.pk}/people.csv")).content.decode("utf-8-sig")
    assert sheet.splitlines()[0].endswith(f";{QUESTION}")
    assert "Vegetarisch, zonder noten" in sheet

    # Neighbours do not see each other's answers.
    client.force_login(bram)
    assert "zonder noten" not in client.get(url(nb, f"{activity.pk}/")).content.decode()


def test_without_a_question_there_is_no_answer_field(client, nb, organiser, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser)
    first = dates_of(activity)[0]
    client.force_login(ria)
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert 'name="note"' not in page
    client.post(url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1", "note": "ignored"})
    assert answer_of(ria) == ""
    client.force_login(organiser)
    people = client.get(url(nb, f"dates/{first.pk}/people/")).content.decode()
    assert people.count('<th scope="col">') == 3


def test_a_too_long_answer_is_refused_with_a_message(client, nb, organiser, ria):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, signup_question=QUESTION)
    first = dates_of(activity)[0]
    client.force_login(ria)
    response = client.post(
        url(nb, f"dates/{first.pk}/sign-up/"), {"party_size": "1", "note": "x" * 301}
    )
    assert response.status_code == 400
    assert "Schrijf hoogstens 300 tekens." in response.content.decode()
    with scopes_disabled():
        assert not Rsvp.objects.exists()


def test_the_answer_is_in_the_export_and_goes_with_the_account(nb, organiser, ria):
    from buurtplein.agenda import actions

    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, signup_question=QUESTION)
    with scope(neighbourhood=nb):
        actions.rsvp_set(occurrence=dates_of(activity)[0], person=ria, note="Geen zout")
    (sign_up,) = privacy.export(ria)["sign_ups"]
    assert sign_up["question"] == QUESTION and sign_up["your_answer"] == "Geen zout"
    organised = privacy.export(organiser)["activities"]
    assert organised[0]["question_when_signing_up"] == QUESTION
    privacy.erase(ria)
    with scopes_disabled():
        assert not Rsvp.objects.filter(note="Geen zout").exists()
