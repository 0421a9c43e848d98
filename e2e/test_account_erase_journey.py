"""Leaving Buurtplein: from the account page to "Delete your account", a wrong password that
keeps you on the page with the reason, then the real thing and the goodbye."""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.models import User
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from e2e.steps import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_neighbour_deletes_their_account(browser_session):
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6524")
    with scopes_disabled():
        person = member(nb, first_name="Ria", email="ria@example.nl", password=PASSWORD)
    browser_session.log_in_as(person)
    page = browser_session.goto("/me/")
    page.get_by_role("link", name="Account verwijderen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account verwijderen")
    expect(page.get_by_role("heading", name="Wat blijft, zonder je naam")).to_be_visible()
    browser_session.check()

    page.get_by_label(re.compile("^Ik begrijp het")).check()
    page.get_by_label(re.compile("^Je wachtwoord")).fill("niet-mijn-wachtwoord")
    page.get_by_role("button", name="Verwijder mijn account").click()
    expect(page.locator("#form-errors")).to_contain_text("Dat is niet je wachtwoord")
    expect(page.get_by_label(re.compile("^Ik begrijp het"))).to_be_checked()
    assert User.objects.filter(pk=person.pk).exists()
    browser_session.check()

    page.get_by_label(re.compile("^Je wachtwoord")).fill(PASSWORD)
    page.get_by_role("button", name="Verwijder mijn account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je account is verwijderd")
    assert not User.objects.filter(pk=person.pk).exists()
    browser_session.check()
    page = browser_session.goto("/me/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
