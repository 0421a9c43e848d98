from django.shortcuts import render

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.permissions import viewer_for
from buurtplein.socialmap import selectors


@neighbourhood_view("socialmap.list.view")
def service_list(request):
    viewer = viewer_for(request)
    services = selectors.active_services(viewer)
    return render(request, "socialmap/list.html", {"services": services})
