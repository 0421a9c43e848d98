"""Permission matrix of the reports: every URL × role × own/other neighbourhood.

The world: the matrix organisation (active in "own"; staff: the professional) and an
organisation of the other neighbourhood; a region of only "own" and a region of both
neighbourhoods (nobody of "own" works in "other", so nobody sees that region's figures: they
would give away the other neighbourhood's). A share link of each neighbourhood, one revoked.
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Region
from buurtplein.core.tests.matrix import PROFESSIONAL, Row, cases, check_row, statuses
from buurtplein.core.tokens import token_digest
from buurtplein.reporting.models import ReportJob, ReportShare

# A neighbourhood's report: its professionals and admins.
STAFF = statuses(302, 403, 403, 403, 200, 200)
# Pages in the other neighbourhood: the people of "own" are nobody there.
OTHER = statuses(302, 403, 403)


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        w.organisation.staff.add(w.users[PROFESSIONAL])
        elsewhere = OrganisationFactory(name="Elders", slug="elders")
        elsewhere.neighbourhoods.add(w.other)
        own_region = Region.objects.create(name="Eigen regio", slug="eigen-regio")
        own_region.neighbourhoods.add(w.own)
        shared_region = Region.objects.create(name="Gedeelde regio", slug="gedeelde-regio")
        shared_region.neighbourhoods.add(w.own, w.other)
        other_region = Region.objects.create(name="Andere regio", slug="andere-regio")
        other_region.neighbourhoods.add(w.other)
        job = ReportJob.objects.create(
            neighbourhood=w.own,
            kind="neighbourhood",
            period="2026-Q4",
            requested_by=w.users[PROFESSIONAL],
            state=ReportJob.State.BUILDING,
            steps=4,
            step=2,
        )
        other_job = ReportJob.objects.create(
            neighbourhood=w.other,
            kind="neighbourhood",
            period="2026-Q4",
            requested_by=w.other_resident,
        )
        share = ReportShare.objects.create(
            neighbourhood=w.own,
            kind="neighbourhood",
            period="2026-Q4",
            recipient="Gemeente",
            token_hash=token_digest("own-secret"),
            expires_on=date(2099, 1, 1),
        )
        other_share = ReportShare.objects.create(
            neighbourhood=w.other,
            kind="neighbourhood",
            period="2026-Q4",
            recipient="Gemeente",
            token_hash=token_digest("other-secret"),
            expires_on=date(2099, 1, 1),
        )
        ReportShare.objects.create(
            neighbourhood=w.own,
            kind="neighbourhood",
            period="2026-Q4",
            recipient="Gestopt",
            token_hash=token_digest("stopped-secret"),
            expires_on=date(2099, 1, 1),
            revoked_at=timezone.now(),
        )
    w.reporting = SimpleNamespace(
        elsewhere=elsewhere, job=job, other_job=other_job, share=share, other_share=other_share
    )
    return w


def _organisation(w, where):
    return {"slug": w.organisation.slug if where == "own" else w.reporting.elsewhere.slug}


def _pk(name):
    return lambda w, where: {
        "pk": getattr(w.reporting, name if where == "own" else f"other_{name}").pk
    }


def _report(kind="neighbourhood", slug="", period="2026-Q4"):
    return lambda w, where: {"kind": kind, "slug": slug, "period": period}


def _share(w, where):
    until = timezone.localdate() + timedelta(days=30)
    return {**_report()(w, where), "recipient": "Gemeente Arnhem", "expires_on": until.isoformat()}


def _region(w, where):
    return {"slug": "eigen-regio" if where == "own" else "andere-regio"}


ROWS = [
    Row("reporting:report", expect=STAFF, expect_other=OTHER),
    Row(
        "reporting:report",
        query="period=2026-Q4&format=xlsx",
        expect=STAFF,
        expect_other=OTHER,
        ids=["xlsx"],
    ),
    Row(
        "reporting:report",
        query="period=nonsense",
        expect=statuses(302, 403, 403, 403, 400, 400),
        expect_other=OTHER,
        ids=["bad period"],
    ),
    # An organisation's report: its staff (the professional), not the neighbourhood's admin.
    Row(
        "reporting:organisation",
        kwargs=_organisation,
        expect=statuses(302, 403, 404, 404, 200, 404),
        expect_other=OTHER,
    ),
    Row(
        "reporting:organisation",
        kwargs=_organisation,
        query="period=2026&format=csv",
        expect=statuses(302, 403, 404, 404, 200, 404),
        expect_other=OTHER,
        ids=["csv"],
    ),
    # A region: professionals and admins of all of its neighbourhoods.
    Row(
        "reporting:region",
        kwargs=_region,
        expect=statuses(302, 403, 404, 404, 200, 200),
        expect_other=OTHER,
    ),
    Row(
        "reporting:region",
        kwargs=lambda w, where: {"slug": "gedeelde-regio"},
        expect=statuses(302, 403, 404, 404, 404, 404),
        expect_other=OTHER,
        ids=["shared with another neighbourhood"],
    ),
    # The PDF: whoever may see the report asks; only the one who asked follows and fetches it.
    Row(
        "reporting:job_start",
        method="post",
        data=_report(),
        expect=statuses(302, 403, 404, 404, 302, 302),
        expect_other=OTHER,
    ),
    Row(
        "reporting:job_start",
        method="post",
        data=lambda w, where: {
            "kind": "organisation",
            "slug": w.organisation.slug,
            "period": "2026",
        },
        expect=statuses(302, 403, 404, 404, 302, 404),
        expect_other=OTHER,
        ids=["organisation"],
    ),
    Row(
        "reporting:job",
        kwargs=_pk("job"),
        expect=statuses(302, 403, 404, 404, 200, 404),
        expect_other=OTHER,
    ),
    # Still being made: nothing to fetch yet, not even for its asker (the file itself:
    # test_share_and_pdf.py).
    Row(
        "reporting:job_file",
        kwargs=_pk("job"),
        expect=statuses(302, 403, 404, 404, 404, 404),
        expect_other=OTHER,
    ),
    # Share links: made and stopped by whoever may see the report (the neighbourhood's: its
    # professionals and admins); opened by anyone with the link, in its own neighbourhood only.
    Row(
        "reporting:share_create",
        method="post",
        data=_share,
        expect=statuses(302, 403, 404, 404, 200, 200),
        expect_other=OTHER,
    ),
    Row(
        "reporting:share_create",
        method="post",
        data=lambda w, where: {**_share(w, where), "kind": "region", "slug": "gedeelde-regio"},
        expect=statuses(302, 403, 404, 404, 404, 404),
        expect_other=OTHER,
        ids=["region shared with another neighbourhood"],
    ),
    Row(
        "reporting:share_revoke",
        method="post",
        kwargs=_pk("share"),
        expect=statuses(302, 403, 404, 404, 302, 302),
        expect_other=OTHER,
    ),
    Row(
        "reporting:shared",
        kwargs=lambda w, where: {"token": "own-secret"},
        expect=statuses(200, 200, 200),
        # The link of one neighbourhood opens nothing in another.
        expect_other=statuses(404, 404, 404),
    ),
    Row(
        "reporting:shared",
        kwargs=lambda w, where: {"token": "stopped-secret"},
        expect=statuses(404, 404, 404),
        ids=["stopped"],
    ),
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_reporting_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
