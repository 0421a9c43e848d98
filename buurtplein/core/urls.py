"""Reversing neighbourhood URLs, by path (``/b/<slug>/…``) or on a neighbourhood's own domain.

Neighbourhood pages live in ``config/urls_neighbourhood.py`` and are mounted twice: under
``/b/<nb>/`` in the platform urlconf and at ``/`` in the host urlconf used for own domains. Always
reverse them with :func:`nb_reverse` (or ``{% nburl %}`` in templates).

A page reverses dozens of addresses (the navigation, every search result); each answer is kept
in the process (:func:`_reversed`, an LRU of a few thousand): the URL patterns do not change
while it runs, and the key holds all that the answer depends on (the urlconf, the script
prefix, the name and its arguments). A changed urlconf setting (tests) empties it.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


def nb_reverse(name: str, neighbourhood, *, request=None, kwargs=None, args=None) -> str:
    kwargs = dict(kwargs or {})
    if request is not None and getattr(request, "host_neighbourhood", None) == neighbourhood:
        urlconf = settings.HOST_URLCONF
    else:
        kwargs["nb"] = neighbourhood.slug
        urlconf = settings.ROOT_URLCONF
    try:
        key = (name, urlconf, get_script_prefix(), tuple(args or ()), frozenset(kwargs.items()))
        hash(key)
    except TypeError:  # an argument that cannot be a key: reversed each time
        return reverse(name, kwargs=kwargs, args=args, urlconf=urlconf)
    return _reversed(*key)


@lru_cache(maxsize=4096)
def _reversed(name: str, urlconf: str, prefix: str, args: tuple, kwargs: frozenset) -> str:
    return reverse(name, kwargs=dict(kwargs), args=args or None, urlconf=urlconf)


@receiver(setting_changed)
def _urlconf_changed(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "HOST_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reversed.cache_clear()
