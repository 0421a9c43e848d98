from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import actions, selectors
from buurtplein.messaging.models import Block, Message
from buurtplein.messaging.tests.factories import send, start_conversation
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def url(nb, name, **kwargs):
    return nb_reverse(f"messaging:{name}", nb, kwargs=kwargs or None)


def test_inbox_shows_name_subject_excerpt_and_unread(client, nb, alice, bob):
    start_conversation(nb, alice, bob, text="Mag ik je boormachine lenen?", subject="Boormachine")
    client.force_login(bob)
    response = client.get(url(nb, "inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anouk J." in html
    assert "Over: Boormachine" in html
    assert "Mag ik je boormachine lenen?" in html
    assert 'aria-label="Anouk J., 1 ongelezen"' in html
    assert '<span data-unread-count>1</span> <span class="visually-hidden">ongelezen</span>' in html


def test_header_badge_counts_unread_in_this_neighbourhood(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    send(conversation, alice, "Ben je thuis?")
    client.force_login(bob)
    html = client.get(nb_reverse("nb:home", nb)).content.decode()
    assert "data-unread-count>2<" in html
    assert '<span data-unread-count>2</span> <span class="visually-hidden">ongelezen</span>' in html
    assert "messaging/messaging.js" in html


def test_the_badge_is_read_with_the_membership_and_counts_what_is_left_after_reading(
    client, nb, alice, bob
):
    """The badge's number comes with the request's membership (no query of its own); on the
    page that reads the conversation it counts what is unread after reading, not before."""
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    send(conversation, alice, "Ben je thuis?")
    client.force_login(bob)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(nb_reverse("nb:home", nb)).content.decode()
    assert '<span data-unread-count>2</span> <span class="visually-hidden">ongelezen</span>' in html
    counted = [q["sql"] for q in queries if '"unread_count"' in q["sql"]]
    assert len(counted) == 1 and '"core_membership"' in counted[0]
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "data-unread-badge hidden><span data-unread-count>0</span>" in html


def test_no_badge_for_visitors_and_pending(client, nb):
    html = client.get(nb_reverse("nb:home", nb)).content.decode()
    assert "data-messaging-ws" not in html
    assert "messaging.js" not in html


def test_conversation_page_marks_read_and_shows_read_receipts(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi Bram")
    client.force_login(alice)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Verstuurd" in html and "Gelezen" not in html
    client.force_login(bob)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Hoi Bram" in html
    with scope(neighbourhood=nb):
        assert selectors.unread_count(bob) == 0
    client.force_login(alice)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Gelezen" in html


def test_reply_without_javascript(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    response = client.post(url(nb, "conversation", pk=conversation.pk), {"text": "Hallo **buur**"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/messages/{conversation.pk}/#reply")
    html = client.get(response["Location"]).content.decode()
    assert "Hallo <strong>buur</strong>" in html


def test_reply_with_htmx_returns_the_thread_and_a_fresh_form(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    response = client.post(
        url(nb, "conversation", pk=conversation.pk), {"text": "Zo terug"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="thread"' in html and "Zo terug" in html
    assert 'data-hx-swap-oob="true"' in html
    assert "<html" not in html


def test_empty_reply_gives_400_with_the_message_next_to_the_field(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    response = client.post(url(nb, "conversation", pk=conversation.pk), {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf eerst een bericht." in response.content.decode()


def test_script_is_escaped(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="<script>alert(1)</script> hoi")
    client.force_login(bob)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_blocked_person_gets_a_clear_message_and_keeps_what_they_typed(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    actions.block_create(blocker=bob, blocked=alice)
    client.force_login(alice)
    response = client.post(url(nb, "conversation", pk=conversation.pk), {"text": "Waarom niet?"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "wil geen berichten van je krijgen" in html
    with scopes_disabled():
        assert Message.objects.count() == 1


def test_block_with_confirmation_then_unblock(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    page = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Blokkeer Anouk J." in page
    confirm = client.get(url(nb, "block", pk=conversation.pk)).content.decode()
    assert "buurtverbinder" in confirm
    assert not Block.objects.exists()
    response = client.post(url(nb, "block", pk=conversation.pk))
    assert response.status_code == 302
    assert Block.objects.filter(blocker=bob, blocked=alice).exists()
    blocked = client.get(url(nb, "blocked")).content.decode()
    assert "Anouk J." in blocked
    response = client.post(url(nb, "unblock", user_pk=alice.pk))
    assert response.status_code == 302
    assert not Block.objects.exists()


def test_older_messages_link(client, nb, alice, bob, settings):
    conversation = start_conversation(nb, alice, bob, text="Bericht 0")
    for n in range(1, 55):
        send(conversation, alice if n % 2 else bob, f"Bericht {n}")
    client.force_login(bob)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Bericht 54" in html and ">Bericht 0<" not in html.replace("<p>", ">").replace(
        "</p>", "<"
    )
    assert "?before=" in html
    with scope(neighbourhood=nb):
        first_shown = selectors.conversation_messages(conversation).older
    html = client.get(url(nb, "conversation", pk=conversation.pk) + f"?before={first_shown}")
    assert "Bericht 0" in html.content.decode()


def test_english(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi", subject="Ladder")
    bob.language = "en"
    bob.save()
    client.force_login(bob)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Conversation with Anouk J." in html
    assert "About: Ladder" in html
    assert "Messages" in html and "Berichten" not in html


def test_subject_links_back_while_the_reader_may_see_it(client, nb, alice, bob):
    from buurtplein.exchange.models import State
    from buurtplein.exchange.tests.factories import ItemFactory

    item = ItemFactory(neighbourhood=nb, owner=bob, title="Boormachine te leen")
    conversation = start_conversation(nb, alice, bob, about=item, subject=item.title, text="Hoi")
    client.force_login(alice)
    page = url(nb, "conversation", pk=conversation.pk)
    item_url = nb_reverse("exchange:item", nb, kwargs={"pk": item.pk})
    assert f'<a href="{item_url}">Boormachine te leen</a>' in client.get(page).content.decode()
    with scopes_disabled():
        type(item).objects.filter(pk=item.pk).update(state=State.REMOVED)
    html = client.get(page).content.decode()
    assert "Over: Boormachine te leen" in html and item_url not in html
    with scopes_disabled():
        type(item).objects.filter(pk=item.pk).delete()
    html = client.get(page).content.decode()
    assert "Over: Boormachine te leen" in html and item_url not in html


def test_subject_without_a_known_page_is_shown_without_a_link(client, nb, alice, bob):
    post = PostFactory(neighbourhood=nb, author=bob, title="Ladder")
    conversation = start_conversation(nb, alice, bob, about=post, subject="Ladder", text="Hoi")
    client.force_login(bob)
    html = client.get(url(nb, "conversation", pk=conversation.pk)).content.decode()
    assert "Over: Ladder" in html


def test_connector_cannot_read_a_conversation_of_others(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Geheim")
    for role in (Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN):
        client.force_login(member(nb, role=role))
        assert client.get(url(nb, "conversation", pk=conversation.pk)).status_code == 404
        assert client.get(url(nb, "block", pk=conversation.pk)).status_code == 404


def test_partials_the_script_fetches(client, nb, alice, bob):
    """What messaging.js fetches after an event: the thread (which counts as reading it) and
    the inbox list, without the page around them."""
    conversation = start_conversation(nb, alice, bob, text="Ben je thuis?")
    client.force_login(bob)
    inbox = client.get(url(nb, "inbox") + "?partial=list", HTTP_HX_REQUEST="true")
    assert 'id="inbox-list"' in inbox.content.decode()
    assert "<html" not in inbox.content.decode()
    thread = client.get(
        url(nb, "conversation", pk=conversation.pk) + "?partial=thread", HTTP_HX_REQUEST="true"
    )
    html = thread.content.decode()
    assert 'id="thread"' in html and "Ben je thuis?" in html and "<html" not in html
    with scope(neighbourhood=nb):
        assert selectors.unread_count(bob) == 0
    # Someone else's conversation: the same 404 for the partial.
    client.force_login(member(nb))
    response = client.get(
        url(nb, "conversation", pk=conversation.pk) + "?partial=thread", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 404


def test_garbled_cursors_show_the_first_page(client, nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    assert client.get(url(nb, "inbox") + "?after=%%%garbage").status_code == 200
    page = url(nb, "conversation", pk=conversation.pk)
    assert client.get(page + "?before=abc").status_code == 200
    assert client.get(page + "?before=-5").status_code == 200


def test_write_to_a_neighbour_from_their_profile(client, django_capture_on_commit_callbacks):
    from buurtplein.core.tests.factories import NeighbourhoodFactory
    from buurtplein.messaging.models import Conversation

    nb = NeighbourhoodFactory(slug="oost-write", pc4="6522")
    els, noor = member(nb, first_name="Els"), member(nb, first_name="Noor")
    client.force_login(els)
    profile = client.get(f"/b/{nb.slug}/neighbours/{noor.pk}/").content.decode()
    write_url = f"/b/{nb.slug}/messages/to/{noor.pk}/"
    assert write_url in profile and "Stuur Noor een bericht" in profile
    # An empty message: a clear error, status 400.
    response = client.post(write_url, {"text": "  "})
    assert response.status_code == 400
    assert "Schrijf eerst een bericht." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(write_url, {"text": "Hoi Noor, zin in koffie?"})
    with scope(neighbourhood=nb):
        conversation = Conversation.objects.get()
    assert response["Location"] == f"/b/{nb.slug}/messages/{conversation.pk}/#reply"
    # Writing again goes on in the same conversation; Noor sees one unread message.
    assert client.get(write_url)["Location"] == f"/b/{nb.slug}/messages/{conversation.pk}/#reply"
    client.force_login(noor)
    assert "<span data-unread-count>1</span>" in client.get(f"/b/{nb.slug}/").content.decode()
    # Nobody writes to themselves: back to the inbox.
    assert client.get(f"/b/{nb.slug}/messages/to/{noor.pk}/")["Location"].endswith("/messages/")


def test_nobody_writes_to_someone_who_blocked_them(client):
    from buurtplein.core.tests.factories import NeighbourhoodFactory
    from buurtplein.messaging.actions import block_create

    nb = NeighbourhoodFactory(slug="oost-blocked", pc4="6523")
    els, noor = member(nb, first_name="Els"), member(nb, first_name="Noor")
    block_create(blocker=noor, blocked=els)
    client.force_login(els)
    response = client.post(f"/b/{nb.slug}/messages/to/{noor.pk}/", {"text": "Hallo?"})
    assert response.status_code == 400
    assert "Hallo?" in response.content.decode()  # nothing typed is lost


def test_dates_of_messages_are_in_the_readers_language(client, nb, alice, bob):
    """Not "6 Dec" in the Dutch inbox: the month is written out in the reader's language."""
    with time_machine.travel(MOMENTS["sun-12:00"] - timedelta(days=7), tick=False):
        conversation = start_conversation(nb, alice, bob, text="Hoi")
    client.force_login(bob)
    for page in (url(nb, "inbox"), url(nb, "conversation", pk=conversation.pk)):
        html = client.get(page).content.decode()
        assert "6 december, 12:00" in html and "Dec" not in html
    bob.language = "en"
    bob.save()
    html = client.get(url(nb, "inbox")).content.decode()
    assert "6 December, 12:00" in html
