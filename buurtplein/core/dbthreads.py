"""The websockets' database threads: a small pool, each thread keeping its own connection.

The consumers (online help's asker and console sockets, messaging's socket) run their
database work here with :func:`database` instead of Channels' ``database_sync_to_async``,
which runs every consumer's work in **one** thread: with 500 sockets and 100 chats a message
then waited behind the others' (``bench/onlinehulp.py``, ``bench/RESULTS.md``). The pool has
``settings.BUURTPLEIN_CHAT_DB_THREADS`` threads (4 on PostgreSQL; 1 on SQLite, which writes
one at a time).

Each thread keeps its connection between calls: under ASGI the settings close a connection
after each use (``CONN_MAX_AGE`` 0, because request threads come and go), and a new
PostgreSQL connection per chat message made the server fall behind. The pool's threads live
as long as the process, so their connections (at most one per thread) are never stranded. A
broken one (PostgreSQL restarted) is replaced and the call made once more: the callers'
writes are safe to repeat (a chat message is stored once per client id).

What stays correct with several threads: a socket awaits its calls one after the other, so
its own calls run in order (only a waiting asker's place-in-line read, a task of its own, may
run beside the same socket's send; it reads the chat's state, the send writes a message);
writers of one chat on different sockets are ordered by the database
(``onlinehulp.actions.message_post`` numbers a message under ``SELECT … FOR UPDATE``);
django-scopes' scope is a context variable, so a function enters its scope itself (the
caller's context is copied into the thread); events are sent by the consumer on its loop
after the call (``onlinehulp.events.collected``).

Tests: :func:`close_database_threads` (the root ``conftest.py`` calls it after every test)
ends the threads and closes their connections, so that the test database can be flushed and
dropped.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
# The pool's threads' connection wrappers (one per thread and database alias).
_wrappers: set = set()


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=max(1, settings.BUURTPLEIN_CHAT_DB_THREADS),
                thread_name_prefix="buurtplein-db",
            )
        return _pool


def _keeping(function):
    """``function`` run in a pool thread: once more after a broken connection, and the
    thread's connections kept without an age limit."""

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (InterfaceError, OperationalError):
            connections["default"].close()
            return function(*args, **kwargs)
        finally:
            for wrapper in connections.all(initialized_only=True):
                # No age limit (``CONN_MAX_AGE`` is 0 under ASGI); Django still closes an
                # unusable one.
                wrapper.close_at = None
                _wrappers.add(wrapper)

    return call


def database(function):
    """``function`` (sync) as a coroutine function run in the pool (see above)."""
    call = _keeping(function)

    @functools.wraps(function)
    async def run(*args, **kwargs):
        return await sync_to_async(call, thread_sensitive=False, executor=_executor())(
            *args, **kwargs
        )

    return run


def close_database_threads() -> None:
    """End the pool's threads and close their connections; the next call starts a new pool.
    For tests: an open connection in another thread keeps the test database from being
    dropped."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)
    while _wrappers:
        wrapper = _wrappers.pop()
        # The thread that made it has ended: closing it from here is safe.
        wrapper.inc_thread_sharing()
        try:
            wrapper.close()
        finally:
            wrapper.dec_thread_sharing()


def _user_of(scope):
    from channels.auth import get_user

    return get_user.func(scope)  # Channels' look-up itself, without its one thread


_get_user = database(_user_of)


def auth_middleware_stack(inner):
    """Channels' ``AuthMiddlewareStack``, but the session's user (a query for every socket's
    handshake) is read in the pool, on a kept connection: in Channels' one database thread it
    opened and closed a PostgreSQL connection per handshake (50 consoles coming back after a
    dropped network, ``bench/onlinehulp.py``)."""
    from channels.auth import AuthMiddleware
    from channels.sessions import CookieMiddleware, SessionMiddleware

    class PooledAuthMiddleware(AuthMiddleware):
        async def resolve_scope(self, scope):
            scope["user"]._wrapped = await _get_user(scope)

    return CookieMiddleware(SessionMiddleware(PooledAuthMiddleware(inner)))
