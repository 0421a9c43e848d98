"""The month view on a phone (390×844): the "Je gaat" badge of a date you signed up for fits in
its day, whole (its bounding box inside the day's cell and on the screen), however long the
activity's title, and still says what it means to a screen reader."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import assert_accessible, assert_no_sideways_scrolling, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        **PHONE, base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["y"] >= outer["y"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 0.5
    )


def test_the_going_badge_fits_in_its_day_on_a_phone(phone, live_server):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    organiser = member(nb, first_name="Sanne")
    ria = member(nb, first_name="Ria")
    day = timezone.localdate() + timedelta(days=2)
    titles = [
        "Samen eten in het buurthuis",
        "Bewegen voor ouderen met muziek en koffie na afloop in de grote zaal",
        "Taalcafé",
    ]
    for n, title in enumerate(titles):
        activity = ActivityFactory(
            neighbourhood=nb,
            organiser=organiser,
            title=title,
            start_date=day,
            start_time=time(10 + n),
            end_time=time(11 + n),
        )
        sign_up(dates_of(activity)[0], ria)
    log_in_as(phone, live_server.url, ria)
    phone.goto(f"/b/{nb.slug}/agenda/month/?month={day:%Y-%m}")
    cell = phone.locator(f"li.ag-cell:has(#ag-day-{day.isoformat()})")
    badges = cell.locator(".ag-flag-mine")
    expect(badges).to_have_count(3)
    cell_box = cell.bounding_box()
    for index in range(3):
        badge = badges.nth(index)
        expect(badge).to_be_visible()
        box = badge.bounding_box()
        row = badge.locator("xpath=ancestor::li[1]").bounding_box()
        assert inside(box, cell_box), (titles[index], box, cell_box)
        assert inside(box, row), (titles[index], box, row)
        assert box["x"] + box["width"] <= 390
        # One line: the badge does not break in two.
        line = badge.evaluate("el => parseFloat(getComputedStyle(el).lineHeight) || 24")
        assert box["height"] <= line * 1.6, (titles[index], box)
        # What it means, for everyone: the accessible text says it.
        assert "Je gaat" in badge.evaluate("el => el.textContent")
    assert_accessible(phone)
    assert_no_sideways_scrolling(phone)

    # A narrow grid (a small laptop or a tablet held sideways): the badge is a dot with a
    # tick inside its day; its words are there for screen readers.
    phone.set_viewport_size({"width": 900, "height": 800})
    cell_box = cell.bounding_box()
    for index in range(3):
        box = badges.nth(index).bounding_box()
        assert box is not None and inside(box, cell_box), (titles[index], box, cell_box)
        assert box["width"] < 30
    assert badges.first.evaluate("el => el.textContent").strip() == "Je gaat"
    assert_accessible(phone)
