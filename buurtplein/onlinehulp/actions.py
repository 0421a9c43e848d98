"""Writes of online help.

The chat's life: :func:`chat_start` (an asker joins the desk's queue) → :func:`chat_take` (a
worker takes it) → :func:`message_post` (either side, numbered) → :func:`chat_close` (either
side) → :func:`chat_register` (the worker's registration) and :func:`chat_rate` (the asker's
rating). Each sends its event after commit (``events``). Workers' actions are audited; nothing
about the asker is (no IP address, no user agent: ``models``' docstring).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.audit import log_action
from buurtplein.core.workdays import add_working_days
from buurtplein.onlinehulp import crisis, events, sealing
from buurtplein.onlinehulp.models import (
    ANSWER_WITHIN_WORKING_DAYS,
    MAX_FIRST_NAME,
    MAX_MESSAGE,
    MAX_RATING_TEXT,
    AgeGroup,
    Author,
    Chat,
    ChatMessage,
    Outcome,
    Question,
    QuestionMessage,
    QuestionNote,
    code_digest,
    new_code,
    new_token,
    token_digest,
)


def _asker(first_name: str, age_group: str) -> dict:
    """What an asker chose to say about themselves (a chat's or a question's), checked."""
    first_name = " ".join(first_name.split())
    if len(first_name) > MAX_FIRST_NAME:
        raise ValidationError(
            {"first_name": _("Keep your first name under %(n)s letters.") % {"n": MAX_FIRST_NAME}}
        )
    if age_group and age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose one of the ages, or leave it empty.")})
    return {"first_name": first_name, "age_group": age_group}


def _way_in() -> tuple[str, str, dict]:
    """A new secret token and short code for an asker, and what is stored of them: their
    digests, and the token sealed (``sealing``) so that the code leads back to the link."""
    token, code = new_token(), new_code()
    stored = {
        "token_hash": token_digest(token),
        "code_hash": code_digest(code),
        "token_sealed": sealing.seal(token),
    }
    return token, code, stored


def chat_start(*, desk, neighbourhood, first_name: str = "", age_group: str = ""):
    """A new chat in ``desk``'s queue, owned by the neighbourhood the asker came in through.
    Returns ``(chat, token, code)``: the token and the code are given to the asker once and
    stored only as digests."""
    asker = _asker(first_name, age_group)
    token, code, stored = _way_in()
    chat = Chat.objects.create(neighbourhood=neighbourhood, desk=desk, **stored, **asker)
    events.queue_changed(desk.pk)
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
    stored one is returned. A closed chat takes no more messages.

    Each side of a chat sends at most ``BUURTPLEIN_RATE_LIMITS["onlinehulp_message"]`` new
    messages (``ratelimit.RateLimited`` beyond; a resend of a stored one is not counted). The
    websockets count each message as a request is counted (``ratelimit.counting``)."""
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
    if author != Author.SYSTEM:
        ratelimit.check("onlinehulp_message", side=f"{chat.pk}:{author}")
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
    events.queue_changed(chat.desk_id)
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
    events.queue_changed(chat.desk_id)
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


# --- The asker's e-mail question (part "desk") ---------------------------------------------


def _question_text(text: str, field: str = "text") -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: _("Write your question.")})
    if len(text) > MAX_MESSAGE:
        raise ValidationError({field: _("Keep it under %(n)s characters.") % {"n": MAX_MESSAGE}})
    return text


def question_ask(
    *,
    desk,
    neighbourhood,
    text: str,
    first_name: str = "",
    age_group: str = "",
    email: str = "",
    ip: str = "",
    now: dt.datetime | None = None,
) -> tuple[Question, str, str]:
    """An asker's question outside the chat (or instead of it): the question and its first
    message, to be answered within ``ANSWER_WITHIN_WORKING_DAYS`` working days. Returns the
    question, its secret token and its short code: only their digests are kept (and the token
    sealed, so the code and the answer's e-mail can lead back to it). Rate-limited per
    address (in the cache) after the form is found valid."""
    now = now or timezone.now()
    text = _question_text(text)
    asker = _asker(first_name, age_group)
    ratelimit.check("onlinehulp_question", ip=ip)
    token, code, stored = _way_in()
    with transaction.atomic():
        question = Question.objects.create(
            neighbourhood=neighbourhood,
            desk=desk,
            **stored,
            **asker,
            email=email.strip(),
            due_at=add_working_days(now, ANSWER_WITHIN_WORKING_DAYS),
            created_at=now,
        )
        QuestionMessage.objects.create(
            neighbourhood=neighbourhood,
            question=question,
            author=Author.ASKER,
            text=text,
            created_at=now,
        )
        plan_question_checks(question)
    return question, token, code


