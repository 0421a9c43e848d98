"""The resident's home on demo data: what matters this week, a few items per block and a link
to more (a phone shows it in one column, so every extra item makes the page longer)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope

from buurtplein.accounts.views import HOME_MATCHES
from buurtplein.agenda.models import Occurrence
from buurtplein.agenda.selectors import HOME_LIMIT
from buurtplein.clubs.models import Club
from buurtplein.clubs.selectors import HOME_CLUBS
from buurtplein.core.models import Neighbourhood
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.exchange.models import Item
from buurtplein.exchange.selectors import HOME_ITEMS
from buurtplein.infopages.selectors import HOME_PAGES
from buurtplein.square.models import Post
from buurtplein.square.selectors import HOME_POSTS
from buurtplein.volunteering.models import Vacancy
from buurtplein.volunteering.selectors import HOME_VACANCIES

pytestmark = pytest.mark.django_db

# block → (how one of its items starts in the HTML, the most it shows, its link to more)
BLOCKS = {
    "ag-home": ('<article class="card ag-item', HOME_LIMIT, "/b/nijmegen-oost/agenda/"),
    "home-square": ('<article class="card post', HOME_POSTS, "/b/nijmegen-oost/posts/"),
    "xc-home": ('<li class="home-row"', HOME_ITEMS, "/b/nijmegen-oost/exchange/"),
    "vo-home": ('<li class="home-row"', HOME_VACANCIES, "/b/nijmegen-oost/volunteer/"),
    "cl-home": ('<li class="home-row"', HOME_CLUBS, "/b/nijmegen-oost/clubs/"),
    "home-matches": ('<li class="card person-card"', HOME_MATCHES, None),
    "ip-home": ('<li><a class="chip-link"', HOME_PAGES, "/b/nijmegen-oost/info/"),
}


@pytest.fixture
def home(seeded_demo):
    client = Client()
    assert client.login(email=DEMO_LOGINS[0][0], password=DEMO_PASSWORD)
    return client.get("/b/nijmegen-oost/").content.decode()


def block(page: str, name: str) -> str:
    found = re.search(rf'<section class="{name}".*?</section>', page, re.S)
    assert found, f"no block {name} on the home"
    return found.group(0)


def test_each_block_shows_a_few_items_and_links_to_more(home):
    for name, (start, most, more) in BLOCKS.items():
        shown = block(home, name).count(start)
        assert 1 <= shown <= most, f"{name} shows {shown}"
        assert most <= (8 if name == "ip-home" else 3), name  # information pages: small chips
        if more:
            assert f'href="{more}"' in block(home, name), f"{name} has no link to more"


def test_there_is_more_than_the_home_shows(home):
    """The caps are what keeps the home short: the demo has more than each block shows."""
    nb = Neighbourhood.objects.get(slug="nijmegen-oost")
    with scope(neighbourhood=nb):
        now = timezone.now()
        week = Occurrence.objects.filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=7))
        assert week.count() > HOME_LIMIT
        assert Post.objects.count() > HOME_POSTS
        assert Item.objects.filter(state="open").count() > HOME_ITEMS
        assert Vacancy.objects.filter(state="open").count() > HOME_VACANCIES
        assert Club.objects.filter(state="active").count() > HOME_CLUBS
    assert block(home, "home-square").count('<article class="card post') == HOME_POSTS
    assert block(home, "xc-home").count('<li class="home-row"') == HOME_ITEMS
