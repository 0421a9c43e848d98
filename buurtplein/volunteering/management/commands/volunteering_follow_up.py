"""``manage.py volunteering_follow_up``: ask "did it lead to volunteering work?" where due."""

from django.db import transaction
from django.utils import timezone
from django_scopes import scope

from buurtplein.volunteering import actions, tasks
from buurtplein.volunteering.management.commands._base import RoundCommand
from buurtplein.volunteering.models import FOLLOW_UP_DAYS


class Command(RoundCommand):
    help = (
        f"Volunteering, daily: {FOLLOW_UP_DAYS} days after a response was accepted, ask both "
        "sides — the volunteer and the vacancy's contact person — by e-mail whether it led to "
        "volunteering work (yes / partly / no, one tap). Each side is asked once: the e-mail "
        "is claimed with a conditional update, and a side that answered on the page already "
        "is not asked. Safe to run as often as you like; the task planned at the acceptance "
        "does the same, this is the safety net when a worker was down."
    )

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        neighbourhoods = self.neighbourhoods(neighbourhood)
        total = 0
        for nb in neighbourhoods:
            with scope(neighbourhood=nb):
                due = list(actions.follow_ups_due(nb, now).values_list("pk", flat=True))
                if not dry_run:
                    for pk in due:
                        transaction.on_commit(lambda pk=pk: tasks.follow_up.enqueue(pk))
            total += len(due)
            if due:
                self.stdout.write(f"{nb.slug}: {len(due)} follow-ups")
        prefix = "Would ask" if dry_run else "Asked"
        self.stdout.write(
            f"{prefix}: {total} follow-ups due in {len(neighbourhoods)} neighbourhoods."
        )
