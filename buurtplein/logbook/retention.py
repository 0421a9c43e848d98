"""How long the logbook keeps who registered an entry (``core.retention``; listed on "Privacy
in je buurt" and applied by ``manage.py enforce_retention``). The entry itself stays, without
the professional's name, as a figure of the organisation and the neighbourhood."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule, mark_rows

AUTHOR_PERIOD = relativedelta(years=2)


def _authors_due(neighbourhood, now):
    from buurtplein.logbook.models import Entry

    return Entry.objects.filter(
        neighbourhood=neighbourhood, author__isnull=False, created_at__lt=now - AUTHOR_PERIOD
    )


RETENTION = (
    RetentionRule(
        key="registration authors",
        label=_("Who registered an entry of the professionals' own registration"),
        period=AUTHOR_PERIOD,
        after=_("%(period)s after it was registered"),
        why=_(
            "So that a professional can look back at their own work and correct it. After that "
            "the entry only counts in the figures, without their name."
        ),
        due=_authors_due,
        apply=mark_rows(author=None),
    ),
)
