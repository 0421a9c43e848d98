"""The demo data: what a person trying the demo notices."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.accounts.models import User
from buurtplein.core.models import Neighbourhood
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.square.models import Post, PostPhoto

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
        photos = list(PostPhoto.objects.select_related("post"))
    shown = [photo for photo in photos if photo.thumb.url in page]
    assert shown, "no photo on the home of Nijmegen-Oost"
    for photo in photos:
        for variant in (photo.large, photo.medium, photo.thumb):
            with Image.open(variant.path) as image:
                assert not image.getexif()
                assert "exif" not in image.info and "icc_profile" not in image.info
    assert all(photo.alt_text for photo in photos)


def test_visitors_see_public_posts_and_pinned_notices(demo):
    page = Client().get("/b/nijmegen-oost/").content.decode()
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        public = Post.objects.filter(visibility="public").order_by("-created_at").first()
        members_only = Post.objects.filter(visibility="members").first()
        assert Post.objects.filter(pinned_at__isnull=False).exists()
    assert public.title in page
    assert members_only.text_html not in page


def _seeded(seed):
    """What seeding with ``seed`` writes, rolled back afterwards."""
    with transaction.atomic():
        call_command("seed_demo", scale="tiny", seed=seed, verbosity=0)
        with scopes_disabled():
            posts = list(Post.objects.order_by("pk").values_list("title", "text", "category"))
            people = list(User.objects.order_by("pk").values_list("email", "first_name"))
        transaction.set_rollback(True)
    return posts, people


def test_the_same_seed_gives_the_same_square(db):
    assert _seeded(7) == _seeded(7)
    assert _seeded(7)[0] != _seeded(8)[0]


def test_force_refuses_to_add_the_demo_neighbourhoods_twice(demo):
    with pytest.raises(CommandError, match="Nijmegen-Oost"):
        call_command("seed_demo", scale="tiny", force=True, verbosity=0)


def test_the_readme_commands_are_the_demo_apps():
    """``manage.py demo`` (the README's first command) and ``seed_demo`` come from the demo
    app, not from core."""
    from django.core.management import get_commands

    commands = get_commands()
    assert commands["demo"] == commands["seed_demo"] == "buurtplein.demo"


def test_the_demo_buurtverbinder_finds_open_reports_in_the_queue(demo):
    client = Client()
    email = next(login[0] for login in DEMO_LOGINS if login[4] == "buurtverbinder")
    client.login(email=email, password=DEMO_PASSWORD)
    page = client.get("/b/nijmegen-oost/reports/").content.decode()
    assert "prik ik je banden lek" in page
    assert "Geen open meldingen" not in page
    assert '<span class="badge nav-count">3</span>' in page
