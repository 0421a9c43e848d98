"""Finding help by need in a real browser, on a desktop and on a phone, axe on every page:
a resident finds debt help in their own words.

Anna cannot pay the rent this month. She does not know the word "schuldhulp"; she types what is
going on — "ik kan de huur niet betalen" — on the sociale kaart's list, and the debt help comes
first, before everything else the neighbourhood offers. She opens it.
"""

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.tests.services_nl import SERVICES, make_services
from e2e.conftest import Browser, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = [name for name, *_rest in SERVICES]


@pytest.fixture
def oost(settings):
    settings.BUURTPLEIN_EMBEDDINGS = "off"  # words and needs; meaning is tested elsewhere
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    anna = verified(member(nb, email="anna@example.nl", first_name="Anna"))
    make_services(nb)
    return nb, anna


def results(page):
    """The services on the page, in the order shown (links with the service's name)."""
    main = page.locator("main")
    shown = [text.strip() for text in main.get_by_role("link").all_inner_texts()]
    return [name for name in shown if name in NAMES]


def test_a_resident_finds_debt_help_in_their_own_words(browser_session: Browser, oost):
    nb, anna = oost
    me = browser_session
    me.log_in_as(anna)
    page = me.goto(f"/b/{nb.slug}/services/?q=ik+kan+de+huur+niet+betalen")
    found = results(page)
    assert found[0] in {"Schuldhulpmaatje", "Huurteam"}, found[:4]
    assert {"Schuldhulpmaatje", "Huurteam"} <= set(found[:4])
    assert "Taalhuis" not in found

    page = me.goto(f"/b/{nb.slug}/services/?q=eenzaam")
    assert results(page)[0] in {"Maatjesproject Samen", "Inloop Buurthuis De Klinker"}

    page = me.goto(f"/b/{nb.slug}/services/?q=schulden")
    page.locator("main").get_by_role("link", name="Schuldhulpmaatje").first.click()
    page.wait_for_load_state("load")
    me.check()
    expect(page.locator("main h1")).to_have_text("Schuldhulpmaatje")
