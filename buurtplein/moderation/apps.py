from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Component
from buurtplein.moderation.retention import RETENTION


def _export(user):
    from buurtplein.moderation.privacy import export

    return export(user)


def _erase(user):
    from buurtplein.moderation.actions import erase_person

    erase_person(user)


class ModerationConfig(AppConfig):
    name = "buurtplein.moderation"
    label = "moderation"
    verbose_name = _("Moderation")
    # A platform part, always on (like messaging): no page or navigation of its own here, but
    # its share of a person's data export, of the erasure and of retention, through the same
    # registry as every component.
    component = Component(
        label="moderation",
        name=_("Reports"),
        icon="flag",
        description=_(
            "The reports you made to a buurtverbinder: what kind of thing, why, and what "
            "became of it."
        ),
        home_order=95,
        export=_export,
        erase=_erase,
        retention=RETENTION,
    )
