"""How long online help keeps what askers and workers wrote (``core.retention``; listed on
"Privacy in je buurt" and applied by ``manage.py enforce_retention``). A closed chat's or
question's messages (and the workers' notes and handover notes) are deleted after the desk's
``retention_days`` (30 by default); the row stays with its registration (topic, life domain,
outcome, rating) for the figures, marked ``transcript_deleted_at``."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

DEFAULT_PERIOD = relativedelta(days=30)
"""The period the privacy page names (``models.DEFAULT_RETENTION_DAYS``); each desk may set its
own (``Desk.retention_days``), and that is what the round applies."""


def _past_their_desks_period(model, neighbourhood, now):
    """The closed conversations of ``neighbourhood`` whose desk's period has passed, their
    transcript still there."""
    from buurtplein.onlinehulp.models import Desk

    periods = Desk.objects.values_list("pk", "retention_days")
    past = Q(pk__in=[])
    for desk_id, days in periods:
        past |= Q(desk_id=desk_id, closed_at__lt=now - dt.timedelta(days=days))
    return model.objects.filter(
        past, neighbourhood=neighbourhood, closed_at__isnull=False, transcript_deleted_at=None
    )


def _chats_due(neighbourhood, now):
    from buurtplein.onlinehulp.models import Chat

    return _past_their_desks_period(Chat, neighbourhood, now)


def _questions_due(neighbourhood, now):
    from buurtplein.onlinehulp.models import Question

    return _past_their_desks_period(Question, neighbourhood, now)


def forget_chats(queryset) -> int:
    from buurtplein.onlinehulp.models import Chat, ChatMessage, Handover

    ids = list(queryset.values_list("pk", flat=True))
    ChatMessage.objects.filter(chat_id__in=ids).delete()
    Handover.objects.filter(chat_id__in=ids).update(note="")
    return Chat.objects.filter(pk__in=ids).update(
        rating_text="", token_sealed="", transcript_deleted_at=timezone.now()
    )


def forget_questions(queryset) -> int:
    from buurtplein.onlinehulp.models import Question, QuestionMessage, QuestionNote

    ids = list(queryset.values_list("pk", flat=True))
    QuestionMessage.objects.filter(question_id__in=ids).delete()
    QuestionNote.objects.filter(question_id__in=ids).delete()
    return Question.objects.filter(pk__in=ids).update(
        email="", token_sealed="", rating_text="", transcript_deleted_at=timezone.now()
    )


WHY = _(
    "So that the asker can read back what was said, and a worker can look back when the "
    "asker comes again soon. After that only the registration stays for the figures: topic, "
    "life domain, outcome and rating, without anything the asker wrote."
)

RETENTION = (
    RetentionRule(
        key="online help chats",
        label=_(
            "What was written in closed online help chats (the messages, the notes for a "
            "colleague, the sentence with the rating)"
        ),
        period=DEFAULT_PERIOD,
        after=_("%(period)s after the chat was closed (each desk may set its own period)"),
        why=WHY,
        due=_chats_due,
        apply=forget_chats,
    ),
    RetentionRule(
        key="online help questions",
        label=_(
            "What was written in closed e-mail questions to online help (the messages, the "
            "workers' notes, the sentence with the rating, the asker's e-mail address)"
        ),
        period=DEFAULT_PERIOD,
        after=_("%(period)s after the question was closed (each desk may set its own period)"),
        why=WHY,
        due=_questions_due,
        apply=forget_questions,
    ),
)
