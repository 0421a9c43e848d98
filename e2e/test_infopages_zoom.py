"""At 200% zoom the information pages reflow (WCAG 1.4.10): long titles, long Dutch words, a
long web address in the quick facts and a long changed line in the diff never make the reader
scroll sideways."""

import pytest
from django_scopes import scope
from playwright.sync_api import expect

from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.infopages import actions
from e2e.conftest import assert_no_sideways_scrolling, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Afvalinzamelingsophaaldagenoverzicht voor de Berg en Dalseweg en omgeving"
PAGES = [
    "/b/nijmegen-oost/info/",
    "/b/nijmegen-oost/info/new/",
    "/b/nijmegen-oost/info/{slug}/",
    "/b/nijmegen-oost/info/{slug}/edit/",
    "/b/nijmegen-oost/info/{slug}/check/",
    "/b/nijmegen-oost/info/{slug}/history/",
    "/b/nijmegen-oost/info/{slug}/history/2/",
    "/b/nijmegen-oost/info/{slug}/settings/",
    "/b/nijmegen-oost/info/{slug}/delete/",
]


@pytest.mark.parametrize("path", PAGES)
def test_information_page_fits_at_200_percent_zoom(zoomed_page, live_server, path):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    karim = member(nb, role=Role.CONNECTOR, email="karim@example.nl", first_name="Karim")
    with scope(neighbourhood=nb):
        top = actions.page_create(actor=karim, neighbourhood=nb, title=LONG)
        page = actions.page_create(
            actor=karim,
            neighbourhood=nb,
            parent=top,
            title=LONG + " (gft)",
            facts="Website: https://www.example.org/afval/ophaaldagen/nijmegen-oost/2026/"
            "berg-en-dalseweg-en-omgeving\nGemeentelijkeafvalstoffenheffingsvragen: 14 024",
            body="Kijk op https://www.example.org/afval/ophaaldagen/nijmegen-oost/2026/berg-en-"
            "dalseweg-en-omgeving-groenteafval-fruitafval-tuinafval voor alle data. " * 3,
        )
        actions.page_update(
            actor=karim,
            page=page,
            base_version=1,
            title=page.title,
            body=page.body.replace("voor alle data", "voor alle ophaaldagen van dit jaar"),
            facts=page.facts,
            note="Ophaaldagenoverzichtsaanpassing " * 5,
        )
    log_in_as(zoomed_page, live_server.url, karim)
    assert zoomed_page.goto(path.format(slug=page.slug)).ok
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)
