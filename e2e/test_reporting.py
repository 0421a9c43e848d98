"""A professional builds the quarter's report and downloads the PDF: she chooses last quarter,
reads each figure against the quarter before (in words), looks at a month-by-month table under
a chart, has the PDF made (its progress page, then the download), and shares the report with
the municipality's contact through a link that opens without an account, with no navigation of
the neighbourhood. Every page passes axe on a desktop and on a phone, and the report page at
200% zoom."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.reporting import periods
from buurtplein.reporting.counting import add_months
from buurtplein.reporting.models import MonthFigure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PDF_BUILT_WITHIN = 60_000  # ms; the report's year PDF at S takes ~7 s (bench/report.py)


def last_quarter():
    today = timezone.localdate()
    this_quarter = periods.quarter(today.year, (today.month - 1) // 3 + 1)
    return periods.quarter(
        add_months(this_quarter.start, -3).year,
        (add_months(this_quarter.start, -3).month - 1) // 3 + 1,
    )


def world():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    quarter = last_quarter()
    # 5 posts a month in the quarter before, 9 a month in the quarter: 27 against 15.
    for month in quarter.previous().months:
        MonthFigure.objects.create(neighbourhood=nb, month=month, key="square.posts", value=5)
    for month in quarter.months:
        MonthFigure.objects.create(neighbourhood=nb, month=month, key="square.posts", value=9)
    sanne = member(nb, role=Role.PROFESSIONAL, first_name="Sanne", language="nl")
    return nb, quarter, sanne


def test_a_professional_builds_the_quarters_report_and_shares_it(browser_session):
    nb, quarter, sanne = world()
    b = browser_session
    b.log_in_as(sanne)
    page = b.goto(f"/b/{nb.slug}/figures/")

    page.get_by_label("Periode", exact=True).select_option(quarter.token)
    page.get_by_role("button", name="Tonen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"kwartaal {quarter.token[-1]}")
    posts = page.locator(".rp-figure", has=page.get_by_role("heading", name="Berichten"))
    expect(posts.locator(".rp-value")).to_have_text("27")
    expect(posts).to_contain_text("12 meer dan vorig kwartaal.")
    expect(posts.get_by_role("img", name="Berichten")).to_be_visible()
    posts.locator("summary", has_text="Per maand").click()
    expect(posts.get_by_role("table")).to_contain_text("9")
    b.check()

    # The PDF: made by a task (the tests run tasks at once, so inside this request: WeasyPrint
    # takes 5-15 s on a busy 2-core machine, longer than the page's usual 10 s), then ready to
    # download.
    page.get_by_role("button", name=re.compile("^Maak een pdf")).click(timeout=PDF_BUILT_WITHIN)
    expect(page.get_by_text("De pdf is klaar.")).to_be_visible(timeout=PDF_BUILT_WITHIN)
    b.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    page.get_by_role("link", name="Terug naar het overzicht").click()

    # A share link for the municipality's contact.
    page.locator("summary", has_text="Maak een deellink").click()
    page.get_by_label("Voor wie").fill("Gemeente Nijmegen, Sociaal Domein")
    until = timezone.localdate() + timedelta(days=60)
    page.get_by_label("Werkt tot en met").fill(until.isoformat())
    page.get_by_role("button", name="Maak een deellink").click()
    expect(page.get_by_role("heading", name="Deellink gemaakt")).to_be_visible()
    b.check()
    link = page.get_by_label("Link", exact=True).input_value()

    # The contact opens it without an account: the report, without the neighbourhood's menu.
    page.context.clear_cookies()
    b.goto(link.removeprefix("http://testserver").replace(re.match(r"https?://[^/]+", link)[0], ""))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nijmegen-Oost")
    expect(page.locator(".rp-figure .rp-value").first).to_have_text("27")
    expect(page.get_by_role("navigation")).to_have_count(0)


def test_the_report_reads_at_200_percent_zoom(zoomed_page, live_server):
    from e2e.conftest import assert_accessible, assert_no_sideways_scrolling, log_in_as

    nb, quarter, sanne = world()
    log_in_as(zoomed_page, live_server.url, sanne)
    zoomed_page.goto(f"/b/{nb.slug}/figures/?period={quarter.token}")
    expect(zoomed_page.get_by_role("img", name="Berichten")).to_be_visible()
    assert_accessible(zoomed_page)
    assert_no_sideways_scrolling(zoomed_page)
