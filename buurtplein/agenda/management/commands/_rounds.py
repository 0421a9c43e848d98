"""What ``agenda_extend`` and ``agenda_remind`` share: the neighbourhoods to go through."""

from django_scopes import scopes_disabled

from buurtplein.core.models import Neighbourhood


def neighbourhoods(command, slug: str | None) -> list[Neighbourhood] | None:
    """Every neighbourhood with the agenda on (or the one named), or None after saying that
    the slug is unknown."""
    with scopes_disabled():
        found = Neighbourhood.objects.order_by("slug")
        if slug:
            found = found.filter(slug=slug)
            if not found.exists():
                command.stderr.write(f"No neighbourhood with slug {slug!r}.")
                return None
        return [nb for nb in found if nb.has_component("agenda")]


def add_arguments(parser) -> None:
    parser.add_argument(
        "--neighbourhood",
        metavar="SLUG",
        help="Only this neighbourhood (default: every neighbourhood with the agenda on).",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="Only count what is due; change nothing and send nothing.",
    )
