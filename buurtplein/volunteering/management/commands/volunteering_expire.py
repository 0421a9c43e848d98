"""``manage.py volunteering_expire``: the daily round of vacancies for every neighbourhood."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.volunteering import actions
from buurtplein.volunteering.models import EXPIRY_DAYS, REMIND_DAYS_BEFORE


class Command(RoundCommand):
    component = "volunteering"
    help = (
        f"Volunteering, daily: close vacancies whose {EXPIRY_DAYS} days have passed (state "
        "'expired'; the contact person can renew them) and send the one reminder, with a renew "
        f"link, to the contact person of every vacancy that ends within {REMIND_DAYS_BEFORE} "
        "days. Safe to run as often as you like (e.g. from cron once an hour): a reminder is "
        "claimed with a conditional update, so nothing is sent twice. The tasks planned when a "
        "vacancy is posted or renewed do the same; this is the safety net when a worker was "
        "down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            counts = actions.expiry_due_counts(nb, now=self.now)
        else:
            counts = actions.expire_and_remind(neighbourhood=nb, now=self.now)
        return {"expired": counts["expired"], "reminded": counts["reminded"]}
