from django.urls import path

from buurtplein.logbook import views

app_name = "logbook"

urlpatterns = [
    path("", views.register, name="register"),
    path("quick/", views.quick, name="quick"),
    path("overview/", views.overview, name="overview"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
