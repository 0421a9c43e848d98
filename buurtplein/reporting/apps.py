from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem
from buurtplein.reporting.retention import RETENTION


def _export(user):
    from buurtplein.reporting.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.reporting.privacy import erase

    erase(user)


class ReportingConfig(AppConfig):
    name = "buurtplein.reporting"
    label = "reporting"
    verbose_name = _("Figures and stories")
    component = Component(
        label="reporting",
        name=_("Figures and stories"),
        icon="chart",
        description=_(
            "Figures and stories for the municipality: what the neighbourhood and its "
            "organisations achieved, per month, quarter or year."
        ),
        url_name="reporting:report",
        home_order=95,
        retention=RETENTION,
        export=_export,
        erase=_erase,
        nav=(
            NavItem(
                _("Figures"),
                "reporting:report",
                "chart",
                perm="reporting.report.view",
                order=90,
            ),
        ),
    )

    def ready(self):
        from buurtplein.core.photos import own_files
        from buurtplein.reporting import (
            counting,
            permissions,  # noqa: F401  (registers the rules)
        )
        from buurtplein.reporting.models import ReportJob

        counting.connect()
        # A PDF job's row owns its file: it goes when the row is deleted (the retention round,
        # the neighbourhood, the account of whoever asked for it).
        own_files(ReportJob, "file")
