"""Reversing neighbourhood URLs, by path (``/b/<slug>/…``) or on a neighbourhood's own domain.

Neighbourhood pages live in ``config/urls_neighbourhood.py`` and are mounted twice: under
``/b/<nb>/`` in the platform urlconf and at ``/`` in the host urlconf used for own domains. Always
reverse them with :func:`nb_reverse` (or ``{% nburl %}`` in templates).
"""

from django.conf import settings
from django.urls import reverse


def nb_reverse(name: str, neighbourhood, *, request=None, kwargs=None, args=None) -> str:
    kwargs = dict(kwargs or {})
    if request is not None and getattr(request, "host_neighbourhood", None) == neighbourhood:
        return reverse(name, kwargs=kwargs, args=args, urlconf=settings.HOST_URLCONF)
    kwargs["nb"] = neighbourhood.slug
    return reverse(name, kwargs=kwargs, args=args, urlconf=settings.ROOT_URLCONF)
