"""Neighbourhood pages about people: joining, neighbours, profiles, invites, organisations."""

from django.urls import path

from buurtplein.accounts import views

urlpatterns = [
    path("join/", views.join, name="join"),
    path("neighbours/", views.neighbour_list, name="members"),
    path("neighbours/<int:user_id>/", views.neighbour_profile, name="member"),
    path("neighbours/role/<int:pk>/", views.member_role, name="member_role"),
    path("neighbours/pending/", views.pending, name="pending"),
    path("neighbours/pending/<int:pk>/approve/", views.approve, name="approve"),
    path("neighbours/pending/<int:pk>/reject/", views.reject, name="reject"),
    path("neighbours/invites/", views.invites, name="invites"),
    path("neighbours/invites/<int:pk>/", views.invite_card, name="invite"),
    path("neighbours/invites/<int:pk>/stop/", views.invite_deactivate, name="invite_deactivate"),
    path("organisations/", views.organisation_list, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
