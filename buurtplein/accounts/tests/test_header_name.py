"""The logged-in person's name in the header: as their profile says (in full, or "Els B."),
read with the membership on a neighbourhood's pages (no profile loaded for it), and from the
profile on the platform's own pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buurtplein.accounts.models import Profile
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


def header(client, path: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index('class="site-header"')
    return html[start : html.index("</header>", start)], [q["sql"] for q in queries]


def test_the_header_shows_the_name_as_the_profile_says_without_loading_the_profile(client):
    nb = NeighbourhoodFactory(slug="nijmegen-oost")
    els = member(nb, first_name="Els", last_name="Bakker")
    client.force_login(els)
    shown, queries = header(client, "/b/nijmegen-oost/search/")
    assert "Els B." in shown and "Els Bakker" not in shown
    assert not [sql for sql in queries if sql.startswith('SELECT "accounts_profile"')]

    Profile.objects.filter(user=els).update(show_full_name=True)
    shown, _ = header(client, "/b/nijmegen-oost/search/")
    assert "Els Bakker" in shown
    # Outside a neighbourhood there is no membership: the profile says it.
    shown, _ = header(client, "/accounts/email/")
    assert "Els Bakker" in shown
