"""How long referrals keep the personal details they carry (``core.retention``; listed on
"Privacy in je buurt" and applied by ``manage.py enforce_retention``). The rows stay, without
names, contact details, the question or notes, for the figures (``privacy.stats``)."""

from dateutil.relativedelta import relativedelta
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule, mark_rows

ENDED_PERIOD = relativedelta(months=6)

SHARED_DETAILS = ("person_name", "person_phone", "person_email", "question", "outside_contact")
"""The details about the person that their consent covers: cleared at once when it is withdrawn
or runs out (``actions.referral_withdraw``, ``actions.lapse_consents``). The one list of them
(kept here, not in models.py, because the app's config reads this module before the models)."""

CLEARED = {
    "person": None,
    **dict.fromkeys(SHARED_DETAILS, ""),
    # And what the two sides wrote themselves: the receiving side's note and reason, and the
    # outside referrer's practice.
    **dict.fromkeys(("note", "decline_reason", "outside_referrer"), ""),
    "erased_at": Now(),
}
"""Everything personal on a referral, cleared after the retention period and when the person
erases their account; the row stays for the figures."""


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
