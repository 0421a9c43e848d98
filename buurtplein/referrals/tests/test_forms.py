"""Whatever is typed into the forms, the answer is a page (200, 302 or 400), never a 500, and
a refused form shows what was typed."""

import string

import pytest
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core.urls import nb_reverse
from buurtplein.referrals.models import Referral, Route
from buurtplein.referrals.tests.factories import ReferralLinkFactory

pytestmark = pytest.mark.django_db

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)
dates = st.one_of(st.dates().map(str), text)
word = st.text(alphabet=string.ascii_letters, min_size=3, max_size=20)

SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(
    who=st.sampled_from(["resident", "member", "", "x"]),
    name=text,
    phone=text,
    question=text,
    how=st.sampled_from(["in_person", "phone", "app", "outside", ""]),
    until=dates,
    member_query=text,
)
def test_refer_form(
    client, nb, service, professional, who, name, phone, question, how, until, member_query
):
    client.force_login(professional)
    data = {
        "service": service.pk,
        "who": who,
        "person_name": name,
        "person_phone": phone,
        "question": question,
        "consent_how": how,
        "consent_until": until,
        "member_query": member_query,
    }
    response = client.post(nb_reverse("referrals:new", nb), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400 and name.strip() and "\x00" not in name:
        # Nothing typed is lost (the name is shown again, escaped).
        assert response.context["form"]["person_name"].value() == name


@SLOW
@given(
    name=text,
    phone=text,
    email=text,
    question=text,
    practice=text,
    contact=text,
    consent=st.booleans(),
)
def test_link_form(client, nb, welfare, name, phone, email, question, practice, contact, consent):
    link = ReferralLinkFactory(neighbourhood=nb, organisation=welfare)
    data = {
        "person_name": name,
        "person_phone": phone,
        "person_email": email,
        "question": question,
        "outside_referrer": practice,
        "outside_contact": contact,
    }
    if consent:
        data["consent"] = "on"
    response = client.post(nb_reverse("referrals:link", nb, kwargs={"token": link.token}), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert response.context["form"]["question"].value() == question


def test_a_referral_through_the_link_reaches_the_inbox_and_is_audited(client, nb, welfare, worker):
    from buurtplein.core.models import AuditEntry

    link = ReferralLinkFactory(neighbourhood=nb, organisation=welfare)
    url = nb_reverse("referrals:link", nb, kwargs={"token": link.token})
    data = {
        "person_name": "Dhr. Yilmaz",
        "person_phone": "06 9999 0000",
        "question": "Voelt zich eenzaam sinds zijn vrouw overleed. Wil onder de mensen komen.",
        "outside_referrer": "Huisartsenpraktijk De Linde",
        "outside_contact": "024 123 4567",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Dhr. Yilmaz" in refused.content.decode()
    sent = client.post(url, {**data, "consent": "on"}, follow=True)
    assert "Doorverwijzing verstuurd" in sent.content.decode()
    assert sent.redirect_chain == [(f"{url}?sent=1", 302)]
    client.get(f"{url}?sent=1")  # reloading the thank-you sends nothing again
    with scopes_disabled():
        referral = Referral.objects.get()
        assert referral.route == Route.LINK and referral.organisation == welfare
        assert AuditEntry.objects.filter(action="referrals.link.referral").count() == 1
    client.force_login(worker)
    assert "Dhr. Yilmaz" in client.get(nb_reverse("referrals:inbox", nb)).content.decode()


def test_a_revoked_link_answers_404(client, nb, welfare, worker):
    link = ReferralLinkFactory(neighbourhood=nb, organisation=welfare)
    client.force_login(worker)
    client.post(nb_reverse("referrals:link_revoke", nb, kwargs={"pk": link.pk}))
    client.logout()
    assert (
        client.get(nb_reverse("referrals:link", nb, kwargs={"token": link.token})).status_code
        == 404
    )
