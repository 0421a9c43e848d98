"""The sociale kaart in the console: a worker finds a service and gets its name, phone number
and public link to put into the chat; only active services of the console's neighbourhood."""

import pytest

from buurtplein.core.urls import nb_reverse
from buurtplein.onlinehulp.tests.console_world import console_world
from buurtplein.socialmap.models import State
from buurtplein.socialmap.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


def test_a_worker_finds_a_service_with_its_phone_and_public_link(client):
    w = console_world()
    service = ServiceFactory(neighbourhood=w.here, name="Schuldhulp Oost", phone="024 111 22 33")
    ServiceFactory(neighbourhood=w.here, name="Schuldhulp Oud", state=State.ENDED)
    ServiceFactory(neighbourhood=w.far, name="Schuldhulp Liendert")
    client.force_login(w.worker)
    page = nb_reverse("onlinehulp:console_services", w.here)
    html = client.get(page, {"q": "schuldhulp"}, headers={"HX-Request": "true"}).content.decode()
    link = f"http://testserver/b/nijmegen-oost/services/{service.pk}/"
    assert f'data-service-text="Schuldhulp Oost · 024 111 22 33 · {link}"' in html
    assert "Schuldhulp Oud" not in html and "Liendert" not in html
    # Without the script: a page of its own, with the same list.
    html = client.get(page, {"q": "oost"}).content.decode()
    assert "<h1>Sociale kaart</h1>" in html and "Schuldhulp Oost" in html
    html = client.get(page, {"q": "bakker"}, headers={"HX-Request": "true"}).content.decode()
    assert "No service found for “bakker”." in html
