"""Websocket routes. Real-time is used only where it earns its keep (chat, live counts)."""

from django.urls import path

from buurtplein.messaging.consumers import MessagingConsumer
from buurtplein.onlinehulp.console_consumers import WorkerConsumer

websocket_urlpatterns: list = [
    path("ws/messages/<int:neighbourhood_id>/", MessagingConsumer.as_asgi()),
    path("ws/online-help/<int:neighbourhood_id>/console/", WorkerConsumer.as_asgi()),
]

from buurtplein.onlinehulp.consumers import AskerConsumer  # noqa: E402

websocket_urlpatterns.append(
    path("ws/online-help/<int:neighbourhood_id>/chat/", AskerConsumer.as_asgi())
)
