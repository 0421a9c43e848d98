from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class InfopagesConfig(AppConfig):
    name = "buurtplein.infopages"
    label = "infopages"
    verbose_name = _("Neighbourhood information")
    component = Component(
        label="infopages",
        name=_("Neighbourhood information"),
        icon="info",
        description=_("Information pages kept current by buurtverbinders and professionals."),
        home_order=60,
    )

    def ready(self):
        from buurtplein.infopages import permissions  # noqa: F401  (registers the rules)
