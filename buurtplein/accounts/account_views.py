import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from buurtplein.accounts import data_export
from buurtplein.accounts.models import DataExport
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


@require_POST
def set_language(request):
    """Django's language switch, which also remembers the choice on the account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
