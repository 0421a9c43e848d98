"""A neighbourhood's own domain: its pages at /, plus the platform pages."""

from django.urls import include, path

from buurtplein.config.urls_platform import platform_patterns

urlpatterns = [
    *platform_patterns,
    path("", include("buurtplein.config.urls_neighbourhood")),
]

handler400 = "buurtplein.core.errors.bad_request"
handler403 = "buurtplein.core.errors.permission_denied"
handler404 = "buurtplein.core.errors.page_not_found"
handler500 = "buurtplein.core.errors.server_error"
