"""Pages that every host serves: log-in and accounts, language, admin, API, uploads."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

platform_patterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("me/", include("buurtplein.accounts.urls")),
]

if settings.BUURTPLEIN_SERVE_MEDIA:
    platform_patterns += [
        re_path(
            r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media"
        ),
    ]
