"""The demo of the information pages, as a person trying it notices: every neighbourhood has a
small tree (waste with a page per kind, the community centre, who to call, …) with history;
the demo buurtverbinder sees the one page that needs a check; the resident meets the pages on
the home."""

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Neighbourhood, Role
from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD
from buurtplein.infopages import selectors
from buurtplein.infopages.models import InfoPage, InfoPageVersion, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The tiny demo, seeded once for this module (``seeded_demo`` in the root conftest)."""


def log_in(role):
    email = next(login[0] for login in DEMO_LOGINS if login[3] == role)
    client = Client()
    assert client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD}).status_code
    return client


def test_every_demo_neighbourhood_has_a_believable_tree_with_history(demo):
    with scopes_disabled():
        neighbourhoods = list(Neighbourhood.objects.all())
    assert len(neighbourhoods) == 3
    for nb in neighbourhoods:
        with scope(neighbourhood=nb):
            pages = {page.title: page for page in InfoPage.objects.select_related("parent")}
            afval = pages["Afval en containers"]
            kinds = {p.title for p in pages.values() if p.parent_id == afval.pk}
            assert {
                "Gft en etensresten",
                "Papier en karton",
                "Plastic, blik en drinkpakken",
            } <= kinds
            assert {"Wie bel je waarvoor", "Nieuw in de buurt", "Parkeren", "Speeltuinen"} <= set(
                pages
            )
            assert pages["Sleutel van de speeltuin"].visibility == Visibility.MEMBERS
            assert max(page.version for page in pages.values()) >= 3
            assert InfoPageVersion.objects.filter(restored_from__isnull=False).exists()
            assert [page.title for page in selectors.stale_pages(nb)] == ["Parkeren"]
            owners = {page.owner_id for page in pages.values()}
            roles = set(nb.memberships.filter(user_id__in=owners).values_list("role", flat=True))
            assert roles == {Role.CONNECTOR, Role.PROFESSIONAL}
    with scope(
        neighbourhood=(oost := next(n for n in neighbourhoods if n.slug == "nijmegen-oost"))
    ):
        owners = set(InfoPage.objects.values_list("owner__email", flat=True))
    assert owners == {"demo-buurtverbinder@buurtplein.nl", "demo-professional@buurtplein.nl"}
    with scope(neighbourhood=next(n for n in neighbourhoods if n.slug == "ooij")):
        assert InfoPage.objects.filter(title="Dorpshuis De Klinkert").exists()
    assert oost.slug == "nijmegen-oost"


def test_the_demo_buurtverbinder_sees_what_needs_a_check(demo):
    client = log_in(Role.CONNECTOR)
    index = client.get("/b/nijmegen-oost/info/").content.decode()
    assert "1 pagina moet gecontroleerd worden" in index and "Parkeren" in index
    page = client.get("/b/nijmegen-oost/info/parkeren/").content.decode()
    assert "Deze pagina moet gecontroleerd worden" in page and "Klopt nog" in page
    history = client.get("/b/nijmegen-oost/info/openingstijden/history/").content.decode()
    assert "Teruggezet van versie 1" in history and "Zomertijden toegevoegd" in history


def test_the_demo_resident_meets_the_pages_on_the_home_and_reads_them(demo):
    client = log_in(Role.RESIDENT)
    home = client.get("/b/nijmegen-oost/").content.decode()
    assert "Goed om te weten" in home and "Afval en containers" in home
    page = client.get("/b/nijmegen-oost/info/wie-bel-je-waarvoor/").content.decode()
    assert 'href="tel:112"' in page and "Sterker Welzijn" in page
    assert "Controle nodig" not in client.get("/b/nijmegen-oost/info/").content.decode()
    assert (
        "De speeltuin is na 20.00 uur op slot"
        in client.get("/b/nijmegen-oost/info/sleutel-van-de-speeltuin/").content.decode()
    )
    # A visitor without an account reads the public pages, not the one for neighbours.
    visitor = Client()
    assert "Gft en etensresten" in visitor.get("/b/ooij/info/").content.decode()
    assert "op slot" not in visitor.get("/b/ooij/info/sleutel-van-de-speeltuin/").content.decode()


def test_seeding_again_adds_nothing(demo):
    from buurtplein.infopages import demo as infopages_demo

    with scopes_disabled():
        nb = Neighbourhood.objects.get(slug="ooij")
        before = InfoPage.objects.count()
    with scope(neighbourhood=nb):
        import random

        infopages_demo.seed(nb, [], random.Random(1))
    with scopes_disabled():
        assert InfoPage.objects.count() == before
