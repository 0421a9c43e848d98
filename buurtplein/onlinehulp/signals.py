"""Which desk serves which neighbourhood is cached (``selectors.desk_id_for``, asked by the
navigation on every page); a saved or deleted desk and a region whose neighbourhoods change
make that cache stale. Storage housekeeping only, as core's photo signals."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from buurtplein.core.models import Region
from buurtplein.onlinehulp.models import Desk
from buurtplein.onlinehulp.selectors import desks_changed


def _changed(sender, **kwargs):
    desks_changed()


def connect() -> None:
    post_save.connect(_changed, sender=Desk, dispatch_uid="onlinehulp-desk-saved")
    post_delete.connect(_changed, sender=Desk, dispatch_uid="onlinehulp-desk-deleted")
    m2m_changed.connect(
        _changed, sender=Region.neighbourhoods.through, dispatch_uid="onlinehulp-region-changed"
    )
