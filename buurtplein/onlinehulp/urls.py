from django.urls import path

from buurtplein.onlinehulp import console_views, views

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

urlpatterns += [
    path("console/", console_views.console, name="console"),
    path("console/queue/", console_views.console_queue, name="console_queue"),
    path("console/chat/<int:pk>/", console_views.console_panel, name="console_panel"),
    path("console/chat/<int:pk>/take/", console_views.console_take, name="console_take"),
    path("console/chat/<int:pk>/close/", console_views.console_close, name="console_close"),
    path("console/chat/<int:pk>/pass-on/", console_views.console_handover, name="console_handover"),
    path(
        "console/chat/<int:pk>/read-along/",
        console_views.console_read_along,
        name="console_read_along",
    ),
    path("console/kaart/", console_views.console_services, name="console_services"),
    path("console/snippets/", console_views.snippets, name="snippets"),
    path("console/snippets/<int:pk>/", console_views.snippet_edit, name="snippet_edit"),
    path("console/snippets/<int:pk>/delete/", console_views.snippet_delete, name="snippet_delete"),
]
