"""The demo data: what a person trying the demo notices."""

import os
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.accounts.models import User
from buurtplein.core.models import Neighbourhood
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.square.models import Post, PostPhoto

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The tiny demo, seeded once for this module (``seeded_demo`` in the root conftest)."""
    return seeded_demo


def _on_disk(demo, variant):
    """A photo file of the demo, in the seeded demo's media folder."""
    return Image.open(demo.media_root / variant.name)


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


def test_visitors_see_public_posts_and_pinned_notices(demo):
    page = Client().get("/b/nijmegen-oost/").content.decode()
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        public = Post.objects.filter(visibility="public").order_by("-created_at").first()
        members_only = Post.objects.filter(visibility="members").first()
        assert Post.objects.filter(pinned_at__isnull=False).exists()
    assert public.title in page
    assert members_only.text_html not in page


def test_force_refuses_to_add_the_demo_neighbourhoods_twice(demo):
    with pytest.raises(CommandError, match="Nijmegen-Oost"):
        call_command("seed_demo", scale="tiny", force=True, verbosity=0)


def test_the_readme_commands_are_the_demo_apps():
    """``manage.py demo`` (the README's first command) and ``seed_demo`` come from the demo
    app, not from core."""
    from django.core.management import get_commands

    commands = get_commands()
    assert commands["demo"] == commands["seed_demo"] == "buurtplein.demo"


def test_email_links_point_to_the_port_the_demo_serves_on(
    demo, monkeypatch, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """``manage.py demo --port 8123``: a newcomer's welcome e-mail links to port 8123, in
    this process and in the task worker the demo starts (which inherits the environment)."""
    from buurtplein.accounts import actions as account_actions
    from buurtplein.core.models import Membership
    from buurtplein.demo.management.commands.demo import use_port_for_links

    monkeypatch.setenv("BUURTPLEIN_BASE_URL", "")
    monkeypatch.delenv("BUURTPLEIN_BASE_URL")
    settings.BUURTPLEIN_BASE_URL = settings.BUURTPLEIN_BASE_URL  # restored after the test
    assert use_port_for_links(8123) == "http://127.0.0.1:8123"
    assert os.environ["BUURTPLEIN_BASE_URL"] == "http://127.0.0.1:8123"  # for the worker
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        newcomer = Membership.objects.filter(status=Membership.Status.PENDING).first()
        connector = User.objects.get(email="demo-buurtverbinder@buurtplein.nl")
        with django_capture_on_commit_callbacks(execute=True):
            account_actions.membership_approve(actor=connector, membership=newcomer)
    (mail,) = mailoutbox
    assert "http://127.0.0.1:8123/b/nijmegen-oost/" in mail.body
    assert ":8000" not in mail.body


def test_an_address_set_explicitly_is_kept(monkeypatch, settings):
    from buurtplein.demo.management.commands.demo import use_port_for_links

    monkeypatch.setenv("BUURTPLEIN_BASE_URL", "https://buurt.example.nl/")
    settings.BUURTPLEIN_BASE_URL = settings.BUURTPLEIN_BASE_URL
    assert use_port_for_links(8123) == "https://buurt.example.nl"


def _fits(text: str, templates: list[str]) -> bool:
    """Whether ``text`` is one of ``templates`` with its {placeholders} filled in."""
    for template in templates:
        pattern = re.escape(template)
        pattern = re.sub(r"\\\{\w+\\\}", ".+", pattern)
        if re.fullmatch(pattern, text):
            return True
    return False


def test_every_profile_text_fits_the_persons_role(demo):
    """No retired bike repairer on a welfare worker's profile: what people write about
    themselves fits their role, and a professional names their organisation."""
    from buurtplein.core.models import Membership, Role
    from buurtplein.demo import data

    with scopes_disabled():
        memberships = list(
            Membership.objects.select_related("user__profile", "organisation").filter(
                status=Membership.Status.VERIFIED
            )
        )
    roles = {membership.role for membership in memberships}
    assert roles == {Role.RESIDENT, Role.CONNECTOR, Role.PROFESSIONAL, Role.ADMIN}
    for membership in memberships:
        intro = membership.user.profile.intro
        templates = data.ROLE_INTROS.get(membership.role, data.INTROS)
        assert _fits(intro, templates), f"{membership.role}: {intro}"
        if membership.role == Role.PROFESSIONAL:
            assert membership.organisation.name in intro
        if membership.role != Role.RESIDENT:
            assert "in ruste" not in intro and "Student" not in intro


def test_every_extra_line_sign_off_and_comment_fits_its_post(demo):
    """A post's extra line is one written for that post, its sign-off suits its kind (no
    "Alvast bedankt." under news), and every comment fits the kind of post."""
    from buurtplein.demo import data

    extras = {title: own for _c, title, _t, _p, own in data.POSTS}
    with scopes_disabled():
        posts = list(Post.objects.prefetch_related("comments"))
    square_posts = [p for p in posts if _fits(p.title, list(extras))]  # not the clubs' posts
    assert len(square_posts) >= 10
    for post in square_posts:
        template = next(t for t in extras if _fits(post.title, [t]))
        paragraphs = post.text.split("\n\n")[1:]
        if paragraphs and paragraphs[-1] in data.SIGN_OFFS[post.category]:
            paragraphs.pop()
        assert len(paragraphs) <= 1, post.text
        for paragraph in paragraphs:
            assert _fits(paragraph, list(extras[template])), f"{post.title}: {paragraph}"
        for comment in post.comments.all():
            assert comment.text in data.COMMENTS[post.category], f"{post.title}: {comment.text}"


def test_the_demo_buurtverbinder_finds_open_reports_in_the_queue(demo):
    client = Client()
    email = next(login[0] for login in DEMO_LOGINS if login[4] == "buurtverbinder")
    client.login(email=email, password=DEMO_PASSWORD)
    page = client.get("/b/nijmegen-oost/reports/").content.decode()
    assert "prik ik je banden lek" in page
    assert "Geen open meldingen" not in page
    assert '<span class="badge nav-count">3</span>' in page


# The photos on disk (the module's own media folder) carry no metadata.


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
            with _on_disk(demo, variant) as image:
                assert not image.getexif()
                assert "exif" not in image.info and "icc_profile" not in image.info
    assert all(photo.alt_text for photo in photos)


def test_a_share_of_the_offers_has_a_drawn_photo_without_metadata(demo):
    from buurtplein.exchange.models import Item, ItemPhoto

    with scopes_disabled():
        items = list(Item.objects.prefetch_related("photos"))
        photos = list(ItemPhoto.objects.select_related("item"))
    with_photo = [item for item in items if item.photos.all()]
    assert 0 < len(with_photo) < len(items)
    assert all(item.direction == "offer" and item.kind == "things" for item in with_photo)
    for photo in photos:
        assert photo.item.title in photo.alt_text
        for variant in (photo.large, photo.medium, photo.thumb):
            with _on_disk(demo, variant) as image:
                assert not image.getexif()
