"""What residents notice on the square: posting, photos, reading, reacting, saving, sharing."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled
from PIL import Image

from buurtplein.core.models import AuditEntry, Membership
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.moderation.models import Report
from buurtplein.square.models import Post, PostPhoto, Visibility
from buurtplein.square.tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def url(nb, path=""):
    return f"/b/{nb.slug}/posts/{path}"


def test_resident_posts_with_a_photo_and_the_gps_location_is_gone(client, nb, resident):
    client.force_login(resident)
    photo = SimpleUploadedFile("kat.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client.post(
        url(nb, "new/"),
        {
            "category": "lost_found",
            "title": "Kat gevonden",
            "text": "Zwarte kat met witte pootjes in de **Berg en Dalseweg**.",
            "visibility": "members",
            "photos": [photo],
            "alt_text": "Zwarte kat met witte pootjes",
        },
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        post = Post.objects.get()
        stored = PostPhoto.objects.get(post=post)
    assert post.text_html.count("<strong>") == 1
    assert stored.alt_text == "Zwarte kat met witte pootjes"
    for variant in (stored.large, stored.medium, stored.thumb):
        with Image.open(variant.path) as image:
            exif = image.getexif()
            assert not exif, f"{variant.name} still has EXIF: {dict(exif)}"
            assert 0x8825 not in exif.get_ifd(0x8825) and not image.info.get("exif")
    page = client.get(response["Location"]).content.decode()
    assert "Kat gevonden" in page
    assert stored.medium.url in page


def test_a_text_file_named_jpg_is_refused_with_a_clear_message(client, nb, resident):
    client.force_login(resident)
    fake = SimpleUploadedFile("foto.jpg", b"dit is geen foto", content_type="image/jpeg")
    response = client.post(
        url(nb, "new/"),
        {
            "category": "tip",
            "text": "Mijn tekst blijft staan",
            "visibility": "members",
            "photos": [fake],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "geen foto die we kunnen gebruiken" in page
    assert "Mijn tekst blijft staan" in page
    with scope(neighbourhood=nb):
        assert not Post.objects.exists()


def test_a_decompression_bomb_is_refused(client, nb, resident, settings):
    settings.BUURTPLEIN_MAX_IMAGE_PIXELS = 1_000_000
    client.force_login(resident)
    out = io.BytesIO()
    Image.new("L", (2000, 2000)).save(out, "PNG")
    bomb = SimpleUploadedFile("groot.png", out.getvalue(), content_type="image/png")
    response = client.post(
        url(nb, "new/"),
        {"category": "tip", "text": "Groot", "visibility": "members", "photos": [bomb]},
    )
    assert response.status_code == 400
    assert "te veel pixels" in response.content.decode()


def test_more_than_six_photos_is_refused_and_the_text_is_kept(client, nb, resident):
    client.force_login(resident)
    photos = [
        SimpleUploadedFile(f"{i}.jpg", jpeg_bytes((40, 30)), content_type="image/jpeg")
        for i in range(7)
    ]
    response = client.post(
        url(nb, "new/"),
        {"category": "news", "text": "Straatfeest!", "visibility": "members", "photos": photos},
    )
    assert response.status_code == 400
    assert "Straatfeest!" in response.content.decode()


def test_outsiders_see_only_public_posts_members_see_all(client, nb, other_nb, resident):
    PostFactory(neighbourhood=nb, title="Alleen voor buren")
    PostFactory(neighbourhood=nb, title="Voor iedereen", visibility=Visibility.PUBLIC)
    PostFactory(neighbourhood=other_nb, title="Andere buurt", visibility=Visibility.PUBLIC)

    anonymous = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Voor iedereen" in anonymous
    assert "Alleen voor buren" not in anonymous
    assert "Andere buurt" not in anonymous

    client.force_login(resident)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Voor iedereen" in page and "Alleen voor buren" in page
    assert "Andere buurt" not in page


def test_a_pending_member_sees_only_public_posts(client, nb):
    pending = member(nb, status=Membership.Status.PENDING)
    PostFactory(neighbourhood=nb, title="Alleen voor buren")
    client.force_login(pending)
    assert "Alleen voor buren" not in client.get(f"/b/{nb.slug}/").content.decode()


def test_a_member_of_another_neighbourhood_cannot_read_our_posts(client, nb, other_nb):
    post = PostFactory(neighbourhood=nb, title="Geheim van Oost", text="Sleutel onder de mat")
    stranger = member(other_nb)
    client.force_login(stranger)
    for path in ("", "search/?q=mat", "saved/"):
        assert "Sleutel onder de mat" not in client.get(url(nb, path)).content.decode()
    preview = client.get(url(nb, f"{post.pk}/")).content.decode()
    assert "Sleutel onder de mat" not in preview and "Geheim van Oost" not in preview
    # Their own neighbourhood's address for our post id does not find it either.
    assert client.get(url(other_nb, f"{post.pk}/")).status_code == 404


def test_members_only_post_shows_outsiders_a_neutral_preview(client, nb, resident):
    post = PostFactory(neighbourhood=nb, title="Buurtbarbecue", text="Zaterdag bij Els, nr 12")
    page = client.get(url(nb, f"{post.pk}/")).content.decode()
    assert "Buurtbarbecue" not in page and "nr 12" not in page
    assert "alleen voor buren" in page.lower()
    assert re.search(r'property="og:title" content="Nijmegen-Oost"', page)

    client.force_login(resident)
    page = client.get(url(nb, f"{post.pk}/")).content.decode()
    assert 'property="og:title" content="Buurtbarbecue"' in page
    assert "https://wa.me/?text=" in page and "mailto:?subject=" in page


def test_pinned_post_is_on_top_of_the_feed(client, nb, resident, connector):
    old = PostFactory(neighbourhood=nb, title="Belangrijk: wateroverlast")
    PostFactory(neighbourhood=nb, title="Nieuwer bericht")
    client.force_login(connector)
    client.post(url(nb, f"{old.pk}/pin/"))
    client.force_login(resident)
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert page.index("Belangrijk: wateroverlast") < page.index("Nieuwer bericht")
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="square.post.pin", actor=connector).exists()


def test_feed_pages_follow_each_other_without_gaps_or_repeats(client, nb, resident, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 4
    titles = [PostFactory(neighbourhood=nb, title=f"Bericht {i:02d}").title for i in range(10)]
    client.force_login(resident)
    seen, path = [], url(nb)
    while path:
        page = client.get(path).content.decode()
        seen += re.findall(r"Bericht \d\d", page)
        more = re.search(r'href="([^"]*\?after=[^"&]+)[^"]*"', page)
        path = more.group(1).replace("&amp;", "&") if more else None
    assert seen == list(reversed(titles))


def test_a_garbled_cursor_shows_the_first_page(client, nb, resident):
    PostFactory(neighbourhood=nb, title="Eerste bericht")
    client.force_login(resident)
    response = client.get(url(nb), {"after": "%%%niet-geldig"})
    assert response.status_code == 200
    assert "Eerste bericht" in response.content.decode()


def test_react_save_and_find_it_again_under_saved(client, nb, resident):
    post = PostFactory(neighbourhood=nb, title="Repair café zaterdag")
    client.force_login(resident)
    client.post(url(nb, f"{post.pk}/react/"), {"kind": "heart"})
    client.post(url(nb, f"{post.pk}/save/"))
    with scope(neighbourhood=nb):
        post.refresh_from_db()
    assert post.reaction_count == 1
    saved = client.get(url(nb, "saved/")).content.decode()
    assert "Repair café zaterdag" in saved
    assert 'aria-pressed="true"' in saved  # heart and saved are shown as chosen
    # Same reaction again takes it back; saving again un-saves.
    client.post(url(nb, f"{post.pk}/react/"), {"kind": "heart"})
    client.post(url(nb, f"{post.pk}/save/"))
    with scope(neighbourhood=nb):
        post.refresh_from_db()
    assert post.reaction_count == 0
    assert "Repair café zaterdag" not in client.get(url(nb, "saved/")).content.decode()


def test_react_with_htmx_returns_the_updated_actions(client, nb, resident):
    post = PostFactory(neighbourhood=nb)
    client.force_login(resident)
    response = client.post(url(nb, f"{post.pk}/react/"), {"kind": "thumb"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div class="post-actions"')
    assert "1 waardering" in html


def test_comment_with_and_without_htmx(client, nb, resident):
    post = PostFactory(neighbourhood=nb)
    client.force_login(resident)
    response = client.post(url(nb, f"{post.pk}/comment/"), {"text": "Ik kom **ook**!"})
    assert response.status_code == 302
    response = client.post(
        url(nb, f"{post.pk}/comment/"), {"text": "Ik neem taart mee"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Ik kom <strong>ook</strong>!" in html and "Ik neem taart mee" in html
    with scope(neighbourhood=nb):
        post.refresh_from_db()
    assert post.comment_count == 2


def test_an_empty_comment_is_refused_with_a_message(client, nb, resident):
    post = PostFactory(neighbourhood=nb)
    client.force_login(resident)
    response = client.post(url(nb, f"{post.pk}/comment/"), {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf een reactie" in response.content.decode()


def test_author_edits_and_deletes_but_a_neighbour_cannot(client, nb, resident):
    post = PostFactory(neighbourhood=nb, author=resident, text="Oude tekst")
    neighbour = member(nb)
    client.force_login(neighbour)
    assert client.get(url(nb, f"{post.pk}/edit/")).status_code == 403
    assert client.post(url(nb, f"{post.pk}/delete/")).status_code == 403
    client.force_login(resident)
    client.post(
        url(nb, f"{post.pk}/edit/"),
        {"category": "tip", "text": "Nieuwe tekst", "visibility": "public"},
    )
    with scope(neighbourhood=nb):
        post.refresh_from_db()
    assert post.text == "Nieuwe tekst" and post.edited_at and post.visibility == "public"
    client.post(url(nb, f"{post.pk}/delete/"))
    assert client.get(url(nb, f"{post.pk}/")).status_code == 404


def test_connector_removes_a_comment_and_it_is_logged(client, nb, connector):
    comment = CommentFactory(post=PostFactory(neighbourhood=nb), text="Scheldwoord")
    client.force_login(connector)
    client.post(url(nb, f"comments/{comment.pk}/delete/"))
    assert "Scheldwoord" not in client.get(url(nb, f"{comment.post_id}/")).content.decode()
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="square.comment.delete").count() == 1


def test_report_is_stored_once_per_person(client, nb, resident):
    post = PostFactory(neighbourhood=nb)
    client.force_login(resident)
    client.post(url(nb, f"{post.pk}/report/"), {"reason": "spam", "note": "Reclame"})
    response = client.post(url(nb, f"{post.pk}/report/"), {"reason": "rude"}, follow=True)
    assert "al gemeld" in response.content.decode()
    with scope(neighbourhood=nb):
        report = Report.objects.get()
    assert report.target == post and report.reason == "spam" and report.status == "open"


def test_after_reacting_without_javascript_you_never_leave_the_site(client, nb, resident):
    post = PostFactory(neighbourhood=nb)
    client.force_login(resident)
    response = client.post(
        url(nb, f"{post.pk}/react/"), {"kind": "heart", "next": "https://evil.example/"}
    )
    assert response["Location"] == f"/b/{nb.slug}/posts/{post.pk}/"
    response = client.post(url(nb, f"{post.pk}/save/"), {"next": f"/b/{nb.slug}/posts/saved/"})
    assert response["Location"] == f"/b/{nb.slug}/posts/saved/"


def test_the_feed_shows_an_edit_and_a_pin_at_once(client, nb, resident, connector):
    post = PostFactory(neighbourhood=nb, author=resident, text="Eerste versie")
    client.force_login(resident)
    assert "Eerste versie" in client.get(f"/b/{nb.slug}/").content.decode()
    client.post(
        url(nb, f"{post.pk}/edit/"),
        {"category": "tip", "text": "Tweede versie", "visibility": "members"},
    )
    page = client.get(f"/b/{nb.slug}/").content.decode()
    assert "Tweede versie" in page and "Eerste versie" not in page
    client.force_login(connector)
    client.post(url(nb, f"{post.pk}/pin/"))
    assert "Vastgezet" in client.get(f"/b/{nb.slug}/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Pinned" in client.get(f"/b/{nb.slug}/").content.decode()
