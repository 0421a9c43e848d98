"""Background work of online help's e-mail questions. Tasks take ids, reload
(``core.tasks.load``: nothing when the component is switched off), enter the neighbourhood's
scope, and may run more than once: each reminder and escalation is claimed with a conditional
update (``claim_once``), and each e-mail goes once per run through ``core.tasks.send_to``. No
e-mail carries what was asked or answered: only that there is something, and a link."""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to
from buurtplein.onlinehulp import actions, sealing, selectors
from buurtplein.onlinehulp.models import Question


def _asker(question: Question):
    """The asker as ``send_to`` addresses a person: no account, only the address they left,
    in the platform's language (Dutch)."""
    return SimpleNamespace(
        pk=f"question-{question.pk}",
        email=question.email,
        language=settings.LANGUAGE_CODE,
        first_name=question.first_name,
    )


@task
def notify_answered(question_id: int, message_id: int) -> bool:
    """Tell the asker who left an address that there is an answer, with their link."""
    question = load(Question, question_id, "desk")
    if question is None or not question.email or question.state == Question.State.CLOSED:
        return False
    token = sealing.unseal(question.token_sealed)
    if not token:
        return False
    with scope(neighbourhood=question.neighbourhood):
        return send_to(
            _asker(question),
            "onlinehulp/email/answered",
            {"question": question, "token": token},
            key=str(message_id),
        )


@task
def check_question(question_id: int) -> str:
    """Planned at the reminder moment (a day before the due time) and at the due time: remind
    the assigned worker (nobody yet: the desk's workers) once, then tell the coordinators once,
    while the question waits for an answer."""
    question = load(Question, question_id, "desk", "assigned_to")
    if question is None:
        return ""
    now = timezone.now()
    done = []
    context, key = {"question": question}, str(question.pk)
    with scope(neighbourhood=question.neighbourhood):
        if claim_once(
            f"question-remind:{question.pk}",
            lambda: actions.claim_question_reminder(question, now),
        ):
            if question.assigned_to is not None and question.assigned_to.is_active:
                people = [question.assigned_to]
            else:
                people = list(selectors.desk_colleagues(question.desk))
            for person in people:
                send_to(person, "onlinehulp/email/question_reminder", context, key=key)
            done.append("reminded")
        if claim_once(
            f"question-escalate:{question.pk}",
            lambda: actions.claim_question_escalation(question, now),
        ):
            for person in selectors.desk_coordinators(question.desk):
                send_to(person, "onlinehulp/email/question_escalation", context, key=key)
            done.append("escalated")
    return ",".join(done)
