"""A referred member is told and finds their referrals; the inbox in the navigation only for the
staff of organisations that receive referrals, without a query on every page."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.referrals import actions
from buurtplein.referrals.models import ConsentHow, Route
from buurtplein.referrals.tests.factories import ReferralFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def home(client, nb) -> str:
    response = client.get(nb_reverse("nb:home", nb))
    assert response.status_code == 200
    return response.content.decode()


def mine_url(nb):
    return nb_reverse("referrals:mine", nb)


def inbox_url(nb):
    return nb_reverse("referrals:inbox", nb)


def refer_member(nb, service, professional, person, **fields):
    with scopes_disabled():
        return actions.referral_create(
            referrer=professional,
            neighbourhood=nb,
            service=service,
            route=Route.PROFESSIONAL,
            consent_how=ConsentHow.IN_PERSON,
            consent_until=timezone.localdate() + dt.timedelta(days=60),
            person=person,
            question=fields.pop("question", "Wil hulp bij de post."),
            **fields,
        )


# --- the member is told ---------------------------------------------------------------------


def test_a_referred_member_gets_an_e_mail_in_plain_dutch_with_the_link(
    nb, service, professional, worker, django_capture_on_commit_callbacks
):
    anna = member(nb, first_name="Annemarie", email="anna@example.nl", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        refer_member(nb, service, professional, anna, person_phone="06 5555 1234")
    to_anna = [m for m in mail.outbox if m.to == [anna.email]]
    assert len(to_anna) == 1
    message = to_anna[0]
    assert message.subject == "Je bent doorverwezen naar Sterker Welzijn"
    body = message.body
    assert "Hallo Annemarie," in body
    assert "Pieter" in body and "Iemand van Sterker Welzijn neemt contact met je op." in body
    assert "Schuldhulpmaatje" in body
    # What is shared, and where to withdraw: the link to "Doorverwijzingen over mij".
    assert "je naam" in body and "je telefoonnummer of e-mailadres" in body and "je vraag" in body
    assert "Doorverwijzingen over mij" in body and "intrekken" in body
    assert mine_url(nb) in body
    # The staff get their own e-mail, without the person's details.
    assert [m.to for m in mail.outbox if m.to != [anna.email]] == [[worker.email]]


def test_the_e_mail_says_only_what_is_shared_and_who_makes_contact(
    nb, service, professional, django_capture_on_commit_callbacks
):
    anna = member(nb, first_name="Annemarie", email="anna@example.nl", language="nl")
    with django_capture_on_commit_callbacks(execute=True):
        refer_member(nb, service, professional, anna, via_referrer=True, shares_question=False)
    body = next(m.body for m in mail.outbox if m.to == [anna.email])
    assert "Sterker Welzijn neemt contact met je op via Pieter" in body
    assert "je vraag" not in body and "je telefoonnummer" not in body


def test_a_resident_without_an_account_gets_no_e_mail(
    nb, service, professional, worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        actions.referral_create(
            referrer=professional,
            neighbourhood=nb,
            service=service,
            route=Route.PROFESSIONAL,
            consent_how=ConsentHow.PHONE,
            consent_until=timezone.localdate() + dt.timedelta(days=60),
            person_name="Mevrouw Jansen",
            person_phone="06 1111 2222",
        )
    assert [m.to for m in mail.outbox] == [[worker.email]]


# --- the member finds their referrals -------------------------------------------------------


def test_referrals_about_me_is_in_the_navigation_only_for_whom_it_is_about(
    client, nb, service, professional
):
    anna = member(nb, first_name="Annemarie")
    bram = member(nb, first_name="Bram")
    client.force_login(anna)
    assert mine_url(nb) not in home(client, nb)
    refer_member(nb, service, professional, anna)
    assert mine_url(nb) in home(client, nb)
    assert "Doorverwijzingen over mij" in home(client, nb)
    client.force_login(bram)
    assert mine_url(nb) not in home(client, nb)


# --- the inbox in the navigation ------------------------------------------------------------


def test_the_inbox_is_shown_to_staff_of_an_organisation_with_a_service_not_of_a_club(
    client, nb, welfare, worker, professional
):
    club = OrganisationFactory(name="Bridgeclub", slug="bridge", kind="club")
    club.neighbourhoods.add(nb)
    chair = member(nb, first_name="Carla")
    club.staff.add(chair)
    client.force_login(chair)
    assert inbox_url(nb) not in home(client, nb)
    client.force_login(worker)  # Sterker Welzijn has no service yet either
    assert inbox_url(nb) not in home(client, nb)

    # A service for the welfare organisation: its staff see the inbox, with the number waiting.
    service = ServiceFactory(neighbourhood=nb, organisation=welfare)
    page = home(client, nb)
    assert inbox_url(nb) in page
    ReferralFactory(neighbourhood=nb, service=service, referrer=professional)
    assert "Doorverwijzingen binnen" in home(client, nb)
    # A referral link makes the club receive referrals too.
    client.force_login(chair)
    with scopes_disabled():
        actions.link_create(organisation=club, neighbourhood=nb, actor=chair, label="De Linde")
    assert inbox_url(nb) in home(client, nb)


def test_joining_or_leaving_the_staff_changes_the_navigation(client, nb, welfare, service):
    newcomer = member(nb, first_name="Nina")
    client.force_login(newcomer)
    assert inbox_url(nb) not in home(client, nb)
    welfare.staff.add(newcomer)
    assert inbox_url(nb) in home(client, nb)
    newcomer.organisations.remove(welfare)
    assert inbox_url(nb) not in home(client, nb)
    newcomer.organisations.add(welfare)
    assert inbox_url(nb) in home(client, nb)
    newcomer.organisations.clear()
    assert inbox_url(nb) not in home(client, nb)


def count_queries(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["resident", "club", "welfare"])
def test_the_navigation_reads_no_query_of_referrals_on_a_page(
    client, nb, welfare, worker, service, who
):
    """Once the glance is cached, a page reads nothing of referrals for whoever does not
    receive them, and only the number waiting for whoever does."""
    club = OrganisationFactory(name="Bridgeclub", slug="bridge", kind="club")
    club.neighbourhoods.add(nb)
    viewer = {"resident": member(nb, role=Role.RESIDENT), "club": member(nb), "welfare": worker}
    if who == "club":
        club.staff.add(viewer["club"])
    client.force_login(viewer[who])
    path = nb_reverse("nb:home", nb)
    count_queries(client, path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    about_referrals = [q["sql"] for q in queries if "referrals_" in q["sql"]]
    assert len(about_referrals) == (1 if who == "welfare" else 0)
    if who != "welfare":
        assert not [q for q in queries if "accounts_organisation_staff" in q["sql"]]
