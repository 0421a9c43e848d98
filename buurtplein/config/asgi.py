"""ASGI entry point: websockets through Channels (chat, live counts), and HTTP through Django.

In production the proxy sends only ``/ws/`` here and every other request to gunicorn
(``wsgi.py``); the demo (Daphne) and the browser tests serve everything from this one app.
"""

import gc
import os

# Before Django reads the settings: under ASGI a request's sync code runs in a thread of its
# own, so a kept database connection would be stranded there (settings: CONN_MAX_AGE 0).
os.environ["BUURTPLEIN_SERVER"] = "asgi"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")

from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.conf import settings
from django.core.asgi import get_asgi_application

django_asgi_app = get_asgi_application()

# When the settings were read before this module (``manage.py runserver``, which is Daphne's,
# with DATABASE_URL set), they keep connections: drop that here, before any request opens one
# (each connection reads its settings dict when it connects).
for _database in settings.DATABASES.values():
    _database["CONN_MAX_AGE"] = 0

from buurtplein.config.routing import websocket_urlpatterns  # noqa: E402
from buurtplein.core.dbthreads import auth_middleware_stack  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            auth_middleware_stack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# What loading made (modules, settings, the apps, the websockets' consumers) lives as long as the
# process: out of the garbage collector's reach, as in wsgi.py. Without this a full collection,
# every few seconds under 500 websockets, held the event loop for 125-195 ms, and every chat
# message on its way waited (bench/onlinehulp.py; bench/RESULTS.md).
gc.freeze()
