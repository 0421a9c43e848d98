from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _export(user):
    from buurtplein.moderation.privacy import export

    return export(user)


class ModerationConfig(AppConfig):
    name = "buurtplein.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from buurtplein.accounts.data_export import register_export

        # A platform part, no component: its file in a person's data export.
        register_export(
            "moderation",
            _("Reports"),
            _(
                "The reports you made to a buurtverbinder: what kind of thing, why, and what "
                "became of it."
            ),
            _export,
        )

        from buurtplein.core.retention import register
        from buurtplein.moderation.retention import RETENTION

        register(*RETENTION)
        from buurtplein.accounts.erasure import register_erase
        from buurtplein.moderation.actions import erase_person

        register_erase(erase_person)
