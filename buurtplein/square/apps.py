from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class SquareConfig(AppConfig):
    name = "buurtplein.square"
    label = "square"
    verbose_name = _("The square")
    component = Component(
        label="square",
        name=_("The square"),
        icon="square",
        url_name="nb:home",
        description=_("News, questions, tips, lost and found, notices."),
    )

    def ready(self):
        from buurtplein.square import permissions  # noqa: F401  (registers the rules)
