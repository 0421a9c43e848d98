"""Property tests: the forms of vraag & aanbod never answer 500, never lose what was typed,
and every refusal comes with a message."""

import pytest
from django.test import Client
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.exchange.models import Category, Deal, Direction, Item, Kind, OrgPledge
from buurtplein.exchange.tests.factories import ItemFactory

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=200,
)
amounts = st.one_of(
    st.sampled_from(["", "0", "12,50", "€ 1.250", "7.5", "-3", "100000", "100000,01", "1e5"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.text(max_size=12),
)


def choice(values):
    return st.one_of(st.sampled_from([*list(values), ""]), st.text(max_size=10))


@pytest.mark.django_db
@given(
    direction=choice(Direction.values),
    kind=choice(Kind.values),
    category=choice(Category.values),
    deal=choice(Deal.values),
    price=amounts,
    target=amounts,
    title=text,
    description=text,
    area=text,
    start=st.one_of(st.just(""), st.dates().map(str), st.text(max_size=10)),
    end=st.one_of(st.just(""), st.dates().map(str), st.text(max_size=10)),
    visibility=choice(["members", "public"]),
    initiative_name=text,
)
@SETTINGS
def test_item_form_never_500_and_keeps_what_was_typed(
    nb,
    anna,
    direction,
    kind,
    category,
    deal,
    price,
    target,
    title,
    description,
    area,
    start,
    end,
    visibility,
    initiative_name,
):
    client = Client()
    client.force_login(anna)
    data = {
        "direction": direction,
        "kind": kind,
        "category": category,
        "deal": deal,
        "price": price,
        "target_amount": target,
        "title": title,
        "description": description,
        "area": area,
        "available_from": start,
        "available_until": end,
        "visibility": visibility,
        "initiative_name": initiative_name,
    }
    with scope(neighbourhood=nb):
        before = Item.objects.count()
    response = client.post(f"/b/{nb.slug}/exchange/new/", data)
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        after = Item.objects.count()
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert after == before
        for field in ("title", "description", "area", "initiative_name", "price"):
            assert form[field].value() == data[field]
    else:
        assert after == before + 1


@pytest.mark.django_db
@given(amount=amounts, in_kind=text)
@SETTINGS
def test_pledge_form_never_500_and_every_refusal_says_why(nb, anna, bram, amount, in_kind):
    item = ItemFactory(
        neighbourhood=nb,
        owner=anna,
        kind="money",
        category="initiative",
        deal="",
        initiative_name="Buurttuin",
    )
    client = Client()
    client.force_login(bram)
    response = client.post(
        f"/b/{nb.slug}/exchange/{item.pk}/support/", {"amount": amount, "in_kind": in_kind}
    )
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert form["amount"].value() == amount and form["in_kind"].value() == in_kind
    else:
        with scope(neighbourhood=nb):
            item.refresh_from_db()
        assert item.supporter_count == 1
        assert 0 <= item.pledged_total <= 100000


@pytest.mark.django_db
@given(
    receiver=st.one_of(st.just("welfare"), st.just("business"), st.text(max_size=5)),
    offer_type=choice(["services", "people", "means", "knowledge"]),
    title=text,
    description=text,
    hours=st.one_of(st.integers(-5, 20000).map(str), st.text(max_size=6)),
    value=amounts,
)
@SETTINGS
def test_beursvloer_form_never_500(
    nb, anna, business, welfare, receiver, offer_type, title, description, hours, value
):
    business.staff.add(anna)
    ids = {"welfare": str(welfare.pk), "business": str(business.pk)}
    client = Client()
    client.force_login(anna)
    data = {
        "giver": str(business.pk),
        "receiver": ids.get(receiver, receiver),
        "offer_type": offer_type,
        "title": title,
        "description": description,
        "hours": hours,
        "value": value,
    }
    response = client.post(f"/b/{nb.slug}/exchange/beursvloer/new/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert form["title"].value() == title and form["description"].value() == description
    else:
        with scope(neighbourhood=nb):
            assert OrgPledge.objects.filter(receiver=welfare).exists()


@pytest.mark.django_db
@given(text=text)
@SETTINGS
def test_thanks_form_never_500(nb, anna, bram, text):
    item = ItemFactory(neighbourhood=nb, owner=anna, state="done", done_with=bram)
    client = Client()
    client.force_login(bram)
    response = client.post(f"/b/{nb.slug}/exchange/{item.pk}/thank/", {"text": text})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert response.context["thanks_form"].errors
