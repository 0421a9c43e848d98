"""Error pages in the house style, Dutch unless the person chose English (``handler400`` …
``handler500`` in both root urlconfs, ``CSRF_FAILURE_VIEW``, and the 405 page of
``core.middleware.MethodNotAllowedMiddleware``).

* 400, 403, 404 and 405 are normal pages: the site's header and footer, a way back to where the
  person was and to the home of the neighbourhood (or the platform front page).
* 500 renders without the database and without context processors (``errors/standalone.html``):
  whatever broke the page may break those too.
* **The database is away** (``OperationalError`` / ``InterfaceError`` anywhere in the request:
  the view, a middleware loading the session or the user, a template) answers **503** with
  ``Retry-After``, on the same standalone page: "try again in a moment", and for a form that
  was sent, that nothing was saved and the browser's Back button brings back what was typed.
  Django turns every exception of every middleware layer into a response through the 500
  handler, so the 500 handler is the one place that sees them all. The page's language comes
  from the language cookie (the account's language would need the database).
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.log import log_response
from django.utils.translation import gettext as _

logger = logging.getLogger("buurtplein.errors")

RETRY_AFTER_SECONDS = 10
NEIGHBOURHOOD_PATH_RE = re.compile(r"^/b/(?P<slug>[-a-zA-Z0-9_]+)/")


# --- The database is away (503) ---------------------------------------------------------------


def is_database_outage(error: BaseException | None) -> bool:
    """True when ``error`` (or what caused it) is the database being unreachable."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


class _OutageLog:
    """One warning when pages start failing on the database, then one a minute at most."""

    EVERY = 60.0

    def __init__(self):
        self.lock = threading.Lock()
        self.logged_at = 0.0
        self.count = 0

    def record(self, request, error: BaseException) -> None:
        now = time.monotonic()
        with self.lock:
            self.count += 1
            if now - self.logged_at < self.EVERY:
                return
            count, self.count, self.logged_at = self.count, 0, now
        logger.warning(
            "Database unreachable: answering 503 (%d request(s) since the last line; "
            "now %s %s: %s)",
            count,
            request.method,
            request.path,
            error,
        )


_outage_log = _OutageLog()


def page_language(request) -> str:
    """The language of a page drawn without the database: the cookie, else Dutch."""
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _home_without_database(request) -> str:
    """The neighbourhood's home from the path alone, else the site's root."""
    match = NEIGHBOURHOOD_PATH_RE.match(request.path_info)
    return match.group(0) if match else "/"


def _stylesheet() -> str:
    """site.css's address; never an error of its own (a missing manifest entry)."""
    try:
        return static("buurtplein/site.css")
    except ValueError:
        return f"{settings.STATIC_URL}buurtplein/site.css"


Text = Callable[[], str]  # translated when the page's language is active


def _standalone(
    request,
    *,
    status: int,
    heading: Text,
    texts: list[Text],
    links: list[tuple[str, Text]],
    refresh: bool = False,
) -> HttpResponse:
    language = page_language(request)
    with translation.override(language):
        html = get_template("errors/standalone.html").render(
            {
                "language": language,
                "site_name": settings.BUURTPLEIN_SITE_NAME,
                "heading": heading(),
                "texts": [text() for text in texts],
                "links": [(url, label()) for url, label in links],
                "refresh": refresh,
                "stylesheet": _stylesheet(),
            }
        )
    response = HttpResponse(html, status=status)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    return response


