from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "buurtplein.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from buurtplein.core.retention import register
        from buurtplein.moderation.retention import RETENTION

        register(*RETENTION)
