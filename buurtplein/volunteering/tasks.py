"""Background work of volunteering. Tasks take ids, reload, and re-enter the neighbourhood's
scope. Each one may run more than once, late, or (with a backend that cannot wait) early: it
checks again whether there is anything to do."""

from __future__ import annotations

from django.tasks import task
from django_scopes import scope

from buurtplein.core.tasks import claim_once, load, send_to
from buurtplein.volunteering import actions
from buurtplein.volunteering.models import Response, ResponseState, Side


@task
def check_vacancy(vacancy_id: int) -> str:
    """Planned a week before and at the end: remind the contact once, or expire."""
    return actions.VACANCY_EXPIRY.check_by_id(vacancy_id)


@task
def send_reminder(vacancy_id: int) -> bool:
    """ "Your vacancy ends soon" with a one-click renew link, to the contact person."""
    return actions.VACANCY_EXPIRY.send_reminder(vacancy_id)


@task
def notify_response(response_id: int, what: str) -> bool:
    """Tell the other side: a new response or a withdrawal (to the contact person), an
    acceptance or a kind "no" (to the person). Only when the response is still in that state
    (a later step in the same transaction wins)."""
    response = load(
        Response, response_id, "vacancy", "vacancy__contact", "vacancy__organisation", "person"
    )
    if response is None or response.state != what:
        return False
    vacancy = response.vacancy
    if what in (ResponseState.NEW, ResponseState.WITHDRAWN):
        recipient = vacancy.contact
    else:
        recipient = response.person
    if recipient is None:
        return False
    with scope(neighbourhood=response.neighbourhood):
        send_to(
            recipient,
            f"volunteering/email/response_{what}",
            {"response": response, "vacancy": vacancy},
        )
        if what == ResponseState.NEW and response.conversation_id:
            # That e-mail carries the message: messaging's "unread message" one would repeat it.
            from buurtplein.messaging.actions import mark_emailed

            mark_emailed(conversation=response.conversation, user=recipient, author=response.person)
    return True


@task
def follow_up(response_id: int) -> int:
    """30 days after an acceptance: ask the volunteer and the contact person, each once,
    whether it led to volunteering work. Returns how many e-mails were sent."""
    response = load(
        Response, response_id, "vacancy", "vacancy__contact", "vacancy__organisation", "person"
    )
    if response is None:
        return 0
    sent = 0
    with scope(neighbourhood=response.neighbourhood):
        recipients = {Side.VOLUNTEER: response.person, Side.ORGANISATION: response.vacancy.contact}
        for side, person in recipients.items():
            if person is None or not claim_once(
                f"follow-up:{response.pk}:{side}",
                lambda side=side: actions.follow_up_claim(response, side),
            ):
                continue
            send_to(
                person,
                f"volunteering/email/follow_up_{side}",
                {"response": response, "vacancy": response.vacancy},
            )
            sent += 1
    return sent
