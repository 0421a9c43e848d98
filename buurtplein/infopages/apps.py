from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, SearchPart


def _home_context(request):
    from buurtplein.infopages.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from buurtplein.infopages.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.infopages.privacy import export

    return export(user)


def _search(viewer, query, limit):
    from buurtplein.infopages.selectors import search_part

    return search_part(viewer, query, limit)


def _erase(user):
    from buurtplein.infopages.privacy import erase

    erase(user)


class InfopagesConfig(AppConfig):
    name = "buurtplein.infopages"
    label = "infopages"
    verbose_name = _("Neighbourhood information")
    component = Component(
        label="infopages",
        name=_("Neighbourhood information"),
        icon="book",
        url_name="infopages:index",
        description=_("Information pages kept current by buurtverbinders and professionals."),
        home_template="infopages/_home_block.html",
        home_context=_home_context,
        home_order=60,
        stats=_stats,
        export=_export,
        erase=_erase,
        search=(
            SearchPart(
                "infopages.page",
                _("Neighbourhood information"),
                _search,
                perm="infopages.index.view",
                more_url="infopages:index",
                order=10,
                model="infopages.InfoPage",
            ),
        ),
        nav=(
            NavItem(
                _("Neighbourhood info"),
                "infopages:index",
                "book",
                perm="infopages.index.view",
                order=55,
            ),
        ),
    )

    def ready(self):
        from buurtplein.infopages import permissions  # noqa: F401  (registers the rules)