def database_outage_response(request, error: BaseException | None = None) -> HttpResponse:
    """503 "we are back in a moment", without touching the database."""
    sent_form = request.method not in ("GET", "HEAD")
    texts = [lambda: _("This page cannot be shown right now. We are working on it.")]
    if sent_form:
        texts.append(
            lambda: _(
                "What you sent has not been saved. Go back with your browser's Back button: "
                "what you typed is usually still there. Send it again in a minute."
            )
        )
    else:
        texts.append(lambda: _("Try again in a minute; this page tries again by itself."))
    links = [(request.get_full_path(), lambda: _("Try again"))] if not sent_form else []
    links.append((_home_without_database(request), lambda: _("To the home page")))
    response = _standalone(
        request,
        status=503,
        heading=lambda: _("Back in a moment"),
        texts=texts,
        links=links,
        refresh=not sent_form,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if error is not None:
        _outage_log.record(request, error)
        # Logged above, once a minute, instead of a traceback per request (Django skips a
        # response that says it has been logged).
        response._has_been_logged = True
    return response


def server_error(request):
    """``handler500``: called inside the ``except`` of whatever failed."""
    error = sys.exception()
    if is_database_outage(error):
        return database_outage_response(request, error)
    return _standalone(
        request,
        status=500,
        heading=lambda: _("Something went wrong"),
        texts=[
            lambda: _("Sorry, this page did not work. The error has been logged."),
            lambda: _("Go back and try again, or start at the home page."),
        ],
        links=[(_home_without_database(request), lambda: _("To the home page"))],
    )


# --- 400, 403, 404, 405: normal pages ---------------------------------------------------------


def _same_site_referer(request) -> str | None:
    """The page the person came from, when it is on this site and not this page."""
    referer = request.headers.get("Referer", "")
    try:
        host = request.get_host()
    except DisallowedHost:  # the 400 of a request for a host we do not serve
        return None
    if (
        referer
        and url_has_allowed_host_and_scheme(
            referer, allowed_hosts={host}, require_https=request.is_secure()
        )
        and referer != request.build_absolute_uri()
    ):
        return referer
    return None


def home_url(request) -> str:
    """The neighbourhood's home, or the platform front page."""
    from buurtplein.core.urls import nb_reverse

    neighbourhood = getattr(request, "neighbourhood", None)
    if neighbourhood is not None:
        return nb_reverse("nb:home", neighbourhood, request=request)
    if getattr(request, "host_neighbourhood", None):
        return settings.BUURTPLEIN_PLATFORM_URL
    return reverse("home")


def _error_page(request, *, status: int, heading: str, text: str, back: str | None = None):
    back = back or _same_site_referer(request)
    response = render(
        request,
        "errors/page.html",
        {
            "status": status,
            "heading": heading,
            "text": text,
            "back_url": back,
            "home_url": home_url(request),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    return _error_page(
        request,
        status=400,
        heading=_("This did not work"),
        text=_("Your browser sent something we could not understand. Go back and try again."),
    )


def permission_denied(request, exception=None):
    membership = getattr(exception, "membership", None)
    if membership is not None and membership.suspended_until is not None:
        from django.utils import formats, timezone

        until = formats.date_format(timezone.localtime(membership.suspended_until), "j F Y H:i")
        heading = _("You are suspended here")
        text = _(
            "A buurtverbinder has suspended you in this neighbourhood until %(until)s. You can "
            "still read everything, but you cannot post, reply or react until then."
        ) % {"until": until}
        if membership.suspension_reason:
            text += " " + _("The reason: %(reason)s") % {"reason": membership.suspension_reason}
    else:
        heading = _("Not for you, sorry")
        text = _(
            "You cannot see or do this here. Perhaps you need to log in, or to be a member of "
            "this neighbourhood."
        )
    response = _error_page(request, status=403, heading=heading, text=text)
    # One warning line, as Django writes for a 404 ("Not Found: /path"): a refusal is an
    # answer, not an error, so no traceback (Django would log one with the exception).
    log_response(
        "Forbidden (Permission denied): %s", request.path, response=response, request=request
    )
    return response


def page_not_found(request, exception=None):
    return _error_page(
        request,
        status=404,
        heading=_("Page not found"),
        text=_(
            "This page does not exist (any more). Perhaps it was removed, or the link is wrong."
        ),
    )


def csrf_failure(request, reason=""):
    """``CSRF_FAILURE_VIEW``: mostly a form that was open too long, or cookies switched off."""
    return _error_page(
        request,
        status=403,
        heading=_("Please send that again"),
        text=_(
            "The page with the form was open for a long time, or your browser does not keep "
            "cookies. Go back, reload the page and send it again."
        ),
    )


def page_for(path: str, urlconf=None) -> str | None:
    """The nearest page above ``path`` (``/b/oost/posts/5/comment/`` → ``/b/oost/posts/5/``)."""
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) + "/"
        try:
            resolve(candidate, urlconf=urlconf)
        except Resolver404:
            continue
        return candidate
    return None


def method_not_allowed(request):
    """A page that only works through its button or form, opened as an address (a bookmark,
    the address bar, a language switch on the page a form sent): back to the page it
    belongs to."""
    urlconf = getattr(request, "urlconf", None)
    belongs_to = page_for(request.path_info, urlconf)
    if belongs_to is not None:
        belongs_to = request.META.get("SCRIPT_NAME", "").rstrip("/") + belongs_to
    return _error_page(
        request,
        status=405,
        heading=_("This address works only through a button"),
        text=_(
            "It is the address of a button or a form, not of a page. Go on from the page it "
            "belongs to."
        ),
        back=belongs_to,
    )
