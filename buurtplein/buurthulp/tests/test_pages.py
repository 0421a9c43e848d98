"""Pages of buurthulp as people use them: visibility per role, tenant isolation, the guided ask
form, the helper form, the whole journey through the pages, and the home block."""

import re

import pytest
from django_scopes import scope

from buurtplein.buurthulp.models import (
    HelperProfile,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    State,
)
from buurtplein.buurthulp.tests.factories import (
    HelpMatchFactory,
    HelpRequestFactory,
    make_helper,
    person,
)
from buurtplein.core.models import Role


def url(nb, path=""):
    return f"/b/{nb.slug}/help/{path}"


# --- who sees which request (the table in selectors.py) ----------------------------------------

SEES = {
    # visibility: (resident, buurtverbinder, admin, professional, helper asked, helper declined)
    RequestVisibility.NEIGHBOURS: (200, 200, 200, 200, 200, 200),
    RequestVisibility.MATCHED: (404, 200, 200, 404, 200, 404),
    RequestVisibility.PROFESSIONALS: (404, 404, 404, 200, 200, 404),
}


@pytest.mark.parametrize("visibility", list(SEES))
def test_visibility_per_role(nb, asker, client, visibility):
    people = [
        person(nb),
        person(nb, role=Role.CONNECTOR),
        person(nb, role=Role.ADMIN),
        person(nb, role=Role.PROFESSIONAL),
        person(nb),
        person(nb),
    ]
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker, visibility=visibility)
    HelpMatchFactory(request=help_request, helper=people[4])
    HelpMatchFactory(request=help_request, helper=people[5], status=MatchStatus.DECLINED)
    seen = []
    for someone in [asker, *people]:
        client.force_login(someone)
        seen.append(client.get(url(nb, f"{help_request.pk}/")).status_code)
    assert seen == [200, *SEES[visibility]]


def test_another_neighbourhoods_requests_and_matches_are_404(nb, other_nb, asker, client):
    theirs = HelpRequestFactory(neighbourhood=other_nb, asker=person(other_nb))
    their_match = HelpMatchFactory(request=theirs, helper=asker)  # even one naming me
    client.force_login(asker)
    for path in [
        f"{theirs.pk}/",
        f"{theirs.pk}/edit/",
        f"{theirs.pk}/state/",
        f"{theirs.pk}/follow-up/",
        f"{theirs.pk}/suggest/",
        f"matches/{their_match.pk}/choose/",
    ]:
        assert client.get(url(nb, path)).status_code in (404, 403), path
    assert client.get(url(nb, f"{theirs.pk}/")).status_code == 404
    assert client.get(url(nb, f"matches/{their_match.pk}/choose/")).status_code == 404
    response = client.post(url(nb, f"matches/{their_match.pk}/respond/"), {"decision": "accept"})
    assert response.status_code == 404
    with scope(neighbourhood=other_nb):
        assert HelpMatch.objects.get(pk=their_match.pk).status == MatchStatus.SUGGESTED
    # and the index never lists them
    assert theirs.title not in client.get(url(nb)).content.decode()


def test_a_switched_off_component_is_404(nb, asker, client):
    nb.components = [c for c in nb.components if c != "buurthulp"]
    nb.save()
    client.force_login(asker)
    assert client.get(url(nb)).status_code == 404


# --- asking -------------------------------------------------------------------------------------


def test_the_ask_page_guides_with_examples(nb, asker, client):
    client.force_login(asker)
    page = client.get(url(nb, "ask/")).content.decode()
    assert "Wie kan een lamp ophangen in mijn woonkamer?" in page
    assert "Voor wie is de vraag?" not in page  # residents ask for themselves


def test_bad_input_keeps_what_was_typed(nb, asker, client):
    client.force_login(asker)
    response = client.post(
        url(nb, "ask/"), {"title": "", "text": "Mijn lamp is kapot", "topic": "nonsense"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Schrijf in een paar woorden waarmee je hulp wilt." in body
    assert "Mijn lamp is kapot" in body
    assert 'aria-invalid="true"' in body


def test_a_sensitive_request_points_to_professionals_first(
    nb, asker, professional, client, django_capture_on_commit_callbacks
):
    client.force_login(asker)
    data = {
        "title": "Ik heb schulden",
        "text": "De deurwaarder heeft een brief gestuurd.",
        "topic": "other",
        "when": "week",
        "visibility": "neighbours",
    }
    first = client.post(url(nb, "ask/"), data)
    assert first.status_code == 200
    body = first.content.decode()
    assert "Een professional kan hierbij helpen" in body
    assert professional.first_name in body
    with scope(neighbourhood=nb):
        assert not HelpRequest.objects.exists()
    # Sending again posts it as chosen (the form remembers the suggestion was shown).
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url(nb, "ask/"), {**data, "sensitive_seen": "True"})
    assert second.status_code == 302
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
        assert help_request.visibility == RequestVisibility.NEIGHBOURS
        assert HelpMatch.objects.get(request=help_request).helper == professional


def test_the_asker_can_change_an_open_request(nb, asker, client):
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker)
    client.force_login(asker)
    response = client.post(
        url(nb, f"{help_request.pk}/edit/"),
        {"title": "Twee lampen ophangen", "topic": "odd_jobs", "when": "week",
         "visibility": "matched"},
    )  # fmt: skip
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
    assert (help_request.title, help_request.visibility) == ("Twee lampen ophangen", "matched")


# --- offering help ------------------------------------------------------------------------------


