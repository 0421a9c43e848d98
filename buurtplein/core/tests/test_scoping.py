"""Tenancy is enforced: unscoped queries fail, requests only see their neighbourhood."""

import pytest
from django_scopes import scope
from django_scopes.exceptions import ScopeError

from buurtplein.core.models import Membership, NeighbourhoodDomain
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.urls import nb_reverse

pytestmark = pytest.mark.django_db


def test_membership_query_without_a_neighbourhood_in_scope_is_refused():
    with pytest.raises(ScopeError):
        list(Membership.objects.all())


def test_scoped_query_sees_only_its_own_neighbourhood():
    oost, west = NeighbourhoodFactory(), NeighbourhoodFactory()
    member(oost)
    member(west)
    member(west)
    with scope(neighbourhood=oost):
        assert Membership.objects.count() == 1
    with scope(neighbourhood=west):
        assert Membership.objects.count() == 2


def test_neighbourhood_is_reached_by_path(client):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost")
    response = client.get("/b/nijmegen-oost/")
    assert response.status_code == 200
    assert response.context["neighbourhood"] == nb


def test_unknown_neighbourhood_is_404(client):
    assert client.get("/b/bestaat-niet/").status_code == 404


def test_neighbourhood_is_reached_by_its_own_domain(client, settings):
    settings.ALLOWED_HOSTS = ["oost.example.nl", "www.oost.example.nl"]
    nb = NeighbourhoodFactory(name="Oost")
    NeighbourhoodDomain.objects.create(neighbourhood=nb, domain="oost.example.nl", is_primary=True)
    response = client.get("/", HTTP_HOST="oost.example.nl")
    assert response.status_code == 200
    assert response.context["neighbourhood"] == nb


def test_links_follow_the_domain_and_the_script_prefix_however_often_they_are_made(
    client, settings
):
    """``core.urls.nb_reverse`` keeps the addresses it made (a page makes dozens): the same
    link is still right on the neighbourhood's own domain, under ``/b/<slug>/``, and below
    a script prefix (a site served from a sub-path)."""
    from django.urls import get_script_prefix, set_script_prefix

    settings.ALLOWED_HOSTS = ["oost.example.nl", "testserver"]
    nb = NeighbourhoodFactory(name="Oost")
    NeighbourhoodDomain.objects.create(neighbourhood=nb, domain="oost.example.nl", is_primary=True)
    for _ in range(2):
        on_domain = client.get("/search/", HTTP_HOST="oost.example.nl").content.decode()
        by_path = client.get(f"/b/{nb.slug}/search/").content.decode()
        assert 'href="/search/"' in on_domain
        assert f'href="/b/{nb.slug}/search/"' in by_path
        assert f"/b/{nb.slug}/" not in on_domain
    prefix = get_script_prefix()
    try:
        set_script_prefix("/buurt/")
        assert nb_reverse("nb:search", nb) == f"/buurt/b/{nb.slug}/search/"
    finally:
        set_script_prefix(prefix)
    assert nb_reverse("nb:search", nb) == f"/b/{nb.slug}/search/"


def test_secondary_domain_redirects_to_primary_keeping_the_path(client, settings):
    settings.ALLOWED_HOSTS = ["oost.example.nl", "www.oost.example.nl"]
    nb = NeighbourhoodFactory()
    NeighbourhoodDomain.objects.create(neighbourhood=nb, domain="oost.example.nl", is_primary=True)
    NeighbourhoodDomain.objects.create(neighbourhood=nb, domain="www.oost.example.nl")
    response = client.get("/posts/?page=2", HTTP_HOST="www.oost.example.nl")
    assert response.status_code == 301
    assert response["Location"] == "http://oost.example.nl/posts/?page=2"


def test_switched_off_component_is_not_found(client):
    nb = NeighbourhoodFactory(components=[])
    user = member(nb)
    client.force_login(user)
    # The home is always there; the square's own pages are gone, for members too.
    assert client.get(f"/b/{nb.slug}/").status_code == 200
    assert client.get(f"/b/{nb.slug}/posts/").status_code == 404
    assert client.get(f"/b/{nb.slug}/posts/new/").status_code == 404


def test_front_page_finds_neighbourhood_by_postcode(client):
    nb = NeighbourhoodFactory(slug="liendert", pc4="3825")
    response = client.get("/", {"postcode": "3825 AB"})
    assert response.status_code == 302
    assert response["Location"] == f"/b/{nb.slug}/"


def test_front_page_explains_a_wrong_postcode(client):
    response = client.get("/", {"postcode": "abc"})
    assert response.status_code == 200
    assert "6524" in response.content.decode()
