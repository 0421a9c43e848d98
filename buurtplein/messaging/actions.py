"""Writes of messaging. Other apps open conversations through :func:`conversation_start`.

Every check that protects a person (blocked, not a participant, not a verified member of the
neighbourhood, empty text) is made here, so no caller can skip it; the messages are written for
people (in the active language) because callers show them next to their own reply forms.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.models import Membership
from buurtplein.core.tasks import enqueue_later
from buurtplein.core.text import render_markdown
from buurtplein.messaging.models import Block, Conversation, Message, Participant

MAX_LENGTH = Message._meta.get_field("text").max_length
SUBJECT_LENGTH = Conversation._meta.get_field("subject").max_length


# --- checks -----------------------------------------------------------------------------------


def is_blocked_between(a, b) -> bool:
    """Has either of the two blocked the other?"""
    return Block.objects.filter(
        Q(blocker_id=a.pk, blocked_id=b.pk) | Q(blocker_id=b.pk, blocked_id=a.pk)
    ).exists()


def _is_verified_member(user, neighbourhood) -> bool:
    return Membership.objects.filter(
        neighbourhood=neighbourhood, user_id=user.pk, status=Membership.Status.VERIFIED
    ).exists()


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write a message first."), code="empty")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("Your message is too long: at most %(max)d characters.") % {"max": MAX_LENGTH},
            code="too_long",
        )
    return text


def _check_may_write(*, author, other, neighbourhood) -> None:
    if not _is_verified_member(author, neighbourhood):
        raise ValidationError(
            _("Only verified members of this neighbourhood can send messages."),
            code="not_member",
        )
    if other is None or not _is_verified_member(other, neighbourhood):
        raise ValidationError(
            _("This person is no longer a member of this neighbourhood."),
            code="other_not_member",
        )
    if Block.objects.filter(blocker_id=other.pk, blocked_id=author.pk).exists():
        raise ValidationError(
            _("%(name)s does not want to receive messages from you.") % {"name": other},
            code="blocked",
        )
    if Block.objects.filter(blocker_id=author.pk, blocked_id=other.pk).exists():
        raise ValidationError(
            _("You blocked %(name)s. Unblock this person first to send a message.")
            % {"name": other},
            code="you_blocked",
        )


def conversation_key(a, b, about) -> str:
    """One conversation per pair of people per object (or per pair, about nothing)."""
    low, high = sorted([a.pk, b.pk])
    about_part = ""
    if about is not None:
        about_part = f"{ContentType.objects.get_for_model(about).pk}:{about.pk}"
    return f"{low}-{high}|{about_part}"


# --- conversations and messages ----------------------------------------------------------------


def conversation_start(
    *, neighbourhood, starter, other, about=None, subject: str = "", text: str
) -> Conversation:
    """Open the private conversation between ``starter`` and ``other`` about ``about`` (any
    model instance of this neighbourhood; optional) — or reuse the existing one of these two
    people about the same object — and post ``text`` as a message from ``starter``.

    Raises ``ValidationError`` (readable, in the active language) when one has blocked the
    other, when starter == other, when either is not a verified member of the neighbourhood, or
    when the text is empty.
    """
    ratelimit.check("message", user=starter)
    if other is not None and starter.pk == other.pk:
        raise ValidationError(_("You cannot send a message to yourself."), code="self")
    text = _clean_text(text)
    _check_may_write(author=starter, other=other, neighbourhood=neighbourhood)
    if about is not None and getattr(about, "neighbourhood_id", neighbourhood.pk) != (
        neighbourhood.pk
    ):
        raise ValueError("A conversation can only be about something of its own neighbourhood.")
    key = conversation_key(starter, other, about)
    with transaction.atomic():
        conversation = Conversation.objects.filter(neighbourhood=neighbourhood, key=key).first()
        if conversation is None:
            try:
                with transaction.atomic():
                    conversation = _create_conversation(
                        neighbourhood=neighbourhood,
                        people=[starter, other],
                        about=about,
                        subject=subject,
                        key=key,
                    )
            except IntegrityError:  # the same two people, at the same moment
                conversation = Conversation.objects.get(neighbourhood=neighbourhood, key=key)
        elif subject and not conversation.subject:
            conversation.subject = subject.strip()[:SUBJECT_LENGTH]
            conversation.save(update_fields=["subject"])
        _post(conversation=conversation, author=starter, text=text)
    return conversation


def _create_conversation(*, neighbourhood, people, about, subject, key) -> Conversation:
    now = timezone.now()
    conversation = Conversation.objects.create(
        neighbourhood=neighbourhood,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        subject=(subject or "").strip()[:SUBJECT_LENGTH],
        key=key,
        created_at=now,
        last_message_at=now,
    )
    Participant.objects.bulk_create(
        [
            Participant(
                neighbourhood=neighbourhood,
                conversation=conversation,
                user=person,
                last_message_at=now,
            )
            for person in people
        ]
    )
    return conversation


def other_participant(conversation: Conversation, user):
    """The other person in the conversation (None once their account was erased)."""
    place = (
        Participant.objects.filter(conversation=conversation)
        .exclude(user_id=user.pk)
        .select_related("user", "user__profile")
        .first()
    )
    return place.user if place else None


def message_send(*, conversation: Conversation, author, text: str) -> Message:
    """Post ``text`` from ``author`` in the conversation. Same checks as
    :func:`conversation_start`: author a participant and a verified member, nobody blocked,
    text not empty."""
    ratelimit.check("message", user=author)
    text = _clean_text(text)
    if not Participant.objects.filter(conversation=conversation, user_id=author.pk).exists():
        raise ValidationError(_("You are not part of this conversation."), code="not_participant")
    other = other_participant(conversation, author)
    _check_may_write(author=author, other=other, neighbourhood=conversation.neighbourhood)
    with transaction.atomic():
        return _post(conversation=conversation, author=author, text=text)


def _post(*, conversation: Conversation, author, text: str) -> Message:
    now = timezone.now()
    message = Message.objects.create(
        neighbourhood_id=conversation.neighbourhood_id,
        conversation=conversation,
        author=author,
        text=text,
        text_html=render_markdown(text),
        created_at=now,
    )
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=now, last_message=message
    )
    conversation.last_message_at, conversation.last_message = now, message
    places = Participant.objects.filter(conversation=conversation)
    places.update(last_message_at=now)
    # Writing means having read everything before: the author's own place is up to date.
    places.filter(user_id=author.pk).update(last_read_message_id=message.pk, unread_count=0)
    places.exclude(user_id=author.pk).update(unread_count=F("unread_count") + 1)
    recipients = list(places.exclude(user_id=author.pk).values_list("pk", "user_id"))

    def tell_the_open_pages():
        from buurtplein.messaging.events import notify_new_message

        notify_new_message(conversation=conversation, message=message, author_id=author.pk)

    def schedule_email():
        from buurtplein.messaging import tasks

        due = now + timedelta(seconds=email_delay())
        for place_id, _user_id in recipients:
            enqueue_later(tasks.email_unread, due, place_id)

    # Real-time is an extra: a failing channel layer never fails the write (robust).
    transaction.on_commit(tell_the_open_pages, robust=True)
    transaction.on_commit(schedule_email)
    return message


def conversation_mark_read(*, conversation: Conversation, user) -> None:
    """``user`` has seen every message of the conversation up to now."""
    last_id = conversation.last_message_id or 0
    updated = (
        Participant.objects.filter(conversation=conversation, user_id=user.pk)
        .filter(Q(last_read_message_id__lt=last_id) | Q(unread_count__gt=0))
        .update(last_read_message_id=last_id, unread_count=0)
    )
    if updated:
        from buurtplein.messaging.events import notify_read

        transaction.on_commit(
            lambda: notify_read(conversation=conversation, reader_id=user.pk, up_to=last_id),
            robust=True,
        )


# --- blocks -----------------------------------------------------------------------------------


def block_create(*, blocker, blocked) -> Block:
    """``blocker`` no longer receives messages from ``blocked`` (platform-wide). Existing
    conversations stay readable for both."""
    if blocker.pk == blocked.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def block_remove(*, blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


# --- e-mail after a quiet period ---------------------------------------------------------------


def email_delay() -> int:
    return int(getattr(settings, "BUURTPLEIN_MESSAGE_EMAIL_DELAY", 600))


def unread_to_email(place: Participant, *, now: datetime | None = None) -> list[Message]:
    """The messages ``place.user`` should now be e-mailed about; empty when none (yet).

    * Only messages from the other person that are unread and not e-mailed before.
    * Nothing until the oldest of them is ``BUURTPLEIN_MESSAGE_EMAIL_DELAY`` seconds old, so a
      lively chat, read as it happens, sends no e-mail at all.
    * After one e-mail, nothing more until the person has read the conversation: an active
      chat never sends more than one e-mail per unread stretch.
    """
    now = now or timezone.now()
    if place.emailed_up_to_id > place.last_read_message_id:
        return []
    pending = list(
        Message.objects.filter(
            conversation_id=place.conversation_id,
            id__gt=max(place.last_read_message_id, place.emailed_up_to_id),
            is_removed=False,
        )
        .exclude(author_id=place.user_id)
        .order_by("id")
    )
    if not pending or pending[0].created_at > now - timedelta(seconds=email_delay()):
        return []
    return pending


def claim_email(place: Participant, up_to: int) -> bool:
    """Remember that the e-mail about messages up to ``up_to`` is being sent; False when another
    worker did it already (so each e-mail goes out once)."""
    return bool(
        Participant.objects.filter(pk=place.pk, emailed_up_to_id=place.emailed_up_to_id).update(
            emailed_up_to_id=up_to
        )
    )


def release_email(place: Participant, back_to: int | None, up_to: int) -> None:
    """Undo :func:`claim_email` when the e-mail could not be sent (only while nothing else
    moved the mark meanwhile)."""
    Participant.objects.filter(pk=place.pk, emailed_up_to_id=up_to).update(emailed_up_to_id=back_to)


def mark_emailed(*, conversation, user, author) -> None:
    """Another component just e-mailed ``user`` the latest message of ``author`` in
    ``conversation`` itself (a response to a vacancy, with its text): the e-mail about unread
    messages does not tell it a second time. Messages that come after it are e-mailed as usual
    once ``user`` has read the conversation."""
    latest = (
        Message.objects.filter(conversation=conversation, author_id=author.pk)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if latest is not None:
        Participant.objects.filter(
            conversation=conversation, user_id=user.pk, emailed_up_to_id__lt=latest
        ).update(emailed_up_to_id=latest)


# --- privacy ----------------------------------------------------------------------------------


@transaction.atomic
def erase_person(user) -> None:
    """Forget ``user`` (account deletion): their messages lose their text and author, their
    places in conversations go; the other person keeps the conversation. A conversation nobody
    is left in goes altogether, and one about something that is gone now (the person's own
    offer or request, erased just before: ``accounts.actions.account_erase`` runs messaging
    last) loses its subject, which was that thing's title."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        theirs = list(
            Participant.objects.filter(user_id=user.pk).values_list("conversation_id", flat=True)
        )
        Message.objects.filter(author_id=user.pk).update(
            text="", text_html="", is_removed=True, author=None
        )
        Participant.objects.filter(user_id=user.pk).delete()
        Block.objects.filter(Q(blocker_id=user.pk) | Q(blocked_id=user.pk)).delete()
        Conversation.objects.filter(pk__in=theirs, participants__isnull=True).delete()
        for conversation in Conversation.objects.filter(
            pk__in=theirs, about_type__isnull=False
        ).select_related("about_type"):
            model = conversation.about_type.model_class()
            if model is None or not model._base_manager.filter(pk=conversation.about_id).exists():
                conversation.subject = ""
                conversation.save(update_fields=["subject"])


def moderation_hide(*, message, hidden: bool) -> None:
    """A buurtverbinder hid a reported message (or showed it again): messaging's own
    ``is_removed``, so the thread, the inbox, the e-mails and the live updates all leave it out
    ("Bericht verwijderd"). The text stays, so that undoing it after an objection restores it."""
    Message.objects.filter(pk=message.pk).update(is_removed=hidden)
