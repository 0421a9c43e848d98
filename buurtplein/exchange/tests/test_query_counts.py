"""Every list page runs the same number of queries for 10 rows as for 100."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.core.photos import attach_photo
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.exchange import actions
from buurtplein.exchange.models import Kind, PledgeState, Visibility
from buurtplein.exchange.tests.factories import ItemFactory, OrgPledgeFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path, params=None):
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def count_cold(client, path):
    """Queries of one request with every cache empty (the home block is read, not cached)."""
    from django.core.cache import cache

    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def make_items(nb, n, owner=None, **kwargs):
    items = []
    for i in range(n):
        owner_i = owner or member(nb)
        items.append(
            ItemFactory(
                neighbourhood=nb,
                owner=owner_i,
                latitude=51.8405,
                longitude=5.8794 + (i % 5) * 0.001,
                **kwargs,
            )
        )
    return items


def with_photos_and_thanks(nb, items):
    with scope(neighbourhood=nb):
        for item in items[:3]:
            upload = SimpleUploadedFile("a.jpg", jpeg_bytes((60, 40)), content_type="image/jpeg")
            attach_photo(owner=item, upload=upload)
        items[0].thanks_count = 2
        items[0].save(update_fields=["thanks_count"])


@pytest.mark.parametrize(
    "params",
    [{}, {"kind": "things", "category": "tools", "within": "2000"}, {"q": "boor"}],
)
def test_list_queries_do_not_grow(client, nb, bram, settings, params):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    client.force_login(bram)
    with_photos_and_thanks(nb, make_items(nb, 10))
    ten = count_queries(client, f"/b/{nb.slug}/exchange/", params)
    make_items(nb, 90)
    assert count_queries(client, f"/b/{nb.slug}/exchange/", params) == ten
    assert ten <= 14


def test_anonymous_list_and_home_queries_do_not_grow(client, nb, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    make_items(nb, 10, visibility=Visibility.PUBLIC)
    ten = count_queries(client, f"/b/{nb.slug}/exchange/")
    home = count_cold(client, f"/b/{nb.slug}/")
    make_items(nb, 90, visibility=Visibility.PUBLIC)
    assert count_queries(client, f"/b/{nb.slug}/exchange/") == ten
    assert count_cold(client, f"/b/{nb.slug}/") == home


def test_home_block_queries_do_not_grow(client, nb, bram):
    client.force_login(bram)
    with_photos_and_thanks(nb, make_items(nb, 10))
    ten = count_cold(client, f"/b/{nb.slug}/")
    make_items(nb, 90)
    assert count_cold(client, f"/b/{nb.slug}/") == ten
    # Warm, the block costs no query at all: the home asks no more than without any item.
    warm = count_queries(client, f"/b/{nb.slug}/")
    assert warm <= ten - 2


def test_my_items_queries_do_not_grow(client, nb, anna, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    client.force_login(anna)
    make_items(nb, 10, owner=anna)
    ten = count_queries(client, f"/b/{nb.slug}/exchange/mine/")
    make_items(nb, 90, owner=anna)
    assert count_queries(client, f"/b/{nb.slug}/exchange/mine/") == ten


def test_money_item_with_supporters_queries_do_not_grow(client, nb, anna, initiative):
    item = ItemFactory(
        neighbourhood=nb,
        owner=anna,
        kind=Kind.MONEY,
        category="initiative",
        deal="",
        initiative=initiative,
    )
    client.force_login(anna)
    with scope(neighbourhood=nb):
        for _ in range(10):
            actions.pledge_set(item=item, person=member(nb), amount=5)
    path = f"/b/{nb.slug}/exchange/{item.pk}/"
    ten = count_queries(client, path)
    with scope(neighbourhood=nb):
        for _ in range(90):
            actions.pledge_set(item=item, person=member(nb), in_kind="Ik bak een taart")
    assert count_queries(client, path) == ten


def test_beursvloer_queries_do_not_grow(client, nb, anna, welfare, business, settings):
    settings.BUURTPLEIN_FEED_PAGE_SIZE = 200
    welfare.staff.add(anna)
    client.force_login(anna)

    def make(n):
        for i in range(n):
            OrgPledgeFactory(
                neighbourhood=nb,
                giver=business,
                receiver=welfare,
                state=PledgeState.CONFIRMED if i % 2 else PledgeState.OFFERED,
            )

    make(10)
    ten = count_queries(client, f"/b/{nb.slug}/exchange/beursvloer/")
    make(90)
    assert count_queries(client, f"/b/{nb.slug}/exchange/beursvloer/") == ten
