"""Every list page of the information pages runs the same number of queries for 10 rows as for
100: the index (editor and visitor), a page with many sub-pages, the history, a version with
its diff, the "Good to know" block on the home."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.core.tests.factories import member
from buurtplein.infopages import actions
from buurtplein.infopages.models import InfoPage, Visibility
from buurtplein.infopages.tests.factories import InfoPageFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path, params=None):
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def count_cold(client, path):
    """Queries of one request with every cache empty (the home block is read, not cached)."""
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def make_tree(nb, owner, n, *, parent=None, stale_every=3):
    """``n`` pages: main pages with sub-pages and sub-sub-pages, some for neighbours only,
    some past their check date, all with an owner."""
    from datetime import timedelta

    from django.utils import timezone

    made = []
    for i in range(n):
        # Under the given parent, or: a main page, its sub-page, and that one's sub-page.
        under = parent if parent is not None else (None if i % 3 == 0 else made[i - 1])
        page = InfoPageFactory(
            neighbourhood=nb,
            parent=under,
            owner=owner,
            title=f"Pagina {i:03d}",
            visibility=Visibility.MEMBERS if i % 5 == 0 else Visibility.PUBLIC,
            position=i,
        )
        if i % stale_every == 0:
            with scope(neighbourhood=nb):
                InfoPage.objects.filter(pk=page.pk).update(
                    check_due_at=timezone.now() - timedelta(days=i + 1)
                )
        made.append(page)
    return made


@pytest.mark.parametrize("who", ["connector", "resident", "visitor"])
def test_index_queries_do_not_grow(client, nb, connector, resident, who):
    if who != "visitor":
        client.force_login({"connector": connector, "resident": resident}[who])
    make_tree(nb, connector, 10)
    ten = count_queries(client, f"/b/{nb.slug}/info/")
    make_tree(nb, connector, 90)
    hundred = count_queries(client, f"/b/{nb.slug}/info/")
    assert hundred == ten
    assert ten <= 8


def test_a_page_with_many_sub_pages_queries_do_not_grow(client, nb, connector):
    client.force_login(connector)
    parent = InfoPageFactory(neighbourhood=nb, owner=connector, title="Afval", slug="afval")
    make_tree(nb, connector, 10, parent=parent)
    ten = count_queries(client, f"/b/{nb.slug}/info/afval/")
    make_tree(nb, connector, 90, parent=parent)
    assert count_queries(client, f"/b/{nb.slug}/info/afval/") == ten
    assert ten <= 8


def add_versions(nb, page, n):
    with scope(neighbourhood=nb):
        page.refresh_from_db()
        for _ in range(n):
            editor = member(nb, role="professional")
            actions.page_update(
                actor=editor,
                page=page,
                base_version=page.version,
                title=page.title,
                body=f"{page.body}\nRegel {page.version}",
                note=f"Regel {page.version} erbij",
            )


def test_history_queries_do_not_grow(client, nb, connector):
    client.force_login(connector)
    page = InfoPageFactory(neighbourhood=nb, owner=connector, title="Afval", slug="afval")
    add_versions(nb, page, 9)
    ten = count_queries(client, f"/b/{nb.slug}/info/afval/history/")
    add_versions(nb, page, 90)
    assert count_queries(client, f"/b/{nb.slug}/info/afval/history/") == ten
    # A version with what changed: the same for version 10 of 10 as for 100 of 100.
    assert count_queries(client, f"/b/{nb.slug}/info/afval/history/10/") == count_queries(
        client, f"/b/{nb.slug}/info/afval/history/100/"
    )


def test_home_block_queries_do_not_grow_and_cost_nothing_warm(client, nb, connector, resident):
    client.force_login(resident)
    make_tree(nb, connector, 10)
    ten = count_cold(client, f"/b/{nb.slug}/")
    make_tree(nb, connector, 90)
    assert count_cold(client, f"/b/{nb.slug}/") == ten
    # Warm, the block asks the database nothing: one query fewer than cold.
    assert count_queries(client, f"/b/{nb.slug}/") <= ten - 1


def test_anonymous_home_queries_do_not_grow(client, nb, connector):
    make_tree(nb, connector, 10)
    ten = count_cold(client, f"/b/{nb.slug}/")
    make_tree(nb, connector, 90)
    assert count_cold(client, f"/b/{nb.slug}/") == ten
