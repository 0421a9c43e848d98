"""Rules of the sociale kaart's open data (``socialmap.hsds``), in the one permission chain.

Anyone may download the open data (only active services, nothing personal). Buurtverbinders
and admins of a neighbourhood import a register into it.
"""

from buurtplein.core.permissions import rule


@rule("socialmap.open_data.view")
def _view_open_data(viewer, obj):
    return True


@rule("socialmap.hsds.import")
def _import(viewer, obj):
    return viewer.is_connector
