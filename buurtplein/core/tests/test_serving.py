"""Which database connections each server process keeps (docs/operations.md, "Processes").

gunicorn (``wsgi.py``) and the task worker keep their PostgreSQL connection between requests
and check it before reuse; the ASGI server (``asgi.py``, only the websockets in production)
must not, or connections pile up in the threads of finished requests until PostgreSQL refuses
clients. Each case starts a fresh Python process the way that server does, with production
settings (a ``DATABASE_URL`` nothing connects to: only the settings are read), and reads the
settings the connection really uses.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = """
import gc, importlib, json, sys
frozen_at_start = gc.get_freeze_count()  # the interpreter's start may freeze a few hundred
how = sys.argv[1]
if how == "runserver":  # manage.py runserver (Daphne's): settings first, the ASGI app later
    import django
    django.setup()
    import buurtplein.config.asgi
elif how == "worker":  # manage.py db_worker and the rounds: no server module
    import django
    django.setup()
else:
    importlib.import_module(f"buurtplein.config.{how}")
from django.db import connections
used = connections["default"].settings_dict
db = {key: used[key] for key in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
print(json.dumps({"db": db, "gc_frozen": gc.get_freeze_count() > frozen_at_start + 10_000}))
"""


def start(how: str, **env: str) -> subprocess.Popen:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BUURTPLEIN_SERVER", "DATABASE_CONN_MAX_AGE", "REDIS_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="buurtplein.config.settings",
        DATABASE_URL="postgres://nobody:nothing@127.0.0.1:9/nowhere",
        DJANGO_SECRET_KEY="test-serving",
        **env,
    )
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, how],
        cwd=settings.BASE_DIR.parent,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def used():
    """The database settings in use per kind of process (started side by side: each takes
    about three seconds of CPU to load Django)."""
    processes = {
        # An environment file shared by both servers may say anything; the entry point decides.
        "gunicorn": start("wsgi", BUURTPLEIN_SERVER="asgi", DATABASE_CONN_MAX_AGE="300"),
        "task worker": start("worker"),
        "uvicorn": start("asgi", DATABASE_CONN_MAX_AGE="300"),
        "runserver": start("runserver"),
    }
    found = {}
    for name, process in processes.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, f"{name}: {err}"
        found[name] = json.loads(out.strip().splitlines()[-1])
    return found


def test_gunicorn_and_the_task_worker_keep_their_connection_and_check_it_before_reuse(used):
    assert used["task worker"]["db"] == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 60,  # the default
        "CONN_HEALTH_CHECKS": True,
    }
    assert used["gunicorn"]["db"] == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 300,  # DATABASE_CONN_MAX_AGE
        "CONN_HEALTH_CHECKS": True,
    }


def test_the_asgi_server_closes_its_connection_after_each_use_whatever_the_environment(used):
    assert used["uvicorn"]["db"]["CONN_MAX_AGE"] == 0
    # Settings read before the ASGI app was imported are corrected before any request.
    assert used["runserver"]["db"]["CONN_MAX_AGE"] == 0


def test_both_servers_keep_what_they_loaded_out_of_the_garbage_collectors_way(used):
    """``wsgi.py`` and ``asgi.py`` freeze what loading Django made (``gc.freeze``): a full
    garbage collection, which lands inside some request every so often, then no longer scans it
    (at S 150–170 ms before, 25 ms after: ``bench/RESULTS.md``); in the websockets' server it
    held every chat message on its way for 125–195 ms every few seconds."""
    assert used["gunicorn"]["gc_frozen"]
    assert used["uvicorn"]["gc_frozen"]
    assert not used["task worker"]["gc_frozen"]  # no server module: nothing froze its objects
