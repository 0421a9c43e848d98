from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "buurtplein.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from buurtplein.accounts.erasure import register_erase
        from buurtplein.moderation.actions import erase_person

        register_erase(erase_person)
