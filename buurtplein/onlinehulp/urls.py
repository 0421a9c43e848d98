from django.urls import path

from buurtplein.onlinehulp import views

app_name = "onlinehulp"

urlpatterns = [
    path("chat/", views.chat_start, name="chat_start"),
    path("c/<str:token>/", views.chat_page, name="chat"),
]

# The asker's chat after it started (part "live"): end it, rate it, read it back.
urlpatterns += [
    path("c/<str:token>/stop/", views.chat_stop, name="chat_stop"),
    path("c/<str:token>/rate/", views.chat_rate, name="chat_rate"),
    path("c/<str:token>/chat.txt", views.chat_transcript, name="chat_transcript"),
    path("c/<str:token>/mail/", views.chat_mail, name="chat_mail"),
]
