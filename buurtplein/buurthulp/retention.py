"""How long buurthulp keeps its data (``core.retention``; listed on "Privacy in je buurt" and
applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

CLOSED_REQUEST_PERIOD = relativedelta(years=1)


def _closed_requests_due(neighbourhood, now):
    from buurtplein.buurthulp.models import CLOSED_STATES, HelpRequest

    # With a request go its matches (who was asked, who said yes) and the follow-up questions.
    return HelpRequest.objects.filter(
        neighbourhood=neighbourhood,
        state__in=CLOSED_STATES,
        closed_at__lt=now - CLOSED_REQUEST_PERIOD,
    )


RETENTION = (
    RetentionRule(
        key="closed help requests",
        label=_("Requests for help that are closed, with who was asked and who helped"),
        period=CLOSED_REQUEST_PERIOD,
        after=_("%(period)s after the request was closed"),
        why=_(
            "So that you, your helper and the buurtverbinder can look back, for example when "
            "you need the same help again. The neighbourhood's figures only count requests, "
            "without names."
        ),
        due=_closed_requests_due,
    ),
)
