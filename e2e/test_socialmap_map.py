"""The sociale kaart's map view against a real tile server, in a real browser on a desktop and
on a phone, axe on every page.

There is no internet here, so the test runs its own tile server: a thread with
``http.server`` that answers one small PNG for any ``/{z}/{x}/{y}.png`` and notes every path it
is asked for. ``BUURTPLEIN_MAP_TILES`` names it (on another port than the live server, so
another origin: the page's Content-Security-Policy must allow it). Fatima opens the list, then
"Kaart":

1. Leaflet asks the tile server for tiles and shows them; the page reports no CSP violation.
2. The list stays the main view: every service is still listed below the map, in the same
   order, and the filters still work on the map view.
3. With the keyboard alone she reaches the map (the arrow keys move it: new tiles come), a
   marker (Enter opens its popup) and the link in it, which opens the service.
"""

import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.tests.factories import LocationFactory, ServiceFactory
from e2e.conftest import Browser, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILE_PATH = re.compile(r"^/(\d+)/(\d+)/(\d+)\.png$")


def tile_png() -> bytes:
    image = Image.new("RGB", (256, 256), "#dfe9dc")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def tile_server():
    """A tiny tile server on a free port of 127.0.0.1: ``(url template, requested paths)``."""
    png = tile_png()
    asked: list[str] = []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):
            if not TILE_PATH.match(self.path):
                self.send_error(404)
                return
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png", asked
    server.shutdown()
    server.server_close()


def test_the_map_shows_tiles_from_the_tile_server_and_the_list_stays(
    browser_session: Browser, tile_server, settings
):
    tiles, asked = tile_server
    settings.BUURTPLEIN_MAP_TILES = tiles
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    fatima = verified(member(nb, first_name="Fatima"))
    loket = ServiceFactory(neighbourhood=nb, name="Geldloket", life_domains=["money"])
    LocationFactory(service=loket, name="De Klinker", latitude=51.8405, longitude=5.8790)
    cafe = ServiceFactory(neighbourhood=nb, name="Taalcafé", life_domains=["language"])
    LocationFactory(service=cafe, name="Bibliotheek Oost", latitude=51.8441, longitude=5.8842)
    ServiceFactory(neighbourhood=nb, name="Formulierenhulp", life_domains=["money"])  # no place

    me = browser_session
    page = me.page
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' "
        "+ e.blockedURI));"
    )
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    me.log_in_as(fatima)
    page = me.goto("/b/nijmegen-oost/services/")
    listed = page.locator("#sk-list article h3")
    names = listed.all_inner_texts()
    assert sorted(names) == ["Formulierenhulp", "Geldloket", "Taalcafé"]
    expect(page.locator("#sk-map")).to_have_count(0)
    page.get_by_role("navigation", name="Tonen als").get_by_role("link", name="Kaart").click()

    # Tiles from the tile server, shown; no CSP violation.
    expect(page.locator("#sk-map img.leaflet-tile-loaded").first).to_be_visible()
    origin = tiles.split("/{z}")[0]
    sources = page.locator("#sk-map img.leaflet-tile").evaluate_all("els => els.map(e => e.src)")
    assert sources and all(src.startswith(origin + "/") for src in sources)
    assert asked and all(TILE_PATH.match(path) for path in asked)
    me.check()
    assert violations == []
    assert not [url for url in failed if not url.startswith(origin)]  # the page loaded whole
    expect(page.locator("#sk-map .leaflet-marker-icon")).to_have_count(2)
    expect(page.locator("#sk-map .leaflet-control-attribution")).to_contain_text("OpenStreetMap")

    # The list stays the main view: all of it, in the same order, below the map.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp en diensten")
    assert listed.all_inner_texts() == names
    map_box = page.locator("#sk-map").bounding_box()
    list_box = page.locator("#sk-list").bounding_box()
    assert list_box["y"] >= map_box["y"] + map_box["height"]
    assert map_box["height"] <= page.viewport_size["height"] * 0.7
    page.get_by_label("Gratis").check()  # the filters keep the map view
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile(r"view=map"))
    expect(page.locator("#sk-map img.leaflet-tile-loaded").first).to_be_visible()

    # The keyboard alone: reach the map, move it, open a marker, follow its link.
    page.locator("main h1").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "sk-map":
            break
    else:
        pytest.fail("Tab never reached the map")
    before = len(asked)
    shown = page.locator("#sk-map img.leaflet-tile").evaluate_all("els => els.map(e => e.src)")
    pane = page.locator("#sk-map .leaflet-map-pane")
    for _ in range(5):  # Leaflet skips a key pressed while it still moves: one at a time
        moved = pane.evaluate("e => e.style.transform")
        page.keyboard.press("ArrowRight")
        expect(pane).not_to_have_attribute("style", re.compile(re.escape(moved)))
        page.wait_for_timeout(300)
    page.wait_for_function(  # new tiles came, from the tile server
        """(shown) => [...document.querySelectorAll('#sk-map img.leaflet-tile-loaded')]
            .some(e => !shown.includes(e.src))""",
        arg=shown,
    )
    zoom = int(asked[-1].split("/")[1])
    page.keyboard.press("-")  # zoom out: tiles of the next level come
    expect(
        page.locator(f"#sk-map img.leaflet-tile-loaded[src*='/{zoom - 1}/']").first
    ).to_be_visible()
    assert len(asked) > before
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')"):
            break
    else:
        pytest.fail("Tab never reached a marker")
    marker = page.evaluate("document.activeElement.getAttribute('title')")
    page.keyboard.press("Enter")
    popup = page.locator("#sk-map .leaflet-popup")
    expect(popup.get_by_role("link", name=marker)).to_be_visible()
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == marker:
            break
    else:
        pytest.fail("Tab never reached the link in the popup")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(marker)
    me.check()
    assert violations == []
