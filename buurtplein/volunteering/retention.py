"""How long volunteering keeps its data (``core.retention``; listed on "Privacy in je buurt"
and applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

ENDED_VACANCY_PERIOD = relativedelta(years=1)


def _ended_vacancies_due(neighbourhood, now):
    from buurtplein.volunteering.actions import VACANCY_EXPIRY

    # Filled, closed, expired or removed; their responses go with them.
    return VACANCY_EXPIRY.ended_before(neighbourhood, now - ENDED_VACANCY_PERIOD)


RETENTION = (
    RetentionRule(
        key="ended vacancies",
        label=_("Volunteer vacancies that are over, with the responses to them"),
        period=ENDED_VACANCY_PERIOD,
        after=_("%(period)s after their end date"),
        why=_(
            "So that the organisation can reopen a vacancy and ask, after a few months, how "
            "the volunteering went."
        ),
        due=_ended_vacancies_due,
    ),
)
