"""Writes of online help.

The chat's life: :func:`chat_start` (an asker joins the desk's queue) → :func:`chat_take` (a
worker takes it) → :func:`message_post` (either side, numbered) → :func:`chat_close` (either
side) → :func:`chat_register` (the worker's registration) and :func:`chat_rate` (the asker's
rating). Each sends its event after commit (``events``). Workers' actions are audited; nothing
about the asker is (no IP address, no user agent: ``models``' docstring).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core.audit import log_action
from buurtplein.onlinehulp import crisis, events
from buurtplein.onlinehulp.models import (
    MAX_FIRST_NAME,
    MAX_MESSAGE,
    MAX_RATING_TEXT,
    AgeGroup,
    Author,
    Chat,
    ChatMessage,
    Outcome,
    code_digest,
    new_code,
    new_token,
    token_digest,
)


def _clean_first_name(first_name: str) -> str:
    first_name = " ".join(first_name.split())
    if len(first_name) > MAX_FIRST_NAME:
        raise ValidationError(
            {"first_name": _("Keep your first name under %(n)s letters.") % {"n": MAX_FIRST_NAME}}
        )
    return first_name


def chat_start(*, desk, neighbourhood, first_name: str = "", age_group: str = ""):
    """A new chat in ``desk``'s queue, owned by the neighbourhood the asker came in through.
    Returns ``(chat, token, code)``: the token and the code are given to the asker once and
    stored only as digests."""
    first_name = _clean_first_name(first_name)
    if age_group and age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose one of the age groups.")})
    token, code = new_token(), new_code()
    chat = Chat.objects.create(
        neighbourhood=neighbourhood,
        desk=desk,
        token_hash=token_digest(token),
        code_hash=code_digest(code),
        first_name=first_name,
        age_group=age_group,
    )
    events.send_on_commit(events.desk_group(desk.pk), {"type": "queue"})
    return chat, token, code


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write a message first.")})
    if len(text) > MAX_MESSAGE:
        raise ValidationError(
            {"text": _("Keep your message under %(n)s characters.") % {"n": MAX_MESSAGE}}
        )
    return text


def message_post(
    *, chat: Chat, author: str, text: str, worker=None, client_id: str = ""
) -> tuple[ChatMessage, bool]:
    """Store one message of ``chat`` with the next sequence number and send it to the chat's
    websockets. Returns ``(message, created)``: a message sent again with the same
    ``client_id`` (a phone that lost the answer and tries again) is stored once, and the
    stored one is returned. A closed chat takes no more messages."""
    text = _clean_text(text)
    client_id = (client_id or "")[:40]
    if author not in (Author.ASKER, Author.WORKER, Author.SYSTEM):
        raise ValueError(author)
    if client_id:
        existing = ChatMessage.objects.filter(
            neighbourhood_id=chat.neighbourhood_id, chat_id=chat.pk, client_id=client_id
        ).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            locked = (
                Chat.objects.select_for_update()
                .filter(neighbourhood_id=chat.neighbourhood_id, pk=chat.pk)
                .values("state", "last_seq")
                .get()
            )
            if locked["state"] == Chat.State.CLOSED:
                raise ValidationError({"text": _("This chat has ended.")})
            seq = locked["last_seq"] + 1
            Chat.objects.filter(neighbourhood_id=chat.neighbourhood_id, pk=chat.pk).update(
                last_seq=F("last_seq") + 1
            )
            message = ChatMessage.objects.create(
                neighbourhood_id=chat.neighbourhood_id,
                chat=chat,
                seq=seq,
                author=author,
                worker=worker,
                text=text,
                client_id=client_id,
            )
    except IntegrityError:
        # The same client id raced in twice: the first one is the message.
        existing = ChatMessage.objects.filter(
            neighbourhood_id=chat.neighbourhood_id, chat_id=chat.pk, client_id=client_id
        ).first()
        if existing is None:
            raise
        return existing, False
    chat.last_seq = seq
    name = worker.first_name if worker is not None else ""
    message.crisis = author == Author.ASKER and crisis.matches(text, chat.desk.crisis_words)
    events.send_on_commit(
        events.chat_group(chat.pk),
        events.message_event(message, worker_name=name, crisis=message.crisis),
    )
    return message, True


def chat_take(*, chat: Chat, worker, organisation) -> bool:
    """``worker`` (of ``organisation``) takes a waiting chat. False when someone else was
    first (or the asker left)."""
    now = timezone.now()
    taken = Chat.objects.filter(
        neighbourhood_id=chat.neighbourhood_id, pk=chat.pk, state=Chat.State.WAITING
    ).update(state=Chat.State.ACTIVE, worker=worker, organisation=organisation, taken_at=now)
    if not taken:
        return False
    chat.state, chat.worker, chat.organisation, chat.taken_at = (
        Chat.State.ACTIVE,
        worker,
        organisation,
        now,
    )
    log_action(actor=worker, action="onlinehulp.chat.take", target=chat)
    events.send_on_commit(
        events.chat_group(chat.pk),
        {"type": "state", "chat": chat.pk, "state": chat.state, "worker_name": worker.first_name},
    )
    events.send_on_commit(events.desk_group(chat.desk_id), {"type": "queue"})
    return True


def chat_close(*, chat: Chat, worker=None) -> bool:
    """End the chat (the worker, or the asker when ``worker`` is None). False when it had
    ended already."""
    now = timezone.now()
    closed = (
        Chat.objects.filter(neighbourhood_id=chat.neighbourhood_id, pk=chat.pk)
        .exclude(state=Chat.State.CLOSED)
        .update(state=Chat.State.CLOSED, closed_at=now)
    )
    if not closed:
        return False
    chat.state, chat.closed_at = Chat.State.CLOSED, now
    if worker is not None:
        log_action(actor=worker, action="onlinehulp.chat.close", target=chat)
    events.send_on_commit(
        events.chat_group(chat.pk),
        {"type": "state", "chat": chat.pk, "state": chat.state, "by_worker": worker is not None},
    )
    events.send_on_commit(events.desk_group(chat.desk_id), {"type": "queue"})
    return True


def chat_register(*, chat: Chat, worker, topic: str, life_domain: str, outcome: str) -> None:
    """The worker's short registration of a chat: what stays for the figures."""
    from buurtplein.core.life_domains import LifeDomain

    errors = {}
    topic = " ".join(topic.split())
    if len(topic) > 120:
        errors["topic"] = _("Keep the topic short.")
    if life_domain and life_domain not in LifeDomain.values:
        errors["life_domain"] = _("Choose a life domain.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose what the chat led to.")
    if errors:
        raise ValidationError(errors)
    Chat.objects.filter(neighbourhood_id=chat.neighbourhood_id, pk=chat.pk).update(
        topic=topic, life_domain=life_domain, outcome=outcome
    )
    chat.topic, chat.life_domain, chat.outcome = topic, life_domain, outcome
    log_action(actor=worker, action="onlinehulp.chat.register", target=chat)


