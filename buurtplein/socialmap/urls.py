from django.urls import path

from buurtplein.socialmap import views

app_name = "socialmap"

urlpatterns = [
    path("", views.service_list, name="list"),
]
