from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

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
        "language_next": LanguageNext(request),
    }


class LanguageNext:
    """Where the language switch in the footer returns to: this page, or, on a page a form
    sent (``POST``, e.g. a form shown again with its errors), the page the form was on: that
    address only answers ``POST`` and would be a 405 after the switch. Worked out only when a
    template prints it."""

    def __init__(self, request):
        self.request = request

    def __str__(self) -> str:
        request = self.request
        if request.method in ("GET", "HEAD"):
            return request.get_full_path()
        referer = request.headers.get("Referer", "")
        if referer and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(referer)
            return parts.path + (f"?{parts.query}" if parts.query else "")
        from buurtplein.core.errors import home_url

        return home_url(request)
