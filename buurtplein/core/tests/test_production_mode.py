"""The settings use the servers their mode promises.

Production mode (``DATABASE_URL`` and ``REDIS_URL`` set, as in CI): PostgreSQL, and Redis for
the cache and the channel layer. Embedded mode (the default): SQLite in WAL mode, a local-memory
cache and the in-memory channel layer. ``./run-tests`` runs these in both modes in CI, so each
test checks whichever mode the settings are in.
"""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.layers import channel_layers, get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

pytestmark = pytest.mark.embedded


@pytest.mark.django_db
def test_the_database_is_the_one_of_the_mode(tmp_path):
    if settings.PRODUCTION:
        assert connection.vendor == "postgresql"
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('server_version_num')::int")
            assert cursor.fetchone()[0] >= 150000
    else:
        assert connection.vendor == "sqlite"
        # Tests run on an in-memory copy; open a file database with the configured options,
        # as the web server and the task worker do.
        on_disk = SQLiteDatabaseWrapper(
            {**connection.settings_dict, "NAME": str(tmp_path / "buurtplein.sqlite3")},
            alias="on-disk",
        )
        try:
            with on_disk.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            on_disk.close()


def test_the_cache_is_the_one_of_the_mode():
    key = f"mode-check-{uuid.uuid4().hex}"
    cache.set(key, 42, timeout=30)
    assert cache.get(key) == 42
    if settings.PRODUCTION:
        import redis

        # The value is really in Redis, where every web and worker process sees it.
        client = redis.Redis.from_url(settings.REDIS_URL)
        try:
            assert client.get(cache.make_and_validate_key(key)) == b"42"
        finally:
            client.close()
    else:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_the_channel_layer_is_the_one_of_the_mode():
    sender = get_channel_layer()
    # A second layer object stands for another server process.
    other_process = channel_layers.make_backend("default")
    channel = f"mode-check-{uuid.uuid4().hex}"
    message = {"type": "chat.message", "text": "Hoi buren"}

    async def send_and_receive(receiver):
        await sender.send(channel, message)
        return await receiver.receive(channel)

    if settings.PRODUCTION:
        assert type(sender).__module__.startswith("channels_redis")
        try:
            assert async_to_sync(send_and_receive)(other_process) == message
        finally:
            async_to_sync(sender.close_pools)()
            async_to_sync(other_process.close_pools)()
    else:
        assert type(sender).__name__ == "InMemoryChannelLayer"
        assert async_to_sync(send_and_receive)(sender) == message
