from django.urls import path  # noqa: F401

from buurtplein.exchange import views  # noqa: F401

app_name = "exchange"

urlpatterns: list = []
