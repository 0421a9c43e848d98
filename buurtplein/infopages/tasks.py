"""Background work of the information pages. Tasks take ids, reload, and re-enter the
neighbourhood's scope. Each may run more than once, late, or (with a backend that cannot wait)
early: it checks again whether there is anything to do."""

from __future__ import annotations

from django.tasks import task
from django_scopes import scope

from buurtplein.core.tasks import load, send_to
from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage


@task
def check_page(page_id: int) -> str:
    """Planned for the page's check date (six months after the last check): remind once when
    it is due. A check in between moved the date, so this run then finds nothing to do."""
    page = load(InfoPage, page_id)
    if page is None:
        return ""
    with scope(neighbourhood=page.neighbourhood):
        return actions.page_remind_if_due(page)


@task
def send_check_reminder(page_id: int) -> int:
    """ "Is this page still correct?" with a one-tap link, to the owner, or to the
    buurtverbinders when the owner no longer keeps pages here. Returns how many were sent."""
    page = load(InfoPage, page_id, "owner")
    if page is None or page.is_deleted or page.reminder_sent_at is None:
        return 0
    with scope(neighbourhood=page.neighbourhood):
        people, to_owner = actions.reminder_recipients(page)
        for person in people:
            send_to(
                person,
                "infopages/email/check_reminder",
                {"page": page, "to_owner": to_owner},
            )
    return len(people)
