"""WSGI entry point: every HTTP request in production, served by gunicorn (docs/operations.md).

gunicorn's workers handle a request at a time per thread and keep their threads, so each keeps
its PostgreSQL connection between requests (``DATABASE_CONN_MAX_AGE``, checked before reuse).
The websockets (``/ws/``) go to the ASGI server (``asgi.py``).
"""

import os

os.environ["BUURTPLEIN_SERVER"] = "wsgi"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")

from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
