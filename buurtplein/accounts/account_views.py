from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from buurtplein.accounts.selectors import needs_mfa_setup
from buurtplein.core.selectors import user_memberships


@login_required
def my_account(request):
    return render(
        request,
        "accounts/my_account.html",
        {
            "memberships": user_memberships(request.user),
            "mfa_required": settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF,
            "mfa_missing": needs_mfa_setup(request.user),
        },
    )
