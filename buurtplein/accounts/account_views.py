from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from buurtplein.accounts.actions import account_erase
from buurtplein.accounts.forms import EraseAccountForm
from buurtplein.accounts.selectors import needs_mfa_setup
from buurtplein.core.forms import posted
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


@login_required
def erase_account(request):
    """ "Delete my account": what happens, a ticked box and the password; then everything goes
    (``account_erase``), the person is logged out and sees the goodbye page."""
    # Guessing the password here (someone at an unlocked phone) is limited like allauth's
    # other checks of a logged-in person's password ("reauthenticate": 10 a minute).
    too_many = request.method == "POST" and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    )
    form = EraseAccountForm(posted(request), user=request.user, too_many_tries=too_many)
    if request.method == "POST" and form.is_valid():
        account_erase(user=request.user, actor=None)
        logout(request)
        return redirect("me:erased")
    status = (429 if too_many else 400) if request.method == "POST" else 200
    return render(
        request,
        "accounts/erase_account.html",
        {"form": form, "memberships": user_memberships(request.user)},
        status=status,
    )


def account_erased(request):
    """The goodbye page after "Delete my account" (the person is logged out by then)."""
    return render(request, "accounts/account_erased.html")


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
