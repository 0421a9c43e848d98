"""``manage.py volunteering_expire``: the daily round of vacancies for every neighbourhood."""

from django.utils import timezone
from django_scopes import scope

from buurtplein.volunteering import actions
from buurtplein.volunteering.management.commands._base import RoundCommand
from buurtplein.volunteering.models import REMIND_DAYS_BEFORE


class Command(RoundCommand):
    help = (
        "Volunteering, daily: close vacancies whose 60 days have passed (state 'expired'; the "
        f"contact person can renew them) and send the one reminder, with a renew link, to the "
        f"contact person of every vacancy that ends within {REMIND_DAYS_BEFORE} days. Safe to "
        "run as often as you like (e.g. from cron once an hour): a reminder is claimed with a "
        "conditional update, so nothing is sent twice. The tasks planned when a vacancy is "
        "posted or renewed do the same; this is the safety net when a worker was down."
    )

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        neighbourhoods = self.neighbourhoods(neighbourhood)
        totals = {"expired": 0, "reminded": 0}
        for nb in neighbourhoods:
            with scope(neighbourhood=nb):
                if dry_run:
                    due = actions.due_for_check(nb, now)
                    counts = {
                        "expired": due.filter(expires_at__lte=now).count(),
                        "reminded": due.filter(
                            expires_at__gt=now, reminder_sent_at__isnull=True
                        ).count(),
                    }
                else:
                    counts = actions.expire_and_remind(neighbourhood=nb, now=now)
            for key, value in counts.items():
                totals[key] += value
            if any(counts.values()):
                self.stdout.write(
                    f"{nb.slug}: {counts['expired']} expired, {counts['reminded']} reminded"
                )
        prefix = "Would do" if dry_run else "Done"
        self.stdout.write(
            f"{prefix}: {totals['expired']} expired, {totals['reminded']} reminded "
            f"in {len(neighbourhoods)} neighbourhoods."
        )
