from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.buurthulp.retention import RETENTION
from buurtplein.core.components import Component, Moderated, NavItem


def _home_context(request):
    from buurtplein.buurthulp.views import home_context

    return home_context(request)


def _stats(neighbourhood):
    from django_scopes import scope

    from buurtplein.buurthulp.selectors import figures

    with scope(neighbourhood=neighbourhood):
        return figures(neighbourhood)


def _export(user):
    from buurtplein.buurthulp.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.buurthulp.actions import erase_person

    erase_person(user)


def _moderated_url(obj):
    return ("buurthulp:request", {"pk": obj.pk})


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
        home_template="buurthulp/_home_block.html",
        home_context=_home_context,
        home_order=15,
        stats=_stats,
        export=_export,
        erase=_erase,
        nav=(
            NavItem(
                _("Neighbourhood help"),
                "buurthulp:index",
                "help",
                perm="buurthulp.index.view",
                primary=True,
                order=30,
            ),
        ),
        retention=RETENTION,
        moderated=(
            Moderated(
                "buurthulp.HelpRequest", _("help request"), author="asker", url=_moderated_url
            ),
        ),
    )

    def ready(self):
        from buurtplein.buurthulp import permissions  # noqa: F401  (registers the rules)
        from buurtplein.messaging.selectors import register_about_link

        # A conversation about one of ours links back to it (for whoever may still see it).
        register_about_link(
            "buurthulp.helprequest",
            access="buurtplein.buurthulp.selectors.access_help_request",
            url_name="buurthulp:request",
        )
