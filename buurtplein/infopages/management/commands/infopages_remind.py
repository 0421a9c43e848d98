"""``manage.py infopages_remind``: the cron safety net for the six-month check reminders."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Neighbourhood
from buurtplein.infopages import actions
from buurtplein.infopages.models import CHECK_MONTHS


class Command(BaseCommand):
    help = (
        "Information pages, daily: e-mail the owner of every page that was last checked "
        f"{CHECK_MONTHS} months ago or longer and has not been reminded since (or, when the "
        "owner is no longer a buurtverbinder, professional or admin there, the neighbourhood's "
        "buurtverbinders), with a one-tap 'still correct' link. One reminder per check period: "
        "running this again, or at the same time as the task planned at each check, sends "
        "nothing twice. Meant for cron, e.g. once a day; the planned tasks normally do this, "
        "this is the safety net for when a worker was down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--neighbourhood",
            metavar="SLUG",
            help="Only this neighbourhood (default: every neighbourhood with information pages "
            "switched on).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count the pages that are due; change nothing and send nothing.",
        )

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        with scopes_disabled():
            neighbourhoods = Neighbourhood.objects.order_by("slug")
            if neighbourhood:
                neighbourhoods = neighbourhoods.filter(slug=neighbourhood)
                if not neighbourhoods.exists():
                    raise CommandError(f"No neighbourhood with slug {neighbourhood!r}.")
            neighbourhoods = [nb for nb in neighbourhoods if nb.has_component("infopages")]
        total = 0
        for nb in neighbourhoods:
            with scope(neighbourhood=nb):
                if dry_run:
                    count = actions.due_pages(nb, now=now).count()
                else:
                    count = actions.remind_round(neighbourhood=nb, now=now)
            total += count
            if count:
                self.stdout.write(f"{nb.slug}: {count} page(s)")
        prefix = "Would remind" if dry_run else "Reminded"
        self.stdout.write(f"{prefix}: {total} page(s) in {len(neighbourhoods)} neighbourhood(s).")
