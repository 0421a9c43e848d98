from django.urls import path

from buurtplein.socialmap import hsds_views, views

app_name = "socialmap"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("new/", views.service_create, name="create"),
    path("ours/", views.our_services, name="ours"),
    path("my-card/", views.card_edit, name="card"),
    path("<int:pk>/", views.service_detail, name="service"),
    path("<int:pk>/edit/", views.service_edit, name="edit"),
    path("<int:pk>/end/", views.service_end, name="end"),
    path("<int:pk>/reopen/", views.service_reopen, name="reopen"),
]

urlpatterns += [
    # Open data (Open Referral HSDS): public downloads, and the import for buurtverbinders.
    path("open-data/", hsds_views.open_data, name="open_data"),
    path("open-data/services.json", hsds_views.open_data_json, name="open_data_json"),
    path("open-data/services.zip", hsds_views.open_data_csv, name="open_data_csv"),
    path("import/", hsds_views.import_upload, name="hsds_import"),
    path("import/<uuid:uid>/", hsds_views.import_preview, name="hsds_import_preview"),
    path("import/<uuid:uid>/confirm/", hsds_views.import_confirm, name="hsds_import_confirm"),
]

# Keeping the sociale kaart current (``freshness_views``).
from buurtplein.socialmap import freshness_views  # noqa: E402

urlpatterns += [
    path("check/<str:token>/", freshness_views.check, name="check"),
    path("check-all/<str:token>/", freshness_views.check_all, name="check_all"),
    path("<int:pk>/confirm/", freshness_views.confirm, name="confirm"),
    path("<int:pk>/correct/", freshness_views.correct, name="correct"),
    path("corrections/<int:pk>/handled/", freshness_views.handle, name="correction_handled"),
]
