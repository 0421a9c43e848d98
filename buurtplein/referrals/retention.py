"""How long referrals keep the personal details they carry (``core.retention``; listed on
"Privacy in je buurt" and applied by ``manage.py enforce_retention``). The rows stay, without
names, contact details, the question or notes, for the figures (``privacy.stats``)."""

from dateutil.relativedelta import relativedelta
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule, mark_rows

ENDED_PERIOD = relativedelta(months=6)

CLEARED = {
    "person": None,
    "person_name": "",
    "person_phone": "",
    "person_email": "",
    "question": "",
    "note": "",
    "decline_reason": "",
    "outside_referrer": "",
    "outside_contact": "",
    "erased_at": Now(),
}


def _ended_due(neighbourhood, now):
    from buurtplein.referrals.models import Referral

    return Referral.objects.filter(
        neighbourhood=neighbourhood, erased_at=None, ended_at__lt=now - ENDED_PERIOD
    )


RETENTION = (
    RetentionRule(
        key="ended referrals",
        label=_("The personal details of referrals that ended (name, contact, question, notes)"),
        period=ENDED_PERIOD,
        after=_("%(period)s after the referral ended"),
        why=_(
            "So that the organisation can still look back when the person comes again soon. "
            "After that only the numbers stay, without anything about the person."
        ),
        due=_ended_due,
        apply=mark_rows(**CLEARED),
    ),
)
