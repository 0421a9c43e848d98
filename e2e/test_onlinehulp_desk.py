"""Online help's e-mail question in a real browser (axe on every page, desktop and phone): a
visitor asks a question anonymously from the help page and writes down the code; Wendy, a
worker of the desk, answers it in the queue; the visitor reads the answer with the code and
by the link. And "Snel weg" by Escape: the page is replaced, Back does not return to it."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.onlinehulp.models import DeskOrganisation, Question
from buurtplein.onlinehulp.tests.desk_world import make_desk
from e2e.conftest import label, nav_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Mijn ouders maken elke avond ruzie en ik kan niet slapen. Wat kan ik doen?"
ANSWER = "Wat naar dat je dit meemaakt. Je bent niet de enige. Wil je vertellen wat er gebeurt?"


@pytest.fixture
def world():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker", kind="welfare")
    welfare.neighbourhoods.add(nb)
    wendy = member(nb, first_name="Wendy", last_name="de Wit", email="wendy@example.nl")
    welfare.staff.add(wendy)
    desk = make_desk(nb, name="Hulpchat Nijmegen", hours=((0, 7), (0, 0)))  # day and night
    DeskOrganisation.objects.create(desk=desk, organisation=welfare)
    return nb, desk, wendy


def test_a_question_asked_anonymously_is_answered_and_read_with_the_code(browser_session, world):
    nb, _desk, wendy = world
    me = browser_session
    page = me.goto(f"/b/{nb.slug}/")
    nav_link(page, "Chat met een hulpverlener").click()
    me.check()
    expect(page.get_by_role("heading", name="Hulpchat Nijmegen")).to_be_visible()
    expect(page.get_by_text("De chat is nu open.")).to_be_visible()
    page.get_by_role("link", name="Stel je vraag").click()
    me.check()
    page.get_by_label(label("Je vraag")).fill(QUESTION)
    page.get_by_label(label("Je voornaam (als je wilt)")).fill("Sam")
    page.get_by_role("button", name="Verstuur mijn vraag").click()
    me.check()
    expect(page.get_by_text("Bewaar dit goed: je ziet het alleen nu")).to_be_visible()
    code = page.get_by_test_id("code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    link = page.url
    expect(page.get_by_text(QUESTION)).to_be_visible()

    # Wendy answers it from the queue.
    me.page.context.clear_cookies()
    me.log_in_as(wendy)
    page = me.goto(f"/b/{nb.slug}/online-help/questions/")
    with scopes_disabled():
        question = Question.objects.get()
    page.get_by_role("link", name=f"Vraag {question.pk}").click()
    me.check()
    page.get_by_label(label("Je antwoord")).fill(ANSWER)
    page.get_by_role("button", name="Verstuur het antwoord").click()
    me.check()
    expect(page.get_by_text("Je antwoord staat klaar voor de vrager.")).to_be_visible()

    # The visitor comes back with the code they wrote down.
    me.page.context.clear_cookies()
    page = me.goto(f"/b/{nb.slug}/online-help/")
    page.get_by_label(label("Je code")).fill(code.lower())
    page.get_by_role("button", name="Lees het antwoord").click()
    me.check()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    assert page.url == link
    expect(page.get_by_text("Bewaar dit goed")).to_have_count(0)  # the code was shown once
    page.get_by_label(label("Je reactie")).fill("Ze schreeuwen en gooien met dingen.")
    page.get_by_role("button", name="Versturen", exact=True).click()
    me.check()
    expect(page.get_by_text("Ze schreeuwen en gooien met dingen.")).to_be_visible()


def test_snel_weg_by_escape_leaves_and_back_does_not_return(browser_session, world, settings):
    nb, _desk, _wendy = world
    me = browser_session
    neutral = f"{me.live_server_url}/"
    settings.BUURTPLEIN_QUICK_EXIT_URL = neutral
    page = me.goto(f"/b/{nb.slug}/")
    nav_link(page, "Chat met een hulpverlener").click()
    me.check()
    expect(page.get_by_role("link", name=re.compile("^Snel weg"))).to_be_visible()
    page.get_by_role("link", name="Stel je vraag").click()
    page.get_by_label(label("Je vraag")).fill("Help")
    page.get_by_label(label("Je vraag")).press("Escape")  # one Escape in a field: stay
    assert "/online-help/ask/" in page.url
    page.get_by_label(label("Je vraag")).press("Escape")  # the second: leave
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_load_state("load")
    assert "/online-help/ask/" not in page.url  # replaced: Back leads to the page before
    assert page.url.endswith("/online-help/")
    page.keyboard.press("Escape")  # anywhere outside a field: at once
    page.wait_for_url(neutral)
