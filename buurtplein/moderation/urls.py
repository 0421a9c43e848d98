from django.urls import path

from buurtplein.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:content_type_id>/<int:object_id>/", views.entry, name="entry"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("decisions/<int:pk>/object/", views.appeal, name="appeal"),
    path("decisions/<int:pk>/decide/", views.appeal_decide, name="appeal_decide"),
    path("house-rules/", views.rules, name="rules"),
    path("house-rules/edit/", views.rules_edit, name="rules_edit"),
]
