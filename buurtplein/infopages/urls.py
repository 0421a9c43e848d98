from django.urls import path

from buurtplein.infopages import views

app_name = "infopages"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.page_create, name="create"),
    path("<slug:slug>/", views.page_detail, name="page"),
    path("<slug:slug>/edit/", views.page_edit, name="edit"),
    path("<slug:slug>/check/", views.page_check, name="check"),
    path("<slug:slug>/history/", views.page_history, name="history"),
    path("<slug:slug>/history/<int:number>/", views.version_detail, name="version"),
    path(
        "<slug:slug>/history/<int:number>/restore/",
        views.version_restore,
        name="restore",
    ),
    path("<slug:slug>/settings/", views.page_settings, name="settings"),
    path("<slug:slug>/reorder/", views.page_reorder, name="reorder"),
    path("<slug:slug>/delete/", views.page_delete, name="delete"),
]