def question_reply(*, question: Question, text: str, now: dt.datetime | None = None) -> None:
    """The asker writes again on their question (by its secret link). An answered question
    goes back into the workers' queue, due again within the working days."""
    now = now or timezone.now()
    if question.state == Question.State.CLOSED:
        raise ValidationError(_("This question is closed. You can ask a new one."))
    text = _question_text(text)
    ratelimit.check("onlinehulp_reply", question=question.pk)
    with transaction.atomic():
        QuestionMessage.objects.create(
            neighbourhood_id=question.neighbourhood_id,
            question=question,
            author=Author.ASKER,
            text=text,
            created_at=now,
        )
        if question.state == Question.State.ANSWERED:
            question.state = (
                Question.State.ASSIGNED if question.assigned_to_id else Question.State.NEW
            )
            question.due_at = add_working_days(now, ANSWER_WITHIN_WORKING_DAYS)
            question.reminded_at = question.escalated_at = None
            question.save(update_fields=["state", "due_at", "reminded_at", "escalated_at"])
            plan_question_checks(question)


# --- The workers' e-mail queue (part "desk") -----------------------------------------------

REMIND_BEFORE = dt.timedelta(hours=24)
"""A question still unanswered a day before its due time (``ANSWER_WITHIN_WORKING_DAYS``
working days after it was asked, or after the asker's last reply) reminds the worker it is
assigned to (nobody yet: the desk's workers) once; at its due time it is escalated once to
the coordinators of the organisations taking part (none: the workers)."""


def reminder_moment(question: Question) -> dt.datetime:
    return question.due_at - REMIND_BEFORE


def _worker_organisation(desk, worker):
    from buurtplein.onlinehulp.models import DeskOrganisation

    return (
        DeskOrganisation.objects.filter(desk=desk, organisation__staff=worker)
        .order_by("pk")
        .values_list("organisation_id", flat=True)
        .first()
    )


def question_assign(*, question: Question, actor, to) -> None:
    """Assign the question to ``to`` (the actor themselves or a colleague of the desk)."""
    from buurtplein.onlinehulp.selectors import desk_colleagues

    if question.state == Question.State.CLOSED:
        raise ValidationError(_("This question is closed."))
    if to is None or not desk_colleagues(question.desk).filter(pk=to.pk).exists():
        raise ValidationError(_("Only a worker of this desk can take the question."))
    question.assigned_to = to
    question.organisation_id = _worker_organisation(question.desk, to)
    if question.state == Question.State.NEW:
        question.state = Question.State.ASSIGNED
    question.save(update_fields=["assigned_to", "organisation", "state"])
    log_action(
        actor=actor, action="onlinehulp.question.assign", target=question, data={"to": to.pk}
    )


def question_answer(
    *, question: Question, worker, text: str, now: dt.datetime | None = None
) -> QuestionMessage:
    """A worker's answer: the asker reads it by their link and, when they left an address,
    gets an e-mail that there is an answer (not what it says)."""
    from buurtplein.onlinehulp import tasks

    now = now or timezone.now()
    if question.state == Question.State.CLOSED:
        raise ValidationError(_("This question is closed."))
    text = _question_text(text)
    with transaction.atomic():
        message = QuestionMessage.objects.create(
            neighbourhood_id=question.neighbourhood_id,
            question=question,
            author=Author.WORKER,
            worker=worker,
            text=text,
            created_at=now,
        )
        if question.assigned_to_id is None:
            question.assigned_to = worker
            question.organisation_id = _worker_organisation(question.desk, worker)
        question.state = Question.State.ANSWERED
        question.answered_at = question.answered_at or now
        question.save(update_fields=["assigned_to", "organisation", "state", "answered_at"])
        log_action(actor=worker, action="onlinehulp.question.answer", target=question)
    if question.email:
        transaction.on_commit(lambda: tasks.notify_answered.enqueue(question.pk, message.pk))
    return message


def question_note(*, question: Question, worker, text: str) -> None:
    """An internal note of the workers; the asker never sees it."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    QuestionNote.objects.create(
        neighbourhood_id=question.neighbourhood_id,
        question=question,
        author=worker,
        text=text[:MAX_MESSAGE],
    )


def question_close(
    *,
    question: Question,
    worker,
    topic: str,
    life_domain: str,
    outcome: str,
    now: dt.datetime | None = None,
) -> None:
    """Close the question with its short registration (what stays for the figures)."""
    from buurtplein.core.life_domains import LifeDomain

    if question.state == Question.State.CLOSED:
        raise ValidationError(_("This question is closed."))
    errors = {}
    if life_domain and life_domain not in LifeDomain.values:
        errors["life_domain"] = _("Choose a life domain.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose what it led to.")
    if errors:
        raise ValidationError(errors)
    question.state = Question.State.CLOSED
    question.closed_at = now or timezone.now()
    question.email = ""  # only ever to tell them of an answer; closed, there will be none
    question.topic = topic.strip()[:120]
    question.life_domain = life_domain
    question.outcome = outcome
    question.save(update_fields=["state", "closed_at", "email", "topic", "life_domain", "outcome"])
    log_action(actor=worker, action="onlinehulp.question.close", target=question)


def plan_question_checks(question: Question) -> None:
    """Plan the reminder and the escalation of a new (or newly due) question."""
    from buurtplein.core.tasks import enqueue_later
    from buurtplein.onlinehulp import tasks

    for when in (reminder_moment(question), question.due_at):
        transaction.on_commit(
            lambda when=when: enqueue_later(tasks.check_question, when, question.pk)
        )


def _waiting(queryset):
    return queryset.filter(state__in=[Question.State.NEW, Question.State.ASSIGNED])


def question_reminders_due(neighbourhood, now: dt.datetime) -> list[Question]:
    """Questions of ``neighbourhood`` whose reminder moment passed and that still wait."""
    return [
        q
        for q in _waiting(Question.objects.filter(neighbourhood=neighbourhood, reminded_at=None))
        if reminder_moment(q) <= now
    ]


def question_escalations_due(neighbourhood, now: dt.datetime) -> list[Question]:
    return list(
        _waiting(
            Question.objects.filter(neighbourhood=neighbourhood, escalated_at=None, due_at__lte=now)
        )
    )


def claim_question_reminder(question: Question, now: dt.datetime) -> bool:
    """Take the question's one reminder (a conditional update: True for one caller only)."""
    if question.state not in (Question.State.NEW, Question.State.ASSIGNED):
        return False
    if reminder_moment(question) > now:
        return False
    return bool(
        Question.objects.filter(pk=question.pk, reminded_at=None)
        .filter(state__in=[Question.State.NEW, Question.State.ASSIGNED])
        .update(reminded_at=now)
    )


