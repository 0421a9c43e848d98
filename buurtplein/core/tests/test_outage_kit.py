"""The outage kit itself (``core/tests/outage.py``): a cut gate really refuses, a stopped
Redis really is gone, and both come back."""

import psycopg
import pytest
import redis

from buurtplein.core.tests.outage import ThrowawayRedis, database_gate, database_url_through

pytestmark = pytest.mark.servers


@pytest.mark.django_db
def test_a_cut_gate_breaks_open_connections_and_refuses_new_ones_until_restored():
    with database_gate() as gate:
        url = database_url_through(gate)
        with psycopg.connect(url, connect_timeout=3) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
            gate.cut()
            with pytest.raises(psycopg.OperationalError):
                conn.execute("SELECT 1")
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(url, connect_timeout=3)
        gate.restore()
        with psycopg.connect(url, connect_timeout=3) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)


def test_a_stopped_redis_refuses_and_comes_back_on_its_port():
    with ThrowawayRedis() as server:
        client = redis.Redis.from_url(server.url, socket_connect_timeout=1)
        client.set("k", "v")
        server.stop()
        with pytest.raises(redis.ConnectionError):
            client.get("k")
        server.start()
        assert client.ping()
        assert client.get("k") is None  # an empty Redis: what a restart without saving gives
