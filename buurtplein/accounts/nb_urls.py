"""Neighbourhood pages about people: joining, neighbours, profiles, invites, organisations."""

from django.urls import path

from buurtplein.accounts import views

urlpatterns = [
    path("join/", views.join, name="join"),
]
