"""Settings of the web server that the outage tests start (``test_outages.py``): the production
settings as they are, except that static files are served from the apps (as in every test, so
no ``collectstatic`` is needed) and passwords use the tests' quick hasher."""

from buurtplein.config.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
