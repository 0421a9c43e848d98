from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem, ServiceAction
from buurtplein.onlinehulp.retention import RETENTION


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
        nav=(
            # For anyone, where a desk serves the neighbourhood (``onlinehulp.help.nav``).
            NavItem(
                _("Chat with a professional"),
                "onlinehulp:start",
                "chat",
                perm="onlinehulp.help.nav",
                primary=True,
                order=85,
                current=(
                    "onlinehulp:start",
                    "onlinehulp:chat*",
                    "onlinehulp:question",
                    "onlinehulp:question_new",
                    "onlinehulp:code",
                ),
            ),
            # For the workers of a desk serving the neighbourhood (``onlinehulp.console.nav``):
            # the console, and from it the e-mail questions and the rota.
            NavItem(
                _("Online help console"),
                "onlinehulp:console",
                "chat",
                perm="onlinehulp.console.nav",
                order=86,
                current=(
                    "onlinehulp:console*",
                    "onlinehulp:questions",
                    "onlinehulp:question_work",
                    "onlinehulp:question_answer",
                    "onlinehulp:question_note",
                    "onlinehulp:question_assign",
                    "onlinehulp:question_close",
                    "onlinehulp:rota",
                    "onlinehulp:shift_*",
                    "onlinehulp:hour_*",
                    "onlinehulp:snippet*",
                ),
            ),
        ),
        retention=RETENTION,
        service_actions=(
            # On the services of organisations that take part in the neighbourhood's desk.
            ServiceAction(
                _("Chat with a professional"),
                "onlinehulp:start",
                "chat",
                perm="onlinehulp.service.chat",
                query="",
            ),
        ),
    )

    def ready(self):
        from buurtplein.onlinehulp import (
            permissions,  # noqa: F401  (registers the rules)
            signals,
        )

        signals.connect()
