from django.urls import path

from buurtplein.onlinehulp import views

app_name = "onlinehulp"

urlpatterns = [
    path("chat/", views.chat_start, name="chat_start"),
    path("c/<str:token>/", views.chat_page, name="chat"),
]
