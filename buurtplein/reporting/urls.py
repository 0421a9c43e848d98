from django.urls import path

from buurtplein.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.neighbourhood_report, name="report"),
    path("org/<slug:slug>/", views.organisation_report, name="organisation"),
    path("region/<slug:slug>/", views.region_report, name="region"),
    path("pdf/", views.job_start, name="job_start"),
    path("pdf/<int:pk>/", views.job, name="job"),
    path("pdf/<int:pk>/file/", views.job_file, name="job_file"),
    path("share/", views.share_create, name="share_create"),
    path("share/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("shared/<str:token>/", views.shared, name="shared"),
]
