"""Fill the database with believable Dutch demo data (or the benchmark's data set)."""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from buurtplein.demo import generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo neighbourhoods (Nijmegen-Oost, Amersfoort-Liendert, "
        "Ooij), members, organisations, posts with locally drawn photos, comments and reactions. "
        "Does nothing when there is data already, unless --force. Scales: 'demo' (default, about "
        "60 members and 300 posts), 'tiny' (for tests); the benchmark scales 'xs' and 's' "
        "(PostgreSQL) are generated in bulk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["tiny", "demo", "xs", "s"],
            default="demo",
            help="How much data: tiny, demo (default), xs or s (benchmark, PostgreSQL).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--force", action="store_true", help="Add data even if the database is not empty."
        )

    def handle(self, *args, scale, seed, force, **options):
        with scopes_disabled():
            if generate.database_has_data() and not force:
                self.stdout.write("The database has data already; nothing added (use --force).")
                return
        self.stdout.write(f"Filling the database ({scale})…")
        if scale in ("xs", "s"):
            from buurtplein.demo import bulk

            try:
                bulk.generate(scale, seed=seed, out=self.stdout.write)
            except bulk.NeedsPostgreSQL as error:
                raise CommandError(str(error)) from None
        else:
            generate.generate(scale, seed=seed, out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Done."))
