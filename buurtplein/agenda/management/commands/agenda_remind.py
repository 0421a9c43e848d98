"""``manage.py agenda_remind``: the day-before reminders, as a cron safety net."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope

from buurtplein.agenda import actions
from buurtplein.agenda.management.commands import _rounds
from buurtplein.agenda.models import REMIND_BEFORE, Rsvp, RsvpStatus


class Command(BaseCommand):
    help = (
        "Agenda: send the reminder e-mail to everyone going to a date that starts within the "
        "next day and has not had it yet. The first sign-up for a date plans this reminder as a "
        "task; this command is the safety net for when the worker was down. Run it every hour "
        "(e.g. from cron). Each person is reminded once per date, however often it runs (also "
        "beside the worker); people who signed up or moved up from the waiting list less than a "
        "day before get no reminder (they just did)."
    )

    def add_arguments(self, parser):
        _rounds.add_arguments(parser)

    def handle(self, *args, neighbourhood=None, dry_run=False, **options):
        now = timezone.now()
        found = _rounds.neighbourhoods(self, neighbourhood)
        if found is None:
            return
        totals = {"dates": 0, "reminders": 0}
        for nb in found:
            with scope(neighbourhood=nb):
                counts = (
                    self._count(nb, now)
                    if dry_run
                    else actions.remind_due(neighbourhood=nb, now=now)
                )
            for key, value in counts.items():
                totals[key] += value
            if counts["reminders"]:
                self.stdout.write(
                    f"{nb.slug}: {counts['reminders']} reminders for {counts['dates']} dates"
                )
        prefix = "Would send" if dry_run else "Done"
        self.stdout.write(
            f"{prefix}: {totals['reminders']} reminders for {totals['dates']} dates "
            f"in {len(found)} neighbourhoods."
        )

    def _count(self, nb, now) -> dict:
        due = Rsvp.objects.filter(
            neighbourhood=nb,
            status=RsvpStatus.GOING,
            reminded_at__isnull=True,
            occurrence__listed=True,
            occurrence__cancelled=False,
            occurrence__activity__state="active",
            occurrence__starts_at__gt=now,
            occurrence__starts_at__lte=now + REMIND_BEFORE,
        )
        eligible = [
            rsvp
            for rsvp in due.select_related("occurrence")
            if rsvp.status_at <= rsvp.occurrence.starts_at - REMIND_BEFORE
        ]
        return {
            "dates": len({rsvp.occurrence_id for rsvp in eligible}),
            "reminders": len(eligible),
        }
