from django.urls import path  # noqa: F401

from buurtplein.messaging import views  # noqa: F401

app_name = "messaging"

urlpatterns: list = []
