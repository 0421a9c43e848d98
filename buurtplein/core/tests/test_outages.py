"""A real web server (gunicorn, the production settings) while PostgreSQL or Redis goes away.

The server reaches PostgreSQL through a gate the test cuts (``outage.py``) and uses a Redis of
its own that the test stops; the test drives it over HTTP as a browser does. What a person must
see (docs/operations.md, "When a part fails"):

* PostgreSQL away: every page answers 503 "Zo weer terug" with ``Retry-After``; a form sent
  then is not saved and says so; when PostgreSQL is back the pages work again without a restart
  (the worker's kept connection is dropped and a new one opened), and what was saved before the
  cut is there.
* Redis away: the pages, logging in and writing (a comment, a private message) go on; the cache
  is used again once Redis is back.

Each test prints how long the pages stayed down after the part came back (``pytest -s``).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
import redis
from allauth.account.models import EmailAddress
from django.conf import settings
from django_scopes import scopes_disabled

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.outage import (
    ThrowawayRedis,
    database_gate,
    database_url_through,
    free_port,
    wait_for_port,
)
from buurtplein.messaging.models import Message
from buurtplein.square.models import Comment
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.servers

PASSWORD = "wachtwoord-123"


@pytest.fixture
def world(transactional_db):
    """Committed rows, so that the server process sees them."""
    nb = NeighbourhoodFactory(name="Oost", slug="oost", pc4="6522")
    noor = member(nb, email="noor@example.nl")
    sem = member(nb, email="sem@example.nl")
    for person in (noor, sem):
        EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    post = PostFactory(neighbourhood=nb, author=sem, title="Grofvuil")
    return SimpleNamespace(nb=nb, noor=noor, sem=sem, post=post)


@contextlib.contextmanager
def web_server(*, database_url: str, redis_url: str, tmp_path):
    """gunicorn with one sync worker (it keeps its PostgreSQL connection: CONN_MAX_AGE 60)."""
    port = free_port()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BUURTPLEIN_", "DJANGO_", "DATABASE_", "REDIS_"))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="buurtplein.core.tests.server_settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        DJANGO_SECRET_KEY="outage-tests",
        ALLOWED_HOSTS="127.0.0.1",
        BUURTPLEIN_INSECURE_HTTP="1",
        BUURTPLEIN_REQUIRE_MFA_FOR_STAFF="0",
        BUURTPLEIN_EMBEDDINGS="off",
        BUURTPLEIN_VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "buurtplein.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=settings.BASE_DIR.parent,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, timeout=30)
        # The port is open before the worker has loaded Django: wait for a first answer.
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/buurtplein/site.css", timeout=60
        ):
            pass
        yield SimpleNamespace(url=f"http://127.0.0.1:{port}", log=tmp_path / "server.log")
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@dataclass
class Answer:
    status: int
    headers: dict
    text: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Cookies, the CSRF token, no following of redirects."""

    def __init__(self, site):
        self.site = site
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def _open(self, request) -> Answer:
        try:
            with self.opener.open(request, timeout=10) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.site.url + path))  # noqa: S310 - http

    def post(self, path: str, data: dict) -> Answer:
        token = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data}).encode()
        request = urllib.request.Request(self.site.url + path, data=body, method="POST")  # noqa: S310
        return self._open(request)

    def log_in(self, email: str) -> None:
        assert self.get("/accounts/login/").status == 200
        answer = self.post("/accounts/login/", {"login": email, "password": PASSWORD})
        assert answer.status == 302, answer.text[:500]


