from django.conf import settings

from buurtplein.core.components import enabled_components
from buurtplein.core.permissions import viewer_for


def buurtplein(request):
    neighbourhood = getattr(request, "neighbourhood", None)
    return {
        "site_name": settings.BUURTPLEIN_SITE_NAME,
        "neighbourhood": neighbourhood,
        "viewer": viewer_for(request),
        "components": enabled_components(neighbourhood) if neighbourhood else [],
    }
