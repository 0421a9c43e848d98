"""The Redis cache fails open (core/redis_cache.py): with Redis away a call is a miss, a write
is dropped, and allauth's rate limits count nothing; when Redis is back it is used again."""

import logging
import time

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.test import Client, override_settings

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core import redis_cache
from buurtplein.core.tests.outage import Gate, ThrowawayRedis

pytestmark = pytest.mark.servers


@pytest.fixture
def server():
    with ThrowawayRedis() as server:
        yield server


@pytest.fixture
def quick_retry(monkeypatch):
    """Try Redis again 0.2 s after a failure (2 s in production), to keep the test short."""
    monkeypatch.setattr(redis_cache, "RETRY_AFTER", 0.2)


def cache_on(server):
    """A cache of the production kind on ``server`` (a fresh breaker: its own location)."""
    return redis_cache.FailOpenRedisCache(server.url, {"KEY_PREFIX": "t"})


def test_with_redis_away_every_call_answers_at_once_as_an_empty_cache(server, quick_retry):
    cache = cache_on(server)
    cache.set("kept", "ja")
    assert cache.get("kept") == "ja"
    server.stop()

    started = time.monotonic()
    assert cache.get("kept") is None
    assert cache.get("kept", "standaard") == "standaard"
    assert cache.get_many(["kept"]) == {}
    assert cache.get_or_set("built", lambda: "uit de database") == "uit de database"
    assert cache.set("new", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # what was not stored
    assert cache.add("lock", True) is True  # as if taken: a lock never blocks
    assert cache.incr("count") == 1 and cache.incr("count", 5) == 5  # never adds up
    assert cache.decr("count") == -1
    assert cache.has_key("kept") is False
    assert cache.delete("kept") is False
    assert cache.touch("kept") is False
    cache.delete_many(["a", "b"])
    cache.clear()
    assert time.monotonic() - started < 1.0

    server.start()
    time.sleep(0.25)
    cache.set("again", "ja")
    assert cache.get("again") == "ja"


def test_after_a_failure_redis_is_left_alone_for_a_moment_then_tried_again(server, quick_retry):
    cache = cache_on(server)
    server.stop()
    assert cache.get("x") is None  # fails: the breaker opens
    server.start()
    cache.set("x", "ja")  # within the pause: not tried, so not stored
    assert cache._breaker.failures == 1
    time.sleep(0.25)
    assert cache.get("x") is None  # tried again: Redis answers (the key was never stored)
    cache.set("x", "ja")
    assert cache.get("x") == "ja"
    assert cache._breaker.down_since is None


def test_an_outage_is_logged_once_not_per_call(server, quick_retry, caplog):
    cache = cache_on(server)
    server.stop()
    with caplog.at_level(logging.WARNING, logger="buurtplein.cache"):
        for _ in range(5):
            cache.get("x")
            time.sleep(0.25)  # each call tries Redis again, and fails again
        server.start()
        time.sleep(0.25)
        cache.get("x")
    lines = [record.getMessage() for record in caplog.records]
    assert cache._breaker.down_since is None
    assert len(lines) == 2, lines
    assert "unreachable" in lines[0] and "going on without the cache" in lines[0]
    assert "is back after" in lines[1]


def test_errors_that_are_not_redis_going_away_still_raise(server):
    cache = cache_on(server)
    with pytest.raises(ValueError):  # incr of a key that does not exist, as Django's backend
        cache.incr("missing")


@pytest.mark.django_db
def test_with_redis_away_rate_limits_count_nothing_and_log_ins_go_on(server, quick_retry):
    """allauth's failed-log-in limit (5 per 5 minutes per account) fails open: documented in
    docs/operations.md. With Redis there, the sixth attempt is refused."""
    user = UserFactory(email="noor@example.nl")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    location = server.url
    production_cache = {
        "default": {
            "BACKEND": "buurtplein.core.redis_cache.FailOpenRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "rate",
        },
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }

    def attempts(n):
        """For each failed attempt: was it refused (rather than "wrong password")?"""
        client = Client()
        answers = [
            client.post("/accounts/login/", {"login": user.email, "password": "fout"})
            for _ in range(n)
        ]
        return ["Te veel inlogpogingen" in answer.content.decode() for answer in answers]

    with override_settings(CACHES=production_cache):
        try:
            caches["default"].clear()
            counted = attempts(6)
            assert counted == [False] * 5 + [True]  # Redis counts: the sixth is refused
            caches["default"].clear()
            server.stop()
            started = time.monotonic()
            assert attempts(8) == [False] * 8  # "wrong password" every time, never refused
            right = Client().post(
                "/accounts/login/", {"login": user.email, "password": "wachtwoord-123"}
            )
            assert right.status_code == 302
            assert time.monotonic() - started < 5  # no waiting for a lock that is never free
        finally:
            server.start()
            caches["default"].clear()


def test_a_delete_missed_while_redis_was_unreachable_is_done_when_it_answers_again(
    server, quick_retry
):
    """Unreachable but not restarted (a network cut): Redis still holds the old copy that a
    change during the cut should have made stale."""
    with Gate("127.0.0.1", server.port) as gate:
        cache = redis_cache.FailOpenRedisCache(f"redis://127.0.0.1:{gate.port}/0", {})
        cache.set("agenda:home:1", "oud")
        cache.set("other", "blijft")
        gate.cut()
        cache.delete("agenda:home:1")  # the data changed: its cached copies are stale
        cache.delete_many(["clubs:home:1"])
        assert cache.get("agenda:home:1") is None  # a miss while away
        gate.restore()
        time.sleep(0.25)
        assert cache.get("other") == "blijft"  # Redis answers: the missed deletes are done
        assert cache.get("agenda:home:1") is None
        assert cache._breaker.pending_deletes == set()
