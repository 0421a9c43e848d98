"""A buurtverbinder lets in a neighbour who asked to join without an invite code."""

import pytest
from playwright.sync_api import expect

from buurtplein.core.models import Membership, Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.conftest import nav_link, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_buurtverbinder_lets_a_waiting_neighbour_in(browser_session):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    els = verified(member(neighbourhood, role=Role.CONNECTOR, email="els@example.nl"))
    member(
        neighbourhood,
        status=Membership.Status.PENDING,
        first_name="Mohamed",
        last_name="El Amrani",
        email="mohamed@example.nl",
    )
    browser_session.log_in(els.email, next_path="/b/nijmegen-oost/neighbours/pending/")
    page = browser_session.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvragen om mee te doen")
    expect(page.locator("main")).to_contain_text("Mohamed El Amrani")
    browser_session.check()

    page.get_by_role("button", name="Laat Mohamed toe").click()

    expect(page.locator("main")).to_contain_text("Er wachten geen aanvragen. Goed gedaan!")
    expect(page.get_by_role("button", name="Laat Mohamed toe")).to_have_count(0)
    browser_session.check()
    nav_link(page, "Buren").click()
    expect(page.locator("main")).to_contain_text("Mohamed")
    browser_session.check()
