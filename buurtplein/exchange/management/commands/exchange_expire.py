"""``manage.py exchange_expire``: the daily round of vraag & aanbod for every neighbourhood."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Neighbourhood
from buurtplein.exchange import actions, tasks
from buurtplein.exchange.models import FOLLOW_UP_DAYS, OrgPledge, PledgeState


class Command(BaseCommand):
    help = (
        "Vraag & aanbod, daily: expire offers and requests whose date has passed, send the "
        "one reminder (with a renew link) to owners whose item expires within three days, and "
        "send the three-month follow-up of confirmed beursvloer pledges that is due. Safe to "
        "run as often as you like (e.g. from cron once an hour): nothing is sent twice. The "
        "tasks planned at creation do the same; this is the safety net when a worker was down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--neighbourhood",
            metavar="SLUG",
            help="Only this neighbourhood (default: all of them).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what is due; change nothing and send nothing.",
        )

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        with scopes_disabled():
            neighbourhoods = Neighbourhood.objects.order_by("slug")
            if neighbourhood:
                neighbourhoods = neighbourhoods.filter(slug=neighbourhood)
                if not neighbourhoods.exists():
                    self.stderr.write(f"No neighbourhood with slug {neighbourhood!r}.")
                    return
            neighbourhoods = list(neighbourhoods)
        totals = {"expired": 0, "reminded": 0, "follow_ups": 0}
        for nb in neighbourhoods:
            with scope(neighbourhood=nb):
                if dry_run:
                    counts = self._count(nb, now)
                else:
                    counts = actions.expire_and_remind(neighbourhood=nb, now=now)
                    counts["follow_ups"] = self._follow_ups(nb, now)
            for key, value in counts.items():
                totals[key] += value
            if any(counts.values()):
                self.stdout.write(
                    f"{nb.slug}: {counts['expired']} expired, {counts['reminded']} reminded, "
                    f"{counts['follow_ups']} follow-ups"
                )
        prefix = "Would do" if dry_run else "Done"
        self.stdout.write(
            f"{prefix}: {totals['expired']} expired, {totals['reminded']} reminded, "
            f"{totals['follow_ups']} follow-ups in {len(neighbourhoods)} neighbourhoods."
        )

    def _due_pledges(self, nb, now):
        from datetime import timedelta

        return OrgPledge.objects.filter(
            neighbourhood=nb,
            state=PledgeState.CONFIRMED,
            follow_up_sent_at__isnull=True,
            confirmed_at__lte=now - timedelta(days=FOLLOW_UP_DAYS),
        )

    def _follow_ups(self, nb, now) -> int:
        sent = 0
        for pk in self._due_pledges(nb, now).values_list("pk", flat=True):
            transaction.on_commit(lambda pk=pk: tasks.org_pledge_follow_up.enqueue(pk))
            sent += 1
        return sent

    def _count(self, nb, now) -> dict:
        from datetime import timedelta

        from buurtplein.exchange.models import Item, State

        open_items = Item.objects.filter(neighbourhood=nb, state=State.OPEN)
        return {
            "expired": open_items.filter(expires_at__lte=now).count(),
            "reminded": open_items.filter(
                expires_at__gt=now,
                expires_at__lte=now + timedelta(days=actions.REMIND_DAYS_BEFORE),
                reminder_sent_at__isnull=True,
            ).count(),
            "follow_ups": self._due_pledges(nb, now).count(),
        }
