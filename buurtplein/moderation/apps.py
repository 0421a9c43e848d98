from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component, NavItem
from buurtplein.moderation.retention import RETENTION


def _export(user):
    from buurtplein.moderation.privacy import export

    return export(user)


def _open_count(request):
    from buurtplein.moderation.selectors import open_count

    return open_count(request.neighbourhood)


def _home_context(request):
    from buurtplein.moderation.selectors import welcome_rules

    return welcome_rules(request)


def _erase(user):
    from buurtplein.moderation.actions import erase_person

    erase_person(user)


class ModerationConfig(AppConfig):
    name = "buurtplein.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
    # A platform part, always on (like messaging): the queue of buurtverbinders (in their
    # navigation, with the number waiting), the house rules, and its share of a person's data
    # export, of the erasure and of retention, through the same registry as every component.
    component = Component(
        label="moderation",
        name=_("Reports"),
        icon="flag",
        description=_(
            "The reports you made to a buurtverbinder: what kind of thing, why, and what "
            "became of it."
        ),
        home_order=1,
        home_template="moderation/_home_block.html",
        home_context=_home_context,
        home_region="top",
        export=_export,
        erase=_erase,
        retention=RETENTION,
        nav=(
            NavItem(
                _("Reports"),
                "moderation:queue",
                "flag",
                perm="moderation.queue.view",
                order=70,
                count=_open_count,
            ),
        ),
    )

    def ready(self):
        from buurtplein.moderation import permissions  # noqa: F401  (registers the rules)
