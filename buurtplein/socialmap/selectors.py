"""Reads of the sociale kaart."""

from __future__ import annotations

from django.db.models import QuerySet

from buurtplein.core.permissions import Viewer
from buurtplein.socialmap.models import Service, State


def active_services(viewer: Viewer) -> QuerySet[Service]:
    """The neighbourhood's services that are still given, with their organisation."""
    return Service.objects.filter(state=State.ACTIVE).select_related("organisation")
