"""Posting on behalf of an organisation (a club, an initiative, the welfare organisation): only
its staff may, the card says "namens …", and the organisation's own posts can be listed."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.square import actions
from buurtplein.square.models import Post
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

MESSAGE = {
    "category": "news",
    "title": "Oogstfeest",
    "text": "Zaterdag oogsten we samen.",
    "visibility": "members",
}


@pytest.fixture
def garden(nb, resident):
    organisation = OrganisationFactory(
        name="Buurtmoestuin", slug="buurtmoestuin", kind="initiative"
    )
    organisation.neighbourhoods.add(nb)
    organisation.staff.add(resident)
    return organisation


def test_staff_post_on_behalf_of_their_organisation_and_the_card_says_so(
    client, nb, resident, garden
):
    client.force_login(resident)
    form = client.get(f"/b/{nb.slug}/posts/new/").content.decode()
    assert "Namens" in form and "Buurtmoestuin" in form and "Mezelf" in form
    response = client.post(f"/b/{nb.slug}/posts/new/", {**MESSAGE, "organisation": garden.pk})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        post = Post.objects.get()
    assert post.organisation == garden and post.author == resident
    detail = client.get(response["Location"]).content.decode()
    assert f'namens <a href="/b/{nb.slug}/organisations/buurtmoestuin/">Buurtmoestuin</a>' in detail
    home = client.get(f"/b/{nb.slug}/").content.decode()
    assert "<strong>Els B.</strong> namens Buurtmoestuin" in home
    # Posting as yourself stays the default.
    client.post(f"/b/{nb.slug}/posts/new/", {**MESSAGE, "title": "Van mij"})
    with scope(neighbourhood=nb):
        assert Post.objects.get(title="Van mij").organisation is None


def test_only_staff_may_post_for_an_organisation(client, nb, resident, garden):
    outsider = member(nb)
    client.force_login(outsider)
    assert "Namens" not in client.get(f"/b/{nb.slug}/posts/new/").content.decode()
    response = client.post(f"/b/{nb.slug}/posts/new/", {**MESSAGE, "organisation": garden.pk})
    # Without organisations of their own the field is not there: the post is simply theirs.
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        assert Post.objects.get().organisation is None
    # Someone who works for another organisation cannot pick this one.
    shop = OrganisationFactory(kind="business")
    shop.neighbourhoods.add(nb)
    shop.staff.add(outsider)
    response = client.post(f"/b/{nb.slug}/posts/new/", {**MESSAGE, "organisation": garden.pk})
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.content.decode()
    assert "Zaterdag oogsten we samen." in response.content.decode()
    # And the action refuses it whoever calls it.
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.post_create(
            author=outsider, neighbourhood=nb, category="news", text="x", organisation=garden
        )
    # Staff of an organisation that is not active here cannot post for it here either.
    garden.neighbourhoods.clear()
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.post_create(
            author=resident, neighbourhood=nb, category="news", text="x", organisation=garden
        )


def test_a_link_preselects_the_organisation_only_for_its_staff(client, nb, resident, garden):
    client.force_login(resident)
    page = client.get(f"/b/{nb.slug}/posts/new/", {"organisation": garden.pk}).content.decode()
    assert re.search(rf'<option value="{garden.pk}" selected>Buurtmoestuin</option>', page)
    other = OrganisationFactory()
    other.neighbourhoods.add(nb)
    page = client.get(f"/b/{nb.slug}/posts/new/", {"organisation": other.pk}).content.decode()
    assert "selected>Buurtmoestuin" not in page
    assert client.get(f"/b/{nb.slug}/posts/new/", {"organisation": "x"}).status_code == 200


def titles(page):
    return re.findall(r'id="post-title-\d+"><a href="[^"]+">([^<]+)</a>', page)


def test_the_feed_lists_only_the_posts_of_one_organisation(client, nb, other_nb, resident, garden):
    PostFactory(neighbourhood=nb, author=resident, title="Voor de tuin", organisation=garden)
    PostFactory(neighbourhood=nb, author=resident, title="Gewoon van Els")
    client.force_login(resident)
    page = client.get(f"/b/{nb.slug}/posts/", {"organisation": garden.pk}).content.decode()
    assert titles(page) == ["Voor de tuin"]
    assert "Berichten namens Buurtmoestuin" in page
    # An organisation of another neighbourhood is no filter here.
    elsewhere = OrganisationFactory()
    elsewhere.neighbourhoods.add(other_nb)
    page = client.get(f"/b/{nb.slug}/posts/", {"organisation": elsewhere.pk}).content.decode()
    assert set(titles(page)) == {"Voor de tuin", "Gewoon van Els"}


def test_the_organisation_feed_pages_with_the_filter_kept_and_fixed_queries(
    client, nb, resident, garden, settings
):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 3
    for n in range(7):
        PostFactory(neighbourhood=nb, author=resident, title=f"Tuin {n}", organisation=garden)
        PostFactory(neighbourhood=nb, author=resident, title=f"Anders {n}")
    client.force_login(resident)
    seen, path = [], f"/b/{nb.slug}/posts/?organisation={garden.pk}"
    while path:
        page = client.get(path).content.decode()
        seen += titles(page)
        more = re.search(r'id="feed-more">\s*<a class="[^"]+" href="([^"]+)"', page)
        path = more.group(1).replace("&amp;", "&") if more else None
    assert sorted(seen) == [f"Tuin {n}" for n in range(7)]

    def count():
        client.get(f"/b/{nb.slug}/posts/", {"organisation": garden.pk})
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/b/{nb.slug}/posts/", {"organisation": garden.pk})
        return len(queries)

    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    ten = count()
    for _ in range(90):
        PostFactory(neighbourhood=nb, author=member(nb), organisation=garden)
    assert count() == ten


def test_an_organisation_that_goes_leaves_the_post_with_its_author(nb, resident, garden):
    post = PostFactory(neighbourhood=nb, author=resident, organisation=garden)
    garden.delete()
    with scopes_disabled():
        post.refresh_from_db()
    assert post.organisation is None and post.author == resident
