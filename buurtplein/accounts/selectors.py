"""Reads about people."""

from allauth.mfa.models import Authenticator
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership, Role


def needs_mfa_setup(user) -> bool:
    """Professionals, admins and platform staff need an authenticator app set up."""
    if not user.is_authenticated:
        return False
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return False
    if user.is_staff or user.is_superuser:
        return True
    with scopes_disabled():
        return Membership.objects.filter(
            user=user,
            role__in=[Role.PROFESSIONAL, Role.ADMIN],
            status=Membership.Status.VERIFIED,
        ).exists()
