"""Rules of the sociale kaart, registered with the one permission chain.

Everyone who may see the neighbourhood sees the services (the list and a service's page).
The staff of a service's organisation edit it and its locations and hours, confirm it is still
right and see the corrections people sent; buurtverbinders and admins may do the same for every
service of their neighbourhood.
"""

from buurtplein.core.permissions import rule


@rule("socialmap.list.view")
def _view_list(viewer, obj):
    return True