def chat_rate(*, chat: Chat, rating: int, text: str = "") -> None:
    """The asker's one-tap rating (1–5) after the chat, with an optional sentence."""
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": _("Choose one of the faces.")})
    text = " ".join(text.split())
    if len(text) > MAX_RATING_TEXT:
        raise ValidationError(
            {"rating_text": _("Keep it under %(n)s characters.") % {"n": MAX_RATING_TEXT}}
        )
    Chat.objects.filter(neighbourhood_id=chat.neighbourhood_id, pk=chat.pk).update(
        rating=rating, rating_text=text
    )
    chat.rating, chat.rating_text = rating, text


# --- the workers' console ---------------------------------------------------------------------


def console_take(*, chat: Chat, worker, organisation) -> bool:
    """:func:`chat_take` from the console: the worker's consoles (every tab) are told the chat
    is theirs (``events.worker_group``), so their sockets follow it. False when someone else
    was first."""
    if not chat_take(chat=chat, worker=worker, organisation=organisation):
        return False
    events.send_on_commit(events.worker_group(worker.pk), {"type": "assigned", "chat": chat.pk})
    return True


def snippet_save(*, worker, organisation, title: str, text: str, snippet=None):
    """Add a snippet (canned answer) for ``organisation``, or change ``snippet``."""
    from buurtplein.onlinehulp.models import Snippet

    title = " ".join(title.split())
    text = text.strip()
    errors = {}
    if not title:
        errors["title"] = _("Give the snippet a short title.")
    if not text:
        errors["text"] = _("Write the text of the snippet.")
    elif len(text) > MAX_MESSAGE:
        errors["text"] = _("Keep your message under %(n)s characters.") % {"n": MAX_MESSAGE}
    if errors:
        raise ValidationError(errors)
    if snippet is None:
        snippet = Snippet(organisation=organisation)
    snippet.organisation, snippet.title, snippet.text = organisation, title[:80], text
    snippet.updated_at = timezone.now()
    snippet.save()
    log_action(actor=worker, action="onlinehulp.snippet.save", target=snippet)
    return snippet


def snippet_delete(*, worker, snippet) -> None:
    log_action(actor=worker, action="onlinehulp.snippet.delete", target=snippet)
    snippet.delete()


