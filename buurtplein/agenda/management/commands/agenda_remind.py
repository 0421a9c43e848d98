"""``manage.py agenda_remind``: the day-before reminders, as a cron safety net."""

from buurtplein.agenda import actions
from buurtplein.agenda.models import REMIND_BEFORE, Rsvp, RsvpStatus
from buurtplein.core.rounds import RoundCommand


class Command(RoundCommand):
    component = "agenda"
    help = (
        "Agenda: send the reminder e-mail to everyone going to a date that starts within the "
        "next day and has not had it yet. The first sign-up for a date plans this reminder as a "
        "task; this command is the safety net for when the worker was down. Run it every hour "
        "(e.g. from cron). Each person is reminded once per date, however often it runs (also "
        "beside the worker); people who signed up or moved up from the waiting list less than a "
        "day before get no reminder (they just did)."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        counts = self._count(nb) if dry_run else actions.remind_due(neighbourhood=nb, now=self.now)
        return {"reminders": counts["reminders"], "dates": counts["dates"]}

    def _count(self, nb) -> dict:
        now = self.now
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
