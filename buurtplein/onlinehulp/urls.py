from django.urls import path  # noqa: F401

from buurtplein.onlinehulp import views  # noqa: F401

app_name = "onlinehulp"

urlpatterns: list = []
