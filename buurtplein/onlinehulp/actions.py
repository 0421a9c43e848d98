"""Writes of online help.

Nothing about the asker is stored but what they type (no IP address, no user agent:
``models``' docstring); rate limits count their address in the cache only.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.workdays import add_working_days
from buurtplein.onlinehulp import sealing
from buurtplein.onlinehulp.models import (
    ANSWER_WITHIN_WORKING_DAYS,
    MAX_FIRST_NAME,
    MAX_MESSAGE,
    AgeGroup,
    Author,
    Question,
    QuestionMessage,
    code_digest,
    new_code,
    new_token,
    token_digest,
)

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
    first_name = " ".join(first_name.split())
    if len(first_name) > MAX_FIRST_NAME:
        raise ValidationError(
            {"first_name": _("Keep your first name under %(n)s letters.") % {"n": MAX_FIRST_NAME}}
        )
    if age_group and age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Choose one of the ages, or leave it empty.")})
    ratelimit.check("onlinehulp_question", ip=ip)
    token, code = new_token(), new_code()
    with transaction.atomic():
        question = Question.objects.create(
            neighbourhood=neighbourhood,
            desk=desk,
            token_hash=token_digest(token),
            code_hash=code_digest(code),
            token_sealed=sealing.seal(token),
            email=email.strip(),
            first_name=first_name,
            age_group=age_group,
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
