"""Pages of moderation: the report page every component uses, the queue of buurtverbinders,
a decision and the objection to it, the house rules.

"Report to a buurtverbinder": a component's view looks the object up with its ``access_*``
selector, asks its own permission (never your own thing), and hands over: ``return
report_page(request, post, summary=…, back_url=…)``. The report goes to the moderation queue
(``actions.report_create``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core import ratelimit
from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, error_text, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.moderation import actions, selectors
from buurtplein.moderation.forms import AppealForm, DecideForm, ReportForm, RulesForm


def report_page(request, target, *, summary: str, back_url: str, intro: str = ""):
    """GET: the form about ``target`` (shown as ``summary``); POST: store the report and go
    back to ``back_url`` with a thank-you (or the reason it was not stored, e.g. reported
    twice); a POST without a reason shows the form again (400) with what was typed."""
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.report_create(
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


def _url(request, name, **kwargs):
    return nb_reverse(f"moderation:{name}", request.neighbourhood, request=request, kwargs=kwargs)


@neighbourhood_view("moderation.queue.view")
def queue(request):
    viewer = viewer_for(request)
    return render(
        request,
        "moderation/queue.html",
        {
            "entries": selectors.queue(viewer),
            "appeals": selectors.appeals(viewer),
            "recent": selectors.recent_decisions(viewer),
        },
    )


@neighbourhood_view("moderation.queue.view")
def entry(request, content_type_id, object_id):
    viewer = viewer_for(request)
    found = selectors.access_entry(viewer, content_type_id, object_id)
    form = DecideForm(posted(request))
    if request.method == "POST":
        if found.target is None or not can(viewer, "moderation.report.decide", found):
            raise PermissionDenied
        if form.is_valid():
            try:
                decision = actions.decide(
                    actor=request.user,
                    target=found.target,
                    action=form.cleaned_data["action"],
                    message=form.cleaned_data["message"],
                    days=form.cleaned_data["days"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, _("Done: %(what)s.") % {"what": decision.get_action_display()}
                )
                return redirect(_url(request, "queue"))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "moderation/entry.html",
        {
            "entry": found,
            "form": form,
            "may_decide": can(viewer, "moderation.report.decide", found),
        },
        status=status,
    )


@neighbourhood_view("moderation.decision.view")
def decision(request, pk):
    viewer = viewer_for(request)
    found = selectors.access_decision(viewer, pk)
    return render(
        request,
        "moderation/decision.html",
        {
            "decision": found,
            "form": AppealForm(),
            "may_appeal": can(viewer, "moderation.appeal.make", found),
            "may_decide_appeal": found.appeal == found.Appeal.OPEN
            and can(viewer, "moderation.appeal.decide", found),
        },
    )


@neighbourhood_view("moderation.decision.view")
def appeal(request, pk):
    viewer = viewer_for(request)
    found = selectors.access_decision(viewer, pk)
    if not can(viewer, "moderation.appeal.make", found):
        raise PermissionDenied
    form = AppealForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.appeal_make(
                author=request.user, decision=found, text=form.cleaned_data["appeal_text"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Another buurtverbinder will look at your objection.")
            )
            return redirect(_url(request, "decision", pk=found.pk))
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "moderation/decision.html",
        {"decision": found, "form": form, "may_appeal": True, "may_decide_appeal": False},
        status=status,
    )


@require_POST
@neighbourhood_view("moderation.queue.view")
def appeal_decide(request, pk):
    viewer = viewer_for(request)
    found = selectors.access_decision(viewer, pk)
    if not can(viewer, "moderation.appeal.decide", found):
        raise PermissionDenied
    try:
        actions.appeal_decide(
            actor=request.user, decision=found, undo=request.POST.get("outcome") == "undo"
        )
    except ValidationError as error:
        messages.info(request, error_text(error))
    else:
        messages.success(request, _("Done. The author is told."))
    return redirect(_url(request, "queue"))


@neighbourhood_view("moderation.rules.view")
def rules(request):
    return render(
        request,
        "moderation/rules.html",
        {"text": selectors.rules_text(request.neighbourhood)},
    )


@neighbourhood_view("moderation.rules.edit")
def rules_edit(request):
    current = selectors.house_rules(request.neighbourhood)
    form = RulesForm(posted(request), instance=current)
    if request.method == "POST" and form.is_valid():
        actions.rules_save(
            actor=request.user,
            neighbourhood=request.neighbourhood,
            text_nl=form.cleaned_data["text_nl"],
            text_en=form.cleaned_data["text_en"],
            hide_after=form.cleaned_data["hide_after"],
        )
        messages.success(request, _("The house rules are saved."))
        return redirect(_url(request, "rules"))
    status = 400 if request.method == "POST" else 200
    return render(request, "moderation/rules_edit.html", {"form": form}, status=status)
