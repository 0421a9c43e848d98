"""A new neighbour's way in: find the neighbourhood, sign up, confirm (which logs in), join,
take part."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.models import InviteCode
from buurtplein.core.tests.factories import NeighbourhoodFactory
from e2e.conftest import LOG_IN, fill_log_in, label
from e2e.steps import confirm_email, share_on_the_square, sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_neighbour_signs_up_confirms_the_email_and_logs_in(browser_session):
    NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")

    sign_up(browser_session)
    assert len(mail.outbox) == 1
    confirm_email(browser_session)  # logs her in: no second log-in

    page = browser_session.goto("/me/")
    expect(page).to_have_url(re.compile("/me/$"))
    expect(page.get_by_role("navigation", name=re.compile("account", re.I))).to_contain_text(
        "Anouk"
    )
    browser_session.check()


def test_a_wrong_password_keeps_the_email_and_says_what_is_wrong(browser_session):
    page = browser_session.goto("/accounts/login/")
    fill_log_in(page, "niemand@example.nl", "niet-het-goede-wachtwoord")
    expect(page.get_by_label(re.compile("e-?mail", re.I))).to_have_value("niemand@example.nl")
    expect(page.locator("main").get_by_role("button", name=LOG_IN)).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        re.compile("niet correct|onjuist|not correct|incorrect", re.I)
    )
    browser_session.check()


def test_an_invited_neighbour_finds_the_square_signs_up_joins_and_takes_part(
    browser_session, photo
):
    neighbourhood = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    with scopes_disabled():
        invite = InviteCode.objects.create(neighbourhood=neighbourhood, note="Flyer Javastraat")
    invite_link = f"/b/nijmegen-oost/join/?code={invite.code}"

    # Anouk finds her neighbourhood by postcode.
    page = browser_session.goto("/")
    postcode = page.get_by_role("textbox", name=re.compile("postcode", re.I))
    postcode.fill("6524 AB")
    postcode.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nijmegen-Oost")
    browser_session.check()

    # The invite link from a flyer asks her to make an account first. The link in the e-mail
    # logs her in and brings her back to the join page.
    sign_up(browser_session, start=invite_link)
    confirm_email(browser_session)
    expect(page).to_have_url(re.compile(re.escape(invite_link) + "$"))

    # She joins with the code from the flyer, filled in already.
    expect(page.get_by_role("heading", level=1)).to_have_text("Doe mee in Nijmegen-Oost")
    expect(page.get_by_label(label("Uitnodigingscode (als je die hebt)"))).to_have_value(
        invite.code
    )
    browser_session.check()
    page.get_by_label(label("Je postcode")).fill("6524 AB")
    page.locator("main").get_by_role("button", name="Doe mee").click()
    expect(page.get_by_role("status")).to_contain_text("Welkom in Nijmegen-Oost")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nijmegen-Oost")
    browser_session.check()

    share_on_the_square(browser_session, photo)
