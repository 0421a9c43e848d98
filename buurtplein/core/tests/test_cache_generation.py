"""Cache generations (``core.cache.Generation``): a value kept under a generation is made once,
read in one round trip to the cache, and made again as soon as its data changed."""

import pytest
from django.core.cache import cache

from buurtplein.core.cache import Generation

pytestmark = pytest.mark.django_db  # changed() also forgets the token after the commit

INBOX = Generation("test:inbox")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


class Counter:
    def __init__(self):
        self.made = 0

    def __call__(self):
        self.made += 1
        return f"value {self.made}"


def test_a_kept_value_is_made_once_until_its_data_changes():
    make = Counter()
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 1"
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 1"
    assert make.made == 1
    INBOX.changed(1)
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 2"
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 2"
    assert make.made == 2


def test_a_change_in_one_neighbourhood_leaves_the_others_kept():
    here, there = Counter(), Counter()
    INBOX.cached(1, "test:inbox:1:anna", here, 60)
    INBOX.cached(2, "test:inbox:2:anna", there, 60)
    INBOX.changed(1)
    INBOX.cached(1, "test:inbox:1:anna", here, 60)
    INBOX.cached(2, "test:inbox:2:anna", there, 60)
    assert (here.made, there.made) == (2, 1)


def test_a_lost_token_makes_the_value_again():
    """A cache that lost the token (restarted, evicted) gives a new one: nothing kept under
    the old one is used."""
    make = Counter()
    INBOX.cached(1, "test:inbox:1:anna", make, 60)
    cache.delete(INBOX.key(1))
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 2"


def test_a_warm_read_is_one_round_trip(monkeypatch):
    """One call to the cache (a backend may answer ``get_many`` with its own ``get``s inside:
    the in-memory one does; Redis sends one ``MGET``)."""
    make = Counter()
    INBOX.cached(1, "test:inbox:1:anna", make, 60)
    calls, depth = [], [0]

    def spy(name, real):
        def call(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return real(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in ("get", "get_many", "add", "set"):
        monkeypatch.setattr(cache, name, spy(name, getattr(cache, name)))
    assert INBOX.cached(1, "test:inbox:1:anna", make, 60) == "value 1"
    assert calls == ["get_many"]
