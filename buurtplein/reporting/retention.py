"""How long the reports keep what they make (``core.retention``; listed on "Privacy in je
buurt" and applied by ``manage.py enforce_retention``): a report's PDF is a copy of figures the
count tables keep anyway, so it goes after a month. The row owns its file (``own_files`` in
``apps.py``): the file goes with it."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule

JOB_PERIOD = relativedelta(days=30)


def _jobs_due(neighbourhood, now):
    from buurtplein.reporting.models import ReportJob

    return ReportJob.objects.filter(neighbourhood=neighbourhood, created_at__lt=now - JOB_PERIOD)


RETENTION = (
    RetentionRule(
        key="report files",
        label=_("Reports made as PDF"),
        period=JOB_PERIOD,
        after=_("%(period)s after it was made"),
        why=_(
            "So that you have time to download the report. The figures themselves stay; you "
            "can make the PDF again at any time."
        ),
        due=_jobs_due,
    ),
)
