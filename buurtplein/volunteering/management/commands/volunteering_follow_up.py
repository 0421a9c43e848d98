"""``manage.py volunteering_follow_up``: ask "did it lead to volunteering work?" where due."""

from django.db import transaction

from buurtplein.core.rounds import RoundCommand
from buurtplein.volunteering import actions, tasks
from buurtplein.volunteering.models import FOLLOW_UP_DAYS


class Command(RoundCommand):
    component = "volunteering"
    help = (
        f"Volunteering, daily: {FOLLOW_UP_DAYS} days after a response was accepted, ask both "
        "sides — the volunteer and the vacancy's contact person — by e-mail whether it led to "
        "volunteering work (yes / partly / no, one tap). Each side is asked once: the e-mail "
        "is claimed with a conditional update, and a side that answered on the page already "
        "is not asked. Safe to run as often as you like; the task planned at the acceptance "
        "does the same, this is the safety net when a worker was down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        due = list(actions.follow_ups_due(nb, self.now).values_list("pk", flat=True))
        if not dry_run:
            for pk in due:
                transaction.on_commit(lambda pk=pk: tasks.follow_up.enqueue(pk))
        return {"follow-ups": len(due)}
