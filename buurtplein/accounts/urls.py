"""Platform-wide pages about yourself (/me/)."""

from django.urls import path

from buurtplein.accounts import views

app_name = "me"

urlpatterns = [
    path("", views.my_account, name="account"),
]
