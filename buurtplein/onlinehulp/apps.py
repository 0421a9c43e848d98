from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component


def _stats(neighbourhood):
    from buurtplein.onlinehulp.privacy import stats

    return stats(neighbourhood)


def _export(user):
    from buurtplein.onlinehulp.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.onlinehulp.privacy import erase

    erase(user)


class OnlinehulpConfig(AppConfig):
    name = "buurtplein.onlinehulp"
    label = "onlinehulp"
    verbose_name = _("Online help")
    component = Component(
        label="onlinehulp",
        name=_("Online help"),
        icon="chat",
        url_name="onlinehulp:start",
        description=_(
            "Chat anonymously with a professional, or ask a question by e-mail: staffed by "
            "the organisations of the region together."
        ),
        home_order=38,
        stats=_stats,
        export=_export,
        erase=_erase,
    )

    def ready(self):
        from buurtplein.onlinehulp import permissions  # noqa: F401  (registers the rules)
