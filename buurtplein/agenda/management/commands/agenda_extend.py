"""``manage.py agenda_extend``: keep a year of dates of every recurring activity."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope

from buurtplein.agenda import actions
from buurtplein.agenda.management.commands import _rounds
from buurtplein.agenda.models import HORIZON_DAYS, Activity, ActivityState


class Command(BaseCommand):
    help = (
        "Agenda, daily: the dates of recurring activities are stored ahead for a year "
        f"({HORIZON_DAYS} days), so the week and month views, the home and the calendar feeds "
        "read stored dates. Run this once a day (e.g. from cron at night) to move that horizon "
        "on by a day: every active recurring activity whose dates end before it gets the "
        "missing ones. Existing dates, their sign-ups, cancellations and moves are never "
        "changed. Safe to run as often as you like: a second run adds nothing."
    )

    def add_arguments(self, parser):
        _rounds.add_arguments(parser)

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        found = _rounds.neighbourhoods(self, neighbourhood)
        if found is None:
            return
        totals = {"activities": 0, "dates": 0}
        for nb in found:
            with scope(neighbourhood=nb):
                if dry_run:
                    horizon = timezone.localdate(now) + timedelta(days=HORIZON_DAYS)
                    counts = {
                        "activities": Activity.objects.filter(
                            neighbourhood=nb,
                            state=ActivityState.ACTIVE,
                            horizon_until__lt=horizon,
                        )
                        .exclude(rrule="")
                        .count(),
                        "dates": 0,
                    }
                else:
                    counts = actions.extend_horizons(neighbourhood=nb, now=now)
            for key, value in counts.items():
                totals[key] += value
            if counts["activities"]:
                self.stdout.write(
                    f"{nb.slug}: {counts['activities']} activities, {counts['dates']} new dates"
                )
        if dry_run:
            self.stdout.write(
                f"Would extend: {totals['activities']} activities in {len(found)} neighbourhoods."
            )
        else:
            self.stdout.write(
                f"Done: {totals['activities']} activities extended, {totals['dates']} new dates "
                f"in {len(found)} neighbourhoods."
            )
