"""The report page: figures of the chosen period from the count tables, compared with the
previous period in words, with a 12-month trend as a chart and a table; CSV and XLSX say the
same; bad periods get a message; a constant number of queries."""

import csv
import io
from datetime import date, datetime

import pytest
import time_machine
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Region, Role
from buurtplein.core.tests.factories import MembershipFactory, NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.core.urls import nb_reverse
from buurtplein.reporting.counting import add_months
from buurtplein.reporting.models import MonthFigure

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

NOW = local(date(2026, 12, 7), datetime.min.time().replace(hour=10))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def figures(nb, key, values, organisation=None, last=date(2026, 11, 1)):
    """``values`` per month, the last one in ``last``."""
    with scopes_disabled():
        MonthFigure.objects.bulk_create(
            MonthFigure(
                neighbourhood=nb,
                month=add_months(last, i - len(values) + 1),
                key=key,
                value=value,
                organisation=organisation,
            )
            for i, value in enumerate(values)
            if value
        )


@pytest.fixture
def nb():
    return NeighbourhoodFactory()


@pytest.fixture
def professional(nb, client):
    person = member(nb, role=Role.PROFESSIONAL)
    client.force_login(person)
    return person


def test_a_quarter_is_compared_with_the_quarter_before_in_words(nb, professional, client):
    # July to December 2026: 5 posts a month, then 9 a month from October.
    figures(nb, "square.posts", [5, 5, 5, 9, 9, 9], last=date(2026, 12, 1))
    response = client.get(nb_reverse("reporting:report", nb), {"period": "2026-Q4"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "quarter 4 of 2026" in page or "kwartaal 4" in page
    row = next(r for r in response.context["report"].rows if r.key == "square.posts")
    assert (row.value, row.previous) == (27, 15)
    assert row.change in page
    assert "12" in row.change
    # The chart is an image with a title and a description, and the months are in a table.
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert [point.value for point in row.trend][-6:] == [5, 5, 5, 9, 9, 9]


def test_a_bad_period_gets_a_message_not_an_error(nb, professional, client):
    response = client.get(nb_reverse("reporting:report", nb), {"period": "2026-13"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    response = client.get(nb_reverse("reporting:report", nb), {"from": "2026-06", "to": "2026-01"})
    assert response.status_code == 400


def test_csv_and_xlsx_have_the_figures_the_comparison_and_the_months(nb, professional, client):
    from openpyxl import load_workbook

    figures(nb, "square.posts", [1, 2, 3, 4], last=date(2026, 11, 1))
    url = nb_reverse("reporting:report", nb)
    response = client.get(url, {"period": "2026-11", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = lines[1]
    assert header[-1] == "2026-11" and len(header) == 6 + 12
    posts = next(line for line in lines[2:] if line[1] in ("Posts", "Berichten"))
    assert posts[3:5] == ["4", "3"] and posts[-4:] == ["1", "2", "3", "4"]
    response = client.get(url, {"period": "2026-11", "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    posts_row = next(row for row in values if row[1] in ("Posts", "Berichten"))
    assert posts_row[3:5] == [4, 3]


def test_a_region_adds_up_its_neighbourhoods_and_needs_work_in_all_of_them(client):
    first, second = NeighbourhoodFactory(), NeighbourhoodFactory()
    region = Region.objects.create(name="Oost", slug="oost")
    region.neighbourhoods.add(first, second)
    figures(first, "square.posts", [4])
    figures(second, "square.posts", [6])
    person = member(first, role=Role.PROFESSIONAL)
    client.force_login(person)
    url = nb_reverse("reporting:region", first, kwargs={"slug": "oost"})
    assert client.get(url).status_code == 404  # a professional of only one of them
    with scopes_disabled():
        MembershipFactory(neighbourhood=second, user=person, role=Role.ADMIN)
    response = client.get(url, {"period": "2026-11"})
    assert response.status_code == 200
    row = next(r for r in response.context["report"].rows if r.key == "square.posts")
    assert row.value == 10


def test_an_organisation_sees_its_share_over_its_neighbourhoods(client):
    first, second = NeighbourhoodFactory(), NeighbourhoodFactory()
    organisation = OrganisationFactory()
    organisation.neighbourhoods.add(first, second)
    figures(first, "square.posts", [3], organisation=organisation)
    figures(second, "square.posts", [2], organisation=organisation)
    figures(first, "square.posts", [50])  # the neighbourhood's own figure is not theirs
    person = member(first)
    client.force_login(person)
    url = nb_reverse("reporting:organisation", first, kwargs={"slug": organisation.slug})
    assert client.get(url).status_code == 404  # not on its staff
    organisation.staff.add(person)
    response = client.get(url, {"period": "2026-11"})
    rows = response.context["report"].rows
    assert {r.key: r.value for r in rows}["square.posts"] == 5
    # Only the figures declared per organisation: comments are not per organisation.
    assert all(r.figure.per_organisation for r in rows)
    assert "square.comments" not in {r.key for r in rows}


@pytest.mark.parametrize("period", ["2026-11", "2026"])
def test_the_page_reads_a_constant_number_of_queries(
    nb, professional, client, django_assert_max_num_queries, period
):
    url = nb_reverse("reporting:report", nb)
    client.get(url)  # sessions, caches warm
    figures(nb, "square.posts", list(range(1, 25)))
    figures(nb, "square.comments", list(range(1, 25)))
    # Session, user, membership; the count tables; the stories block; jobs and shares; the
    # organisations and regions to choose from; the navigation (unread, profile, the
    # organisations worked for, stories waiting for review).
    with django_assert_max_num_queries(13) as few:
        client.get(url, {"period": period})
    figures(nb, "square.reactions", list(range(1, 25)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"period": period})


def test_the_blocks_of_other_components_follow_the_figures_for_their_audience(
    nb, professional, client, tmp_path
):
    """A component's ``ReportBlock`` (stories, complaints) is rendered after the figures, asked
    with the report's scope and months: "staff" on the page, "municipality" on a share link."""
    from unittest import mock

    from django.template import engines

    from buurtplein.core.components import Component, ReportBlock, all_components
    from buurtplein.reporting import report

    asked = []

    def context(scope, start, end):
        asked.append((scope.audience, scope.neighbourhood_ids, start, end))
        return {"words": f"Verhaal voor {scope.audience}"}

    (tmp_path / "test_block.html").write_text('<section class="block">{{ block.words }}</section>')
    dirs = engines["django"].engine.dirs
    stories = Component(
        label="square",  # switched on here; stands in for a component with a block
        name="Stories",
        icon="chart",
        report_blocks=(ReportBlock("test_block.html", context),),
    )
    with (
        mock.patch.object(report, "all_components", lambda: [*all_components(), stories]),
        mock.patch.object(engines["django"].engine, "dirs", [*dirs, tmp_path]),
    ):
        page = client.get(nb_reverse("reporting:report", nb), {"period": "2026-Q4"})
        assert "Verhaal voor staff" in page.content.decode()
        made = client.post(
            nb_reverse("reporting:share_create", nb),
            {
                "kind": "neighbourhood",
                "period": "2026-Q4",
                "recipient": "Gemeente",
                "expires_on": "2027-01-31",
            },
        )
        client.logout()
        shared = client.get(made.context["link"])
        assert "Verhaal voor municipality" in shared.content.decode()
    assert asked[0] == ("staff", [nb.pk], date(2026, 10, 1), date(2027, 1, 1))
