from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, SearchPart


def _find_services(viewer, query, limit):
    from buurtplein.socialmap.search import find_services

    return find_services(viewer, query, limit)


def _find_professionals(viewer, query, limit):
    from buurtplein.socialmap.search import find_professionals

    return find_professionals(viewer, query, limit)


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
        search=(
            SearchPart(
                "socialmap.service",
                _("Help and services"),
                _find_services,
                perm="socialmap.list.view",
                more_url="socialmap:list",
                more_query=True,
                order=15,
            ),
            SearchPart(
                "socialmap.professional",
                _("Professionals"),
                _find_professionals,
                perm="socialmap.list.view",
                order=16,
            ),
        ),
    )

    def ready(self):
        from buurtplein.socialmap import permissions  # noqa: F401  (registers the rules)
