"""Property test: the service form (with its places and hours) never answers 500, never loses
what was typed, says why it refuses, and what it accepts is what is saved."""

import html

import pytest
from django.test import Client
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.models import Hours, LifeDomain, Service
from buurtplein.socialmap.tests.factories import staff_of

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
times = st.one_of(
    st.sampled_from(["", "09:00", "12:00", "9", "24:00", "23:59", "00:00", "12:61", "noon"]),
    st.times().map(lambda t: t.strftime("%H:%M")),
)


def choice(values):
    return st.one_of(st.sampled_from([*list(values), ""]), st.text(max_size=8))


@pytest.fixture
def setting(db):
    nb = NeighbourhoodFactory()
    org = staff_of(OrganisationFactory(), neighbourhood=nb)
    worker = member(nb, role=Role.PROFESSIONAL)
    staff_of(org, worker)
    return nb, org, worker


@SETTINGS
@given(
    name=text,
    summary=text,
    domains=st.lists(choice(LifeDomain.values), max_size=3),
    is_free=st.booleans(),
    costs=text,
    email=st.one_of(text, st.emails()),
    website=st.one_of(text, st.just("www.example.nl")),
    address=text,
    postcode=st.one_of(text, st.sampled_from(["6524AB", "6524 ab", "0000", ""])),
    kind=choice(Hours.Kind.values),
    weekday=choice(["0", "1", "6", "7", "-1"]),
    opens=times,
    closes=times,
)
def test_the_service_form(
    setting, name, summary, domains, is_free, costs, email, website, address, postcode,
    kind, weekday, opens, closes,
):  # fmt: skip
    nb, org, worker = setting
    client = Client()
    client.force_login(worker)
    data = {
        "organisation": org.pk,
        "name": name,
        "summary": summary,
        "life_domains": domains,
        "costs": costs,
        "email": email,
        "website": website,
        "places-TOTAL_FORMS": "1",
        "places-INITIAL_FORMS": "0",
        "places-0-address": address,
        "places-0-postcode": postcode,
        "hours-TOTAL_FORMS": "1",
        "hours-INITIAL_FORMS": "0",
        "hours-0-kind": kind,
        "hours-0-weekday": weekday,
        "hours-0-opens_at": opens,
        "hours-0-closes_at": closes,
    }
    if is_free:
        data["is_free"] = "on"
    with scope(neighbourhood=nb):
        before = Service.objects.count()
    response = client.post(f"/b/{nb.slug}/services/new/", data)
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        if response.status_code == 302:
            service = Service.objects.latest("pk")
            assert service.name == name.strip() and service.summary == summary.strip()
            assert set(service.life_domains) == set(domains) and service.life_domains
            assert service.is_free or service.costs
            for hours in service.hours.all():
                assert hours.opens_at < hours.closes_at
            service.delete()
        else:
            assert Service.objects.count() == before
            page = response.content.decode()
            assert "form-errors" in page
            typed = name.strip()
            if typed and "\r" not in typed:
                assert html.escape(typed) in page or html.escape(typed, quote=False) in page
