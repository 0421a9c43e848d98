"""One permission chain (after Decidim): component → neighbourhood role → platform role.

* A permission is named ``<component>.<thing>.<verb>`` (``square.post.edit``).
* If the component is switched off for the neighbourhood, the answer is no: a deny is final.
* Otherwise the rule registered for the name decides, given a :class:`Viewer` (the person, their
  membership in this neighbourhood, their platform role) and the object.
* Platform admins (superusers) act as admins of every neighbourhood.

Views ask with :func:`can` (or the ``neighbourhood_view`` decorator); templates ask with
``{% can "square.post.edit" post as can_edit %}``. Nobody re-implements a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied

from buurtplein.core.components import ALWAYS_ON
from buurtplein.core.models import Membership, Neighbourhood, Role

RULES: dict[str, Callable[[Viewer, object], bool]] = {}

POSTING_VERBS = frozenset(
    {
        "create",
        "create_for_someone",
        "edit",
        "interact",
        "reply",
        "pledge",
        "thank",
        "respond",
        "send",
        "answer",
        "join",
    }
)
"""The last part of the permissions that put something of the person's on a page. A member
suspended in a neighbourhood (``Membership.suspended_until``, set by a buurtverbinder in the
moderation queue) is refused every one of them there, in every component, until the date."""


def rule(name: str):
    """Register the rule for a permission name."""

    def decorator(fn):
        if name in RULES:
            raise ValueError(f"Permission {name} registered twice")
        RULES[name] = fn
        return fn

    return decorator


@dataclass(frozen=True)
class Viewer:
    """Who is looking, in which neighbourhood."""

    user: object
    neighbourhood: Neighbourhood | None
    membership: Membership | None

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user and self.user.is_authenticated)

    @property
    def is_platform_admin(self) -> bool:
        return bool(self.is_authenticated and self.user.is_superuser)

    @cached_property
    def role(self) -> str | None:
        """Effective role in this neighbourhood; None for non-members and the unverified."""
        if self.is_platform_admin:
            return Role.ADMIN
        if self.membership is not None and self.membership.is_verified:
            return self.membership.role
        return None

    @property
    def is_suspended(self) -> bool:
        """Suspended in this neighbourhood by a buurtverbinder: reads, but posts nothing."""
        return (
            self.membership is not None
            and self.membership.is_suspended
            and not self.is_platform_admin
        )

    @property
    def is_member(self) -> bool:
        """A verified member (of any role) or a platform admin."""
        return self.role is not None

    @property
    def is_pending(self) -> bool:
        return (
            self.membership is not None
            and self.membership.status == Membership.Status.PENDING
            and not self.is_platform_admin
        )

    @property
    def is_connector(self) -> bool:
        """Buurtverbinders and admins guide the square."""
        return self.role in (Role.CONNECTOR, Role.ADMIN)

    @property
    def is_professional(self) -> bool:
        return self.role == Role.PROFESSIONAL

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    def is_self(self, user) -> bool:
        return self.is_authenticated and user is not None and user.pk == self.user.pk


def can(viewer: Viewer, perm: str, obj: object = None) -> bool:
    component = perm.split(".", 1)[0]
    if component not in ALWAYS_ON and (
        viewer.neighbourhood is None or not viewer.neighbourhood.has_component(component)
    ):
        return False
    try:
        check = RULES[perm]
    except KeyError:
        raise KeyError(f"Unknown permission {perm!r}; register it with @rule") from None
    if viewer.is_suspended and is_posting(perm):
        return False
    return bool(check(viewer, obj))


def is_posting(perm: str) -> bool:
    return perm.rsplit(".", 1)[-1] in POSTING_VERBS


def viewer_for(request) -> Viewer:
    viewer = getattr(request, "_viewer", None)
    if viewer is None:
        viewer = Viewer(
            user=getattr(request, "user", None),
            neighbourhood=getattr(request, "neighbourhood", None),
            membership=getattr(request, "membership", None),
        )
        request._viewer = viewer
    return viewer


# --- core rules -----------------------------------------------------------------------------


@rule("core.home.view")
def _view_home(viewer, obj):
    return True


@rule("core.members_only.view")
def _view_members_only(viewer, obj):
    return viewer.is_member


@rule("core.privacy.view")
def _view_privacy(viewer, obj):
    """ "Privacy in je buurt" is for everyone, also visitors without an account."""
    return True


@rule("core.search.view")
def _view_search(viewer, obj):
    """The neighbourhood's search is for everyone; each kind shows only what the viewer may
    see (``core.search``)."""
    return True


@rule("core.privacy_contact.edit")
def _edit_privacy_contact(viewer, obj):
    """The neighbourhood's admins choose its contact person for privacy questions."""
    return viewer.is_admin


class Suspended(PermissionDenied):
    """Refused because a buurtverbinder suspended the person here; the 403 page says why and
    until when."""

    def __init__(self, membership):
        super().__init__("suspended")
        self.membership = membership
