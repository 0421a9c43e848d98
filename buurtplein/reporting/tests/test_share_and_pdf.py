"""What a municipality gets: a read-only share link (made, audited, opened without an account,
not indexed, stopped, expired) and the PDF built by a task with its progress."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django_scopes import scopes_disabled

from buurtplein.core.audit import AuditEntry
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.core.urls import nb_reverse
from buurtplein.reporting.models import MonthFigure, ReportJob, ReportShare

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

NOW = local(date(2026, 12, 7), datetime.min.time().replace(hour=10))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def nb():
    nb = NeighbourhoodFactory()
    with scopes_disabled():
        MonthFigure.objects.create(
            neighbourhood=nb, month=date(2026, 11, 1), key="square.posts", value=17
        )
    return nb


@pytest.fixture
def professional(nb, client):
    person = member(nb, role=Role.PROFESSIONAL)
    client.force_login(person)
    return person


def make_share(client, nb, **data):
    return client.post(
        nb_reverse("reporting:share_create", nb),
        {
            "kind": "neighbourhood",
            "period": "2026-11",
            "recipient": "Gemeente Arnhem, Sociaal Domein",
            "expires_on": "2027-03-01",
            **data,
        },
    )


def test_a_share_link_shows_the_report_without_an_account_until_it_is_stopped(
    nb, professional, client, frozen
):
    response = make_share(client, nb)
    assert response.status_code == 200
    link = response.context["link"]
    with scopes_disabled():
        share = ReportShare.objects.get()
        assert share.token_hash not in link  # only the digest is kept, never the link
        assert AuditEntry.objects.filter(action="reporting.share.create").count() == 1
    client.logout()
    opened = client.get(link)
    assert opened.status_code == 200
    page = opened.content.decode()
    assert "17" in page and "Gemeente Arnhem" in page
    assert "main-nav" not in page  # no navigation of the neighbourhood
    assert opened["X-Robots-Tag"].startswith("noindex")
    assert opened["Referrer-Policy"] == "no-referrer"
    assert client.get(link, {"format": "csv"}).status_code == 200
    assert client.get(link[:-3] + "xyz/").status_code == 404  # a wrong secret
    # Stopped by a professional: gone at once.
    client.force_login(professional)
    client.post(nb_reverse("reporting:share_revoke", nb, kwargs={"pk": share.pk}))
    client.logout()
    assert client.get(link).status_code == 404
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="reporting.share.revoke").count() == 1


def test_a_share_link_ends_on_its_date_and_lasts_at_most_a_year(nb, professional, client, frozen):
    too_long = make_share(client, nb, expires_on=(NOW.date() + timedelta(days=400)).isoformat())
    assert too_long.status_code == 400
    assert "Gemeente Arnhem" in too_long.content.decode()  # nothing typed is lost
    link = make_share(client, nb, expires_on="2026-12-10").context["link"]
    client.logout()
    frozen.move_to(local(date(2026, 12, 10), datetime.max.time().replace(microsecond=0)))
    assert client.get(link).status_code == 200
    frozen.move_to(local(date(2026, 12, 11)))
    assert client.get(link).status_code == 404


def test_the_pdf_is_built_by_a_task_and_only_its_asker_fetches_it(
    nb, professional, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nb_reverse("reporting:job_start", nb), {"kind": "neighbourhood", "period": "2026-Q4"}
        )
    with scopes_disabled():
        job = ReportJob.objects.get()
    assert response.status_code == 302
    assert job.state == ReportJob.State.READY and job.step == job.steps == 4
    page = client.get(response["Location"])
    assert nb_reverse("reporting:job_file", nb, kwargs={"pk": job.pk}) in page.content.decode()
    pdf = client.get(nb_reverse("reporting:job_file", nb, kwargs={"pk": job.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    client.force_login(member(nb, role=Role.ADMIN))
    assert (
        client.get(nb_reverse("reporting:job_file", nb, kwargs={"pk": job.pk})).status_code == 404
    )


def test_progress_is_shown_while_the_pdf_is_made(nb, professional, client):
    with scopes_disabled():
        job = ReportJob.objects.create(
            neighbourhood=nb,
            kind="neighbourhood",
            period="2026",
            requested_by=professional,
            state=ReportJob.State.BUILDING,
            step=1,
            steps=4,
        )
    url = nb_reverse("reporting:job", nb, kwargs={"pk": job.pk})
    page = client.get(url).content.decode()
    assert 'data-hx-trigger="every 2s"' in page and "<progress" in page
    assert f'href="{url}"' in page  # without JavaScript: a link to look again
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="report-job"') and "1" in partial
