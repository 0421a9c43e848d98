"""How long feedback keeps what people told it (``core.retention``; listed on "Privacy in je
buurt" and applied by ``manage.py enforce_retention``). The rows stay, without anything about
the person, for the figures (``counts``).

* **Complaints: 2 years after they were handled.** A complaints procedure must be able to show
  how a complaint was handled when the person complains again, or takes it to an ombudsman or
  a court (the Awb's complaints rules ask a record of each complaint; the usual term is two
  years). After that the name, e-mail address, the complaint, the outcome's text and the
  internal notes go; what remains (dates, outcome, organisation) is only a number.
* **The sentences with the answers: 1 year.** Long enough to read them back in the year's
  report; the score stays, without a person.
* **Which months a member answered: 2 months.** Only needed to ask nobody twice a month.
"""

from dateutil.relativedelta import relativedelta
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule, mark_rows

COMPLAINT_PERIOD = relativedelta(years=2)
SENTENCE_PERIOD = relativedelta(years=1)
ANSWERED_PERIOD = relativedelta(months=2)

COMPLAINT_CLEARED = {
    "person": None,
    "name": "",
    "email": "",
    "text": "",
    "wish": "",
    "outcome_text": "",
    "erased_at": Now(),
}
"""Everything personal on a complaint (its notes are deleted with it: ``privacy.clear``)."""


def _complaints_due(neighbourhood, now):
    from buurtplein.feedback.models import Complaint

    return Complaint.objects.filter(
        neighbourhood=neighbourhood, erased_at=None, closed_at__lt=now - COMPLAINT_PERIOD
    )


def _clear_complaints(queryset) -> int:
    from buurtplein.feedback.privacy import clear_complaints

    return clear_complaints(queryset)


def _sentences_due(neighbourhood, now):
    from buurtplein.feedback.models import Answer

    return Answer.objects.filter(
        neighbourhood=neighbourhood, created_at__lt=now - SENTENCE_PERIOD
    ).exclude(text="", person=None)


def _answered_due(neighbourhood, now):
    from buurtplein.feedback.models import AnsweredMonth

    return AnsweredMonth.objects.filter(
        neighbourhood=neighbourhood, answered_at__lt=now - ANSWERED_PERIOD
    )


RETENTION = (
    RetentionRule(
        key="handled complaints",
        label=_("Complaints that were handled (name, e-mail address, the complaint, notes)"),
        period=COMPLAINT_PERIOD,
        after=_("%(period)s after the complaint was handled"),
        why=_(
            "So that we can show how a complaint was handled when you complain again or go to "
            "an ombudsman. After that only the numbers stay, without anything about you."
        ),
        due=_complaints_due,
        apply=_clear_complaints,
    ),
    RetentionRule(
        key="recommendation sentences",
        label=_("Your sentence with “Would you recommend us?” and who gave it"),
        period=SENTENCE_PERIOD,
        after=_("%(period)s after you answered"),
        why=_("So that the organisation can read it back in its year's report. The score stays."),
        due=_sentences_due,
        apply=mark_rows(text="", person=None),
    ),
    RetentionRule(
        key="months answered",
        label=_("That you answered “Would you recommend us?” this month"),
        period=ANSWERED_PERIOD,
        after=_("%(period)s after you answered"),
        why=_("Only so that we do not ask you again the same month."),
        due=_answered_due,
    ),
)
