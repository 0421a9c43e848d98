from django.urls import path

from buurtplein.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.neighbourhood_report, name="report"),
    path("org/<slug:slug>/", views.organisation_report, name="organisation"),
    path("region/<slug:slug>/", views.region_report, name="region"),
]
