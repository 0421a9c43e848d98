from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class ExchangeConfig(AppConfig):
    name = "buurtplein.exchange"
    label = "exchange"
    verbose_name = _("Offers and requests")
    component = Component(
        label="exchange",
        name=_("Offers and requests"),
        icon="exchange",
        url_name="exchange:list",
        description=_("Give, lend, ask: things, knowledge, support, contacts and help."),
        home_order=20,
    )

    def ready(self):
        from buurtplein.exchange import permissions  # noqa: F401  (registers the rules)
