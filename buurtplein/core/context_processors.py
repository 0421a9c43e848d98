from django.conf import settings
from django.urls import reverse

from buurtplein.core.components import enabled_components
from buurtplein.core.permissions import viewer_for


def buurtplein(request):
    neighbourhood = getattr(request, "neighbourhood", None)
    return {
        "site_name": settings.BUURTPLEIN_SITE_NAME,
        "neighbourhood": neighbourhood,
        "viewer": viewer_for(request),
        # On a neighbourhood's own domain the platform front page lives on another host.
        "platform_home_url": (
            settings.BUURTPLEIN_PLATFORM_URL
            if getattr(request, "host_neighbourhood", None)
            else reverse("home")
        ),
        "components": enabled_components(neighbourhood) if neighbourhood else [],
    }
