"""The platform host: front page, and every neighbourhood under /b/<slug>/."""

from django.urls import include, path

from buurtplein.config.urls_platform import platform_patterns
from buurtplein.core import views as core_views

urlpatterns = [
    *platform_patterns,
    path("", core_views.front_page, name="home"),
    path("b/<slug:nb>/", include("buurtplein.config.urls_neighbourhood")),
]

handler400 = "buurtplein.core.errors.bad_request"
handler403 = "buurtplein.core.errors.permission_denied"
handler404 = "buurtplein.core.errors.page_not_found"
handler500 = "buurtplein.core.errors.server_error"
