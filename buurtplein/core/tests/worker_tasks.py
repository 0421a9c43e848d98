"""Tasks for the tests of what happens when background work fails (``test_task_failures.py``,
``test_worker_outage.py``): module-level, so that a worker in another process imports them."""

import time

from django.tasks import task

from buurtplein.accounts.models import User
from buurtplein.core.tasks import send_to


@task
def echo(value: str) -> str:
    return value


@task
def broken() -> None:
    raise ValueError("a bug: fails the same way every time")


@task
def write_to(user_ids: list[int]) -> int:
    """One e-mail to each person, in order (a mail server may fail half-way)."""
    people = list(User.objects.filter(pk__in=user_ids).order_by("pk"))
    for person in people:
        send_to(person, "accounts/email/decision", {"membership": None})
    return len(people)


@task(takes_context=True)
def slow_first_time(context, seconds: float) -> int:
    """Takes ``seconds`` on its first run (long enough to be killed in), none after."""
    if context.attempt == 1:
        time.sleep(seconds)
    return context.attempt
