"""Keeping the sociale kaart current in a real browser, on a desktop and on a phone, axe on
every page: an owner confirms a service from the "klopt dit nog?" e-mail.

1. The debt-help service and the form brigade of Sterker were last checked seven months ago.
   The daily round asks Fatima, who works there, "klopt dit nog?" in one e-mail listing both.
2. Fatima is not logged in. She opens the debt-help link from the e-mail: one page with one
   button (the visit changes nothing). One click, and the service counts as checked today.
3. Then the e-mail's link for the whole list: both services, one button, both checked today.
4. Anna, a resident, tells the owners in one sentence that something is no longer right.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.models import Service, ServiceFeedback
from buurtplein.socialmap.tests.factories import ServiceFactory, staff_of
from e2e.conftest import Browser, label, verified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def oost():
    nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
    fatima = verified(
        member(nb, role=Role.PROFESSIONAL, email="fatima@example.nl", first_name="Fatima")
    )
    anna = verified(member(nb, email="anna@example.nl", first_name="Anna"))
    member(nb, role=Role.CONNECTOR, email="bas@example.nl", first_name="Bas")
    sterker = staff_of(OrganisationFactory(name="Sterker Sociaal Werk"), fatima, neighbourhood=nb)
    debts = ServiceFactory(
        neighbourhood=nb,
        organisation=sterker,
        name="Schuldhulpmaatje",
        summary="Een getraind maatje helpt je met geldzorgen, je post en je schulden.",
        last_checked_at=timezone.now() - timedelta(days=210),
    )
    ServiceFactory(
        neighbourhood=nb,
        organisation=sterker,
        name="Formulierenbrigade",
        last_checked_at=timezone.now() - timedelta(days=200),
    )
    return nb, fatima, anna, debts


def fresh(service):
    with scopes_disabled():
        return Service.objects.get(pk=service.pk)


def test_an_owner_confirms_a_service_from_the_klopt_dit_nog_email(browser_session: Browser, oost):
    nb, fatima, anna, debts = oost
    call_command("socialmap_check", stdout=io.StringIO())
    sent = [m for m in mail.outbox if m.to == [fatima.email]]
    assert len(sent) == 1
    assert sent[0].subject == "2 diensten op de sociale kaart: kloppen ze nog?"
    link = re.search(r"Schuldhulpmaatje .*\n.*(https?://\S+/check/\S+/)", sent[0].body).group(1)
    path = "/" + link.split("/", 3)[3]
    every = re.search(r"https?://\S+/check-all/\S+/", sent[0].body).group(0)

    me = browser_session
    page = me.goto(path)  # not logged in: the link is enough
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Klopt dit aanbod nog?")
    expect(main).to_contain_text("Schuldhulpmaatje")
    assert fresh(debts).check_asked_at is not None  # looking changed nothing
    main.get_by_role("button", name="Ja, klopt nog").click()
    page.wait_for_load_state("load")
    me.check()
    expect(page.get_by_text(re.compile("Dank je wel! Vandaag gecontroleerd"))).to_be_visible()
    checked = fresh(debts)
    assert checked.check_asked_at is None and checked.stale_since is None
    assert timezone.now() - checked.last_checked_at < timedelta(minutes=5)

    # The link for the whole list: both services, one button.
    page = me.goto("/" + every.split("/", 3)[3])
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Kloppen deze diensten nog?")
    expect(main.get_by_role("listitem")).to_have_count(2)
    main.get_by_role("button", name="Ja, alle 2 kloppen nog").click()
    page.wait_for_load_state("load")
    me.check()
    expect(
        page.get_by_text(re.compile("Dank je wel! 2 diensten vandaag gecontroleerd"))
    ).to_be_visible()
    with scopes_disabled():
        assert not Service.objects.filter(check_asked_at__isnull=False).exists()

    # A resident says what is no longer right; Fatima gets it by e-mail.
    mail.outbox.clear()
    me.log_in_as(anna)
    page = me.goto(f"/b/{nb.slug}/services/{debts.pk}/correct/")
    page.get_by_label(label("Wat klopt er niet meer?")).fill("Het spreekuur is nu op donderdag.")
    page.locator("main").get_by_role("button", name="Versturen").click()
    page.wait_for_load_state("load")
    me.check()
    expect(
        page.get_by_text("De mensen die dit aanbod bijhouden, krijgen het te horen.")
    ).to_be_visible()
    with scopes_disabled():
        assert (
            ServiceFeedback.objects.get(service=debts).text == "Het spreekuur is nu op donderdag."
        )
    assert [m.to for m in mail.outbox] == [[fatima.email]]
