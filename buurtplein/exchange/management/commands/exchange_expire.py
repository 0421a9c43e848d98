"""``manage.py exchange_expire``: the daily round of vraag & aanbod for every neighbourhood."""

from datetime import timedelta

from django.db import transaction

from buurtplein.core.rounds import RoundCommand
from buurtplein.exchange import actions, tasks
from buurtplein.exchange.models import FOLLOW_UP_DAYS, REMIND_DAYS_BEFORE, OrgPledge, PledgeState


class Command(RoundCommand):
    component = "exchange"
    help = (
        "Vraag & aanbod, daily: expire offers and requests whose date has passed, send the "
        "one reminder (with a renew link) to owners whose item expires within "
        f"{REMIND_DAYS_BEFORE} days, and send the three-month follow-up of "
        "confirmed beursvloer pledges that is due. Safe to run as often as you like (e.g. from "
        "cron once an hour): nothing is sent twice. The tasks planned at creation do the same; "
        "this is the safety net when a worker was down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            counts = actions.expiry_due_counts(nb, now=self.now)
            follow_ups = self._due_pledges(nb).count()
        else:
            counts = actions.expire_and_remind(neighbourhood=nb, now=self.now)
            follow_ups = self._follow_ups(nb)
        return {
            "expired": counts["expired"],
            "reminded": counts["reminded"],
            "follow-ups": follow_ups,
        }

    def _due_pledges(self, nb):
        return OrgPledge.objects.filter(
            neighbourhood=nb,
            state=PledgeState.CONFIRMED,
            follow_up_sent_at__isnull=True,
            confirmed_at__lte=self.now - timedelta(days=FOLLOW_UP_DAYS),
        )

    def _follow_ups(self, nb) -> int:
        due = list(self._due_pledges(nb).values_list("pk", flat=True))
        for pk in due:
            transaction.on_commit(lambda pk=pk: tasks.org_pledge_follow_up.enqueue(pk))
        return len(due)
