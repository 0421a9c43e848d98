from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import (
    Component,
    Moderated,
    NavItem,
    OrganisationBlock,
    OrganisationTool,
    SearchPart,
)
from buurtplein.exchange.retention import RETENTION


def _home_context(request):
    from buurtplein.exchange.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.exchange.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.exchange.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.exchange.selectors import search_part

    return search_part(viewer, query, limit)


def _erase(user):
    from buurtplein.exchange.privacy import erase

    erase(user)


def _organisation_block(organisation, neighbourhood, viewer):
    from buurtplein.exchange.selectors import organisation_block

    return organisation_block(organisation, neighbourhood, viewer)


def _organisation_version(organisation, neighbourhood):
    from buurtplein.exchange.selectors import organisation_version

    return organisation_version(organisation, neighbourhood)


def _moderated_url(obj):
    return ("exchange:item", {"pk": obj.pk})


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
        home_template="exchange/_home_block.html",
        home_context=_home_context,
        home_order=20,
        stats=_stats,
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "exchange.item",
                _("Offers and requests"),
                _search,
                perm="exchange.list.view",
                more_url="exchange:list",
                more_query=True,
                order=50,
                model="exchange.Item",
            ),
        ),
        nav=(
            NavItem(
                _("Offers & requests"),
                "exchange:list",
                "exchange",
                perm="exchange.list.view",
                primary=True,
                order=20,
            ),
        ),
        organisation_blocks=(
            OrganisationBlock(
                template="exchange/_organisation_block.html",
                context=_organisation_block,
                version=_organisation_version,
                order=30,
                tool=OrganisationTool(
                    _("Ask for support"),
                    "exchange:create",
                    "heart",
                    query="?kind=money&initiative={pk}",
                ),
            ),
        ),
        retention=RETENTION,
        moderated=(
            Moderated("exchange.Item", _("offer or request"), author="owner", url=_moderated_url),
        ),
    )

    def ready(self):
        from buurtplein.exchange import permissions  # noqa: F401  (registers the rules)
        from buurtplein.messaging.selectors import register_about_link

        # A conversation about one of ours links back to it (for whoever may still see it).
        register_about_link(
            "exchange.item",
            access="buurtplein.exchange.selectors.access_item",
            url_name="exchange:item",
        )
