"""Platform admins configure neighbourhoods in the Django admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import Neighbourhood
from buurtplein.core.tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "name": "Hatert",
        "slug": "hatert",
        "kind": "district",
        "municipality": "Nijmegen",
        "is_active": "on",
        "colour_primary": "#1d6b52",
        "colour_accent": "#8a3b12",
        "components": ["square"],
        "domains-TOTAL_FORMS": "0",
        "domains-INITIAL_FORMS": "0",
        "postcodes-TOTAL_FORMS": "1",
        "postcodes-INITIAL_FORMS": "0",
        "postcodes-0-pc4": "6534",
        "postcodes-0-pc6": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_creates_a_neighbourhood_with_postcode_and_logo_without_metadata(admin_client):
    logo = SimpleUploadedFile("logo.jpg", jpeg_bytes((600, 400)), content_type="image/jpeg")
    response = admin_client.post("/admin/core/neighbourhood/add/", {**_form_data(), "logo": logo})
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        nb = Neighbourhood.objects.get(slug="hatert")
        assert list(nb.postcodes.values_list("pc4", flat=True)) == ["6534"]
    assert nb.components == ["square"]
    with Image.open(nb.logo.path) as stored:
        assert max(stored.size) == 256
        assert not stored.getexif()


def test_admin_refuses_a_colour_too_light_for_white_text(admin_client):
    response = admin_client.post(
        "/admin/core/neighbourhood/add/", _form_data(colour_primary="#ffee88")
    )
    assert response.status_code == 200
    assert "too light" in response.content.decode() or "te licht" in response.content.decode()
    assert not Neighbourhood.objects.filter(slug="hatert").exists()


def test_switching_a_component_off_hides_it_from_the_neighbourhood(admin_client, client):
    admin_client.post("/admin/core/neighbourhood/add/", _form_data(components=[]))
    assert client.get("/b/hatert/posts/").status_code == 404
    assert client.get("/b/hatert/posts/search/?q=x").status_code == 404
    home = client.get("/b/hatert/").content.decode()
    assert "Zoek op het plein" not in home
