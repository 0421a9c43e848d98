"""``manage.py buurthulp_escalate``: the safety net for the 48-hour escalation of help requests."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.buurthulp.actions import ESCALATE_AFTER, escalate_due
from buurtplein.core.models import Neighbourhood


class Command(BaseCommand):
    help = (
        "Escalate every open help request that has had no yes for "
        f"{int(ESCALATE_AFTER.total_seconds() // 3600)} hours to the buurtverbinders (or, for "
        "professionals-only requests, the professionals) of its neighbourhood, and e-mail them. "
        "Each request is escalated once; running the command again, or at the same time as the "
        "delayed task set when the request was made, changes nothing. Meant for cron, e.g. "
        "every 15 minutes, as a safety net when the task worker was down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--neighbourhood",
            metavar="SLUG",
            action="append",
            help="Only this neighbourhood (may be given more than once). Default: all.",
        )

    def handle(self, *args, neighbourhood=None, **options):
        now = timezone.now()
        with scopes_disabled():
            neighbourhoods = Neighbourhood.objects.order_by("pk")
            if neighbourhood:
                neighbourhoods = neighbourhoods.filter(slug__in=neighbourhood)
            neighbourhoods = [n for n in neighbourhoods if n.has_component("buurthulp")]
        total = 0
        for item in neighbourhoods:
            with scope(neighbourhood=item):
                count = escalate_due(item, now=now)
            if count:
                self.stdout.write(f"{item.slug}: {count} escalated")
            total += count
        self.stdout.write(self.style.SUCCESS(f"{total} help request(s) escalated."))
