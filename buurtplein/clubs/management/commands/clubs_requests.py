"""``manage.py clubs_requests``: the daily round of requests to join a club."""

from datetime import timedelta

from buurtplein.clubs import actions
from buurtplein.clubs.models import REQUEST_LAPSE_DAYS, REQUEST_REMIND_DAYS, ClubMember, Status
from buurtplein.core.rounds import RoundCommand


class Command(RoundCommand):
    component = "clubs"
    help = (
        "Clubs, daily: remind the board of a club once about a request to join that has "
        f"waited {REQUEST_REMIND_DAYS} days without an answer, and let a request lapse after "
        f"{REQUEST_LAPSE_DAYS} days (the person who asked is told and may ask again). Safe to "
        "run as often as you like (e.g. from cron once an hour): nothing is sent twice. The "
        "tasks planned when someone asks do the same; this is the safety net when a worker "
        "was down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            counts = self._count(nb)
        else:
            counts = actions.requests_due(neighbourhood=nb, now=self.now)
        return {"reminded": counts["reminded"], "lapsed": counts["lapsed"]}

    def _count(self, nb) -> dict:
        now = self.now
        pending = ClubMember.objects.filter(neighbourhood=nb, status=Status.PENDING)
        lapse = now - timedelta(days=REQUEST_LAPSE_DAYS)
        return {
            "lapsed": pending.filter(requested_at__lte=lapse).count(),
            "reminded": pending.filter(
                requested_at__gt=lapse,
                requested_at__lte=now - timedelta(days=REQUEST_REMIND_DAYS),
                reminded_at__isnull=True,
            ).count(),
        }
