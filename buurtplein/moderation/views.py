"""The one "report to a buurtverbinder" page, for whatever a component lets members report.

A component's view looks the object up with its ``access_*`` selector, asks its own permission
(never your own thing), and hands over: ``return report_page(request, post, summary=…,
back_url=…)``. The report goes to the moderation queue (``actions.report_create``)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from buurtplein.core import ratelimit
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.moderation.actions import report_create
from buurtplein.moderation.forms import ReportForm


def report_page(request, target, *, summary: str, back_url: str, intro: str = ""):
    """GET: the form about ``target`` (shown as ``summary``); POST: store the report and go
    back to ``back_url`` with a thank-you (or the reason it was not stored, e.g. reported
    twice); a POST without a reason shows the form again (400) with what was typed."""
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=request.user,
                target=target,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ratelimit.RateLimited as error:
            apply_errors(form, error)  # on the form, with the note kept
        except ValidationError as error:
            messages.info(request, error_text(error))
            return redirect(back_url)
        else:
            messages.success(request, _("Thank you. A buurtverbinder will look at it."))
            return redirect(back_url)
    context = {"form": form, "summary": summary, "back_url": back_url, "intro": intro}
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/report.html", context, status=status)
