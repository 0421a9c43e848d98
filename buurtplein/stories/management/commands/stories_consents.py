"""``manage.py stories_consents``: the safety net of the consent reminders."""

from django.db import transaction

from buurtplein.core.rounds import RoundCommand
from buurtplein.stories import actions, tasks


class Command(RoundCommand):
    component = "stories"
    help = (
        "Stories, daily. A consent of a person in a story or a testimonial that runs out "
        "within a month gets one reminder to the story's owner (or whoever registered it), "
        "claimed with a conditional update, so it is safe to run as often as you like. The "
        "task planned when the consent is given does the same; this is the safety net when a "
        "worker was down. A consent that has run out needs nothing done: the story is left "
        "out of every page and report from that day, as it is read."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        due = actions.reminders_due(nb, self.now)
        if not dry_run:
            for pk in [consent.pk for consent in due]:
                transaction.on_commit(lambda pk=pk: tasks.remind_expiry.enqueue(pk))
        return {"reminded": len(due)}
