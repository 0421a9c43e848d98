"""Platform admins configure neighbourhoods in the Django admin."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.models import Neighbourhood
from buurtplein.core.tests.factories import NeighbourhoodFactory, jpeg_bytes

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


# --- The admin in Dutch ----------------------------------------------------------------------


def _our_admin_models():
    from django.contrib import admin

    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("buurtplein.")
    ]


def test_every_name_the_admin_shows_of_our_models_is_translated():
    """Model names and field names come from gettext (the filter titles, the column headers and
    the labels of the admin are made of them): no "Op neighbourhood"."""
    from django.utils.functional import Promise

    untranslated = []
    for model, _model_admin in _our_admin_models():
        opts = model._meta
        for name in ("verbose_name", "verbose_name_plural"):
            if not isinstance(getattr(opts, name), Promise):
                untranslated.append(f"{opts.label}.Meta.{name}")
        for field in opts.get_fields():
            if field.auto_created or not getattr(field, "concrete", False) or field.name == "id":
                continue
            if not isinstance(field.verbose_name, Promise):
                untranslated.append(f"{opts.label}.{field.name}")
    assert untranslated == []


def _visible(html: str) -> str:
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _labels(html: str) -> str:
    """What the admin writes itself (column headers, filter titles, labels, headings), not the
    rows' data."""
    found = re.findall(
        r'(?s)<th scope="col"[^>]*>(.*?)</th>|<label[^>]*>(.*?)</label>|<summary[^>]*>(.*?)'
        r"</summary>|<h[1-3][^>]*>(.*?)</h[1-3]>",
        html,
    )
    return _visible(" | ".join(" ".join(parts) for parts in found))


def test_every_changelist_and_add_page_of_the_admin_is_in_dutch(admin_client):
    """Open each of our models' pages in /admin/ in Dutch: the filter titles ("Op buurt"), the
    search ("Zoek in buurten") and the field names are Dutch, none of our English names show."""
    from django.contrib import admin
    from django.test import RequestFactory
    from django.urls import reverse
    from django.utils import translation

    NeighbourhoodFactory(name="Hatert", slug="hatert")
    NeighbourhoodFactory(name="Lent", slug="lent")  # a filter shows from two choices on
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    english_names = set()
    for model, _model_admin in _our_admin_models():
        for field in model._meta.get_fields():
            if getattr(field, "concrete", False) and not field.auto_created:
                with translation.override("en"):
                    english = str(field.verbose_name)
                with translation.override("nl"):
                    dutch = str(field.verbose_name)
                if english.lower() != dutch.lower() and len(english) > 3:
                    english_names.add(english)
    pages = 0
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls = [reverse("admin:{}_{}_changelist".format(*info))]
        if model_admin.has_add_permission(request):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        for url in urls:
            response = admin_client.get(url)
            assert response.status_code == 200, url
            text = _visible(response.content.decode())
            pages += 1
            assert not re.search(r"\b(Search|Filter by|Pagination|Logout|By)\b", text), (url, text)
            if not model.__module__.startswith("buurtplein."):
                continue
            labels = _labels(response.content.decode())
            for english in english_names:
                assert not re.search(rf"\b{re.escape(english)}\b", labels), (url, english, labels)
    assert pages > 20
    page = admin_client.get("/admin/core/membership/").content.decode()
    assert "Op buurt" in _visible(page)
    assert "Zoek in lidmaatschappen" in page
