"""At 200% zoom the main pages reflow: nothing makes the reader scroll sideways (WCAG 1.4.10)."""

import pytest
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.square.tests.factories import CommentFactory, PostFactory
from e2e.conftest import assert_no_sideways_scrolling, log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = ["/", "/?postcode=65", "/b/nijmegen-oost/", "/accounts/login/", "/accounts/signup/"]
MEMBER_PAGES = [
    "/b/nijmegen-oost/",
    "/b/nijmegen-oost/posts/",
    "/b/nijmegen-oost/posts/{post}/",
    "/b/nijmegen-oost/posts/new/",
    "/b/nijmegen-oost/posts/search/?q=fiets",
    "/b/nijmegen-oost/posts/saved/",
    "/b/nijmegen-oost/neighbours/",
    "/me/",
]


@pytest.fixture
def neighbourhood():
    return NeighbourhoodFactory(
        name="Nijmegen-Oost",
        slug="nijmegen-oost",
        pc4="6524",
        tagline_nl="Samen maken we de buurt",
        intro_nl="Welkom op het plein van Nijmegen-Oost. " * 8,
    )


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_fits_at_200_percent_zoom(zoomed_page, neighbourhood, path):
    response = zoomed_page.goto(path)
    assert response.ok
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_page_fits_at_200_percent_zoom(zoomed_page, live_server, neighbourhood, path):
    user = member(neighbourhood, email="fatima@example.nl", first_name="Fatima")
    post = PostFactory(
        neighbourhood=neighbourhood,
        author=user,
        title="Fietsenmaker op het plein",
        text="Zaterdag repareert Henk gratis fietsen. " * 20,
    )
    CommentFactory(post=post, author=user, text="Ik kom helpen! " * 15)
    log_in_as(zoomed_page, live_server.url, user)
    assert zoomed_page.goto(path.format(post=post.pk)).ok
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)


# Vraag & aanbod, buurthulp and messages: long titles and texts, the forms, the conversation.
EXCHANGE_HELP_MESSAGE_PAGES = [
    "/b/nijmegen-oost/exchange/",
    "/b/nijmegen-oost/exchange/?kind=things&category=tools&within=1000",
    "/b/nijmegen-oost/exchange/{item}/",
    "/b/nijmegen-oost/exchange/new/",
    "/b/nijmegen-oost/exchange/mine/",
    "/b/nijmegen-oost/exchange/beursvloer/",
    "/b/nijmegen-oost/help/",
    "/b/nijmegen-oost/help/ask/",
    "/b/nijmegen-oost/help/helper/",
    "/b/nijmegen-oost/help/{help_request}/",
    "/b/nijmegen-oost/messages/",
    "/b/nijmegen-oost/messages/{conversation}/",
]


@pytest.mark.parametrize("path", EXCHANGE_HELP_MESSAGE_PAGES)
def test_exchange_help_and_message_pages_fit_at_200_percent_zoom(
    zoomed_page, live_server, neighbourhood, path
):
    from buurtplein.buurthulp.tests.factories import HelpRequestFactory
    from buurtplein.exchange.tests.factories import ItemFactory
    from buurtplein.messaging.tests.factories import send, start_conversation

    user = member(neighbourhood, email="fatima@example.nl", first_name="Fatima")
    neighbour = member(neighbourhood, first_name="Henk")
    item = ItemFactory(
        neighbourhood=neighbourhood,
        owner=neighbour,
        title="Professionele klopboormachine met een koffer vol boren en schroevendraaiers",
        description="Graag schoon terugbrengen, dan leen ik hem nog eens uit. " * 12,
    )
    help_request = HelpRequestFactory(
        neighbourhood=neighbourhood,
        asker=user,
        title="Wie kan mij helpen met het ophangen van een zware spiegel in de gang?",
        text="Ik heb zelf geen boormachine en kan niet goed op een trap staan. " * 8,
    )
    conversation = start_conversation(
        neighbourhood, neighbour, user, text="Hoi Fatima, is de spiegel al opgehangen? " * 6
    )
    send(conversation, user, "Nog niet! Zaterdagochtend past mij goed, kom je dan langs? " * 4)
    log_in_as(zoomed_page, live_server.url, user)
    url = path.format(item=item.pk, help_request=help_request.pk, conversation=conversation.pk)
    assert zoomed_page.goto(url).ok
    expect(zoomed_page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_sideways_scrolling(zoomed_page)
