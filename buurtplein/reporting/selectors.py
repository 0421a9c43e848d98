"""Reads of the count tables (never of the components' rows): the values of every figure over a
period, and per month for the trend, for one scope — a neighbourhood, an organisation, or a
region of neighbourhoods. Each is one aggregate query, however long the period."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Prefetch, Sum
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.models import Organisation
from buurtplein.core.models import Membership, Neighbourhood, Region, Role
from buurtplein.core.tokens import token_digest
from buurtplein.reporting.models import MonthFigure, ReportJob, ReportShare


def _rows(neighbourhood_ids, organisation_id, start: date, end: date):
    with scopes_disabled():
        rows = MonthFigure.objects.filter(
            neighbourhood_id__in=list(neighbourhood_ids), month__gte=start, month__lt=end
        )
        if organisation_id is None:
            return rows.filter(organisation__isnull=True)
        return rows.filter(organisation_id=organisation_id)


def sums(neighbourhood_ids, start: date, end: date, *, organisation_id=None) -> dict:
    """``{key: (value, n)}`` over the months from ``start`` up to ``end`` (first days of a
    month): the neighbourhoods' own figures, or with ``organisation_id`` that organisation's
    share of them. A figure that is not there was 0."""
    found = (
        _rows(neighbourhood_ids, organisation_id, start, end)
        .values_list("key")
        .annotate(value=Sum("value"), n=Sum("n"))
        .order_by()
    )
    return {key: (value, n) for key, value, n in found}


def by_month(neighbourhood_ids, start: date, end: date, *, organisation_id=None) -> dict:
    """``{key: {month: (value, n)}}`` for the same scope: a trend's points."""
    found = (
        _rows(neighbourhood_ids, organisation_id, start, end)
        .values_list("key", "month")
        .annotate(value=Sum("value"), n=Sum("n"))
        .order_by()
    )
    months: dict[str, dict] = defaultdict(dict)
    for key, month, value, n in found:
        months[key][month] = (value, n)
    return dict(months)


# --- the scopes of a report -------------------------------------------------------------------


def access_organisation(viewer, slug: str):
    """The organisation ``slug`` whose report the viewer may see, with the neighbourhoods it is
    active in: it is active in the viewer's neighbourhood and the viewer is on its staff (a
    platform admin: any). The same 404 for a missing and a forbidden organisation."""

    found = Organisation.objects.filter(slug=slug, neighbourhoods=viewer.neighbourhood)
    if not viewer.is_platform_admin:
        found = found.filter(staff=viewer.user)
    organisation = found.first() if viewer.is_member else None
    if organisation is None:
        raise Http404
    neighbourhoods = list(
        Neighbourhood.objects.filter(organisations=organisation).only("pk", "components")
    )
    return organisation, neighbourhoods


def access_region(viewer, slug: str):
    """The region ``slug`` whose report the viewer may see, with its neighbourhoods: the viewer's
    neighbourhood is in it, and the viewer is a professional or an admin in **every** one of
    its neighbourhoods (a platform admin: any). A region's figures add its neighbourhoods up,
    so someone who works in only some of them could work out the others' figures: they see
    their own neighbourhoods' reports instead. The same 404 for missing and forbidden."""

    region = (
        Region.objects.filter(slug=slug, neighbourhoods=viewer.neighbourhood).first()
        if viewer.is_member
        else None
    )
    if region is None:
        raise Http404
    neighbourhoods = list(
        Neighbourhood.objects.filter(regions=region).only("pk", "name", "components")
    )
    if not viewer.is_platform_admin:
        with scopes_disabled():
            working_in = Membership.objects.filter(
                user=viewer.user,
                neighbourhood__in=neighbourhoods,
                status=Membership.Status.VERIFIED,
                role__in=[Role.PROFESSIONAL, Role.ADMIN],
            ).count()
        if working_in < len(neighbourhoods):
            raise Http404
    return region, neighbourhoods


