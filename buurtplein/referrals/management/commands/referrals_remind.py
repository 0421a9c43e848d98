"""``manage.py referrals_remind``: the safety net of the referral reminders."""

from django.db import transaction

from buurtplein.core.rounds import RoundCommand
from buurtplein.referrals import actions, tasks
from buurtplein.referrals.models import ESCALATE_AFTER_WORKING_DAYS, REMIND_AFTER_WORKING_DAYS


class Command(RoundCommand):
    component = "referrals"
    help = (
        "Referrals, daily. Working days are Monday to Friday without the Dutch public "
        "holidays (Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Hemelvaartsdag, Pinksteren, "
        "Kerst, and Bevrijdingsdag every fifth year; the holidays library's Netherlands "
        "calendar, counted in Amsterdam time: core.workdays). A referral nobody answered "
        f"{REMIND_AFTER_WORKING_DAYS} working days after it was sent gets one reminder to the "
        f"receiving organisation's staff; after {ESCALATE_AFTER_WORKING_DAYS} working days the "
        "organisation's coordinators are told once (without coordinators: the referrer). Safe "
        "to run as often as you like: each is claimed with a conditional update. The tasks "
        "planned when a referral is sent do the same; this is the safety net when a worker was "
        "down. It also ends every consent whose date has passed: the shared details are "
        "cleared, as when the person withdraws it."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        remind = actions.reminders_due(nb, self.now)
        escalate = actions.escalations_due(nb, self.now)
        if dry_run:
            lapsed = actions.lapsed_consents_due(nb, self.now)
        else:
            lapsed = actions.lapse_consents(nb, self.now)
            for pk in sorted({r.pk for r in remind} | {r.pk for r in escalate}):
                transaction.on_commit(lambda pk=pk: tasks.check_referral.enqueue(pk))
        return {"reminded": len(remind), "escalated": len(escalate), "consents ended": lapsed}
