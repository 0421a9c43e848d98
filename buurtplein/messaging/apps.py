from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, Moderated


def _export(user):
    from buurtplein.messaging.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.messaging.actions import erase_person

    erase_person(user)


def _moderated_hide(message, hidden, actor):
    from buurtplein.messaging.actions import moderation_hide

    moderation_hide(message=message, hidden=hidden)


class MessagingConfig(AppConfig):
    name = "buurtplein.messaging"
    label = "messaging"
    verbose_name = _("Messages")
    component = Component(
        label="messaging",
        name=_("Messages"),
        icon="mail",
        url_name="messaging:inbox",
        description=_("Private conversations between two members."),
        home_order=90,
        export=_export,
        erase=_erase,
        moderated=(
            Moderated(
                "messaging.Message",
                _("message"),
                url=lambda m: ("messaging:conversation", {"pk": m.conversation_id}),
                on_hide=_moderated_hide,
            ),
        ),
    )

    def ready(self):
        from buurtplein.core.middleware import MEMBERSHIP_ANNOTATIONS
        from buurtplein.messaging import permissions  # noqa: F401  (registers the rules)
        from buurtplein.messaging.selectors import unread_total

        # The header's unread badge, read with the request's membership (one query less on
        # every member's page, bench/RESULTS.md, ninth round).
        MEMBERSHIP_ANNOTATIONS["unread_messages"] = unread_total
