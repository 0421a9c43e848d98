"""Neighbours list queries do not grow; the profile and join forms never answer 500."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.models import Interest
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


def count(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def add_members(nb, n):
    interests = list(Interest.objects.all()[:3])
    for _ in range(n):
        user = member(nb)
        user.profile.interests.add(*interests)
        user.profile.skills.add(Interest.objects.filter(kind="skill").first())


@pytest.mark.parametrize("path", ["neighbours/", ""])
def test_neighbours_and_home_queries_do_not_grow(client, path):
    nb = NeighbourhoodFactory(slug="oost")
    me = member(nb)
    me.profile.interests.add(*Interest.objects.all()[:2])
    client.force_login(me)
    add_members(nb, 10)
    ten = count(client, f"/b/oost/{path}")
    add_members(nb, 90)  # 100 neighbours: more than one page
    assert count(client, f"/b/oost/{path}") == ten


text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80
)


@given(
    first_name=text,
    last_name=text,
    intro=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=1200,
    ),
    tags=text,
    street=text,
    visibility=st.sampled_from(["neighbours", "verified", "everyone", "nobody", ""]),
)
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_profile_form_never_500_and_keeps_what_was_typed(
    first_name, last_name, intro, tags, street, visibility
):
    nb = NeighbourhoodFactory(slug="oost")
    client = Client()
    client.force_login(member(nb))
    data = {
        "first_name": first_name,
        "last_name": last_name,
        "intro": intro,
        "tags": tags,
        "street": street,
        **{
            f"visibility_{f}": visibility
            for f in ["photo", "intro", "interests", "skills", "languages", "street"]
        },
    }
    response = client.post("/me/profile/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form["intro"].value() == intro
        assert form["street"].value() == street
        assert form["tags"].value() == tags


@given(postcode=text, code=text)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_join_form_never_500(postcode, code):
    from buurtplein.accounts.tests.factories import UserFactory

    NeighbourhoodFactory(slug="oost", pc4="6522")
    client = Client()
    client.force_login(UserFactory())
    response = client.post("/b/oost/join/", {"postcode": postcode, "code": code})
    assert response.status_code in (302, 400)


def test_connector_lists_do_not_grow():
    from django_scopes import scopes_disabled

    from buurtplein.accounts.models import InviteCode
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.core.models import Membership, Role

    nb = NeighbourhoodFactory(slug="oost")
    client = Client()
    client.force_login(member(nb, role=Role.CONNECTOR))

    def grow(n):
        for _ in range(n):
            member(nb, status=Membership.Status.PENDING)
            with scopes_disabled():
                InviteCode.objects.create(neighbourhood=nb)
            OrganisationFactory().neighbourhoods.add(nb)

    grow(10)
    paths = ["/b/oost/neighbours/pending/", "/b/oost/neighbours/invites/", "/b/oost/organisations/"]
    ten = [count(client, path) for path in paths]
    grow(90)
    assert [count(client, path) for path in paths] == ten


def test_front_page_queries_do_not_grow():
    client = Client()
    for _ in range(10):
        member(NeighbourhoodFactory())
    ten = count(client, "/")
    for _ in range(30):
        member(NeighbourhoodFactory())
    assert count(client, "/") == ten
