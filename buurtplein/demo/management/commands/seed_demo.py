"""Fill the database with believable Dutch demo data (or the benchmark's data set)."""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scopes_disabled

from buurtplein.demo import generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with believable Dutch demo data, the same for the same --seed: "
        "the neighbourhoods Nijmegen-Oost, Amersfoort-Liendert and Ooij with postcodes, members "
        "with profiles and roles, organisations, invite codes, posts with locally drawn photos, "
        "comments, reactions, saved and pinned posts, and four demo log-ins "
        "(demo-bewoner, demo-buurtverbinder, demo-professional and demo-admin @buurtplein.nl, "
        "password 'buurtplein'). Does nothing when the database has neighbourhoods already, "
        "unless --force. Scales: 'demo' (default: about 60 members and 300 posts, made through "
        "the same actions people use), 'tiny' (for tests), and for the benchmark, on PostgreSQL "
        "only, in bulk: 'xs' (20 neighbourhoods, 5,000 members, 50,000 posts, 50,000 comments "
        "and 50,000 reactions; under a minute) and 's' (200 neighbourhoods, 100,000 members, "
        "1,000,000 posts, 1,000,000 comments and 1,000,000 reactions; about 5 minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["tiny", "demo", "xs", "s"],
            default="demo",
            help="How much data: tiny, demo (default), or the benchmark's xs or s (PostgreSQL).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add the demo even if the database has other data (not a second copy).",
        )

    def handle(self, *args, scale, seed, force, **options):
        with scopes_disabled():
            if generate.database_has_data() and not force:
                self.stdout.write("The database has data already; nothing added (use --force).")
                return
            taken = generate.demo_neighbourhoods_present()
            if taken:
                raise CommandError(
                    f"The demo neighbourhoods exist already ({', '.join(taken)}); "
                    "use an empty database."
                )
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
