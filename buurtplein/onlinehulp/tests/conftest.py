# The fixtures of the desk part's tests (help page, e-mail questions, queue, rota).
import pytest

from buurtplein.onlinehulp.tests.desk_world import (  # noqa: F401
    desk,
    elsewhere,
    nb,
    welfare,
    worker,
)


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    """The sockets' per-process caches of a desk's queue and median wait (``consumers``) are
    keyed by the desk's id, which a later test's desk can have again (SQLite reuses ids after
    a transactional test emptied the tables): each test starts without them."""
    from buurtplein.onlinehulp import consumers

    consumers._queues.clear()
    consumers._medians.clear()
    yield
    consumers._queues.clear()
    consumers._medians.clear()
