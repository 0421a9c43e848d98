"""Snippets: the workers of an organisation share ready answers; a worker adds, changes and
deletes them, sees only their own organisations' ones, and picks one in a chat's panel."""

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp import actions
from buurtplein.onlinehulp.forms import SnippetForm
from buurtplein.onlinehulp.models import MAX_MESSAGE, Snippet
from buurtplein.onlinehulp.tests.console_world import console_world
from buurtplein.onlinehulp.tests.factories import new_chat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def w():
    return console_world()


def url(w, name, **kwargs):
    return nb_reverse(name, w.here, kwargs=kwargs or None)


def test_a_worker_adds_changes_and_deletes_a_snippet_that_colleagues_of_the_organisation_see(
    client, w
):
    client.force_login(w.worker)
    response = client.post(
        url(w, "onlinehulp:snippets"),
        {"organisation": w.jeugd.pk, "title": " Welkom ", "text": "Hoi! Fijn dat je er bent."},
        follow=True,
    )
    assert "The snippet is saved." in response.content.decode()
    snippet = Snippet.objects.get()
    assert (snippet.organisation, snippet.title) == (w.jeugd, "Welkom")
    # A colleague of the same organisation sees it; one of the other organisation does not.
    client.force_login(w.coach)
    assert "Welkom" in client.get(url(w, "onlinehulp:snippets")).content.decode()
    client.force_login(w.colleague)
    assert "Welkom" not in client.get(url(w, "onlinehulp:snippets")).content.decode()
    assert client.get(url(w, "onlinehulp:snippet_edit", pk=snippet.pk)).status_code == 404
    assert client.post(url(w, "onlinehulp:snippet_delete", pk=snippet.pk)).status_code == 404
    # The author's colleague changes it, then deletes it.
    client.force_login(w.coach)
    client.post(
        url(w, "onlinehulp:snippet_edit", pk=snippet.pk),
        {"organisation": w.jeugd.pk, "title": "Welkom", "text": "Hoi, fijn dat je er bent!"},
    )
    snippet.refresh_from_db()
    assert snippet.text == "Hoi, fijn dat je er bent!"
    client.post(url(w, "onlinehulp:snippet_delete", pk=snippet.pk))
    assert not Snippet.objects.exists()


def test_a_snippet_for_an_organisation_the_worker_does_not_work_for_is_refused(client, w):
    client.force_login(w.worker)
    response = client.post(
        url(w, "onlinehulp:snippets"),
        {"organisation": w.welzijn.pk, "title": "Stiekem", "text": "Niet van mij"},
    )
    assert response.status_code == 200
    assert not Snippet.objects.exists()


def test_the_panel_offers_the_organisations_snippets_to_insert(client, w):
    actions.snippet_save(worker=w.worker, organisation=w.jeugd, title="Welkom", text="Hoi!")
    actions.snippet_save(worker=w.colleague, organisation=w.welzijn, title="Anders", text="Nee")
    with scopes_disabled():
        chat = new_chat(w.desk, w.here, first_name="Sam")
        actions.console_take(chat=chat, worker=w.worker, organisation=w.jeugd)
    client.force_login(w.worker)
    html = client.get(url(w, "onlinehulp:console")).content.decode()
    assert ">Welkom</option>" in html and '"Hoi!"' in html  # the text, for the script
    assert "Anders" not in html
    # A panel fetched later (a chat taken in the background) offers them too.
    panel = client.get(url(w, "onlinehulp:console_panel", pk=chat.pk)).content.decode()
    assert ">Welkom</option>" in panel


form_text = st.one_of(
    st.text(max_size=120),
    st.sampled_from(["", "   ", "<script>alert(1)</script>", "x" * (MAX_MESSAGE + 1)]),
)


@given(title=form_text, text=form_text)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_snippet_form_accepts_a_title_and_text_or_says_which_is_wrong(title, text):
    class Org:
        pk, name = 7, "Jeugdwerk"

    form = SnippetForm({"organisation": "7", "title": title, "text": text}, organisations=[Org()])
    if form.is_valid():
        assert form.cleaned_data["title"].strip() and len(form.cleaned_data["title"]) <= 80
        assert form.cleaned_data["text"].strip() and len(form.cleaned_data["text"]) <= MAX_MESSAGE
    else:
        assert set(form.errors) <= {"title", "text"}
        assert form["title"].value() == title and form["text"].value() == text
