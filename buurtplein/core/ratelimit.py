"""The one way to rate-limit a write: limits a neighbour never notices but a spammer does.

An action calls :func:`check` before it writes::

    ratelimit.check("post", user=author)

``check`` reads the rates of the kind from ``settings.BUURTPLEIN_RATE_LIMITS`` (the only
place they are set) and raises :class:`RateLimited`, a ``ValidationError``, when one is used
up. The view shows it on the form like any other refusal (``core.forms.apply_errors``), with
everything typed; :class:`RateLimitMiddleware` turns the answer of that request into
``429 Too Many Requests`` with ``Retry-After``. allauth's log-in lock-out is answered the same
way (``accounts.adapter``).

Rates use allauth's notation (``ACCOUNT_RATE_LIMITS``): ``"10/h/user,30/h/ip"`` is at most 10
per hour per account and 30 per hour per IP address (any other last part counts per what
``check`` is given under that name: ``"20/h/link"``); units ``s``, ``m``, ``h``, ``d`` with an
optional number (``"60/10m/user"``). A period starts at the first hit and the count is
atomic in the cache (``add`` + ``incr``), so a burst of parallel requests cannot slip through.

* Limits count what people do through the site: outside a request (the demo's seeding,
  commands, tasks) :func:`check` counts nothing. A websocket consumer counts what a person
  sends over the socket by handling each message inside :func:`counting` (online help's chat:
  ``onlinehulp.consumers``), with its own key (``check("onlinehulp_message", side=…)``), never
  an IP address in the database.
* **They fail open.** When the cache (Redis) cannot be reached, :func:`hit` allows the write:
  a neighbour is never refused because a server part is down; the log says so.
"""

from __future__ import annotations

import logging
import math
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str = "user"

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"10/h/user"``, ``"60/10m/user"`` or ``"30/h/ip"`` (allauth's notation)."""
        amount, period, *per = text.strip().split("/")
        number, unit = period[:-1], period[-1]
        return cls(int(amount), int(float(number or 1) * UNITS[unit]), per[0] if per else "ip")


def rates(kind: str) -> list[Rate]:
    """The rates configured for ``kind`` (none: not limited)."""
    text = settings.BUURTPLEIN_RATE_LIMITS.get(kind, "")
    return [Rate.parse(part) for part in text.split(",") if part.strip()]


def _key(key: str, rate: Rate) -> str:
    return f"rl:{key}:{rate.amount}/{rate.seconds}"


def _start_period(cache_key: str, rate: Rate) -> bool:
    """Start counting on ``cache_key`` with this hit, noting when (for ``retry_after``); False
    when a period is already running."""
    if not cache.add(cache_key, 1, timeout=rate.seconds):
        return False
    cache.set(f"{cache_key}:since", time.time(), timeout=rate.seconds)
    return True


def hit(key: str, rate: Rate | str) -> bool:
    """Count one hit on ``key``; True while ``rate`` allows it. A cache failure allows it."""
    rate = Rate.parse(rate) if isinstance(rate, str) else rate
    cache_key = _key(key, rate)
    try:
        if _start_period(cache_key, rate):
            return True
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new period
            _start_period(cache_key, rate)
            return True
        if count <= rate.amount:
            return True
        # Over the limit, unless the period has ended by this process's clock, the one
        # ``retry_after`` tells the person: the cache's own expiry runs on its server's clock
        # (Redis), which may lag it (a frozen clock in the tests). Asked only on a refusal.
        since = cache.get(f"{cache_key}:since")
        if since is None or time.time() < since + rate.seconds:
            return False
        cache.delete_many([cache_key, f"{cache_key}:since"])
        _start_period(cache_key, rate)
        return True
    except Exception:  # the cache is down: limits fail open (docs/operations.md)
        logger.warning("Rate limit %s not counted: the cache is unavailable", key, exc_info=True)
        return True


def retry_after(key: str, rate: Rate) -> int:
    """Seconds until the period of ``key`` ends (at most the whole period)."""
    try:
        since = cache.get(f"{_key(key, rate)}:since")
    except Exception:  # the cache is down: the whole period
        since = None
    if since is None:
        return rate.seconds
    return max(1, min(rate.seconds, math.ceil(since + rate.seconds - time.time())))


class RateLimited(ValidationError):
    """A write refused by a rate limit; ``retry_after`` in seconds."""

    def __init__(self, retry_after: int):
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            ngettext(
                "You have done this very often in a short time. To keep the neighbourhood free "
                "of spam, please wait %(count)d minute and try again. What you typed is still "
                "here.",
                "You have done this very often in a short time. To keep the neighbourhood free "
                "of spam, please wait %(count)d minutes and try again. What you typed is still "
                "here.",
                minutes,
            )
            % {"count": minutes},
            code="rate_limited",
        )
        self.retry_after = retry_after

    def __reduce__(self):
        # Copied or pickled (a form's errors may be), it is made again from its one argument.
        return (type(self), (self.retry_after,))


# The refusals of the request being answered (set by RateLimitMiddleware; None outside one).
_refusals: ContextVar[list[int] | None] = ContextVar("buurtplein_rate_limit_refusals", default=None)


def refused(retry_after: int) -> None:
    """Note that this request was refused by a rate limit: it is answered with 429."""
    refusals = _refusals.get()
    if refusals is not None:
        refusals.append(retry_after)


def check(kind: str, *, user=None, ip: str = "", **keys) -> None:
    """Count one ``kind`` of write by ``user`` (and from ``ip``) against its rates; raise
    :class:`RateLimited` when one is used up. Outside a request nothing is counted.

    A kind may also be limited per something else a write is about: ``keys`` names it
    (``check("referral_link", ip=ip, link=link.pk)`` counts the rates written ``"…/link"``
    per link). Call it after the write was found valid and just before it is made, so that
    only what goes through is counted (a form with a mistake uses up nothing)."""
    if _refusals.get() is None:
        return
    whom = {"user": user.pk if user is not None else None, "ip": ip or None, **keys}
    for rate in rates(kind):
        who = whom.get(rate.per)
        if who is None:
            continue
        key = f"{kind}:{rate.per}:{who}"
        if not hit(key, rate):
            wait = retry_after(key, rate)
            refused(wait)
            raise RateLimited(wait)


def client_ip(request) -> str:
    """The visitor's address as allauth's log-in limits see it (its adapter, which honours
    ``ALLAUTH_TRUSTED_PROXY_COUNT`` behind a proxy)."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


@contextmanager
def counting():
    """Count limits inside this block as in a request; yields the refusals (retry-after
    seconds). :class:`RateLimitMiddleware` runs every request in one."""
    refusals: list[int] = []
    token = _refusals.set(refusals)
    try:
        yield refusals
    finally:
        _refusals.reset(token)


class RateLimitMiddleware:
    """Answer 429 (with ``Retry-After``) when a rate limit refused a write in this request.

    The view shows the refusal on its form as it shows any ``ValidationError`` (200 or 400,
    everything typed kept); only the status changes. A redirect stays a redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with counting() as refusals:
            response = self.get_response(request)
        if refusals and response.status_code in (200, 400):
            response.status_code = 429
            response["Retry-After"] = str(max(refusals))
        return response
