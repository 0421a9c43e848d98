"""Permission matrix of the reports: every URL × role × own/other neighbourhood.

The world: the matrix organisation (active in "own"; staff: the professional) and an
organisation of the other neighbourhood; a region of only "own" and a region of both
neighbourhoods (nobody of "own" works in "other", so nobody sees that region's figures: they
would give away the other neighbourhood's). A share link of each neighbourhood, one revoked.
"""

from types import SimpleNamespace

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Region
from buurtplein.core.tests.matrix import PROFESSIONAL, Row, cases, check_row, statuses

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
    w.reporting = SimpleNamespace(elsewhere=elsewhere)
    return w


def _organisation(w, where):
    return {"slug": w.organisation.slug if where == "own" else w.reporting.elsewhere.slug}


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
]


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_reporting_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)
