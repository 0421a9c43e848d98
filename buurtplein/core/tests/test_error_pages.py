"""Error pages in the house style (core/errors.py): Dutch by default, English by choice, a way
back; the 500 page and the "back in a moment" page (503, database away) drawn without the
database."""

import logging
import re

import pytest
from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.test import Client

from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def browser():
    """A client that gets the error page, as a browser does, instead of the exception."""
    return Client(raise_request_exception=False)


def links(page: str) -> list[tuple[str, str]]:
    return [
        (href, re.sub(r"<[^>]+>", "", text).strip())
        for href, text in re.findall(r'<a class="button[^"]*" href="([^"]*)">(.*?)</a>', page)
    ]


# --- 404, 403, 400 ----------------------------------------------------------------------------


def test_a_missing_page_says_so_in_dutch_with_the_way_home_of_its_neighbourhood(client, nb):
    response = client.get("/b/nijmegen-oost/bestaat-niet/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in page
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert links(page) == [("/b/nijmegen-oost/", "Naar de startpagina")]
    assert 'class="main-nav"' in page or "main-nav" in page  # the neighbourhood's own header


def test_a_missing_page_is_in_english_for_whom_chose_english(client, nb):
    client.cookies["django_language"] = "en"
    page = client.get("/b/nijmegen-oost/bestaat-niet/").content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Page not found</h1>" in page
    assert links(page) == [("/b/nijmegen-oost/", "To the home page")]


def test_a_missing_page_offers_the_page_the_person_came_from(client, nb):
    page = client.get(
        "/b/nijmegen-oost/bestaat-niet/", HTTP_REFERER="http://testserver/b/nijmegen-oost/clubs/"
    ).content.decode()
    assert links(page) == [
        ("http://testserver/b/nijmegen-oost/clubs/", "Ga terug"),
        ("/b/nijmegen-oost/", "Naar de startpagina"),
    ]


def test_a_link_from_another_site_is_not_offered_as_the_way_back(client, nb):
    page = client.get(
        "/b/nijmegen-oost/bestaat-niet/", HTTP_REFERER="https://elders.example/"
    ).content.decode()
    assert links(page) == [("/b/nijmegen-oost/", "Naar de startpagina")]


def test_an_unknown_neighbourhood_leads_to_the_platform_front_page(client, nb):
    response = client.get("/b/nergens/")
    assert response.status_code == 404
    assert links(response.content.decode()) == [("/", "Naar de startpagina")]


def test_a_page_that_is_not_for_you_says_so_and_how_to_go_on(client, nb):
    client.force_login(UserFactory())  # not a member of this neighbourhood
    response = client.get("/b/nijmegen-oost/posts/new/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Dit is niet voor jou, sorry</h1>" in page
    assert "Misschien moet je inloggen, of lid zijn van deze buurt." in page
    assert links(page) == [("/b/nijmegen-oost/", "Naar de startpagina")]


def test_a_refusal_is_one_warning_line_in_the_log_without_a_traceback(browser, nb, caplog):
    """A 403 is logged like a 404: one line, no traceback in the console of the demo."""
    browser.force_login(UserFactory())
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert browser.get("/b/nijmegen-oost/posts/new/").status_code == 403
        assert browser.get("/b/nijmegen-oost/bestaat-niet/").status_code == 404
    lines = [(r.levelname, r.getMessage(), r.exc_info) for r in caplog.records]
    assert lines == [
        ("WARNING", "Forbidden (Permission denied): /b/nijmegen-oost/posts/new/", None),
        ("WARNING", "Not Found: /b/nijmegen-oost/bestaat-niet/", None),
    ]


def test_a_form_sent_without_its_safety_token_asks_to_send_it_again(nb):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    assert "<h1>Stuur dat nog een keer</h1>" in response.content.decode()


def test_a_bad_request_gets_a_friendly_page(browser, nb, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = browser.get("/", HTTP_HOST="elders.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<h1>Dit lukte niet</h1>" in page
    assert "Foutcode 400" in page


# --- 405 and the language switch --------------------------------------------------------------


@pytest.fixture
def post(nb):
    return PostFactory(neighbourhood=nb, title="Grofvuil")


def test_a_button_address_opened_as_a_page_leads_to_the_page_it_belongs_to(client, nb, post):
    client.force_login(member(nb))
    response = client.get(f"/b/nijmegen-oost/posts/{post.pk}/comment/")
    page = response.content.decode()
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "<h1>Dit adres werkt alleen via een knop</h1>" in page
    assert links(page) == [
        (f"/b/nijmegen-oost/posts/{post.pk}/", "Ga terug"),
        ("/b/nijmegen-oost/", "Naar de startpagina"),
    ]


def test_switching_language_on_a_page_a_form_sent_returns_to_the_page_of_the_form(client, nb, post):
    client.force_login(member(nb))
    post_url = f"/b/nijmegen-oost/posts/{post.pk}/"
    # An empty comment: the post's page is shown again, with the error, at the form's address.
    response = client.post(
        f"{post_url}comment/", {"text": ""}, HTTP_REFERER=f"http://testserver{post_url}"
    )
    assert response.status_code == 400
    next_url = re.search(
        r'<input name="next" type="hidden" value="([^"]*)">', response.content.decode()
    ).group(1)
    assert next_url == post_url

    switched = client.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert switched.status_code == 302
    assert switched["Location"] == post_url
    again = client.get(switched["Location"])
    assert again.status_code == 200
    assert '<html lang="en">' in again.content.decode()


def test_on_an_ordinary_page_the_language_switch_returns_to_that_page(client, nb):
    page = client.get("/b/nijmegen-oost/clubs/?page=1").content.decode()
    assert '<input name="next" type="hidden" value="/b/nijmegen-oost/clubs/?page=1">' in page


# --- 500 and 503: no database -----------------------------------------------------------------


def test_an_unexpected_error_gets_the_house_style_page_without_the_database(
    browser, nb, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("buurtplein.core.views.neighbourhoods_for_front_page", broken)
    response = browser.get("/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Er ging iets mis</h1>" in page
    assert "buurtplein/site.css" in page
    assert links(page) == [("/", "Naar de startpagina")]


class DatabaseAway:
    """Every query fails as on a PostgreSQL that went away (``execute_wrapper``)."""

    def __init__(self, error=OperationalError):
        self.error = error
        self.attempts = 0

    def __call__(self, execute, sql, params, many, context):
        self.attempts += 1
        raise self.error("server closed the connection unexpectedly")


def test_with_the_database_away_every_page_says_back_in_a_moment_in_dutch(browser, nb):
    person = member(nb)
    browser.force_login(person)  # the session and the user load from the database
    away = DatabaseAway()
    with connection.execute_wrapper(away):
        response = browser.get("/b/nijmegen-oost/clubs/")
    page = response.content.decode()
    assert away.attempts >= 1
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert '<html lang="nl">' in page
    assert "<h1>Zo weer terug</h1>" in page
    assert "Deze pagina probeert het ook zelf opnieuw." in page
    assert '<meta http-equiv="refresh" content="15">' in page
    assert links(page) == [
        ("/b/nijmegen-oost/clubs/", "Opnieuw proberen"),
        ("/b/nijmegen-oost/", "Naar de startpagina"),
    ]


def test_with_the_database_away_the_page_is_english_for_whom_chose_english(browser, nb):
    browser.cookies["django_language"] = "en"
    with connection.execute_wrapper(DatabaseAway(InterfaceError)):
        response = browser.get("/")
    page = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="en">' in page
    assert "<h1>Back in a moment</h1>" in page
    assert links(page) == [("/", "Try again"), ("/", "To the home page")]


def test_a_form_sent_while_the_database_is_away_says_nothing_was_saved_and_to_go_back(browser, nb):
    browser.force_login(member(nb))
    with connection.execute_wrapper(DatabaseAway()):
        response = browser.post("/b/nijmegen-oost/posts/new/", {"title": "Hoi", "text": "Buren"})
    page = response.content.decode()
    assert response.status_code == 503
    assert "Wat je stuurde is niet bewaard. Ga terug met de knop Terug van je browser" in page
    # No "try again" link (that would be a GET of the form's address, not a new send), and no
    # refresh that would leave the page with the Back button's way to what was typed.
    assert links(page) == [("/b/nijmegen-oost/", "Naar de startpagina")]
    assert "http-equiv" not in page


def test_a_database_error_in_a_middleware_gets_the_same_page(browser, nb, monkeypatch):
    def away(slug, cached):
        raise OperationalError("connection refused")

    monkeypatch.setattr("buurtplein.core.middleware.neighbourhood_by_slug", away)
    response = browser.get("/b/nijmegen-oost/")
    assert response.status_code == 503
    assert "<h1>Zo weer terug</h1>" in response.content.decode()


def test_the_back_in_a_moment_page_is_drawn_without_a_single_query(rf, django_assert_num_queries):
    from buurtplein.core.errors import server_error

    request = rf.get("/b/nijmegen-oost/agenda/")
    with django_assert_num_queries(0):
        try:
            raise OperationalError("could not connect to server")
        except OperationalError:
            response = server_error(request)
    assert response.status_code == 503


def test_on_a_neighbourhoods_own_domain_the_error_pages_are_the_same(client, nb, settings):
    from buurtplein.core.models import NeighbourhoodDomain

    settings.ALLOWED_HOSTS = ["testserver", "oost.example.nl"]
    NeighbourhoodDomain.objects.create(neighbourhood=nb, domain="oost.example.nl", is_primary=True)
    response = client.get("/bestaat-niet/", HTTP_HOST="oost.example.nl")
    page = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Pagina niet gevonden</h1>" in page
    assert links(page) == [("/", "Naar de startpagina")]  # the neighbourhood's home, at /
