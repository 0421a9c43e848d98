from django.urls import path

from buurtplein.socialmap import views

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
