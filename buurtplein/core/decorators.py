"""``@neighbourhood_view("perm")``: the one way a view declares what it needs."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from buurtplein.core.components import ALWAYS_ON
from buurtplein.core.permissions import Suspended, can, is_posting, viewer_for


def neighbourhood_view(perm: str | None = None, *, component: str | None = None):
    """Require a neighbourhood, its component switched on, and (optionally) a permission.

    Anonymous visitors who lack the permission are sent to log in; others get 403. A switched-off
    component answers 404, as if the page did not exist.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            neighbourhood = getattr(request, "neighbourhood", None)
            if neighbourhood is None:
                raise Http404
            label = component or (perm.split(".", 1)[0] if perm else None)
            if label and label not in ALWAYS_ON and not neighbourhood.has_component(label):
                raise Http404
            viewer = viewer_for(request)
            if perm and not can(viewer, perm):
                if not viewer.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if viewer.is_suspended and is_posting(perm):
                    raise Suspended(viewer.membership)
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
