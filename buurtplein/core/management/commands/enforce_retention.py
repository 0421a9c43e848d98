"""``manage.py enforce_retention``: remove what is past its retention period (core.retention)."""

from django.db import transaction
from django_scopes import scopes_disabled

from buurtplein.core.retention import neighbourhood_rules, platform_rules
from buurtplein.core.rounds import RoundCommand


class Command(RoundCommand):
    component = "core"
    help = (
        "Retention, daily: remove what is kept longer than the retention rules allow "
        "(core.retention, listed on each neighbourhood's page 'Privacy in je buurt'): per "
        "neighbourhood the rules of the platform and of every component switched on there "
        "(a switched-off component's data is left alone), then once for the whole platform "
        "expired log-ins, old task results and the admin log. Photo files go with their rows. "
        "Safe to run as often as you like."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--skip-platform",
            action="store_true",
            help="Only the neighbourhoods: leave sessions, task results and the admin log.",
        )

    def handle(self, *args, skip_platform=False, **options):
        super().handle(*args, **options)
        if not skip_platform and not options.get("neighbourhood"):
            with scopes_disabled():  # the platform's rows belong to no neighbourhood
                counts = self.run_rules(platform_rules(), None, dry_run=options.get("dry_run"))
            if counts:
                prefix = "Platform, would do" if options.get("dry_run") else "Platform"
                self.stdout.write(f"{prefix}: {self.describe(counts)}.")

    def handle_neighbourhood(self, nb, *, dry_run):
        return self.run_rules(neighbourhood_rules(nb), nb, dry_run=dry_run)

    def run_rules(self, rules, nb, *, dry_run) -> dict[str, int]:
        """Apply (or count) each rule, each in its own transaction; report only what is due."""
        counts = {}
        for rule in rules:
            if dry_run:
                found = rule.count(nb, self.now)
            else:
                with transaction.atomic():
                    found = rule.enforce(nb, self.now)
            if found:
                counts[rule.key] = found
        return counts
