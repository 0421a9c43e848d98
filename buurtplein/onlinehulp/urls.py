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
    # The workers' e-mail queue (part "desk").
    path("questions/", views.questions, name="questions"),
    path("questions/<int:pk>/", views.question_work, name="question_work"),
    path("questions/<int:pk>/answer/", views.question_answer, name="question_answer"),
    path("questions/<int:pk>/note/", views.question_note, name="question_note"),
    path("questions/<int:pk>/assign/", views.question_assign, name="question_assign"),
    path("questions/<int:pk>/close/", views.question_close, name="question_close"),
    # Consultation hours and the rota (part "desk").
    path("rota/", views.rota, name="rota"),
    path("rota/shifts/", views.shift_add, name="shift_add"),
    path("rota/shifts/<int:pk>/cancel/", views.shift_cancel, name="shift_cancel"),
    path("rota/hours/", views.hour_add, name="hour_add"),
    path("rota/hours/<int:pk>/delete/", views.hour_delete, name="hour_delete"),
]