def claim_question_escalation(question: Question, now: dt.datetime) -> bool:
    """Take the question's one escalation, once it is overdue and still unanswered."""
    return bool(
        Question.objects.filter(pk=question.pk, escalated_at=None, due_at__lte=now)
        .filter(state__in=[Question.State.NEW, Question.State.ASSIGNED])
        .update(escalated_at=now)
    )


# --- Consultation hours and the rota (part "desk") -----------------------------------------


def _shift_span(date, starts, ends):
    from buurtplein.core.workdays import AMSTERDAM

    begin = dt.datetime.combine(date, starts, tzinfo=AMSTERDAM)
    end_day = date + dt.timedelta(days=1) if ends <= starts else date
    return begin, dt.datetime.combine(end_day, ends, tzinfo=AMSTERDAM)


def shift_add(*, desk, worker, date, starts, ends, now: dt.datetime | None = None):
    """A worker signs up to cover the desk on ``date`` from ``starts`` to ``ends`` (00:00 as
    the end: midnight), within the desk's open hours that day, in the coming weeks."""
    from buurtplein.onlinehulp.models import Shift
    from buurtplein.onlinehulp.selectors import ROTA_WEEKS, desk_colleagues, rota

    now = now or timezone.now()
    today = timezone.localdate(now)
    if not desk_colleagues(desk).filter(pk=worker.pk).exists():
        raise ValidationError(_("Only a worker of this desk can sign up."))
    if not today <= date < today + dt.timedelta(weeks=ROTA_WEEKS):
        raise ValidationError(
            {"date": _("Choose a day in the coming %(n)s weeks.") % {"n": ROTA_WEEKS}}
        )
    if ends != dt.time(0) and ends <= starts:
        raise ValidationError({"ends": _("A shift ends after it starts, on the same day.")})
    begin, end = _shift_span(date, starts, ends)
    [day] = rota(desk, date, weeks=1)[date.weekday() : date.weekday() + 1]
    if not any(a <= begin and end <= b for a, b in day["open"]):
        raise ValidationError({"starts": _("A shift falls within the chat's hours that day.")})
    mine = Shift.objects.filter(desk=desk, worker=worker, date=date)
    if any(a < end and begin < b for a, b in (_shift_span(s.date, s.starts, s.ends) for s in mine)):
        raise ValidationError({"starts": _("You already have a shift then.")})
    shift = Shift.objects.create(
        desk=desk,
        worker=worker,
        organisation_id=_worker_organisation(desk, worker),
        date=date,
        starts=starts,
        ends=ends,
    )
    return shift


def shift_cancel(*, shift, worker, now: dt.datetime | None = None) -> None:
    """A worker cancels their own shift that has not begun."""
    now = now or timezone.now()
    if shift.worker_id != worker.pk:
        raise ValidationError(_("You can only cancel your own shifts."))
    if _shift_span(shift.date, shift.starts, shift.ends)[0] <= now:
        raise ValidationError(_("This shift has begun; it can no longer be cancelled."))
    shift.delete()


def hour_add(*, desk, actor, weekday: int, starts, ends):
    """A coordinator adds consultation hours (00:00 as the end: midnight)."""
    from buurtplein.onlinehulp.models import ConsultationHour

    if weekday not in range(7):
        raise ValidationError({"weekday": _("Choose a day.")})
    if ends != dt.time(0) and ends <= starts:
        raise ValidationError({"ends": _("The hours end after they start.")})
    hour = ConsultationHour.objects.create(desk=desk, weekday=weekday, starts=starts, ends=ends)
    log_action(actor=actor, action="onlinehulp.hours.add", target=desk, data={"hour": str(hour)})
    return hour


def hour_delete(*, hour, actor) -> None:
    log_action(
        actor=actor, action="onlinehulp.hours.delete", target=hour.desk, data={"hour": str(hour)}
    )
    hour.delete()
