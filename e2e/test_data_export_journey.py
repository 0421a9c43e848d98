"""A resident downloads their data: on "Je account" she asks for it, sees it being made, gets
it, and the link in her e-mail gives her the zip; the page passes axe on the way."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from buurtplein.accounts.models import DataExport
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import PostFactory
from e2e.conftest import link_from_last_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_downloads_her_data(browser_session, live_server):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    anouk = member(nb, email="anouk@example.nl", first_name="Anouk", language="nl")
    PostFactory(neighbourhood=nb, author=anouk, title="Geveltuin", text="Tegel eruit!")
    b = browser_session
    b.log_in_as(anouk)

    # While a file is being made, the page shows how far it is.
    running = DataExport.objects.create(
        user=anouk, state=DataExport.State.BUILDING, step=2, steps=12
    )
    page = b.goto("/me/")
    expect(page.get_by_text("deel 2 van 12 is klaar")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", "2")
    # The page asks again by itself (htmx, every 2 seconds): the next step shows up.
    DataExport.objects.filter(pk=running.pk).update(step=5)
    expect(page.get_by_text("deel 5 van 12 is klaar")).to_be_visible()
    DataExport.objects.filter(pk=running.pk).update(state=DataExport.State.FAILED)
    expect(page.get_by_text("niet gelukt")).to_be_visible()
    b.check()

    # She asks again; the file is made (the tests run tasks at once) and ready to download.
    page.get_by_role("button", name="Download je gegevens").click()
    expect(page.get_by_text(re.compile("Je bestand is klaar"))).to_be_visible()
    b.check()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het bestand").click()
    archive = zipfile.ZipFile(download.value.path())
    assert "square.json" in archive.namelist()
    assert "Tegel eruit!" in archive.read("square.json").decode()

    # The link in her e-mail gives the same file.
    link = link_from_last_mail("anouk@example.nl").removeprefix("http://testserver")
    response = page.request.get(live_server.url + re.sub(r"^https?://[^/]+", "", link))
    assert response.ok
    assert "README.txt" in zipfile.ZipFile(io.BytesIO(response.body())).namelist()
