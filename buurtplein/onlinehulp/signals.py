"""Which desk serves which neighbourhood is cached (``selectors.desk_id_for``, asked by the
navigation on every page); a saved or deleted desk and a region whose neighbourhoods change
make that cache stale. So is who works at a desk (``selectors.works_here``, the console's entry
in the navigation): also when a desk's organisations, an organisation's staff or its
neighbourhoods change. Cache housekeeping only, as core's photo signals."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from buurtplein.accounts.models import Organisation
from buurtplein.core.models import Region
from buurtplein.onlinehulp.models import Desk, DeskOrganisation
from buurtplein.onlinehulp.selectors import desks_changed, workers_changed


def _changed(sender, **kwargs):
    desks_changed()
    workers_changed()


def _workers_changed(sender, **kwargs):
    workers_changed()


def connect() -> None:
    post_save.connect(_changed, sender=Desk, dispatch_uid="onlinehulp-desk-saved")
    post_delete.connect(_changed, sender=Desk, dispatch_uid="onlinehulp-desk-deleted")
    m2m_changed.connect(
        _changed, sender=Region.neighbourhoods.through, dispatch_uid="onlinehulp-region-changed"
    )
    post_save.connect(_workers_changed, sender=DeskOrganisation, dispatch_uid="onlinehulp-do-s")
    post_delete.connect(_workers_changed, sender=DeskOrganisation, dispatch_uid="onlinehulp-do-d")
    for through, name in (
        (Organisation.staff.through, "staff"),
        (Organisation.neighbourhoods.through, "organisation-neighbourhoods"),
    ):
        m2m_changed.connect(_workers_changed, sender=through, dispatch_uid=f"onlinehulp-{name}")
