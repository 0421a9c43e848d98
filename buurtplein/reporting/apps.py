from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


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
        home_order=95,
    )

    def ready(self):
        from buurtplein.reporting import (
            counting,
            permissions,  # noqa: F401  (registers the rules)
        )

        counting.connect()
