from django.urls import path

from buurtplein.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/block/", views.block, name="block"),
    path("to/<int:user_id>/", views.write, name="write"),
    path("blocked/", views.blocked, name="blocked"),
    path("blocked/<int:user_pk>/unblock/", views.unblock, name="unblock"),
    path("message/<int:pk>/report/", views.message_report, name="report"),
]
