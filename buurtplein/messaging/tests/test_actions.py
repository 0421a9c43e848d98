import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.tests.factories import member
from buurtplein.messaging import actions, selectors
from buurtplein.messaging.models import Conversation, Message, Participant
from buurtplein.messaging.tasks import email_if_due
from buurtplein.messaging.tests.factories import send, start_conversation
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def unread(nb, user):
    with scope(neighbourhood=nb):
        return selectors.unread_count(user)


def test_start_opens_one_conversation_and_reuses_it(nb, alice, bob):
    post = PostFactory(neighbourhood=nb, author=bob, title="Boormachine te leen")
    first = start_conversation(nb, alice, bob, about=post, subject=post.title, text="Mag ik hem?")
    again = start_conversation(nb, bob, alice, about=post, text="Ja hoor")
    assert again.pk == first.pk
    other = start_conversation(nb, alice, bob, text="Los daarvan: koffie?")
    assert other.pk != first.pk
    with scope(neighbourhood=nb):
        assert first.subject == "Boormachine te leen"
        assert [m.text for m in Message.objects.filter(conversation=first).order_by("id")] == [
            "Mag ik hem?",
            "Ja hoor",
        ]
        about = selectors.conversations_about(post)
        assert [c.pk for c in about] == [first.pk]
        assert selectors.conversations_about(post, user=bob)[0].other == alice


def test_unread_counts_and_mark_read(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    send(conversation, alice, "Ben je thuis?")
    assert unread(nb, bob) == 2
    assert unread(nb, alice) == 0
    with scope(neighbourhood=nb):
        conversation.refresh_from_db()
        actions.conversation_mark_read(conversation=conversation, user=bob)
    assert unread(nb, bob) == 0
    send(conversation, bob, "Ja!")
    assert unread(nb, alice) == 1


def test_unread_counts_per_neighbourhood(nb, other_nb, alice, bob):
    start_conversation(nb, alice, bob, text="Hoi")
    assert unread(other_nb, bob) == 0


@pytest.mark.parametrize(
    "case, message",
    [
        ("self", "yourself"),
        ("empty", "Write a message first"),
        ("blocked", "does not want to receive messages from you"),
        ("you_blocked", "Unblock this person first"),
        ("pending", "no longer a member"),
        ("outsider", "Only verified members"),
    ],
)
def test_start_refuses_with_a_readable_message(nb, other_nb, alice, bob, case, message):
    starter, other, text = alice, bob, "Hoi"
    if case == "self":
        other = alice
    elif case == "empty":
        text = "   "
    elif case == "blocked":
        actions.block_create(blocker=bob, blocked=alice)
    elif case == "you_blocked":
        actions.block_create(blocker=alice, blocked=bob)
    elif case == "pending":
        other = member(nb, status=Membership.Status.PENDING)
    elif case == "outsider":
        starter = member(other_nb)
    with override("en"), pytest.raises(ValidationError) as raised:
        start_conversation(nb, starter, other, text=text)
    assert message in raised.value.messages[0]
    with scopes_disabled():
        assert not Message.objects.exists()


def test_validation_message_in_dutch(nb, alice, bob):
    actions.block_create(blocker=bob, blocked=alice)
    with override("nl"), pytest.raises(ValidationError) as raised:
        start_conversation(nb, alice, bob, text="Hoi")
    assert "wil geen berichten" in raised.value.messages[0]


def test_block_stops_messages_but_conversation_stays(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    actions.block_create(blocker=bob, blocked=alice)
    with pytest.raises(ValidationError):
        send(conversation, alice, "Hallo??")
    with pytest.raises(ValidationError):
        send(conversation, bob, "Toch nog even")
    with scope(neighbourhood=nb):
        assert selectors.access_conversation(alice, conversation.pk) == conversation
        assert selectors.access_conversation(bob, conversation.pk) == conversation
    actions.block_remove(blocker=bob, blocked=alice)
    send(conversation, alice, "Sorry")


def test_send_only_by_participants(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    eve = member(nb)
    with pytest.raises(ValidationError):
        send(conversation, eve, "Mag ik meedoen?")


def test_three_quick_messages_give_one_email(nb, alice, bob, settings):
    settings.BUURTPLEIN_MESSAGE_EMAIL_DELAY = 600
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    send(conversation, alice, "Ben je er?")
    send(conversation, alice, "Laat maar horen")
    assert mail.outbox == []  # tasks ran at once (immediate backend): nothing due yet
    with scopes_disabled():
        place = Participant.objects.get(conversation=conversation, user=bob)
    later = timezone.now() + timezone.timedelta(seconds=601)
    assert email_if_due(place.pk, now=later)
    assert not email_if_due(place.pk, now=later)
    assert not email_if_due(place.pk, now=later + timezone.timedelta(hours=1))
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["bram@example.nl"]
    assert "Anouk J." in email.subject
    assert f"/b/nijmegen-oost/messages/{conversation.pk}/" in email.body
    assert "Laat maar horen" not in email.body  # no message text in e-mail
    # After reading, a new unread stretch may give one new e-mail.
    with scope(neighbourhood=nb):
        conversation.refresh_from_db()
        actions.conversation_mark_read(conversation=conversation, user=bob)
    send(conversation, alice, "Nog één ding")
    assert email_if_due(place.pk, now=later + timezone.timedelta(hours=1))
    assert len(mail.outbox) == 2


def test_read_before_the_delay_means_no_email(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    with scope(neighbourhood=nb):
        conversation.refresh_from_db()
        actions.conversation_mark_read(conversation=conversation, user=bob)
    with scopes_disabled():
        place = Participant.objects.get(conversation=conversation, user=bob)
    assert not email_if_due(place.pk, now=timezone.now() + timezone.timedelta(hours=1))
    assert mail.outbox == []


def test_email_in_the_recipients_language(nb, alice, bob):
    bob.language = "en"
    bob.save()
    conversation = start_conversation(nb, alice, bob, text="Hoi", subject="Boormachine")
    with scopes_disabled():
        place = Participant.objects.get(conversation=conversation, user=bob)
    assert email_if_due(place.pk, now=timezone.now() + timezone.timedelta(hours=1))
    assert "New message from" in mail.outbox[0].subject
    assert "About: Boormachine" in mail.outbox[0].body


def test_erase_keeps_the_conversation_for_the_other(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Mijn adres is Hoofdstraat 1")
    send(conversation, bob, "Dank je")
    actions.erase_person(alice)
    with scope(neighbourhood=nb):
        assert selectors.access_conversation(bob, conversation.pk) == conversation
        texts = list(
            Message.objects.filter(conversation=conversation)
            .order_by("id")
            .values_list("text", "is_removed")
        )
        assert texts == [("", True), ("Dank je", False)]
        assert list(Participant.objects.values_list("user", flat=True)) == [bob.pk]
        assert Conversation.objects.count() == 1
    with pytest.raises(ValidationError):
        send(conversation, bob, "Hallo?")


def test_no_email_once_the_recipient_left_the_neighbourhood(nb, alice, bob):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    with scopes_disabled():
        Membership.objects.filter(user=bob).update(status=Membership.Status.REJECTED)
        place = Participant.objects.get(conversation=conversation, user=bob)
    assert not email_if_due(place.pk, now=timezone.now() + timezone.timedelta(hours=1))
    assert mail.outbox == []
