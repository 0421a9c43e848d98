from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class BuurthulpConfig(AppConfig):
    name = "buurtplein.buurthulp"
    label = "buurthulp"
    verbose_name = _("Neighbourhood help")
    component = Component(
        label="buurthulp",
        name=_("Neighbourhood help"),
        icon="help",
        url_name="buurthulp:index",
        description=_("Ask for help, big or small; neighbours who want to help are matched."),
        home_order=15,
    )

    def ready(self):
        from buurtplein.buurthulp import permissions  # noqa: F401  (registers the rules)
