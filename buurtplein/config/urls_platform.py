"""Pages that every host serves: log-in and accounts, language, admin, API, uploads."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from buurtplein.accounts import account_views

platform_patterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("me/", include("buurtplein.accounts.urls")),
]


def media(request, path):
    """An uploaded file, from ``MEDIA_ROOT`` as it is at the request (tests point it elsewhere);
    a deleted photo's files are gone, so this answers 404 for them."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.BUURTPLEIN_SERVE_MEDIA:
    platform_patterns += [re_path(r"^media/(?P<path>.*)$", media, name="media")]
