from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem


class SocialMapConfig(AppConfig):
    name = "buurtplein.socialmap"
    label = "socialmap"
    verbose_name = _("Sociale kaart")
    component = Component(
        label="socialmap",
        name=_("Help and services"),
        icon="map-pin",
        url_name="socialmap:list",
        description=_(
            "The sociale kaart: services of organisations, where and when, and who gives them."
        ),
        home_order=35,
        nav=(
            NavItem(
                _("Help and services"),
                "socialmap:list",
                "map-pin",
                perm="socialmap.list.view",
                order=45,
            ),
        ),
    )

    def ready(self):
        from buurtplein.socialmap import freshness, permissions  # noqa: F401  (registers the rules)