def report_regions(viewer) -> list:
    """The regions of the viewer's neighbourhood whose report the viewer may see (three
    queries, however many regions)."""
    regions = list(
        Region.objects.filter(neighbourhoods=viewer.neighbourhood)
        .only("name", "slug")
        .prefetch_related(Prefetch("neighbourhoods", queryset=Neighbourhood.objects.only("pk")))
    )
    if viewer.is_platform_admin or not regions:
        return regions
    if not viewer.is_member:
        return []
    with scopes_disabled():
        working_in = set(
            Membership.objects.filter(
                user=viewer.user,
                status=Membership.Status.VERIFIED,
                role__in=[Role.PROFESSIONAL, Role.ADMIN],
            ).values_list("neighbourhood_id", flat=True)
        )
    return [r for r in regions if {nb.pk for nb in r.neighbourhoods.all()} <= working_in]


def report_organisations(viewer) -> list:
    """The organisations active in the viewer's neighbourhood whose report the viewer may see."""

    found = Organisation.objects.filter(neighbourhoods=viewer.neighbourhood)
    if not viewer.is_platform_admin:
        found = found.filter(staff=viewer.user)
    return list(found.only("name", "slug")) if viewer.is_member else []


def scope_of_row(row):
    """The scope a share link or a PDF job is of (``models.ReportScoped``), as it is now: an
    organisation no longer active in the row's neighbourhood, or a region it left, has none
    (None)."""
    from buurtplein.reporting import report

    if row.kind == report.ORGANISATION:
        organisation = Organisation.objects.filter(
            pk=row.organisation_id, neighbourhoods=row.neighbourhood_id
        ).first()
        if organisation is None:
            return None
        neighbourhoods = list(
            Neighbourhood.objects.filter(organisations=organisation).only("pk", "components")
        )
        return report.organisation_scope(organisation, neighbourhoods)
    if row.kind == report.REGION:
        region = Region.objects.filter(
            pk=row.region_id, neighbourhoods=row.neighbourhood_id
        ).first()
        if region is None:
            return None
        neighbourhoods = list(
            Neighbourhood.objects.filter(regions=region).only("pk", "name", "components")
        )
        return report.region_scope(region, neighbourhoods)
    return report.neighbourhood_scope(row.neighbourhood)


def access_share(neighbourhood, token: str):
    """The share link with this secret in ``neighbourhood``, while it works (not revoked, not
    past its date); None otherwise — the page answers 404 for all of them alike."""
    share = (
        ReportShare.objects.filter(neighbourhood=neighbourhood, token_hash=token_digest(token))
        .select_related("neighbourhood")
        .first()
    )
    return share if share is not None and share.is_active() else None


def shares_of(neighbourhood, scope) -> list:
    """The share links of a scope made in this neighbourhood: those that work and those that
    ended in the last 90 days, newest first."""
    recent = timezone.localdate() - timedelta(days=90)
    return list(
        ReportShare.objects.filter(
            neighbourhood=neighbourhood,
            kind=scope.kind,
            organisation_id=scope.organisation_id,
            region_id=scope.region_id,
            expires_on__gte=recent,
        )
        .select_related("created_by")
        .order_by("-created_at")[:50]
    )


def access_share_by_id(viewer, pk: int):
    """A share link of the viewer's neighbourhood whose report the viewer may see (its
    scope checked as the report's page checks it); 404 for missing and forbidden alike."""
    share = ReportShare.objects.filter(neighbourhood=viewer.neighbourhood, pk=pk).first()
    if share is None:
        raise Http404
    return share


def access_job(viewer, pk: int):
    """A PDF job of the viewer in this neighbourhood (only whoever asked for it fetches it);
    404 for anyone else's."""
    job = (
        ReportJob.objects.filter(
            neighbourhood=viewer.neighbourhood, pk=pk, requested_by=viewer.user
        ).first()
        if viewer.is_authenticated
        else None
    )
    if job is None:
        raise Http404
    return job


def latest_job(viewer, scope, period):
    """The viewer's newest PDF job of this report, if any."""
    if not viewer.is_authenticated:
        return None
    return (
        ReportJob.objects.filter(
            neighbourhood=viewer.neighbourhood,
            requested_by=viewer.user,
            kind=scope.kind,
            organisation_id=scope.organisation_id,
            region_id=scope.region_id,
            period=period.token,
        )
        .order_by("-created_at", "-id")
        .first()
    )
