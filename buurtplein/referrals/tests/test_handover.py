"""A sensitive buurthulp request that a professional took on is handed over as a referral
(buurthulp's contract: ``taken_on_sensitive``, ``access_handover``)."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.buurthulp.models import State as HelpState
from buurtplein.buurthulp.tests.factories import HelpRequestFactory
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.referrals.models import Referral, Route

pytestmark = pytest.mark.django_db


def taken_on(nb, professional, **fields):
    return HelpRequestFactory(
        neighbourhood=nb,
        asker=member(nb, first_name="Karin"),
        helper=professional,
        state=HelpState.IN_PROGRESS,
        **fields,
    )


def test_a_professional_hands_over_a_sensitive_request(client, nb, service, professional):
    help_request = taken_on(
        nb, professional, topic="money", title="Ik kan de huur niet betalen", text="Al 2 maanden."
    )
    taken_on(nb, professional, topic="garden", title="Wie maait het gras?", text="")
    client.force_login(professional)
    page = client.get(nb_reverse("referrals:list", nb)).content.decode()
    assert "Ik kan de huur niet betalen" in page and "Wie maait het gras?" not in page

    url = nb_reverse("referrals:new", nb) + f"?service={service.pk}&help={help_request.pk}"
    form = client.get(url).content.decode()
    assert "Al 2 maanden." in form  # the question is filled in from the request
    response = client.post(
        nb_reverse("referrals:new", nb),
        {
            "service": service.pk,
            "help": help_request.pk,
            "question": "Huurachterstand van twee maanden.",
            "shares_question": "on",
            "shares_contact": "on",
            "consent_how": "app",
            "consent_until": "2099-01-01",
        },
    )
    # A date too far ahead is refused with everything kept…
    assert response.status_code == 400
    assert "Huurachterstand van twee maanden." in response.content.decode()
    response = client.post(
        nb_reverse("referrals:new", nb),
        {
            "service": service.pk,
            "help": help_request.pk,
            "question": "Huurachterstand van twee maanden.",
            "shares_question": "on",
            "shares_contact": "on",
            "consent_how": "app",
            "consent_until": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
    assert referral.route == Route.BUURTHULP and referral.person == help_request.asker
    assert referral.source == f"buurthulp.helprequest:{help_request.pk}"


def test_only_the_professional_who_took_it_on_may_hand_it_over(client, nb, service, professional):
    help_request = taken_on(nb, member(nb, role="professional"), topic="money")
    client.force_login(professional)
    url = nb_reverse("referrals:new", nb) + f"?service={service.pk}&help={help_request.pk}"
    assert client.get(url).status_code == 404
    not_sensitive = taken_on(nb, professional, topic="garden", title="Gras", text="")
    url = nb_reverse("referrals:new", nb) + f"?service={service.pk}&help={not_sensitive.pk}"
    assert client.get(url).status_code == 404


def test_a_request_asked_for_a_resident_without_an_account_refers_the_resident(
    client, nb, service, professional, django_capture_on_commit_callbacks
):
    """The professional who asked for Gerda is the request's asker of record; the referral is
    about Gerda (her first name and phone number), and the one who asked gets no "you were
    referred" e-mail."""
    from django.core import mail

    asked_by = member(nb, role="professional", first_name="Ineke", email="ineke@example.nl")
    help_request = HelpRequestFactory(
        neighbourhood=nb,
        asker=asked_by,
        helper=professional,
        state=HelpState.IN_PROGRESS,
        topic="money",
        title="Hulp met de post",
        text="",
        resident_name="Gerda",
        resident_contact="phone",
        resident_phone="06 98765432",
        resident_consent_until=timezone.localdate() + dt.timedelta(days=30),
    )
    client.force_login(professional)
    list_page = client.get(nb_reverse("referrals:list", nb)).content.decode()
    assert "Hulp met de post · Gerda" in list_page
    url = nb_reverse("referrals:new", nb) + f"?service={service.pk}&help={help_request.pk}"
    form = client.get(url).content.decode()
    assert 'value="Gerda"' in form and 'value="06 98765432"' in form
    assert "voor een buurtbewoner zonder account" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            nb_reverse("referrals:new", nb),
            {
                "service": service.pk,
                "help": help_request.pk,
                "person_name": "Gerda",
                "person_phone": "06 98765432",
                "question": "Hulp met de post.",
                "shares_question": "on",
                "shares_contact": "on",
                "consent_how": "phone",
                "consent_until": timezone.localdate().isoformat(),
            },
        )
    assert response.status_code == 302
    with scopes_disabled():
        referral = Referral.objects.get()
    assert referral.person is None and referral.person_name == "Gerda"
    assert referral.person_phone == "06 98765432" and referral.route == Route.BUURTHULP
    assert not [m for m in mail.outbox if m.to == [asked_by.email]]
