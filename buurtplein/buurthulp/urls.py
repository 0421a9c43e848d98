from django.urls import path  # noqa: F401

from buurtplein.buurthulp import views  # noqa: F401

app_name = "buurthulp"

urlpatterns: list = []
