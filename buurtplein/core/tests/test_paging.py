"""Keyset paging (``core.paging``): one cursor format, checked, and every list walks through all
its rows by its "more" links; a bad cursor from a client gives the first page, never an error."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.paging import decode_cursor, encode_cursor, page
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

BAD_CURSORS = [
    "zz",
    "%%%",
    "WyJ4Il0",  # ["x"]: one value
    encode_cursor("nu", 3),  # a word where a time belongs
    encode_cursor("2026-12-06T10:00:00", 3),  # a time without a zone
    encode_cursor(datetime(2026, 12, 6, tzinfo=UTC), "3"),  # a word where a number belongs
    encode_cursor(datetime(2026, 12, 6, tzinfo=UTC), True),
    "eyJhIjogMX0",  # {"a": 1}
    "A" * 2000,
]


def test_a_cursor_round_trips_its_values():
    stamp = datetime(2026, 12, 6, 14, 16, 20, 123456, tzinfo=UTC)
    assert decode_cursor(encode_cursor(stamp, 42), datetime, int) == (stamp, 42)
    assert decode_cursor(encode_cursor("anna|de vries", 7), str, int) == ("anna|de vries", 7)
    assert decode_cursor(encode_cursor(date(2026, 1, 2), 1), date, int) == (date(2026, 1, 2), 1)
    assert re.fullmatch(r"[A-Za-z0-9_-]+", encode_cursor("één €", 1))  # safe in a URL as is


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_decodes_to_nothing(cursor):
    assert decode_cursor(cursor, datetime, int) is None
    assert decode_cursor(None, datetime, int) is None


@pytest.mark.django_db
def test_page_walks_every_row_once_both_ways(django_assert_num_queries):
    nb = NeighbourhoodFactory(slug="nijmegen-oost")
    people = [member(nb, first_name=name) for name in ["Bo", "Anna", "Anna", "Cas", "Anna", "Dirk"]]
    with scopes_disabled():
        rows = Membership.objects.filter(neighbourhood=nb).select_related("user")
        # Ascending on a column that repeats (first name), the id breaking ties.
        seen, cursor = [], None
        while True:
            with django_assert_num_queries(1):
                found = page(
                    rows, cursor, size=2, order=("user__first_name", "pk"), types=(str, int)
                )
            seen += found.items
            cursor = found.next_cursor
            if cursor is None:
                break
        assert [m.user.first_name for m in seen] == ["Anna", "Anna", "Anna", "Bo", "Cas", "Dirk"]
        assert len({m.pk for m in seen}) == len(people)
        # Descending on a time that repeats.
        same = datetime(2026, 12, 6, 10, tzinfo=UTC)
        for index, membership in enumerate(rows.order_by("pk")):
            Membership.objects.filter(pk=membership.pk).update(
                joined_at=same - timedelta(hours=index // 2)
            )
        seen, cursor = [], None
        while True:
            found = page(rows, cursor, size=4, order=("-joined_at", "-id"))
            seen += found.items
            if found.next_cursor is None:
                break
            cursor = found.next_cursor
        assert [m.pk for m in seen] == list(
            rows.order_by("-joined_at", "-id").values_list("pk", flat=True)
        )


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_gives_the_first_page(cursor):
    nb = NeighbourhoodFactory(slug="nijmegen-oost")
    for name in ["Anna", "Bo", "Cas"]:
        member(nb, first_name=name)
    with scope(neighbourhood=nb):
        rows = Membership.objects.all()
        first = page(rows, None, size=2, order=("-joined_at", "-id"))
        assert [m.pk for m in page(rows, cursor, size=2, order=("-joined_at", "-id")).items] == [
            m.pk for m in first.items
        ]


@pytest.mark.django_db
def test_every_list_answers_a_bad_cursor_with_its_first_page(client):
    """``?after=`` (and ``?comments_after=``) is read by every paged list; whatever a client
    puts there, the page answers (the first page), never a server error."""
    from buurtplein.clubs.tests.factories import make_club
    from buurtplein.core.models import Role
    from buurtplein.infopages import actions as infopages
    from buurtplein.square.tests.factories import PostFactory

    nb = NeighbourhoodFactory(slug="nijmegen-oost")
    connector = member(nb, role=Role.CONNECTOR, first_name="Karim")
    club = make_club(nb, connector, name="Wandelclub")
    post = PostFactory(neighbourhood=nb, author=connector)
    with scope(neighbourhood=nb):
        info = infopages.page_create(actor=connector, neighbourhood=nb, title="Afval")
    client.force_login(connector)
    base = f"/b/{nb.slug}/"
    lists = [
        ("posts/", "after"),
        ("posts/saved/", "after"),
        (f"posts/{post.pk}/", "comments_after"),
        ("messages/", "after"),
        ("exchange/", "after"),
        ("exchange/mine/", "after"),
        ("exchange/beursvloer/", "after"),
        ("volunteer/", "after"),
        ("volunteer/mine/", "after"),
        ("clubs/", "after"),
        (f"clubs/{club.organisation.slug}/members/", "after"),
        (f"clubs/{club.organisation.slug}/announcements/", "after"),
        ("neighbours/", "after"),
        (f"info/{info.slug}/history/", "after"),
    ]
    for path, name in lists:
        first = client.get(base + path)
        assert first.status_code == 200, path
        for cursor in BAD_CURSORS:
            assert client.get(base + path, {name: cursor}).status_code == 200, (path, cursor)
