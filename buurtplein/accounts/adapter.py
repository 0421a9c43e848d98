from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils import translation

from buurtplein.core import ratelimit
from buurtplein.core.models import Membership
from buurtplein.core.selectors import user_memberships
from buurtplein.core.urls import nb_reverse


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up creates the profile and keeps the language; log-in lands in your neighbourhood."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.language = (translation.get_language() or "nl").split("-")[0]
        if commit:
            from buurtplein.accounts.actions import user_setup

            user.save()
            user_setup(user=user)
        return user

    def pre_authenticate(self, request, **credentials):
        """A log-in locked out by too many failed tries (allauth's ``login_failed`` limit) shows
        the same friendly message on the form, answered with 429 like every rate limit."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            rates = (account_settings.RATE_LIMITS.get("login_failed") or "").split(",")
            ratelimit.refused(max(ratelimit.Rate.parse(rate).seconds for rate in rates))
            raise

    def get_login_redirect_url(self, request):
        """Without a ``next``: the person's neighbourhood if they have exactly one."""
        memberships = [
            m for m in user_memberships(request.user) if m.status != Membership.Status.REJECTED
        ]
        if len(memberships) == 1:
            return nb_reverse("nb:home", memberships[0].neighbourhood, request=request)
        return super().get_login_redirect_url(request)
