"""``manage.py onlinehulp_questions``: the safety net of the e-mail questions' reminders and
escalations."""

from django.db import transaction

from buurtplein.core.rounds import RoundCommand
from buurtplein.onlinehulp import actions, tasks


class Command(RoundCommand):
    component = "onlinehulp"
    help = (
        "Online help's e-mail questions, hourly. A question should be answered within 2 working "
        "days (core.workdays: no weekends, no Dutch public holidays). One that is still "
        "waiting a day before its due time reminds the worker it is assigned to (nobody yet: "
        "the desk's workers) once; at its due time the coordinators of the organisations "
        "taking part are told once (none: the workers). Safe to run as often as you like: each "
        "is claimed with a conditional update. The tasks planned when a question is asked do "
        "the same; this is the safety net when a worker was down."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        remind = actions.question_reminders_due(nb, self.now)
        escalate = actions.question_escalations_due(nb, self.now)
        if not dry_run:
            for pk in sorted({q.pk for q in remind} | {q.pk for q in escalate}):
                transaction.on_commit(lambda pk=pk: tasks.check_question.enqueue(pk))
        return {"reminded": len(remind), "escalated": len(escalate)}
