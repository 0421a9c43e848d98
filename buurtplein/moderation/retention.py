"""How long reports are kept (``core.retention``; listed on "Privacy in je buurt" and applied
by ``manage.py enforce_retention``). Moderation is part of the platform, an always-on component:
its rules are its ``Component.retention``."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

HANDLED_REPORT_PERIOD = relativedelta(years=1)


def _handled_reports_due(neighbourhood, now):
    from buurtplein.moderation.models import Report

    # Reports still open stay, however old: someone has to look at them first.
    return Report.objects.filter(
        neighbourhood=neighbourhood, created_at__lt=now - HANDLED_REPORT_PERIOD
    ).exclude(status=Report.Status.OPEN)


DECISION_PERIOD = relativedelta(years=1)


def _decisions_due(neighbourhood, now):
    from buurtplein.moderation.models import Decision

    # An objection still waiting keeps its decision, however old.
    return Decision.objects.filter(
        neighbourhood=neighbourhood, created_at__lt=now - DECISION_PERIOD
    ).exclude(appeal=Decision.Appeal.OPEN)


RETENTION = (
    RetentionRule(
        key="handled reports",
        label=_("Reports of messages and posts, once a buurtverbinder has handled them"),
        period=HANDLED_REPORT_PERIOD,
        after=_("%(period)s after the report"),
        why=_(
            "So that buurtverbinders can see whether the same thing keeps happening with the "
            "same person."
        ),
        due=_handled_reports_due,
    ),
    RetentionRule(
        key="moderation decisions",
        label=_("Decisions of buurtverbinders about reported things, with the author's objection"),
        period=DECISION_PERIOD,
        after=_("%(period)s after the decision"),
        why=_(
            "So that the author can object and look back, and buurtverbinders can see whether "
            "the same thing keeps happening. What was hidden stays hidden."
        ),
        due=_decisions_due,
    ),
)
