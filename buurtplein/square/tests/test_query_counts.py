"""Every list page runs the same number of queries for 10 rows as for 100."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.core.photos import attach_photo
from buurtplein.square.models import Visibility
from buurtplein.square.tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path, params=None):
    """Queries of one request, after a first request has warmed the caches."""
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def make_posts(nb, n, settings, **kwargs):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200  # every row on one page
    return [PostFactory(neighbourhood=nb, **kwargs) for _ in range(n)]


@pytest.mark.parametrize("path", ["/b/nijmegen-oost/", "/b/nijmegen-oost/posts/"])
def test_feed_queries_do_not_grow_with_posts(client, nb, resident, settings, path, tmp_path):
    from buurtplein.core.tests.factories import jpeg_bytes
    from buurtplein.square import actions

    client.force_login(resident)
    posts = make_posts(nb, 10, settings)
    # Photos, reactions, saves and pins make every part of a card appear.
    from django.core.files.uploadedfile import SimpleUploadedFile

    with scope(neighbourhood=nb):
        for post in posts[:3]:
            upload = SimpleUploadedFile("a.jpg", jpeg_bytes((60, 40)), content_type="image/jpeg")
            attach_photo(owner=post, upload=upload)
            actions.reaction_set(user=resident, post=post, kind="heart")
            actions.save_toggle(user=resident, post=post)
        actions.post_pin(actor=resident, post=posts[0])
    ten = count_queries(client, path)
    make_posts(nb, 90, settings)
    hundred = count_queries(client, path)
    assert ten == hundred
    # The home adds the other components' blocks: one query each at most (buurthulp's two,
    # the interests, the ambassadors' testimonials).
    assert ten <= 17


def test_anonymous_feed_queries_do_not_grow(client, nb, settings):
    make_posts(nb, 10, settings, visibility=Visibility.PUBLIC)
    ten = count_queries(client, "/b/nijmegen-oost/")
    make_posts(nb, 90, settings, visibility=Visibility.PUBLIC)
    assert count_queries(client, "/b/nijmegen-oost/") == ten


def test_saved_list_queries_do_not_grow(client, nb, resident, settings):
    from buurtplein.square import actions

    client.force_login(resident)
    with scope(neighbourhood=nb):
        for post in make_posts(nb, 10, settings):
            actions.save_toggle(user=resident, post=post)
    ten = count_queries(client, "/b/nijmegen-oost/posts/saved/")
    with scope(neighbourhood=nb):
        for post in make_posts(nb, 90, settings):
            actions.save_toggle(user=resident, post=post)
    assert count_queries(client, "/b/nijmegen-oost/posts/saved/") == ten


def test_search_queries_do_not_grow(client, nb, resident, settings):
    client.force_login(resident)
    make_posts(nb, 10, settings, text="Wie heeft er een ladder?")
    ten = count_queries(client, "/b/nijmegen-oost/posts/search/", {"q": "ladder"})
    make_posts(nb, 90, settings, text="Wie heeft er een ladder?")
    assert count_queries(client, "/b/nijmegen-oost/posts/search/", {"q": "ladder"}) == ten


def test_post_with_comments_queries_do_not_grow(client, nb, resident):
    client.force_login(resident)
    post = PostFactory(neighbourhood=nb)
    for _ in range(10):
        CommentFactory(post=post)
    path = f"/b/nijmegen-oost/posts/{post.pk}/"
    ten = count_queries(client, path)
    for _ in range(90):
        CommentFactory(post=post)
    assert count_queries(client, path) == ten
