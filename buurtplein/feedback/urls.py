from django.urls import path

from buurtplein.feedback import views

app_name = "feedback"

urlpatterns = [
    path("answer/", views.answer, name="answer"),
    path("thanks/", views.thanks, name="thanks"),
    path("answers/", views.answers, name="answers"),
    path("complaints/", views.complaints, name="complaints"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint"),
    path("complaints/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("complaints/<int:pk>/deadline/", views.deadline, name="deadline"),
    path("complaints/<int:pk>/note/", views.note, name="note"),
    path("complaints/<int:pk>/close/", views.close, name="close"),
    path("complaint/<str:token>/", views.status, name="status"),
]
