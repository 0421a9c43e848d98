"""The neighbourhood's main navigation (built from the components) and the home's regions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def navigation(page: str) -> tuple[list[str], list[str]]:
    """(labels in sight, labels under "Meer") of the main navigation of a page."""
    nav = re.search(r'<nav class="wrap main-nav".*?</nav>', page, re.S).group(0)
    more = re.search(r'<ul class="nav-more-list">(.*?)</ul>', nav, re.S)
    in_sight = nav.replace(more.group(0), "") if more else nav
    labels = re.compile(r"<a [^>]*>.*?<span>(.*?)</span></a>", re.S)
    return labels.findall(in_sight), labels.findall(more.group(1)) if more else []


def test_a_member_sees_the_daily_parts_and_finds_the_rest_under_more(client, nb):
    client.force_login(member(nb))
    primary, more = navigation(client.get("/b/nijmegen-oost/").content.decode())
    assert primary == ["Plein", "Activiteiten", "Vraag &amp; aanbod", "Buurthulp", "Clubs"]
    assert more == [
        "Hulp en diensten",
        "Vrijwilligerswerk",
        "Buurtinfo",
        "Buren",
        "Organisaties",
        "Zoeken",
        "Opgeslagen",
        "Klachten",  # a resident's complaints and the form to make one (feedback)
    ]


def test_a_visitor_sees_only_what_visitors_may_open(client, nb):
    primary, more = navigation(client.get("/b/nijmegen-oost/").content.decode())
    assert primary == ["Plein", "Activiteiten", "Vraag &amp; aanbod", "Clubs"]
    assert more == ["Hulp en diensten", "Vrijwilligerswerk", "Buurtinfo", "Organisaties", "Zoeken"]


def test_a_switched_off_component_leaves_the_navigation(client, nb):
    nb.components = [label for label in nb.components if label not in {"agenda", "clubs"}]
    nb.save()
    primary, _more = navigation(client.get("/b/nijmegen-oost/").content.decode())
    assert primary == ["Plein", "Vraag &amp; aanbod"]


def test_the_current_page_is_marked_also_when_it_is_under_more(client, nb):
    client.force_login(member(nb))
    page = client.get("/b/nijmegen-oost/volunteer/").content.decode()
    assert 'href="/b/nijmegen-oost/volunteer/" aria-current="page"' in page
    assert 'class="nav-more-summary nav-more-current"' in page
    home = client.get("/b/nijmegen-oost/").content.decode()
    assert 'href="/b/nijmegen-oost/" aria-current="page"' in home
    assert "nav-more-current" not in home


def test_the_navigation_speaks_english(client, nb):
    client.force_login(member(nb))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    primary, more = navigation(client.get("/b/nijmegen-oost/").content.decode())
    assert primary == [
        "Square",
        "Activities",
        "Offers &amp; requests",
        "Neighbourhood help",
        "Clubs",
    ]
    assert "Volunteering" in more and "Saved" in more


def test_this_week_comes_before_the_feed_and_the_other_blocks_beside_it(client, nb):
    tomorrow = timezone.localdate() + timedelta(days=1)
    ActivityFactory(neighbourhood=nb, title="Bewegen voor ouderen", start_date=tomorrow)
    client.force_login(member(nb))
    page = client.get("/b/nijmegen-oost/").content.decode()
    this_week = page.index("Deze week in de buurt")
    feed = page.index('class="home-main"')
    aside = page.index('class="home-aside"')
    assert this_week < feed < page.index("Het plein") < aside < page.index('id="xc-home-title"')
    assert "Bewegen voor ouderen" in page[this_week:feed]
