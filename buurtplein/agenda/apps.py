from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class AgendaConfig(AppConfig):
    name = "buurtplein.agenda"
    label = "agenda"
    verbose_name = _("Activities")
    component = Component(
        label="agenda",
        name=_("Activities"),
        icon="calendar",
        description=_("Activities and meetings: once or every week, sign up, calendar feeds."),
        home_order=12,
    )

    def ready(self):
        from buurtplein.agenda import permissions  # noqa: F401  (registers the rules)
