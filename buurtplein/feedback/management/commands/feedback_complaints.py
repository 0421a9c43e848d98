"""``manage.py feedback_complaints``: the safety net of the complaints' reminders."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.feedback import actions, tasks
from buurtplein.feedback.models import (
    ACKNOWLEDGE_WORKING_DAYS,
    HANDLING_WEEKS,
    REMIND_BEFORE_DEADLINE_DAYS,
)


class Command(RoundCommand):
    component = "feedback"
    help = (
        "Complaints, daily. A complaint must be acknowledged personally by its owner within "
        f"{ACKNOWLEDGE_WORKING_DAYS} working days (core.workdays: Monday to Friday without the "
        f"Dutch public holidays) and handled by its deadline ({HANDLING_WEEKS} weeks unless the "
        "owner set another). The owners (the organisation's staff; for the platform the "
        "neighbourhood's admins) are reminded once when the acknowledgement is due, once "
        f"{REMIND_BEFORE_DEADLINE_DAYS} days before the deadline and once when it has passed. "
        "The tasks planned when a complaint arrives do the same; this is the safety net when a "
        "worker was down. Each reminder is claimed with a conditional update: safe to run as "
        "often as you like."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        due = {c.pk: c for c in actions.acknowledge_reminders_due(nb, self.now)}
        due.update({c.pk: c for c in actions.deadline_reminders_due(nb, self.now)})
        reminded = 0
        if not dry_run:
            for pk in sorted(due):
                complaint = tasks._load(pk)
                if complaint is not None and tasks.remind(complaint, self.now):
                    reminded += 1
        else:
            reminded = len(due)
        return {"reminded": reminded}
