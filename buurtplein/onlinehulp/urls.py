from django.urls import path

from buurtplein.onlinehulp import views

app_name = "onlinehulp"

urlpatterns = [
    path("chat/", views.chat_start, name="chat_start"),
    path("c/<str:token>/", views.chat_page, name="chat"),
    # The help page and the asker's e-mail questions (part "desk").
    path("", views.start, name="start"),
    path("ask/", views.question_new, name="question_new"),
    path("q/<str:token>/", views.question_page, name="question"),
    path("code/", views.code_page, name="code"),
]
