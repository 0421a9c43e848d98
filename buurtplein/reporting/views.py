"""Pages of the reports: the report of a neighbourhood, of an organisation and of a region for a
chosen period (with ``?format=csv`` / ``xlsx`` its files), the year's PDF built by a task with
its progress, and the read-only share link for the municipality's contact."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from buurtplein.core.decorators import neighbourhood_view
from buurtplein.core.permissions import viewer_for
from buurtplein.reporting import exports, report, selectors
from buurtplein.reporting.forms import PeriodForm
from buurtplein.reporting.periods import choices

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
    if kind == report.ORGANISATION:
        organisation, neighbourhoods = selectors.access_organisation(viewer, slug)
        return report.organisation_scope(organisation, neighbourhoods)
    if kind == report.REGION:
        region, neighbourhoods = selectors.access_region(viewer, slug)
        return report.region_scope(region, neighbourhoods)
    return report.neighbourhood_scope(request.neighbourhood)


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
