"""Find the neighbourhood of a request and enter its scope (after pretix and Decidim).

* On a neighbourhood's own domain, ``request.urlconf`` becomes the host urlconf and every page
  belongs to that neighbourhood. A secondary domain redirects to the primary one.
* On the platform host, ``/b/<slug>/…`` selects the neighbourhood; the ``nb`` URL argument is
  taken away before the view is called.
* Everything after this middleware runs inside ``django_scopes.scope(neighbourhood=…)``: a
  neighbourhood-owned model can only be queried for this neighbourhood, and a query with no
  neighbourhood in scope raises ``ScopeError`` instead of leaking rows. The admin site opts out.
"""

import re

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponsePermanentRedirect
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership, Neighbourhood, NeighbourhoodDomain

PATH_RE = re.compile(r"^/b/(?P<slug>[-a-zA-Z0-9_]+)/")
CACHE_SECONDS = 300


def _cache_key(kind: str, value: str) -> str:
    return f"nb:{kind}:{value}"


def neighbourhood_by_slug(slug: str, cached) -> Neighbourhood | None:
    """The active neighbourhood of ``slug``, or None. ``cached``: what the cache held for it
    (the middleware reads both look-ups in one round trip; None: nothing)."""
    key = _cache_key("slug", slug)
    found = cached
    if found is None:
        found = Neighbourhood.objects.filter(slug=slug, is_active=True).first() or False
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def neighbourhood_by_host(host: str, cached) -> tuple[Neighbourhood, str | None] | None:
    """``(neighbourhood, primary domain to redirect to or None)`` for an own domain.
    ``cached``: as for :func:`neighbourhood_by_slug`."""
    key = _cache_key("host", host)
    found = cached
    if found is None:
        domain = (
            NeighbourhoodDomain.objects.select_related("neighbourhood")
            .filter(domain=host, neighbourhood__is_active=True)
            .first()
        )
        if domain is None:
            found = False
        elif domain.is_primary:
            found = (domain.neighbourhood, None)
        else:
            primary = (
                NeighbourhoodDomain.objects.filter(
                    neighbourhood=domain.neighbourhood, is_primary=True
                )
                .values_list("domain", flat=True)
                .first()
            )
            found = (domain.neighbourhood, primary)
        cache.set(key, found, CACHE_SECONDS)
    return found or None


def forget_neighbourhood(neighbourhood: Neighbourhood) -> None:
    """Drop cached look-ups after a neighbourhood or its domains change."""
    keys = [_cache_key("slug", neighbourhood.slug)]
    keys += [_cache_key("host", d) for d in neighbourhood.domains.values_list("domain", flat=True)]
    cache.delete_many(keys)


class NeighbourhoodMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        request.neighbourhood = None
        request.host_neighbourhood = None
        if request.path_info.startswith(self.admin_prefix):
            with scopes_disabled():
                return self.get_response(request)

        match = PATH_RE.match(request.path_info)
        host = request.get_host().split(":")[0].lower()
        # Both look-ups in one round trip to the cache (a page under /b/<slug>/ on the
        # platform's host needs both).
        keys = [_cache_key("host", host)]
        if match:
            keys.append(_cache_key("slug", match.group("slug")))
        cached = cache.get_many(keys)
        found = neighbourhood_by_host(host, cached.get(keys[0]))
        if found is not None:
            neighbourhood, redirect_to = found
            if redirect_to:
                scheme = "https" if request.is_secure() else "http"
                return HttpResponsePermanentRedirect(
                    f"{scheme}://{redirect_to}{request.get_full_path()}"
                )
            if not match:
                # Own domain: every page belongs to this neighbourhood. A /b/<slug>/ path on it
                # still reaches that (other) neighbourhood through the platform urlconf.
                request.neighbourhood = request.host_neighbourhood = neighbourhood
                request.urlconf = settings.HOST_URLCONF

        if match:
            by_path = neighbourhood_by_slug(match.group("slug"), cached.get(keys[1]))
            if by_path is None:
                raise Http404("No such neighbourhood")
            request.neighbourhood = by_path

        with scope(neighbourhood=request.neighbourhood):
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_kwargs.pop("nb", None)
        return None


MEMBERSHIP_ANNOTATIONS: dict = {}
"""``name -> function() -> expression or None``: what other parts of the platform read
beside the request's membership, in the same query, as ``request.membership.<name>``
(registered in their ``AppConfig.ready``; accounts' two-step rule, ``mfa_missing``, and
messaging's unread badge: one query less each on every member's page). None: not this time.
An expression refers to the membership row (``OuterRef("user_id")``,
``OuterRef("neighbourhood_id")``), so it can be built once for everyone: building it per
request cost more than the query itself (``bench/RESULTS.md``, tenth round). The membership
is read without its organisation (``membership.organisation`` costs a query where it is
used: a professional's few actions)."""


class MembershipMiddleware:
    """``request.membership``: the user's membership in the request's neighbourhood, or None."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        if request.neighbourhood is not None and request.user.is_authenticated:
            memberships = Membership.objects.filter(user=request.user)
            for name, expression_for in MEMBERSHIP_ANNOTATIONS.items():
                expression = expression_for()
                if expression is not None:
                    memberships = memberships.annotate(**{name: expression})
            request.membership = memberships.first()
        return self.get_response(request)


class MethodNotAllowedMiddleware:
    """A 405 (a POST-only address opened as a page) gets a page that leads back, instead of the
    empty answer of ``require_POST``. Last in ``MIDDLEWARE``: it sees the view's answer and
    draws the page inside the neighbourhood's scope, with the person's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method in ("GET", "HEAD")
            and not getattr(request, "htmx", False)
            and not response.content
        ):
            from buurtplein.core.errors import method_not_allowed

            page = method_not_allowed(request)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response
