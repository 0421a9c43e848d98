"""Search within the neighbourhood: Dutch full-text search on PostgreSQL, a fallback on SQLite.

Marked ``embedded``: CI runs these on PostgreSQL and on SQLite.
"""

import pytest
from django.db import connection

from buurtplein.core.tests.factories import member
from buurtplein.square.models import Visibility
from buurtplein.square.tests.factories import PostFactory

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def titles(client, nb, query):
    response = client.get(f"/b/{nb.slug}/posts/search/", {"q": query})
    assert response.status_code == 200
    return [post.title for post in response.context["results"]]


def test_words_are_found_in_title_and_text(client, nb, resident):
    PostFactory(neighbourhood=nb, title="Repair café", text="Zaterdag repareren we je fiets.")
    PostFactory(neighbourhood=nb, title="Grofvuil", text="Donderdag wordt het opgehaald.")
    client.force_login(resident)
    assert titles(client, nb, "fiets") == ["Repair café"]
    assert titles(client, nb, "grofvuil") == ["Grofvuil"]
    assert titles(client, nb, "fiets grofvuil") == []


def test_dutch_word_forms_on_postgresql_exact_words_on_sqlite(client, nb, resident):
    PostFactory(
        neighbourhood=nb, title="Fietsen gestolen", text="Twee fietsen weg uit de stalling."
    )
    client.force_login(resident)
    if connection.vendor == "postgresql":
        # Dutch stemming plus prefix matching: "fiets" finds "fietsen" (and the reverse).
        assert titles(client, nb, "fiets") == ["Fietsen gestolen"]
        assert titles(client, nb, "gestolen fiets") == ["Fietsen gestolen"]
    else:
        # The SQLite fallback matches parts of words, so "fiets" still finds "fietsen".
        assert titles(client, nb, "fiets") == ["Fietsen gestolen"]
    assert titles(client, nb, "auto") == []


def test_search_never_shows_another_neighbourhood(client, nb, other_nb, resident):
    PostFactory(neighbourhood=other_nb, title="Bankje", text="Nieuw bankje", visibility="public")
    client.force_login(resident)
    assert titles(client, nb, "bankje") == []


def test_outsiders_find_only_public_posts(client, nb, other_nb):
    PostFactory(neighbourhood=nb, title="Kat kwijt", text="Grijze kat")
    PostFactory(
        neighbourhood=nb, title="Kat gevonden", text="Grijze kat", visibility=Visibility.PUBLIC
    )
    assert titles(client, nb, "kat") == ["Kat gevonden"]
    client.force_login(member(other_nb))
    assert titles(client, nb, "kat") == ["Kat gevonden"]


def test_odd_input_never_breaks_search(client, nb, resident):
    PostFactory(neighbourhood=nb, title="Buurtfeest")
    client.force_login(resident)
    for query in ['"', "-", "a & b | !c", "' OR 1=1 --", "x" * 500, "(((", "\x00"]:
        response = client.get(f"/b/{nb.slug}/posts/search/", {"q": query})
        assert response.status_code == 200
