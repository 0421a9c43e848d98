"""What the person who asked sees right after asking (matching still running, then who was
asked, or nobody and what happens next: the buurtverbinders are told, the neighbourhood's
professionals are suggested), and the "did it work out?" page after "helped"."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django_scopes import scope

from buurtplein.buurthulp import selectors
from buurtplein.buurthulp.models import HelpFollowUp, HelpMatch, HelpRequest, MatchStatus, State
from buurtplein.buurthulp.tests.factories import (
    HelpMatchFactory,
    HelpRequestFactory,
    make_helper,
    person,
)
from buurtplein.core.models import Role

pytestmark = pytest.mark.django_db

LAMP = {"title": "Wie kan een lamp ophangen?", "topic": "odd_jobs", "when": "week",
        "visibility": "neighbours"}  # fmt: skip


def url(nb, path=""):
    return f"/b/{nb.slug}/help/{path}"


def text(html: str) -> str:
    """The words of a page, without its tags and <title>."""
    body = html.split("<body", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_while_matching_runs_the_page_says_so_and_polls_until_it_is_done(
    nb, asker, client, django_capture_on_commit_callbacks
):
    make_helper(nb, skills=["diy"], postcode="6522AB", first_name="Henk")
    client.force_login(asker)
    # The background work has not run yet (as when a worker picks it up a moment later).
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        client.post(url(nb, "ask/"), LAMP)
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
    page = client.get(url(nb, f"{help_request.pk}/")).content.decode()
    assert "We zoeken buren die kunnen helpen." in text(page)
    assert "0 buren" not in text(page)
    block = page.split('id="help-matching"')[1].split("</div>")[0]
    inside = block.split(">", 1)[1]  # what the block shows: no stray markup as words
    assert "data-hx" not in re.sub(r"<[^>]+>", " ", inside) and not inside.lstrip().startswith(">")
    assert 'aria-live="polite"' in page.split('id="help-matching"')[1].split(">")[0]
    poll = url(nb, f"{help_request.pk}/matching/")
    assert f'data-hx-get="{poll}"' in block and 'data-hx-trigger="every 2s"' in block
    assert 'data-hx-target="#help-matching"' in block
    # Without JavaScript: a link that looks again.
    assert f'href="{url(nb, f"{help_request.pk}/")}">Kijk opnieuw</a>' in page
    # htmx asks again: still running, still polling.
    still = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert "data-hx-trigger" in still and "We zoeken buren" in still

    for callback in waiting:  # the worker runs the matching
        with django_capture_on_commit_callbacks(execute=True):
            callback()
    done = client.get(poll, headers={"HX-Request": "true"}).content.decode()
    assert "We hebben 1 buur gevraagd die goed kan passen." in text(done)
    assert "data-hx-trigger" not in done  # the polling ends
    assert not text(done).strip().startswith(">")  # no stray markup shown as words
    # Without htmx the address leads to the request's page.
    assert client.get(poll)["Location"] == url(nb, f"{help_request.pk}/")


def test_when_nobody_fits_the_buurtverbinder_is_told_and_professionals_are_suggested(
    nb, asker, connector, professional, client, django_capture_on_commit_callbacks
):
    with scope(neighbourhood=nb):
        from buurtplein.core.models import Membership

        Membership.objects.filter(user=professional).update(organisation=None)
    english = person(nb, role=Role.CONNECTOR, first_name="Sam", language="en")
    client.force_login(asker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, "ask/"), LAMP)  # no helper in the neighbourhood
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
    assert help_request.escalated_at is not None
    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {connector.email, english.email}
    assert "vond geen helper" in told[connector.email].subject
    assert "we found no neighbour who fits" in told[english.email].body
    assert "Wie kan een lamp ophangen?" in told[connector.email].body

    page = text(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "We hebben nog niemand gevonden die bij je vraag past." in page
    assert "De buurtverbinders van Nijmegen-Oost weten het. Zij zoeken samen met je iemand." in page
    assert "Zij kunnen je ook helpen" in page and "Ineke" in page
    assert "We hebben 0 buren gevraagd" not in page

    client.force_login(connector)
    page = text(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Er is niemand gevonden die bij deze vraag past." in page
    assert "Al twee dagen" not in page
    attention = client.get(url(nb, "attention/")).content.decode()
    assert "Wie kan een lamp ophangen?" in attention


def test_the_services_hook_adds_to_the_suggestions(nb, asker, monkeypatch):
    help_request = HelpRequestFactory(neighbourhood=nb, asker=asker)
    monkeypatch.setattr(
        selectors,
        "SERVICE_SOURCES",
        [lambda r: [{"name": "Schuldhulp Nijmegen", "url": "https://example.nl"}]],
    )
    with scope(neighbourhood=nb):
        found = selectors.help_elsewhere(help_request)
    assert found["services"][0]["name"] == "Schuldhulp Nijmegen"


def test_someone_still_asked_is_not_escalated_at_once(
    nb, asker, connector, client, django_capture_on_commit_callbacks
):
    make_helper(nb, skills=["diy"], postcode="6522AB")
    client.force_login(asker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, "ask/"), LAMP)
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.get().escalated_at is None
    assert connector.email not in [m.to[0] for m in mail.outbox]


def test_after_helped_the_follow_up_asks_once_and_the_thanks_field_has_a_real_label(
    nb, asker, client, django_capture_on_commit_callbacks
):
    helper = person(nb, first_name="Henk")
    help_request = HelpRequestFactory(
        neighbourhood=nb, asker=asker, state=State.IN_PROGRESS, helper=helper
    )
    HelpMatchFactory(request=help_request, helper=helper, status=MatchStatus.CHOSEN)
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url(nb, f"{help_request.pk}/state/"), {"to": "helped"})
    page = text(client.get(done["Location"]).content.decode())
    assert page.count("Is het gelukt?") == 1
    assert "Je antwoord" in page
    client.post(done["Location"], {"answer": "yes"})
    with scope(neighbourhood=nb):
        assert HelpFollowUp.objects.get(person=asker).answer == "yes"
    page = client.get(url(nb, f"{help_request.pk}/")).content.decode()
    label = re.search(r'<label for="id_text"[^>]*>([^<]+)</label>', page).group(1)
    assert label.strip() == "Wat wil je tegen Henk zeggen?"
    assert "Bedank:" not in page
    with scope(neighbourhood=nb):
        assert HelpMatch.objects.get(request=help_request).thanks_text == ""


def test_the_page_stops_asking_again_when_matching_never_finishes(
    nb, asker, client, django_capture_on_commit_callbacks
):
    """With the task worker away, matching does not run: the page polls for a few minutes,
    then only offers "Kijk opnieuw" (no tab keeps asking every 2 seconds for ever)."""
    import time_machine
    from django.utils import timezone

    make_helper(nb, skills=["diy"], postcode="6522AB")
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=False):  # the worker never runs it
        client.post(url(nb, "ask/"), LAMP)
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
    poll = url(nb, f"{help_request.pk}/matching/")
    assert "data-hx-trigger" in client.get(poll, headers={"HX-Request": "true"}).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        later = client.get(url(nb, f"{help_request.pk}/")).content.decode()
    assert "We zoeken buren die kunnen helpen." in text(later)
    assert "data-hx-trigger" not in later.split('id="help-matching"')[1].split("</div>")[0]
    assert "Kijk opnieuw" in later
