"""Every list page runs the same number of queries for 10 rows as for 100: the list of clubs,
a club's page, the members' page, the announcements, the board's page, the home block."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from buurtplein.clubs import actions
from buurtplein.clubs.models import JoinPolicy, Role, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.photos import attach_photo
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def count_queries(client, path, params=None):
    """Queries of one request, after a first one warmed the caches."""
    client.get(path, params or {})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(queries)


def count_cold(client, path):
    from django.core.cache import cache

    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def make_clubs(nb, n, start=0):
    clubs = []
    for i in range(start, start + n):
        club = make_club(
            nb, name=f"Club {i:03d}", kind=["club", "association", "initiative"][i % 3]
        )
        clubs.append(club)
    return clubs


@pytest.mark.parametrize("params", [{}, {"q": "club"}, {"kind": "initiative"}])
def test_list_queries_do_not_grow(client, nb, anna, monkeypatch, params):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "LIST_PAGE", 200)
    client.force_login(anna)
    clubs = make_clubs(nb, 10)
    add_member(clubs[0], anna)
    add_member(clubs[1], anna, status=Status.PENDING)
    ten = count_queries(client, f"/b/{nb.slug}/clubs/", params)
    more = make_clubs(nb, 90, start=10)
    for club in more[:20]:
        add_member(club, anna)
    assert count_queries(client, f"/b/{nb.slug}/clubs/", params) == ten
    assert ten <= 12


def test_anonymous_list_queries_do_not_grow(client, nb, monkeypatch):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "LIST_PAGE", 200)
    make_clubs(nb, 10)
    ten = count_queries(client, f"/b/{nb.slug}/clubs/")
    make_clubs(nb, 90, start=10)
    assert count_queries(client, f"/b/{nb.slug}/clubs/") == ten


def grow_club(club, nb, members, posts, board=None):
    with scope(neighbourhood=nb):
        for _ in range(members):
            add_member(club)
        for _ in range(posts):
            PostFactory(neighbourhood=nb, author=board, organisation=club.organisation)


@pytest.mark.parametrize("who", ["board", "member", "neighbour", "visitor"])
def test_club_page_queries_do_not_grow(client, nb, anna, who):
    from buurtplein.exchange.tests.factories import ItemFactory

    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    with scope(neighbourhood=nb):
        for _ in range(2):
            upload = SimpleUploadedFile("a.jpg", jpeg_bytes((60, 40)), content_type="image/jpeg")
            attach_photo(owner=club, upload=upload)
    viewer = {"board": anna, "member": add_member(club).user, "neighbour": member(nb)}.get(who)
    if viewer is not None:
        client.force_login(viewer)
    grow_club(club, nb, 10, 10, board=anna)
    add_member(club, status=Status.PENDING)
    for _ in range(2):
        ItemFactory(
            neighbourhood=nb,
            owner=anna,
            kind="money",
            category="initiative",
            deal="",
            initiative=club.organisation,
            visibility="public",
        )
    path = f"/b/{nb.slug}/clubs/{club.slug}/"
    # A visitor's blocks are cached (clubs.views._component_blocks): count them read.
    count = count_cold if who == "visitor" else count_queries
    ten = count(client, path)
    grow_club(club, nb, 90, 90, board=anna)
    for _ in range(5):
        add_member(club, status=Status.PENDING)
    with scope(neighbourhood=nb):
        for _ in range(4):
            actions.member_set_role(actor=anna, member=add_member(club), role=Role.BOARD)
    assert count(client, path) == ten
    assert ten <= 26


def test_members_page_queries_do_not_grow(client, nb, anna, monkeypatch):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "MEMBERS_PAGE", 500)
    club = make_club(nb, anna)
    with scope(neighbourhood=nb):
        actions.members_text_update(actor=anna, club=club, text="De sleutel ligt bij Henk.")
    client.force_login(anna)
    grow_club(club, nb, 10, 0)
    with scope(neighbourhood=nb):
        for n in range(10):
            actions.announcement_create(author=anna, club=club, title=f"Bericht {n}", text="x")
    path = f"/b/{nb.slug}/clubs/{club.slug}/members/"
    ten = count_queries(client, path)
    grow_club(club, nb, 90, 0)
    with scope(neighbourhood=nb):
        for n in range(90):
            actions.announcement_create(author=anna, club=club, title=f"Bericht {n}", text="x")
    assert count_queries(client, path) == ten
    assert ten <= 14


def test_announcements_and_manage_queries_do_not_grow(client, nb, anna, monkeypatch):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "ANNOUNCEMENTS_PAGE", 500)
    monkeypatch.setattr(selectors, "MEMBERS_PAGE", 500)
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    client.force_login(anna)

    def grow(n):
        with scope(neighbourhood=nb):
            for i in range(n):
                actions.announcement_create(author=anna, club=club, title=f"Bericht {i}", text="x")
        for _ in range(n):
            add_member(club)
            add_member(club, status=Status.PENDING)

    grow(10)
    announcements = f"/b/{nb.slug}/clubs/{club.slug}/announcements/"
    manage = f"/b/{nb.slug}/clubs/{club.slug}/manage/"
    ten = count_queries(client, announcements), count_queries(client, manage)
    grow(90)
    assert (count_queries(client, announcements), count_queries(client, manage)) == ten


def test_home_block_queries_do_not_grow(client, nb, anna):
    client.force_login(anna)
    clubs = make_clubs(nb, 10)
    for club in clubs[:3]:
        add_member(club, anna)
    ten = count_cold(client, f"/b/{nb.slug}/")
    more = make_clubs(nb, 90, start=10)
    for club in more[:30]:
        add_member(club, anna)
    assert count_cold(client, f"/b/{nb.slug}/") == ten
    # Warm, the block costs no query at all (the newest clubs and the viewer's own are cached
    # until a club changes): the home asks no more than with the clubs switched off.
    warm = count_queries(client, f"/b/{nb.slug}/")
    assert warm <= ten - 2
    nb.components = [label for label in nb.components if label != "clubs"]
    nb.save(update_fields=["components"])
    from django.core.cache import cache

    cache.clear()  # the neighbourhood itself is cached by the middleware
    assert count_queries(client, f"/b/{nb.slug}/") == warm


@pytest.mark.parametrize("who", ["staff", "neighbour", "visitor"])
def test_organisation_page_queries_do_not_grow(client, nb, anna, who):
    """The organisation page with the blocks the components add (the club page link, posts,
    activities, support, vacancies: Component.organisation_blocks)."""
    club = make_club(nb, anna)
    viewer = {"staff": anna, "neighbour": member(nb)}.get(who)
    if viewer is not None:
        client.force_login(viewer)
    grow_club(club, nb, 10, 10, board=anna)
    path = f"/b/{nb.slug}/organisations/{club.slug}/"
    ten = count_queries(client, path)
    grow_club(club, nb, 90, 90, board=anna)
    assert count_queries(client, path) == ten
