"""WSGI entry point: every HTTP request in production, served by gunicorn (docs/operations.md).

gunicorn's workers handle a request at a time per thread and keep their threads, so each keeps
its PostgreSQL connection between requests (``DATABASE_CONN_MAX_AGE``, checked before reuse).
The websockets (``/ws/``) go to the ASGI server (``asgi.py``).

What loading made (modules, settings, the apps) lives as long as the worker, so it is moved out
of the garbage collector's reach (``gc.freeze``): a full collection, which lands inside some
request every so often, then does not scan it. In a process that had served the search at S a
full collection took 150–170 ms, and 25 ms with this (``bench/RESULTS.md``).
"""

import gc
import os

os.environ["BUURTPLEIN_SERVER"] = "wsgi"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
gc.freeze()
