"""Rounds: the cron commands that go through every neighbourhood (the safety nets of the tasks
planned in the background, and the daily upkeep).

Every round is a :class:`RoundCommand`. It names its ``component``; the base class gives it the
same options (``--neighbourhood SLUG``, more than once, and ``--dry-run``), the same refusal of
an unknown slug (``CommandError``), skips every neighbourhood where the component is switched
off, enters each neighbourhood's scope and prints the same report::

    nijmegen-oost: 1 expired, 2 reminded
    Done: 1 expired, 2 reminded in 3 neighbourhood(s).

A round only says what it does for one neighbourhood, in :meth:`RoundCommand.handle_neighbourhood`,
which returns its counts (``{"expired": 1, "reminded": 2}``: the keys are the words of the
report, in the order they are printed). With ``dry_run`` it counts what is due and changes and
sends nothing.
"""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.components import component_on
from buurtplein.core.models import Neighbourhood


class RoundCommand(BaseCommand, metaclass=ABCMeta):
    """A round must write :meth:`handle_neighbourhood` (an abstract method: a round without it
    cannot even be made, so ``manage.py help`` and the round tests name it at once)."""

    component: str = ""
    """The label of the component whose round this is; neighbourhoods where it is switched off
    are skipped."""

    def add_arguments(self, parser):
        parser.add_argument(
            "--neighbourhood",
            metavar="SLUG",
            action="append",
            help=(
                "Only this neighbourhood (may be given more than once). Default: every "
                f"neighbourhood with {self.component} switched on. An unknown slug is an error."
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what is due; change nothing and send nothing.",
        )

    def neighbourhoods(self, slugs: list[str] | None) -> list[Neighbourhood]:
        """The neighbourhoods to go through, in slug order: those named (``CommandError`` when
        one is unknown) or all, less those where the component is switched off."""
        with scopes_disabled():
            found = Neighbourhood.objects.order_by("slug")
            if slugs:
                found = list(found.filter(slug__in=slugs))
                unknown = sorted(set(slugs) - {nb.slug for nb in found})
                if unknown:
                    raise CommandError(
                        "No neighbourhood with slug " + ", ".join(repr(s) for s in unknown) + "."
                    )
            return [nb for nb in found if component_on(nb, self.component)]

    @abstractmethod
    def handle_neighbourhood(self, nb: Neighbourhood, *, dry_run: bool) -> dict[str, int]:
        """Do (or with ``dry_run`` only count) the round for one neighbourhood, inside its
        scope; ``self.now`` is the moment the round started. Returns the counts to report."""

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        self.now = timezone.now()
        self.prepare()
        found = self.neighbourhoods(neighbourhood)
        totals: dict[str, int] = {}
        for nb in found:
            with scope(neighbourhood=nb):
                counts = self.handle_neighbourhood(nb, dry_run=dry_run)
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
            if any(counts.values()):
                self.stdout.write(f"{nb.slug}: {self.describe(counts)}")
        prefix = "Would do" if dry_run else "Done"
        self.stdout.write(
            f"{prefix}: {self.describe(totals) or 'nothing'} in {len(found)} neighbourhood(s)."
        )

    def prepare(self) -> None:
        """Checks before the round starts (raise ``CommandError`` to refuse)."""

    @staticmethod
    def describe(counts: dict[str, int]) -> str:
        return ", ".join(f"{value} {key}" for key, value in counts.items())
