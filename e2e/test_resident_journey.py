"""A new neighbour's way in: sign up, confirm the e-mail address, log in, and use the square."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from buurtplein.core.tests.factories import NeighbourhoodFactory
from e2e.conftest import LOG_IN, fill_log_in, link_from_last_mail

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "anouk@example.nl"
PASSWORD = "Zonnebloem-Oost-42"


def sign_up(browser, email=EMAIL, password=PASSWORD):
    page = browser.goto("/accounts/signup/")
    page.get_by_label(re.compile("voornaam|first name", re.I)).fill("Anouk")
    page.get_by_label(re.compile("achternaam|last name", re.I)).fill("Jansen")
    page.get_by_label(re.compile("e-?mail", re.I)).fill(email)
    passwords = page.get_by_label(re.compile("wachtwoord|password", re.I))
    passwords.first.fill(password)
    passwords.last.fill(password)
    page.locator("main").get_by_role("button", name=re.compile("registr|sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("e-?mail", re.I), ignore_case=True
    )
    browser.check()


def confirm_email(browser, email=EMAIL):
    page = browser.goto(link_from_last_mail(email))
    page.locator("main").get_by_role("button", name=re.compile("bevestig|confirm", re.I)).click()
    expect(page.get_by_role("status")).to_contain_text(email)
    browser.check()


def test_a_new_neighbour_signs_up_confirms_the_email_and_logs_in(browser_session):
    NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")

    sign_up(browser_session)
    assert len(mail.outbox) == 1
    confirm_email(browser_session)

    browser_session.log_in(EMAIL, PASSWORD, next_path="/me/")
    page = browser_session.page
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
