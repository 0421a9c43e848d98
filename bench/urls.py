"""Buurtplein's platform urls plus the two baselines, each served by the same stack."""

from django.urls import path

from bench import views
from buurtplein.config.urls import urlpatterns as buurtplein_urlpatterns

urlpatterns = [
    path("bench/minimal/", views.minimal),
    path("bench/template/", views.template_page),
    *buurtplein_urlpatterns,
]
