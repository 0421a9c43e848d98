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

    def changed(self, neighbourhood_id: int) -> None:
        """Make what was cached under the current token stale: now, and again after the
        commit (so a request that read the old rows in between cannot keep them)."""
        key = self.key(neighbourhood_id)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
