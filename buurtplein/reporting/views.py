"""Pages of the reports: the report of a neighbourhood, of an organisation and of a region for a
chosen period (with ``?format=csv`` / ``xlsx`` its files), the year's PDF built by a task with
its progress, and the read-only share link for the municipality's contact."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.forms import apply_errors, posted
from buurtplein.core.permissions import can, viewer_for
from buurtplein.core.urls import nb_reverse
from buurtplein.reporting import actions, exports, report, selectors
from buurtplein.reporting.forms import PeriodForm, ShareForm
from buurtplein.reporting.models import ReportJob
from buurtplein.reporting.periods import PeriodError, choices, parse

FILES = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.as_xlsx,
    ),
}


def scope_of(request, kind: str, slug: str = "") -> report.Scope:
    """The scope a page names, checked for the viewer (404 for missing and forbidden)."""
    viewer = viewer_for(request)
    if kind not in (report.NEIGHBOURHOOD, report.ORGANISATION, report.REGION):
        raise Http404
    if kind == report.ORGANISATION:
        organisation, neighbourhoods = selectors.access_organisation(viewer, slug)
        return report.organisation_scope(organisation, neighbourhoods)
    if kind == report.REGION:
        region, neighbourhoods = selectors.access_region(viewer, slug)
        return report.region_scope(region, neighbourhoods)
    if not can(viewer, "reporting.report.view"):
        raise Http404
    return report.neighbourhood_scope(request.neighbourhood)


def report_url(request, scope: report.Scope, period=None) -> str:
    if scope.kind == report.NEIGHBOURHOOD:
        url = nb_reverse("reporting:report", request.neighbourhood, request=request)
    else:
        name = "reporting:organisation" if scope.kind == report.ORGANISATION else "reporting:region"
        url = nb_reverse(name, request.neighbourhood, request=request, kwargs={"slug": scope.slug})
    return url + (f"?period={period.token}" if period is not None else "")


def file_response(built: report.Report, kind: str) -> HttpResponse:
    content_type, make = FILES[kind]
    response = HttpResponse(make(built), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(built, kind)}"'
    return response


def _page(request, kind: str, slug: str = ""):
    scope = scope_of(request, kind, slug)
    form = PeriodForm(request.GET)
    wanted = request.GET.get("format", "")
    if wanted and wanted not in FILES:
        raise Http404
    if not form.is_valid():
        return render(
            request,
            "reporting/report.html",
            {"scope": scope, "form": form, "choices": choices(), "report": None},
            status=400,
        )
    period = form.cleaned_data["chosen"]
    built = report.build(scope, period)
    if wanted:
        return file_response(built, wanted)
    viewer = viewer_for(request)
    context = {
        "scope": scope,
        "form": form,
        "choices": choices(),
        "report": built,
        "blocks": report.blocks(scope, period),
        "chart_colour": request.neighbourhood.colour_primary,
    }
    context["job"] = selectors.latest_job(viewer, scope, period)
    context["shares"] = selectors.shares_of(request.neighbourhood, scope)
    context["share_form"] = ShareForm()
    if kind == report.NEIGHBOURHOOD:
        context["organisations"] = selectors.report_organisations(viewer)
        context["regions"] = selectors.report_regions(viewer)
    return render(request, "reporting/report.html", context)


@neighbourhood_view("reporting.report.view")
def neighbourhood_report(request):
    return _page(request, report.NEIGHBOURHOOD)


@neighbourhood_view("reporting.figures.open")
def organisation_report(request, slug):
    return _page(request, report.ORGANISATION, slug)


@neighbourhood_view("reporting.figures.open")
def region_report(request, slug):
    return _page(request, report.REGION, slug)


# --- the PDF, built by a task -----------------------------------------------------------------


def _posted_report(request):
    """The scope and period a POST names (``kind``, ``slug``, ``period``), checked as the
    report's page checks them."""
    scope = scope_of(request, request.POST.get("kind", ""), request.POST.get("slug", ""))
    try:
        period = parse(request.POST.get("period", ""))
    except PeriodError:
        raise Http404 from None
    return scope, period


@require_POST
@neighbourhood_view("reporting.figures.open")
def job_start(request):
    scope, period = _posted_report(request)
    job = actions.job_start(
        actor=request.user,
        neighbourhood=request.neighbourhood,
        scope=scope,
        period=period,
        language=translation.get_language() or "nl",
    )
    return redirect(
        nb_reverse("reporting:job", request.neighbourhood, request=request, kwargs={"pk": job.pk})
    )


@neighbourhood_view("reporting.figures.open")
def job(request, pk):
    found = selectors.access_job(viewer_for(request), pk)
    template = "reporting/job.html#progress" if request.htmx else "reporting/job.html"
    return render(request, template, {"job": found})


@neighbourhood_view("reporting.figures.open")
def job_file(request, pk):
    found = selectors.access_job(viewer_for(request), pk)
    if found.state != ReportJob.State.READY or not found.file:
        raise Http404
    try:
        content = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        content,
        as_attachment=True,
        filename=f"{_('figures')}-{found.period.replace('..', '-')}.pdf",
        content_type="application/pdf",
    )


# --- share links --------------------------------------------------------------------------------


@require_POST
@neighbourhood_view("reporting.figures.open")
def share_create(request):
    scope, period = _posted_report(request)
    form = ShareForm(posted(request))
    if form.is_valid():
        try:
            share, token = actions.share_create(
                actor=request.user,
                neighbourhood=request.neighbourhood,
                scope=scope,
                period=period,
                recipient=form.cleaned_data["recipient"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            link = request.build_absolute_uri(
                nb_reverse("reporting:shared", request.neighbourhood, kwargs={"token": token})
            )
            return render(
                request,
                "reporting/share_made.html",
                {
                    "share": share,
                    "link": link,
                    "scope": scope,
                    "period": period,
                    "back": report_url(request, scope, period),
                },
            )
    return render(
        request,
        "reporting/share_form.html",
        {
            "form": form,
            "scope": scope,
            "period": period,
            "back": report_url(request, scope, period),
        },
        status=400,
    )


@require_POST
@neighbourhood_view("reporting.figures.open")
def share_revoke(request, pk):
    share = selectors.access_share_by_id(viewer_for(request), pk)
    scope = scope_of(request, share.kind, share.scope_slug)
    actions.share_revoke(actor=request.user, share=share)
    return redirect(report_url(request, scope, parse(share.period)))


@neighbourhood_view("reporting.shared.view")
def shared(request, token):
    """The report a share link is of, for whoever holds the link: no account, no navigation of
    the neighbourhood, not indexed, no referrer sent on."""
    share = selectors.access_share(request.neighbourhood, token)
    found = selectors.scope_of_row(share) if share is not None else None
    if found is None:
        raise Http404
    scope = found.for_municipality()
    period = parse(share.period)
    built = report.build(scope, period)
    wanted = request.GET.get("format", "")
    if wanted:
        if wanted not in FILES:
            raise Http404
        response = file_response(built, wanted)
    else:
        response = render(
            request,
            "reporting/shared.html",
            {
                "share": share,
                "scope": scope,
                "report": built,
                "blocks": report.blocks(scope, period),
                "chart_colour": request.neighbourhood.colour_primary,
                "print": False,
            },
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
