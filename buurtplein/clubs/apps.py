from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


class ClubsConfig(AppConfig):
    name = "buurtplein.clubs"
    label = "clubs"
    verbose_name = _("Clubs and initiatives")
    component = Component(
        label="clubs",
        name=_("Clubs and initiatives"),
        icon="users",
        description=_("Clubs, associations and residents' initiatives: their page, members, news and activities."),
        home_order=40,
    )

    def ready(self):
        from buurtplein.clubs import permissions  # noqa: F401  (registers the rules)
