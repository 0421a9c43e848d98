"""``manage.py buurthulp_escalate``: the safety net for the 48-hour escalation of help requests."""

from buurtplein.buurthulp.actions import (
    ESCALATE_AFTER,
    escalate_due,
    escalation_due,
    resident_consent_due,
    resident_consent_end_due,
)
from buurtplein.core.rounds import RoundCommand


class Command(RoundCommand):
    component = "buurthulp"
    help = (
        "Escalate every open help request that has had no yes for "
        f"{int(ESCALATE_AFTER.total_seconds() // 3600)} hours to the buurtverbinders (or, for "
        "professionals-only requests, the professionals) of its neighbourhood, and e-mail them. "
        "Each request is escalated once; running the command again, or at the same time as the "
        "delayed task set when the request was made, changes nothing. Meant for cron, e.g. "
        "every 15 minutes, as a safety net when the task worker was down. It also clears the "
        "details of every resident without an account whose consent passed its date, and "
        "closes their request (idempotent as well)."
    )

    def handle_neighbourhood(self, nb, *, dry_run):
        if dry_run:
            return {
                "escalated": escalation_due(nb, now=self.now).count(),
                "consent ended": resident_consent_due(nb, now=self.now).count(),
            }
        return {
            "escalated": escalate_due(nb, now=self.now),
            "consent ended": resident_consent_end_due(nb, now=self.now),
        }