def until_ok(browser: Browser, path: str, *, timeout: float = 15.0) -> float:
    """Seconds until ``path`` answers 200 again."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if browser.get(path).status == 200:
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{path} still not 200 after {timeout} s")


def test_postgresql_away_answers_503_and_the_pages_come_back_by_themselves(world, tmp_path):
    comment_url = f"/b/oost/posts/{world.post.pk}/comment/"
    with (
        database_gate() as gate,
        ThrowawayRedis() as cache_server,
        web_server(
            database_url=database_url_through(gate), redis_url=cache_server.url, tmp_path=tmp_path
        ) as site,
    ):
        noor = Browser(site)
        noor.log_in("noor@example.nl")
        assert noor.get("/b/oost/").status == 200
        acknowledged = noor.post(comment_url, {"text": "Voor de storing"})
        assert acknowledged.status == 302

        gate.cut()
        cut_at = time.monotonic()
        for browser, path in ((noor, "/b/oost/"), (Browser(site), "/"), (noor, "/me/")):
            answer = browser.get(path)
            assert answer.status == 503, (path, answer.text[:300])
            assert answer.headers["Retry-After"] == "10"
            assert "Zo weer terug" in answer.text
        during = noor.post(comment_url, {"text": "Tijdens de storing"})
        assert during.status == 503
        assert "Wat je stuurde is niet bewaard" in during.text
        time.sleep(max(0.0, 2.0 - (time.monotonic() - cut_at)))  # PostgreSQL away for 2 s

        gate.restore()
        down_after_restore = until_ok(noor, "/b/oost/")
        print(f"\nPostgreSQL back: pages answered 200 again after {down_after_restore:.2f} s")
        assert down_after_restore < 2.0
        page = noor.get(f"/b/oost/posts/{world.post.pk}/")
        assert page.status == 200
        assert "Voor de storing" in page.text
        assert noor.get("/").status == 200
        assert noor.get("/me/").status == 200  # still logged in

        log = site.log.read_text()
    # One line about the outage, not a traceback per request.
    assert log.count("Database unreachable: answering 503") == 1, log
    assert "Traceback" not in log
    with scopes_disabled():
        assert list(Comment.objects.values_list("text", flat=True)) == ["Voor de storing"]


def test_redis_away_the_pages_logging_in_and_writing_go_on(world, tmp_path):
    with (
        database_gate() as gate,
        ThrowawayRedis() as cache_server,
        web_server(
            database_url=database_url_through(gate), redis_url=cache_server.url, tmp_path=tmp_path
        ) as site,
    ):
        visitor = Browser(site)
        assert visitor.get("/b/oost/").status == 200
        redis_client = redis.Redis.from_url(cache_server.url, socket_connect_timeout=1)
        assert redis_client.keys("*nb:slug:oost"), "the page did not use the cache"
        sem = Browser(site)
        sem.log_in("sem@example.nl")

        cache_server.stop()
        started = time.monotonic()
        for path in ("/", "/b/oost/", "/accounts/login/", f"/b/oost/posts/{world.post.pk}/"):
            answer = visitor.get(path)
            assert answer.status == 200, (path, answer.text[:300])
        assert sem.get("/me/").status == 200  # still logged in: sessions are in PostgreSQL
        noor = Browser(site)
        noor.log_in("noor@example.nl")  # allauth's rate limits fail open
        comment = noor.post(f"/b/oost/posts/{world.post.pk}/comment/", {"text": "Zonder Redis"})
        assert comment.status == 302
        # A private message: saved, and its live event (over Redis) is given up quickly.
        message = noor.post(f"/b/oost/messages/to/{world.sem.pk}/", {"text": "Hoi Sem"})
        assert message.status == 302, message.text[:300]
        elapsed = time.monotonic() - started
        print(f"\nRedis away: 5 pages, a log-in, a comment and a message in {elapsed:.2f} s")
        assert elapsed < 5.0

        cache_server.start()
        restarted = time.monotonic()
        while not redis_client.keys("*nb:slug:oost"):
            assert visitor.get("/b/oost/").status == 200
            assert time.monotonic() - restarted < 10, "the cache was not used again"
            time.sleep(0.05)
        back_after = time.monotonic() - restarted
        print(f"Redis back: the cache was written again after {back_after:.2f} s")
        redis_client.close()
        log = site.log.read_text()
    assert re.search(r"Redis cache at \S+ unreachable", log), log
    assert "Redis cache at" in log and "is back after" in log, log
    with scopes_disabled():
        assert Comment.objects.filter(text="Zonder Redis").exists()
        assert Message.objects.filter(text="Hoi Sem").exists()
