from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

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

    def get_login_redirect_url(self, request):
        """Without a ``next``: the person's neighbourhood if they have exactly one."""
        memberships = [
            m for m in user_memberships(request.user) if m.status != Membership.Status.REJECTED
        ]
        if len(memberships) == 1:
            return nb_reverse("nb:home", memberships[0].neighbourhood, request=request)
        return super().get_login_redirect_url(request)
