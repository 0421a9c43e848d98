"""``manage.py agenda_extend``: keep a year of dates of every recurring activity."""

from datetime import timedelta

from django.utils import timezone

from buurtplein.agenda import actions
from buurtplein.agenda.models import HORIZON_DAYS, Activity, ActivityState
from buurtplein.core.rounds import RoundCommand


class Command(RoundCommand):
    component = "agenda"
    help = (
        "Agenda, daily: the dates of recurring activities are stored ahead for a year "
        f"({HORIZON_DAYS} days), so the week and month views, the home and the calendar feeds "
        "read stored dates. Run this once a day (e.g. from cron at night) to move that horizon "
        "on by a day: every active recurring activity whose dates end before it gets the "
        "missing ones. Existing dates, their sign-ups, cancellations and moves are never "
        "changed. Safe to run as often as you like: a second run adds nothing."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            horizon = timezone.localdate(self.now) + timedelta(days=HORIZON_DAYS)
            due = Activity.objects.filter(
                neighbourhood=nb, state=ActivityState.ACTIVE, horizon_until__lt=horizon
            ).exclude(rrule="")
            return {"activities extended": due.count(), "new dates": 0}
        counts = actions.extend_horizons(neighbourhood=nb, now=self.now)
        return {"activities extended": counts["activities"], "new dates": counts["dates"]}
