"""A Redis cache that fails open: when Redis is away, the pages go on without it.

Redis holds only what can be rebuilt (``docs/operations.md``, "When a part fails"): cached
look-ups, rendered blocks, allauth's rate-limit counts. So when it cannot be reached, every call
behaves as on an empty cache that keeps nothing, and the caller falls through to the database:

* ``get`` / ``get_many`` → the default / ``{}`` (a miss);
* ``set`` / ``touch`` / ``clear`` → nothing happens; ``delete`` / ``delete_many`` → done later
  (below);
* ``add`` → ``True``, as if stored: allauth takes its rate-limit lock with ``add``, and a lock
  that can never be taken would refuse every log-in. Rate limits therefore **fail open** while
  Redis is down: nothing is counted, nobody is refused;
* ``incr`` → ``delta`` (the first hit of a new count; ``decr`` goes through ``incr``), so a
  counter in the cache never reaches its limit while Redis is down: fail open again;
* ``has_key`` → ``False``.

A ``delete`` that could not reach Redis is remembered (up to ``PENDING_DELETES`` keys per
process) and done when Redis answers again: deletes are how data that changed makes cached
copies stale (``core.cache.Generation.changed``), and a Redis that was only unreachable (not
restarted) still holds the old copies. Past the limit, an old copy lives until its timeout.

After a failure the backend does not try Redis again for ``RETRY_AFTER`` seconds (in this
process): a page with twenty cache calls costs one failed connection, not twenty. The first
failure is logged as a warning, then at most one "still unreachable" line a minute, and one
line when Redis answers again.

Django's own ``RedisCache`` has no "ignore exceptions" switch (django-redis has
``IGNORE_EXCEPTIONS``, but it is a different backend and client for a few lines of behaviour);
this subclass keeps Django's backend and wraps its calls.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("buurtplein.cache")

RETRY_AFTER = 2.0  # seconds without trying Redis after a failure
LOG_EVERY = 60.0  # seconds between "still unreachable" warnings
PENDING_DELETES = 10_000  # deletes kept for when Redis is back, per location and process


class _Breaker:
    """The health of one Redis location, shared by every thread of the process (Django keeps a
    cache object per thread)."""

    def __init__(self, location: str):
        self.location = location
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.logged_at = 0.0
        self.failures = 0
        self.pending_deletes: set[str] = set()
        self.dropped_deletes = 0

    def closed(self) -> bool:
        """True when Redis may be tried (it is up, or it is time to try again)."""
        return self.down_since is None or time.monotonic() >= self.retry_at

    def failed(self, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.failures += 1
            self.retry_at = now + RETRY_AFTER
            if self.down_since is None:
                self.down_since = now
                self.logged_at = now
                logger.warning(
                    "Redis cache at %s unreachable (%s); going on without the cache",
                    self.location,
                    error,
                )
            elif now - self.logged_at >= LOG_EVERY:
                self.logged_at = now
                logger.warning(
                    "Redis cache at %s still unreachable after %.0f s (%d failed calls)",
                    self.location,
                    now - self.down_since,
                    self.failures,
                )

    def remember_deletes(self, keys) -> None:
        with self.lock:
            for key in keys:
                if len(self.pending_deletes) >= PENDING_DELETES:
                    self.dropped_deletes += 1
                else:
                    self.pending_deletes.add(key)

    def succeeded(self, client) -> None:
        """Redis answered: after an outage, say so and do the deletes it missed."""
        if self.down_since is None:
            return
        with self.lock:
            if self.down_since is None:
                return
            pending, self.pending_deletes = list(self.pending_deletes), set()
            dropped, self.dropped_deletes = self.dropped_deletes, 0
            logger.warning(
                "Redis cache at %s is back after %.1f s; %d missed delete(s) done now%s",
                self.location,
                time.monotonic() - self.down_since,
                len(pending),
                f", {dropped} more were not kept" if dropped else "",
            )
            self.down_since = None
            self.failures = 0
        if pending:
            try:
                client.delete_many(pending)
            except (RedisError, OSError) as error:  # down again: keep them for next time
                self.remember_deletes(pending)
                self.failed(error)


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(location: str) -> _Breaker:
    with _breakers_lock:
        return _breakers.setdefault(location, _Breaker(location))


def _fail_open(fallback):
    """Run the wrapped call against Redis; on a Redis error (or while the breaker is open)
    return ``fallback(self, *args, **kwargs)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            breaker = self._breaker
            if not breaker.closed():
                return fallback(self, *args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except self._redis_errors as error:
                breaker.failed(error)
                return fallback(self, *args, **kwargs)
            breaker.succeeded(self._cache)
            return result

        return wrapper

    return decorate


def _default(self, key, default=None, version=None):
    return default


def _nothing(self, *args, **kwargs):
    return None


def _false(self, *args, **kwargs):
    return False


def _true(self, *args, **kwargs):
    return True


def _empty(self, *args, **kwargs):
    return {}


def _all_keys(self, data, *args, **kwargs):
    return list(data)


def _delta(self, key, delta=1, version=None):
    return delta


def _delete_later(self, key, version=None):
    self._breaker.remember_deletes([self.make_and_validate_key(key, version=version)])
    return False


def _delete_many_later(self, keys, version=None):
    self._breaker.remember_deletes(
        [self.make_and_validate_key(key, version=version) for key in keys]
    )


class _OneClientPerPool(RedisCacheClient):
    """Django's client, but each connection pool's redis-py ``Redis`` object is made once and
    kept: Django makes a new one for every call (30–65 µs each, 8–9 calls on a member's page,
    ``bench/RESULTS.md``, seventh round). A ``Redis`` object holds no connection of its own
    (each command takes one from the pool and gives it back), so one serves every thread."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients.setdefault(
                index, self._client(connection_pool=self._get_connection_pool(write))
            )
        return client


class FailOpenRedisCache(RedisCache):
    """Django's ``RedisCache`` with short timeouts, one quick retry, and a miss instead of an
    error when Redis is away (see the module's docstring)."""

    def __init__(self, server, params):
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        options = params["OPTIONS"]
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        # One immediate retry: enough for a pooled connection that a restarted Redis broke;
        # redis-py's default (three retries with backoff) makes a dead Redis cost ~0.3 s a call.
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._redis_errors = (RedisError, OSError)
        self._breaker = _breaker_for(str(server))

    @_fail_open(_true)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_fail_open(_default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_fail_open(_nothing)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_fail_open(_false)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_fail_open(_delete_later)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_fail_open(_empty)
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_fail_open(_false)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_fail_open(_delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_fail_open(_all_keys)
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_fail_open(_delete_many_later)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_fail_open(_nothing)
    def clear(self):
        return super().clear()
