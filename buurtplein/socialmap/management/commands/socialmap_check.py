"""``manage.py socialmap_check``: the daily round that keeps the sociale kaart current."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.socialmap import freshness
from buurtplein.socialmap.models import CHECK_EVERY_DAYS, CONFIRM_WITHIN_DAYS


class Command(RoundCommand):
    component = "socialmap"
    help = (
        "Sociale kaart, daily: ask the staff of every service last checked "
        f"{CHECK_EVERY_DAYS} days ago or longer 'klopt dit nog?' (a one-click link by e-mail; "
        "without staff the buurtverbinders are asked), and mark every service nobody confirmed "
        f"within {CONFIRM_WITHIN_DAYS} days of asking as 'mogelijk verouderd', telling the "
        "neighbourhood's buurtverbinders in one e-mail each. This round is what asks (no task "
        "is planned per service): run it once a day. Running it again asks and marks nothing "
        "twice."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            return {
                "asked": freshness.due_to_ask(nb, now=self.now).count(),
                "marked as possibly out of date": freshness.due_to_mark(nb, now=self.now).count(),
            }
        return freshness.check_round(neighbourhood=nb, now=self.now)
