from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "buurtplein.core"
    label = "core"
    verbose_name = _("Neighbourhoods")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from buurtplein.core import signals
        from buurtplein.core.models import Neighbourhood, NeighbourhoodDomain

        for model in (Neighbourhood, NeighbourhoodDomain):
            post_save.connect(signals.forget_cached_neighbourhood, sender=model)
            post_delete.connect(signals.forget_cached_neighbourhood, sender=model)

        from buurtplein.core.photos import connect_file_cleanup

        connect_file_cleanup()

        from buurtplein.core.tasks import connect_signals

        connect_signals()
