"""``manage.py clubs_requests``: the daily round of requests to join a club."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions
from buurtplein.clubs.models import REQUEST_LAPSE_DAYS, REQUEST_REMIND_DAYS, ClubMember, Status
from buurtplein.core.models import Neighbourhood


class Command(BaseCommand):
    help = (
        "Clubs, daily: remind the board of a club once about a request to join that has "
        f"waited {REQUEST_REMIND_DAYS} days without an answer, and let a request lapse after "
        f"{REQUEST_LAPSE_DAYS} days (the person who asked is told and may ask again). Safe to "
        "run as often as you like (e.g. from cron once an hour): nothing is sent twice. The "
        "tasks planned when someone asks do the same; this is the safety net when a worker "
        "was down."
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
        totals = {"reminded": 0, "lapsed": 0}
        for nb in neighbourhoods:
            with scope(neighbourhood=nb):
                if dry_run:
                    counts = self._count(nb, now)
                else:
                    counts = actions.requests_due(neighbourhood=nb, now=now)
            for key, value in counts.items():
                totals[key] += value
            if any(counts.values()):
                self.stdout.write(
                    f"{nb.slug}: {counts['reminded']} reminded, {counts['lapsed']} lapsed"
                )
        prefix = "Would do" if dry_run else "Done"
        self.stdout.write(
            f"{prefix}: {totals['reminded']} reminded, {totals['lapsed']} lapsed "
            f"in {len(neighbourhoods)} neighbourhoods."
        )

    def _count(self, nb, now) -> dict:
        pending = ClubMember.objects.filter(neighbourhood=nb, status=Status.PENDING)
        lapse = now - timedelta(days=REQUEST_LAPSE_DAYS)
        return {
            "lapsed": pending.filter(requested_at__lte=lapse).count(),
            "reminded": pending.filter(
                requested_at__gt=lapse,
                requested_at__lte=now - timedelta(days=REQUEST_REMIND_DAYS),
                reminded_at__isnull=True,
            ).count(),
        }
