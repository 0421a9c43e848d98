"""Cache generations: one token per neighbourhood and kind of data.

A cached block puts the token in its key (``{% cache 300 block neighbourhood.pk version %}``);
when the data changes, the component calls ``changed`` and every block built on the old token is
stale at once, without knowing its keys. Reading the token costs one cache get and no query.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    """The token of one kind of data (``"agenda:home"``) per neighbourhood."""

    def __init__(self, name: str):
        self.name = name

    def key(self, neighbourhood_id: int) -> str:
        return f"{self.name}:{neighbourhood_id}"

    def token(self, neighbourhood_id: int) -> str:
        """The current token (a new one when there is none; two processes agree on it)."""
        key = self.key(neighbourhood_id)
        token = cache.get(key)
        if token is None:
            cache.add(key, uuid.uuid4().hex, None)
            token = cache.get(key) or ""
        return token

    def cached(self, neighbourhood_id: int, key: str, compute, timeout: int):
        """``compute()``'s value, kept in the cache under ``key`` for ``timeout`` seconds and
        only as long as this generation's token stays the same: the token and the kept value
        (stored with the token it was made under) are read in **one** round trip to the cache,
        where a key with the token in it needs two, one after the other (``bench/RESULTS.md``,
        eleventh round: the navigation's two such values on every member's page). ``key``:
        unique per value, without the token. ``compute()`` must not return None."""
        token_key = self.key(neighbourhood_id)
        held = cache.get_many([token_key, key])
        token = held.get(token_key)
        if token is None:
            token = self.token(neighbourhood_id)
        kept = held.get(key)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == token:
            return kept[1]
        value = compute()
        cache.set(key, (token, value), timeout)
        return value

    def changed(self, neighbourhood_id: int) -> None:
        """Make what was cached under the current token stale: now, and again after the
        commit (so a request that read the old rows in between cannot keep them)."""
        key = self.key(neighbourhood_id)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
