"""Platform-wide pages about yourself (/me/)."""

from django.urls import path

from buurtplein.accounts import account_views, views

app_name = "me"

urlpatterns = [
    path("", account_views.my_account, name="account"),
    path("profile/", views.profile_edit, name="profile"),
    path("export/", account_views.export, name="export"),
    path("export/<int:pk>/<str:token>/", account_views.export_download, name="export_download"),
    path("delete/", account_views.erase_account, name="erase"),
    path("deleted/", account_views.account_erased, name="erased"),
]
