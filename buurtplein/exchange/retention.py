"""How long vraag & aanbod keeps its data (``core.retention``; listed on "Privacy in je buurt"
and applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

ENDED_ITEM_PERIOD = relativedelta(months=6)


def _ended_items_due(neighbourhood, now):
    from buurtplein.exchange.actions import ITEM_EXPIRY

    # Every state but open: arranged, expired, withdrawn, removed. The end date is the one of
    # the expiring lifecycle (core.expiry); until it is removed, an expired item can be renewed.
    return ITEM_EXPIRY.ended_before(neighbourhood, now - ENDED_ITEM_PERIOD)


RETENTION = (
    RetentionRule(
        key="ended offers and requests",
        label=_("Offers and requests that are arranged, expired or withdrawn, with their photos"),
        period=ENDED_ITEM_PERIOD,
        after=_("%(period)s after their end date"),
        why=_(
            "So that you can still renew an expired offer, and see what you arranged and with "
            "whom. Messages about it stay in your conversations."
        ),
        due=_ended_items_due,
    ),
)
