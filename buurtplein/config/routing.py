"""Websocket routes. Real-time is used only where it earns its keep (chat, live counts)."""

websocket_urlpatterns: list = []