def test_a_member_becomes_a_helper(nb, asker, client):
    client.force_login(asker)
    page = client.get(url(nb, "helper/")).content.decode()
    assert "Wanneer heb je meestal tijd?" in page
    empty = client.post(url(nb, "helper/"), {"active": "on", "max_distance_km": "1.0"})
    assert empty.status_code == 400
    assert "Vink minstens één ding aan" in empty.content.decode()
    from buurtplein.accounts.models import Interest

    diy = Interest.objects.get(slug="diy")
    response = client.post(
        url(nb, "helper/"),
        {
            "active": "on",
            "skills": [diy.pk],
            "likes_to_do": "Lampen ophangen",
            "languages": ["nl", "tr"],
            "availability": ["mon-evening", "sat-morning"],
            "max_distance_km": "2.0",
        },
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        profile = HelperProfile.objects.get(user=asker)
    assert list(profile.skills.all()) == [diy]
    assert profile.availability == ["mon-evening", "sat-morning"]
    assert profile.max_distance_km == 2.0
    page = client.get(url(nb, "helper/")).content.decode()
    assert re.search(r'value="mon-evening"[^>]*checked', page)
    assert not re.search(r'value="mon-morning"[^>]*checked', page)


# --- the whole journey, through the pages -------------------------------------------------------


def test_ask_match_accept_choose_helped_thank(
    nb, asker, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    helper = make_helper(nb, skills=["diy"], postcode="6522AB", first_name="Henk").user
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(nb, "ask/"),
            {"title": "Wie kan een lamp ophangen?", "topic": "odd_jobs", "when": "week",
             "visibility": "neighbours"},
        )  # fmt: skip
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
        match = HelpMatch.objects.get(request=help_request)
    assert response["Location"] == url(nb, f"{help_request.pk}/")
    assert match.helper == helper
    assert mail.outbox[-1].to == [helper.email]
    assert "Je vaardigheid: klussen · 300 m van je" in mail.outbox[-1].body

    client.force_login(helper)
    index = client.get(url(nb)).content.decode()
    assert "Wie kan een lamp ophangen?" in index
    assert "Je vaardigheid: klussen · 300 m van je" in index
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(nb, f"matches/{match.pk}/respond/"),
            {"decision": "accept", "note": "Ik kom graag!"},
        )

    client.force_login(asker)
    page = client.get(url(nb, f"{help_request.pk}/")).content.decode()
    assert "Ik kom graag!" in page
    assert "Kies Henk" in page
    assert client.get(url(nb, f"matches/{match.pk}/choose/")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        chosen = client.post(url(nb, f"matches/{match.pk}/choose/"), {"text": ""})
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
    assert help_request.state == State.IN_PROGRESS
    assert chosen["Location"].endswith(f"/messages/{help_request.conversation_id}/")

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url(nb, f"{help_request.pk}/state/"), {"to": "helped"})
    assert done["Location"] == url(nb, f"{help_request.pk}/follow-up/")
    client.post(done["Location"], {"answer": "yes"})
    client.post(url(nb, f"{help_request.pk}/thanks/"), {"text": "Dankjewel!"})
    page = client.get(url(nb, f"{help_request.pk}/")).content.decode()
    assert "Dankjewel!" in page
    assert "Geholpen" in page


def test_the_home_shows_requests_waiting_for_me(nb, asker, client):
    helper = person(nb)
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker, title="Wie maakt mijn fiets?")
    HelpMatchFactory(request=help_request, helper=helper)
    client.force_login(helper)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "1 vraag wacht op je antwoord" in page
    client.force_login(person(nb))
    assert "Wie maakt mijn fiets?" in client.get(f"/b/{nb.slug}/").content.decode()
    client.logout()
    assert "Wie maakt mijn fiets?" not in client.get(f"/b/{nb.slug}/").content.decode()


def test_english_pages(nb, asker, client):
    asker.language = "en"
    asker.save()
    client.force_login(asker)
    client.cookies["django_language"] = "en"
    page = client.get(url(nb, "ask/")).content.decode()
    assert "Who can hang a lamp in my living room?" in page


def test_only_professionals_is_offered_when_there_are_professionals(nb, asker, client):
    client.force_login(asker)
    assert 'value="professionals"' not in client.get(url(nb, "ask/")).content.decode()
    person(nb, role=Role.PROFESSIONAL)
    assert 'value="professionals"' in client.get(url(nb, "ask/")).content.decode()


def test_choosing_someone_who_cannot_be_chosen_goes_back_to_the_request(nb, asker, client):
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker, state=State.MATCHED)
    declined = HelpMatchFactory(request=help_request, status=MatchStatus.DECLINED)
    client.force_login(asker)
    response = client.get(url(nb, f"matches/{declined.pk}/choose/"))
    assert response["Location"] == url(nb, f"{help_request.pk}/")


def test_the_can_you_help_email_says_why_in_the_helpers_own_language(
    nb, asker, client, django_capture_on_commit_callbacks
):
    from django.core import mail

    helper = make_helper(nb, skills=["diy"], postcode="6522AB", first_name="Henk").user
    helper.language = "en"
    helper.save(update_fields=["language"])
    client.force_login(asker)  # the asker's page is Dutch
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(nb, "ask/"),
            {"title": "Wie kan een lamp ophangen?", "topic": "odd_jobs", "when": "week",
             "visibility": "neighbours"},
        )  # fmt: skip
    assert mail.outbox[-1].to == [helper.email]
    assert "Your skill: odd jobs and DIY · 300 m from you" in mail.outbox[-1].body
