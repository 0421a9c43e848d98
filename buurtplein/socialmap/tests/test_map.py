"""The map view: only with a tile server set (``BUURTPLEIN_MAP_TILES``), the same results as
the list, which stays below it. No tile server is needed to test it."""

import json
import re

import pytest
from django.test import override_settings

from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap.tests.factories import LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db
TILES = "https://tiles.example.nl/{z}/{x}/{y}.png"


@pytest.fixture
def nb():
    nb = NeighbourhoodFactory()
    located = ServiceFactory(neighbourhood=nb, name="Geldloket")
    LocationFactory(service=located, name="De Klinker", latitude=51.84, longitude=5.87)
    LocationFactory(service=ServiceFactory(neighbourhood=nb, name="Taalcafé"))
    return nb


def test_without_a_tile_server_there_is_no_map(client, nb):
    url = nb_reverse("socialmap:list", nb)
    page = client.get(url).content.decode()
    assert "view=map" not in page and "leaflet" not in page
    page = client.get(url, {"view": "map"}).content.decode()
    assert 'id="sk-map"' not in page and "leaflet" not in page
    assert "Geldloket" in page and "Taalcafé" in page


@override_settings(BUURTPLEIN_MAP_TILES=TILES)
def test_the_map_shows_the_same_results_with_the_list(client, nb):
    url = nb_reverse("socialmap:list", nb)
    listing = client.get(url, {"domain": "money"}).content.decode()
    assert "?view=map&amp;domain=money" in listing and 'id="sk-map"' not in listing
    page = client.get(url, {"view": "map", "domain": "money"}).content.decode()
    assert f'data-tiles="{TILES}"' in page
    assert "vendor/leaflet/leaflet" in page and "socialmap/map" in page
    data = re.search(r'<script id="sk-map-data" type="application/json">(.*?)</script>', page)
    markers = json.loads(data.group(1))
    assert [(m["name"], m["place"], m["lat"], m["lon"]) for m in markers] == [
        ("Geldloket", "De Klinker", 51.84, 5.87)
    ]
    assert "Geldloket" in page and "Taalcafé" in page  # the list stays


@override_settings(BUURTPLEIN_MAP_TILES="http://127.0.0.1:8765/{z}/{x}/{y}.png")
def test_only_the_map_view_lets_the_tile_server_through_the_csp(client, nb):
    """The setting is read when the page is made (an environment variable, or a test's
    override): the map view's Content-Security-Policy allows the tile server's images, with
    its port; the list's (and every other page's) does not."""

    def policy(response) -> dict[str, list[str]]:
        directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
        return {
            name: [s for s in sources if not s.startswith("'nonce-")]
            for name, *sources in directives
        }

    url = nb_reverse("socialmap:list", nb)
    listing, shown = policy(client.get(url)), policy(client.get(url, {"view": "map"}))
    assert shown["img-src"] == ["'self'", "data:", "blob:", "http://127.0.0.1:8765"]
    assert listing["img-src"] == ["'self'", "data:", "blob:"]
    assert {**shown, "img-src": listing["img-src"]} == listing  # nothing else changes


def test_a_tile_server_with_subdomains_is_allowed_as_a_wildcard():
    from buurtplein.socialmap.views import tiles_source

    assert tiles_source("https://{s}.tile.example.nl/{z}/{x}/{y}.png") == (
        "https://*.tile.example.nl"
    )
    assert tiles_source("https://tiles.example.nl:8443/osm/{z}/{x}/{y}.png") == (
        "https://tiles.example.nl:8443"
    )
