from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

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


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
