"""Ambassadors: a member recommends an organisation, its staff approve, the recommendation
appears on the organisation's page and the neighbourhood home, and leaves both at once when
the consent is withdrawn. A recommendation given on paper is registered by the staff."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.tests.factories import member
from buurtplein.core.tests.photos import upload
from buurtplein.core.urls import nb_reverse
from buurtplein.stories import models
from buurtplein.stories.models import Consent, ConsentHow, initials
from buurtplein.stories.tests.factories import ConsentFactory, TestimonialFactory

pytestmark = pytest.mark.django_db


def org_page(client, nb, organisation) -> str:
    return client.get(
        nb_reverse("nb:organisation", nb, kwargs={"slug": organisation.slug})
    ).content.decode()


def home(client, nb) -> str:
    return client.get(nb_reverse("nb:home", nb)).content.decode()


def recommend(client, nb, organisation, **fields):
    url = nb_reverse("stories:testimonial_new", nb) + f"?organisation={organisation.pk}"
    data = {
        "text": "Wendy hielp me met mijn belastingaangifte. Top!",
        "shown_as": "initials",
        "agree": "on",
        **fields,
    }
    return client.post(url, data)


def test_a_resident_recommends_and_appears_on_the_page_once_approved_until_withdrawn(
    client, nb, welfare, worker
):
    resident = member(nb, first_name="Anna", last_name="de Boer")
    client.force_login(resident)
    assert recommend(client, nb, welfare, photo=upload(), alt_text="Anna lacht").status_code == 302
    with scopes_disabled():
        testimonial = models.Testimonial.objects.get()
        consent = Consent.objects.get()
        assert testimonial.approved_at is None and testimonial.photo is not None
    assert consent.how == ConsentHow.APP and consent.for_website and consent.given_at
    assert "Top!" not in org_page(client, nb, welfare)

    client.force_login(worker)
    assert "Top!" in org_page(client, nb, welfare)  # waiting for the staff's approval
    client.post(nb_reverse("stories:testimonial_approve", nb, kwargs={"pk": testimonial.pk}))
    neighbour = member(nb)
    client.force_login(neighbour)
    page = org_page(client, nb, welfare)
    assert "Top!" in page and "A.d.B." in page and "de Boer" not in page
    assert "Top!" in home(client, nb)

    client.force_login(resident)
    client.post(nb_reverse("stories:consent_withdraw", nb, kwargs={"pk": consent.pk}))
    client.force_login(neighbour)
    assert "Top!" not in org_page(client, nb, welfare)
    assert "Top!" not in home(client, nb)


def test_a_recommendation_without_agreeing_is_refused_with_the_text_kept(client, nb, welfare):
    client.force_login(member(nb))
    response = recommend(client, nb, welfare, agree="")
    assert response.status_code == 400
    assert "belastingaangifte" in response.content.decode()
    with scopes_disabled():
        assert not models.Testimonial.objects.exists()


def test_the_staff_register_a_recommendation_given_on_paper_with_its_withdrawal_link(
    client, nb, welfare, worker
):
    client.force_login(worker)
    url = nb_reverse("stories:testimonial_paper", nb) + f"?organisation={welfare.pk}"
    response = client.post(
        url,
        {
            "name": "Henk Verhoeven",
            "text": "Zonder de koffieochtend was ik nooit de deur uit gekomen.",
            "shown_as": "name",
            "until": (timezone.localdate() + dt.timedelta(days=365)).isoformat(),
            "agree": "on",
        },
    )
    assert response.status_code == 200
    link = response.content.decode().split('<code class="secret-link">')[1].split("</code>")[0]
    assert "Henk Verhoeven" in org_page(client, nb, welfare)
    client.logout()
    client.post(link)
    client.force_login(member(nb))
    assert "Henk Verhoeven" not in org_page(client, nb, welfare)


def test_a_recommendation_whose_consent_ran_out_is_no_longer_shown(client, nb, welfare):
    testimonial = TestimonialFactory(neighbourhood=nb, organisation=welfare, text="Aanrader")
    consent = ConsentFactory(testimonial=testimonial, until=timezone.localdate())
    client.force_login(member(nb))
    assert "Aanrader" in org_page(client, nb, welfare)
    with scopes_disabled():
        Consent.objects.filter(pk=consent.pk).update(
            until=timezone.localdate() - dt.timedelta(days=1)
        )
    assert "Aanrader" not in org_page(client, nb, welfare)


def test_initials():
    assert initials("Anna de Boer") == "A.d.B."
    assert initials("") == "?"
