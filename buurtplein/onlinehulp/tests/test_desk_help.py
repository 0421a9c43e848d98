"""The public help page (``onlinehulp:start``): open now and until when, or when it opens
next; the week's hours; the question and the code as ways in; "Snel weg"; a friendly page
where no desk serves the neighbourhood. And the ways to it from every page: the navigation,
the sociale kaart's services of taking-part organisations, buurthulp's page for visitors."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.tests.moments import MOMENTS, local
from buurtplein.onlinehulp.models import Desk, DeskOrganisation
from buurtplein.onlinehulp.tests.desk_world import make_desk
from buurtplein.referrals.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db

PAGE = "/b/nijmegen-oost/online-help/"
NAV_LINK = "Chat met een hulpverlener"


def test_open_now_it_says_until_when_and_offers_the_chat_and_the_question(
    client, desk, time_machine
):
    time_machine.move_to(MOMENTS["mon-12:00"], tick=False)
    page = client.get(PAGE).content.decode()
    assert "Chat met de wijk" in page and "Hulpverleners van drie organisaties" in page
    assert "De chat is nu open, tot 17:00." in page
    assert "Stel je vraag" in page
    assert 'href="https://www.google.nl/"' in page  # Snel weg without JavaScript
    assert "quick-exit.js" in page


def test_closed_it_says_when_it_opens_next_and_the_question_leads(client, desk, time_machine):
    time_machine.move_to(local(dt.date(2026, 12, 11), dt.time(18)), tick=False)  # Friday
    page = client.get(PAGE).content.decode()
    assert "De chat is nu dicht. Hij gaat weer open op maandag 14 december om 09:00." in page
    assert "De chat is nu open" not in page
    # The question is the main action: a primary button, not a secondary one.
    assert 'class="button" href="/b/nijmegen-oost/online-help/ask/"' in page


def test_the_week_hours_and_what_is_stored(client, desk, welfare, time_machine):
    time_machine.move_to(MOMENTS["mon-12:00"], tick=False)
    page = client.get(PAGE).content.decode()
    assert "maandag" in page and "vrijdag" in page and "09:00–17:00" in page
    assert "zaterdag" not in page
    assert "na 30 dagen" in page
    assert "tweede hulpverlener" not in page  # no organisation allows reading along
    DeskOrganisation.objects.filter(desk=desk).update(read_along=True)
    assert "tweede hulpverlener" in client.get(PAGE).content.decode()


def test_without_a_desk_the_page_points_to_the_services_nearby(client, nb):
    response = client.get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hulp en diensten in de buurt" in page
    assert 'href="/b/nijmegen-oost/services/"' in page
    assert NAV_LINK not in page  # not in the navigation either
    assert client.get(f"{PAGE}ask/").status_code == 404


def test_every_page_leads_to_it_where_a_desk_serves_the_neighbourhood(client, nb, elsewhere):
    home = "/b/nijmegen-oost/"
    assert NAV_LINK not in client.get(home).content.decode()
    desk = make_desk(nb)  # the cache of which desk serves where is made stale
    page = client.get(home).content.decode()
    assert NAV_LINK in page and f'href="{PAGE}"' in page
    assert NAV_LINK not in client.get("/b/lent/").content.decode()
    desk.is_active = False
    desk.save()
    assert NAV_LINK not in client.get(home).content.decode()
    desk.is_active = True
    desk.save()
    desk.region.neighbourhoods.remove(nb)
    assert NAV_LINK not in client.get(home).content.decode()


def test_a_warm_page_reads_no_row_for_the_navigation_link(nb, desk, django_assert_num_queries):
    from buurtplein.onlinehulp.selectors import desk_id_for

    assert desk_id_for(nb) == desk.pk
    with django_assert_num_queries(0):
        assert desk_id_for(nb) == desk.pk


def test_services_of_taking_part_organisations_offer_the_chat(client, nb, desk, welfare):
    other = OrganisationFactory(name="Ander", slug="ander")
    other.neighbourhoods.add(nb)
    with scopes_disabled():
        ours = ServiceFactory(neighbourhood=nb, organisation=welfare)
        theirs = ServiceFactory(neighbourhood=nb, organisation=other)
    button = f'class="button button-secondary" href="{PAGE}"'
    assert button in client.get(f"/b/nijmegen-oost/services/{ours.pk}/").content.decode()
    assert button not in client.get(f"/b/nijmegen-oost/services/{theirs.pk}/").content.decode()


def test_buurthulp_shows_a_visitor_the_way_to_online_help(client, nb):
    help_page = "/b/nijmegen-oost/help/"
    assert client.get(help_page)["Location"].startswith("/accounts/login/")
    make_desk(nb)
    response = client.get(help_page)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="{PAGE}"' in page and "/accounts/login/?next=" in page


def test_a_desk_of_another_region_is_not_shown(client, nb, elsewhere):
    make_desk(elsewhere, name="Chat in Lent")
    page = client.get(PAGE).content.decode()
    assert "Chat in Lent" not in page and "Hulp en diensten in de buurt" in page
    assert Desk.objects.count() == 1


CONSOLE_LINK = 'href="/b/nijmegen-oost/online-help/console/"'


def test_a_worker_finds_the_console_in_the_navigation_and_loses_it_when_they_leave(
    client, nb, desk, welfare, worker
):
    resident = member(nb, email="rob@example.nl")
    client.force_login(resident)
    assert CONSOLE_LINK not in client.get("/b/nijmegen-oost/").content.decode()
    client.force_login(worker)
    page = client.get("/b/nijmegen-oost/").content.decode()
    assert CONSOLE_LINK in page and "Console online hulp" in page
    # Staff no more: gone at once (the cached answer is made stale), and the console refuses.
    welfare.staff.remove(worker)
    assert CONSOLE_LINK not in client.get("/b/nijmegen-oost/").content.decode()
    welfare.staff.add(worker)
    assert CONSOLE_LINK in client.get("/b/nijmegen-oost/").content.decode()
    # On the rota the console's entry is the current page, not the asker's chat.
    rota = client.get("/b/nijmegen-oost/online-help/rota/").content.decode()
    assert f'{CONSOLE_LINK} aria-current="page"' in rota
    assert 'href="/b/nijmegen-oost/online-help/" aria-current="page"' not in rota
    start = client.get("/b/nijmegen-oost/online-help/").content.decode()
    assert 'href="/b/nijmegen-oost/online-help/" aria-current="page"' in start
    assert f'{CONSOLE_LINK} aria-current="page"' not in start
    # The organisation leaves the desk.
    DeskOrganisation.objects.filter(desk=desk, organisation=welfare).delete()
    assert CONSOLE_LINK not in client.get("/b/nijmegen-oost/").content.decode()


def test_a_warm_page_reads_no_row_for_the_console_link(nb, desk, worker, django_assert_num_queries):
    from buurtplein.core.models import Membership
    from buurtplein.core.permissions import Viewer
    from buurtplein.onlinehulp.selectors import works_here

    def viewer():  # as a new request makes it: a fresh user object, its membership read
        with scopes_disabled():
            membership = Membership.objects.get(user=worker, neighbourhood=nb)
        return Viewer(type(worker).objects.get(pk=worker.pk), nb, membership)

    assert works_here(viewer())
    fresh = viewer()
    with django_assert_num_queries(0):
        assert works_here(fresh)
