"""``manage.py socialmap_check``: the daily round that keeps the sociale kaart current."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.socialmap import freshness
from buurtplein.socialmap.models import CHECK_EVERY_DAYS, CONFIRM_WITHIN_DAYS


class Command(RoundCommand):
    component = "socialmap"
    help = (
        "Sociale kaart, daily: ask 'klopt dit nog?' about every active service last checked on a "
        f"day {CHECK_EVERY_DAYS} or more days ago (Amsterdam dates), in one e-mail per person "
        "per round listing all their services that are due, each with its own one-click link, "
        "one link for the whole list, and a link to 'Onze diensten' (the organisation's staff; "
        "for an organisation without staff the buurtverbinders are asked). Mark every service "
        f"nobody confirmed within {CONFIRM_WITHIN_DAYS} days of asking as 'mogelijk verouderd', "
        "telling the neighbourhood's buurtverbinders in one e-mail each. This round is what asks "
        "(no task is planned per service): run it daily. Whole days count, so running it again "
        "the same day (or twice a day) asks and marks nothing twice and sends no second e-mail."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            return {
                "asked": freshness.due_to_ask(nb, now=self.now).count(),
                "marked as possibly out of date": freshness.due_to_mark(nb, now=self.now).count(),
            }
        return freshness.check_round(neighbourhood=nb, now=self.now)
