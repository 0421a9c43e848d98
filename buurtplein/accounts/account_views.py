import secrets

from allauth.core import ratelimit
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from buurtplein.accounts import data_export
from buurtplein.accounts.actions import account_erase
from buurtplein.accounts.forms import EraseAccountForm
from buurtplein.accounts.models import DataExport
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
            "export": data_export.latest(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def export(request):
    """ "Download je gegevens": POST starts an export (or shows the one being made: one at a
    time); GET shows how far it is. htmx polls the status part every 2 seconds while the zip
    is being made; without JavaScript a reload shows the same."""
    if request.method == "POST":
        data_export.export_start(user=request.user)
        if not request.htmx:
            return redirect("me:export")
    context = {"export": data_export.latest(request.user)}
    if request.htmx:
        return render(request, "accounts/_data_export.html", context)
    return render(request, "accounts/data_export.html", context)


@login_required
def export_download(request, pk: int, token: str):
    """The zip, for its owner with the secret token from the e-mail; 404 for anyone else.
    After 7 days the link says it expired (its file is deleted) and offers a new one."""
    found = DataExport.objects.filter(pk=pk, user=request.user).first()
    if found is None or not secrets.compare_digest(found.token, token):
        raise Http404
    if found.has_expired:
        data_export.expire_now(found)
        return render(request, "accounts/data_export_expired.html", {"export": found}, status=410)
    if found.state != DataExport.State.READY or not found.file:
        return redirect("me:export")
    day = timezone.localdate(found.finished_at).isoformat()
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=f"buurtplein-{day}.zip"
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
