"""Every kind of content a component declares (``Component.moderated``) can be reported, shows
in the queue, and disappears for the other neighbours when a buurtverbinder hides it — from the
component's list and its own page — while its author still sees it; keeping it brings it back."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.buurthulp.tests.factories import HelpRequestFactory
from buurtplein.clubs.models import State as ClubState
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.components import moderated_kinds
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.messaging.models import Message
from buurtplein.messaging.tests.factories import send, start_conversation
from buurtplein.moderation import actions
from buurtplein.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def test_every_content_component_declares_its_kinds():
    assert set(moderated_kinds()) == {
        "square.post",
        "square.comment",
        "exchange.item",
        "buurthulp.helprequest",
        "agenda.activity",
        "clubs.club",
        "volunteering.vacancy",
        "messaging.message",
    }


def _item(nb, author):
    item = ItemFactory(neighbourhood=nb, owner=author, title="Boormachine te leen")
    return item, "Boormachine te leen", "exchange/", f"exchange/{item.pk}/"


def _request(nb, author):
    request = HelpRequestFactory(neighbourhood=nb, asker=author, title="Wie helpt met de tuin?")
    return request, "Wie helpt met de tuin?", "help/", f"help/{request.pk}/"


def _activity(nb, author):
    # Tomorrow: the agenda's page shows the coming seven days (the factory's next Tuesday is
    # a week ahead on a Tuesday).
    activity = ActivityFactory(
        neighbourhood=nb,
        organiser=author,
        title="Koffie-ochtend X",
        start_date=timezone.localdate() + timedelta(days=1),
    )
    return activity, "Koffie-ochtend X", "agenda/", f"agenda/{activity.pk}/"


def _vacancy(nb, author):
    vacancy = VacancyFactory(neighbourhood=nb, posted_by=author, title="Gastvrouw gezocht")
    return vacancy, "Gastvrouw gezocht", "volunteer/", f"volunteer/{vacancy.pk}/"


@pytest.mark.parametrize("make", [_item, _request, _activity, _vacancy])
def test_hidden_content_leaves_the_list_and_its_page_for_others(client, nb, make, reader):
    author, reporter = member(nb), member(nb)
    connector = member(nb, role=Role.CONNECTOR)
    target, title, list_path, page_path = make(nb, author)
    base = f"/b/{nb.slug}/"
    client.force_login(reader)
    if make is not _request:  # buurthulp's list shows only one's own and matched requests
        assert title in client.get(base + list_path).content.decode()
    assert client.get(base + page_path).status_code == 200
    with scope(neighbourhood=nb):
        actions.report_create(reporter=reporter, target=target, reason="spam")
        actions.decide(actor=connector, target=target, action="hide", message="Reclame.")
    if make is not _request:
        assert title not in client.get(base + list_path).content.decode()
    assert client.get(base + page_path).status_code == 404
    client.force_login(author)
    page = client.get(base + page_path)
    assert page.status_code == 200
    # The author sees why on the page itself.
    assert "Verborgen door de buurtverbinder: Reclame." in page.content.decode()
    client.force_login(connector)
    assert client.get(base + page_path).status_code == 200


def test_a_hidden_club_uses_the_clubs_own_hidden_state(nb, reader):
    club = make_club(nb)
    connector = member(nb, role=Role.CONNECTOR)
    with scope(neighbourhood=nb):
        actions.report_create(reporter=reader, target=club, reason="spam")
        decision = actions.decide(actor=connector, target=club, action="hide", message="Nep.")
        club.refresh_from_db()
        assert club.state == ClubState.HIDDEN
        actions.appeal_make(author=club.created_by, decision=decision, text="Echt niet nep.")
        actions.appeal_decide(actor=member(nb, role=Role.ADMIN), decision=decision, undo=True)
        club.refresh_from_db()
        assert club.state == ClubState.ACTIVE


def test_a_message_can_be_reported_and_a_hidden_one_reads_as_removed(client, nb, reader):
    writer = member(nb)
    conversation = start_conversation(nb, reader, writer, text="Hoi!")
    rude = send(conversation, writer, "Jij bent een sukkel.")
    client.force_login(reader)
    thread = client.get(f"/b/{nb.slug}/messages/{conversation.pk}/").content.decode()
    assert f"/b/{nb.slug}/messages/message/{rude.pk}/report/" in thread
    client.post(f"/b/{nb.slug}/messages/message/{rude.pk}/report/", {"reason": "rude"})
    connector = member(nb, role=Role.CONNECTOR)
    client.force_login(connector)
    assert "Jij bent een sukkel." in client.get(f"/b/{nb.slug}/reports/").content.decode()
    with scope(neighbourhood=nb):
        actions.decide(
            actor=connector,
            target=Message.objects.get(pk=rude.pk),
            action="warn",
            message="Niet schelden.",
        )
        actions.decide(
            actor=connector,
            target=Message.objects.get(pk=rude.pk),
            action="hide",
            message="Niet schelden.",
        )
    client.force_login(reader)
    thread = client.get(f"/b/{nb.slug}/messages/{conversation.pk}/").content.decode()
    assert "Jij bent een sukkel." not in thread


def test_keeping_a_reported_message_that_was_removed_meanwhile_does_not_bring_it_back(nb, reader):
    writer = member(nb)
    conversation = start_conversation(nb, reader, writer, text="Hoi!")
    rude = send(conversation, writer, "Jij bent een sukkel.")
    connector = member(nb, role=Role.CONNECTOR)
    with scope(neighbourhood=nb):
        actions.report_create(reporter=reader, target=rude, reason="rude")
        Message.objects.filter(pk=rude.pk).update(is_removed=True)
        actions.decide(actor=connector, target=Message.objects.get(pk=rude.pk), action="keep")
        assert Message.objects.get(pk=rude.pk).is_removed


def test_a_help_request_has_a_report_link_for_others_only(client, nb, reader):
    asker = member(nb)
    request = HelpRequestFactory(neighbourhood=nb, asker=asker, title="Wie helpt?")
    page = f"/b/{nb.slug}/help/{request.pk}/"
    client.force_login(reader)
    assert f"/b/{nb.slug}/help/{request.pk}/report/" in client.get(page).content.decode()
    response = client.post(page + "report/", {"reason": "wrong", "note": "Klopt niet."})
    assert response.status_code == 302
    client.force_login(asker)
    assert f"/b/{nb.slug}/help/{request.pk}/report/" not in client.get(page).content.decode()
    assert client.get(page + "report/").status_code == 403