def presence_join(*, channel: str, worker, desk_ids) -> None:
    """A worker's console socket opened: they are on the console of these desks. Rows of
    sockets not seen for an hour (a process that died) are cleared on the way."""
    from datetime import timedelta

    from buurtplein.onlinehulp.models import ConsolePresence

    now = timezone.now()
    ConsolePresence.objects.filter(last_seen__lt=now - timedelta(hours=1)).delete()
    for desk_id in desk_ids:
        ConsolePresence.objects.update_or_create(
            channel=channel, desk_id=desk_id, defaults={"worker": worker, "last_seen": now}
        )
        events.send_on_commit(events.desk_group(desk_id), {"type": "presence"})


def presence_seen(*, channel: str) -> None:
    """The socket's ping: still there."""
    from buurtplein.onlinehulp.models import ConsolePresence

    ConsolePresence.objects.filter(channel=channel).update(last_seen=timezone.now())


def presence_leave(*, channel: str) -> None:
    """The socket closed."""
    from buurtplein.onlinehulp.models import ConsolePresence

    rows = ConsolePresence.objects.filter(channel=channel)
    desk_ids = set(rows.values_list("desk_id", flat=True))
    rows.delete()
    for desk_id in desk_ids:
        events.send_on_commit(events.desk_group(desk_id), {"type": "presence"})


def chat_hand_over(*, chat: Chat, from_worker, to_worker, organisation, note: str = ""):
    """Pass an active chat of ``from_worker`` on to a colleague (``to_worker`` of
    ``organisation``, maybe another organisation of the desk) with a note for them. The asker
    reads "Je praat nu met <voornaam>" (a system message in the conversation and a state
    event); the colleague's consoles follow the chat, the first worker's let it go. Returns the
    :class:`Handover`; raises ``ValidationError`` when the chat is not (or no longer) theirs."""
    from django.conf import settings
    from django.utils import translation

    from buurtplein.onlinehulp.models import Handover

    note = note.strip()
    if len(note) > 500:
        raise ValidationError({"note": _("Keep the note under %(n)s characters.") % {"n": 500}})
    if to_worker is None or to_worker.pk == from_worker.pk:
        raise ValidationError({"to": _("Choose a colleague.")})
    with transaction.atomic():
        moved = Chat.objects.filter(
            neighbourhood_id=chat.neighbourhood_id,
            pk=chat.pk,
            state=Chat.State.ACTIVE,
            worker_id=from_worker.pk,
        ).update(worker=to_worker, organisation=organisation)
        if not moved:
            raise ValidationError(_("This chat is no longer yours to pass on."))
        chat.worker, chat.organisation = to_worker, organisation
        handover = Handover.objects.create(
            neighbourhood_id=chat.neighbourhood_id,
            chat=chat,
            from_worker=from_worker,
            to_worker=to_worker,
            note=note,
        )
        # The asker's words are in the site's language (they have no account to say otherwise).
        with translation.override(settings.LANGUAGE_CODE):
            text = _("You are now talking with %(name)s.") % {"name": to_worker.first_name}
        message_post(chat=chat, author=Author.SYSTEM, text=text)
        log_action(actor=from_worker, action="onlinehulp.chat.hand_over", target=chat)
    events.send_on_commit(
        events.chat_group(chat.pk),
        {
            "type": "state",
            "chat": chat.pk,
            "state": chat.state,
            "worker_name": to_worker.first_name,
            "handed_over": True,
        },
    )
    events.send_on_commit(events.worker_group(to_worker.pk), {"type": "assigned", "chat": chat.pk})
    events.send_on_commit(
        events.worker_group(from_worker.pk), {"type": "released", "chat": chat.pk}
    )
    events.send_on_commit(events.desk_group(chat.desk_id), {"type": "presence"})
    return handover


def chat_read_along(*, chat: Chat, coach) -> bool:
    """``coach`` joins ``chat`` read-only (the caller checked ``selectors.read_along_chats``).
    False when someone else reads along already or the chat ended."""
    from django.db.models import Q

    joined = (
        Chat.objects.filter(
            neighbourhood_id=chat.neighbourhood_id, pk=chat.pk, state=Chat.State.ACTIVE
        )
        .filter(Q(coach__isnull=True) | Q(coach_id=coach.pk))
        .update(coach=coach)
    )
    if not joined:
        return False
    chat.coach = coach
    log_action(actor=coach, action="onlinehulp.chat.read_along", target=chat)
    events.send_on_commit(events.worker_group(coach.pk), {"type": "assigned", "chat": chat.pk})
    return True


def chat_stop_reading(*, chat: Chat, coach) -> None:
    Chat.objects.filter(
        neighbourhood_id=chat.neighbourhood_id, pk=chat.pk, coach_id=coach.pk
    ).update(coach=None)
    chat.coach = None
    events.send_on_commit(events.worker_group(coach.pk), {"type": "released", "chat": chat.pk})
