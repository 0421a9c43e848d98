from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import (
    Component,
    NavItem,
    OrganisationBlock,
    ProfileBlock,
    SearchPart,
)
from buurtplein.socialmap.retention import RETENTION


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.socialmap import selectors

    return selectors.organisation_block(organisation, neighbourhood, viewer)


def _organisation_version(organisation, neighbourhood):
    from buurtplein.socialmap import selectors

    return selectors.organisation_version(organisation, neighbourhood)


def _stats(neighbourhood):
    from buurtplein.socialmap.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.socialmap.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.socialmap.privacy import erase

    erase(user)


def _profile_block(person, neighbourhood, viewer):
    from buurtplein.socialmap import selectors

    return selectors.profile_block(person, neighbourhood, viewer)


def _find_services(viewer, query, limit):
    from buurtplein.socialmap.search import find_services

    return find_services(viewer, query, limit)


def _find_professionals(viewer, query, limit):
    from buurtplein.socialmap.search import find_professionals

    return find_professionals(viewer, query, limit)


def _reindex_organisation(organisation):
    from buurtplein.socialmap.actions import reindex_organisation

    reindex_organisation(organisation)


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
        stats=_stats,
        export=_export,
        erase=_erase,
        retention=RETENTION,
        nav=(
            NavItem(
                _("Help and services"),
                "socialmap:list",
                "map-pin",
                perm="socialmap.list.view",
                order=45,
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="socialmap/_organisation_block.html",
                context=_organisation_block,
                version=_organisation_version,
                order=20,
                pages=("organisation",),
            ),
        ),
        profile_blocks=(
            ProfileBlock(template="socialmap/_profile_block.html", context=_profile_block),
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
                reindex_organisation=_reindex_organisation,
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
        from buurtplein.socialmap import (
            freshness,  # noqa: F401  (keeping services current: its rules)
            hsds_permissions,  # noqa: F401  (open data's rules)
            permissions,  # noqa: F401  (registers the rules)
        )
