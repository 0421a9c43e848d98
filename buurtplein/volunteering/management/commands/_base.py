"""What the two cron commands of volunteering share: the neighbourhoods to go through."""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from buurtplein.core.models import Neighbourhood


class RoundCommand(BaseCommand):
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

    def neighbourhoods(self, slug: str | None) -> list[Neighbourhood]:
        with scopes_disabled():
            found = Neighbourhood.objects.order_by("slug")
            if slug:
                found = found.filter(slug=slug)
                if not found.exists():
                    raise CommandError(f"No neighbourhood with slug {slug!r}.")
            return list(found)
