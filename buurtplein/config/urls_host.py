"""A neighbourhood's own domain: its pages at /, plus the platform pages."""

from django.urls import include, path

from buurtplein.config.urls_platform import platform_patterns

urlpatterns = [
    *platform_patterns,
    path("", include("buurtplein.config.urls_neighbourhood")),
]
