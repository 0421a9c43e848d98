"""How long the sociale kaart keeps its data (``core.retention``; listed on "Privacy in je
buurt" and applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

UNCONFIRMED_UPLOAD_PERIOD = relativedelta(days=1)


def _unconfirmed_uploads_due(neighbourhood, now):
    from buurtplein.socialmap.models import HsdsImport

    return HsdsImport.objects.filter(
        neighbourhood=neighbourhood,
        imported_at=None,
        created_at__lt=now - UNCONFIRMED_UPLOAD_PERIOD,
    )


RETENTION = (
    RetentionRule(
        key="unconfirmed open-data uploads",
        label=_("Open-data files a buurtverbinder uploaded but did not import"),
        period=UNCONFIRMED_UPLOAD_PERIOD,
        after=_("%(period)s after the upload"),
        why=_("Long enough to look at the preview and import it; after that it is not needed."),
        due=_unconfirmed_uploads_due,
    ),
)
