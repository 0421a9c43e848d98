"""How long the agenda keeps its data (``core.retention``; listed on "Privacy in je buurt" and
applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

SIGNUP_PERIOD = relativedelta(years=1)
"""A year: the agenda's figures count the different people who took part in the past year
(``privacy.stats``); no longer."""
PAST_ACTIVITY_PERIOD = relativedelta(years=1)


def _past_signups_due(neighbourhood, now):
    from buurtplein.agenda.models import Rsvp

    return Rsvp.objects.filter(
        neighbourhood=neighbourhood, occurrence__ends_at__lt=now - SIGNUP_PERIOD
    )


def _past_activities_due(neighbourhood, now):
    from django.db.models import Exists, OuterRef

    from buurtplein.agenda.models import Activity, Occurrence

    cutoff = now - PAST_ACTIVITY_PERIOD
    later = Occurrence.objects.filter(activity=OuterRef("pk"), ends_at__gte=cutoff)
    # No date since the cut-off (a series that goes on has dates ahead), and not made or
    # changed since then either (an activity whose dates are still to be planned stays).
    return Activity.objects.filter(
        neighbourhood=neighbourhood, created_at__lt=cutoff, updated_at__lt=cutoff
    ).exclude(Exists(later))


RETENTION = (
    RetentionRule(
        key="past sign-ups",
        label=_("Who signed up for an activity"),
        period=SIGNUP_PERIOD,
        after=_("%(period)s after the date of the activity"),
        why=_(
            "So that the organiser can still reach the people who came, and the neighbourhood "
            "can count how many different people took part in a year (without names)."
        ),
        due=_past_signups_due,
    ),
    RetentionRule(
        key="past activities",
        label=_("Activities that are over, with their photo"),
        period=PAST_ACTIVITY_PERIOD,
        after=_("%(period)s after the last date"),
        why=_("So that the organiser can plan the same activity again, and look back."),
        due=_past_activities_due,
    ),
)
