"""The demo data: what a person trying the demo notices."""

import pytest
from django.core.management import call_command
from django.test import Client
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.core.models import Neighbourhood
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.square.models import PostPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("seed_demo", scale="tiny", verbosity=0)


def test_three_neighbourhoods_with_postcodes(demo):
    with scopes_disabled():
        names = set(Neighbourhood.objects.values_list("name", flat=True))
    assert names == {"Nijmegen-Oost", "Amersfoort-Liendert", "Ooij"}
    response = Client().get("/", {"postcode": "6576"})
    assert response["Location"] == "/b/ooij/"


def test_the_four_demo_log_ins_work_and_see_the_square(demo):
    for email, first_name, _last, _role, label in DEMO_LOGINS:
        client = Client()
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, f"{label} cannot log in"
        page = client.get("/b/nijmegen-oost/").content.decode()
        assert first_name in client.get("/me/").content.decode()
        assert "Het plein" in page


def test_posts_with_photos_without_metadata_on_the_home(demo):
    client = Client()
    client.login(email=DEMO_LOGINS[0][0], password=DEMO_PASSWORD)
    page = client.get("/b/nijmegen-oost/").content.decode()
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        photo = PostPhoto.objects.first()
    assert photo is not None
    with Image.open(photo.large.path) as image:
        assert not image.getexif()
    assert 'class="card post' in page


def test_seeding_twice_adds_nothing(demo):
    with scopes_disabled():
        before = Neighbourhood.objects.count()
    call_command("seed_demo", scale="tiny", verbosity=0)
    with scopes_disabled():
        assert Neighbourhood.objects.count() == before
