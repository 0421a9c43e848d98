"""``manage.py infopages_remind``: the cron safety net for the six-month check reminders."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.infopages import actions
from buurtplein.infopages.models import CHECK_MONTHS


class Command(RoundCommand):
    component = "infopages"
    help = (
        "Information pages, daily: e-mail the owner of every page that was last checked "
        f"{CHECK_MONTHS} months ago or longer and has not been reminded since (or, when the "
        "owner is no longer a buurtverbinder, professional or admin there, the neighbourhood's "
        "buurtverbinders), with a one-tap 'still correct' link. One reminder per check period: "
        "running this again, or at the same time as the task planned at each check, sends "
        "nothing twice. Meant for cron, e.g. once a day; the planned tasks normally do this, "
        "this is the safety net for when a worker was down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            return {"page(s) reminded": actions.due_pages(nb, now=self.now).count()}
        return {"page(s) reminded": actions.remind_round(neighbourhood=nb, now=self.now)}
