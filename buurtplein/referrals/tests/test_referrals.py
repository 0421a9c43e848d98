"""Referring, the receiving side, the loop back and consent, as the people involved see it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import AuditEntry, Role
from buurtplein.core.tests.factories import member
from buurtplein.core.urls import nb_reverse
from buurtplein.referrals.models import Referral, Route, State
from buurtplein.referrals.privacy import erase, export, stats
from buurtplein.referrals.tests.factories import ReferralFactory

pytestmark = pytest.mark.django_db


def url(nb, name, **kwargs):
    return nb_reverse(f"referrals:{name}", nb, kwargs=kwargs)


def refer(client, nb, service, **fields):
    data = {
        "service": service.pk,
        "who": "resident",
        "person_name": "Mevrouw Jansen",
        "person_phone": "06 1111 2222",
        "question": "Zij heeft schulden en durft de post niet meer open te maken.",
        "shares_question": "on",
        "shares_contact": "on",
        "consent_how": "in_person",
        "consent_until": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        **fields,
    }
    return client.post(url(nb, "new"), data)


def only_referral():
    with scopes_disabled():
        return Referral.objects.get()


def test_a_professional_refers_a_resident_without_an_account_and_sees_only_the_state(
    client, nb, service, professional, worker, django_capture_on_commit_callbacks
):
    client.force_login(professional)
    with django_capture_on_commit_callbacks(execute=True):
        response = refer(client, nb, service)
    referral = only_referral()
    assert response.status_code == 302
    assert referral.route == Route.PROFESSIONAL and referral.organisation == service.organisation
    assert [m.to for m in mail.outbox] == [[worker.email]]
    assert "Jansen" not in mail.outbox[0].body  # no personal details by e-mail

    # The receiving organisation sees the details, accepts and records contact with a note.
    client.force_login(worker)
    page = client.get(url(nb, "inbox")).content.decode()
    assert "Mevrouw Jansen" in page
    detail = client.get(url(nb, "referral", pk=referral.pk)).content.decode()
    assert "06 1111 2222" in detail and "post niet meer open" in detail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, "answer", pk=referral.pk), {"answer": "accept"})
        client.post(
            url(nb, "progress", pk=referral.pk),
            {"step": "contact", "note": "Samen de brieven geordend, schuldeiser gebeld."},
        )
    assert only_referral().state == State.IN_CONTACT
    assert {m.to[0] for m in mail.outbox} == {professional.email}
    # In contact: the page no longer offers "we had contact", and the note so far is in the
    # field, so recording the end keeps it.
    detail = client.get(url(nb, "referral", pk=referral.pk)).content.decode()
    assert "We hebben contact gehad" not in detail and "schuldeiser gebeld" in detail
    client.post(
        url(nb, "progress", pk=referral.pk),
        {"step": "done", "note": "Samen de brieven geordend, schuldeiser gebeld."},
    )
    assert only_referral().state == State.DONE
    assert "schuldeiser" in only_referral().note

    # The referrer sees "afgerond", never the receiving side's note.
    client.force_login(professional)
    page = client.get(url(nb, "referral", pk=referral.pk)).content.decode()
    assert "Afgerond" in page
    assert "schuldeiser" not in page
    assert "Afgerond" in client.get(url(nb, "list")).content.decode()
    with scopes_disabled():
        actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "referrals.referral.create",
        "referrals.referral.accept",
        "referrals.referral.contact",
    } <= actions


def test_nothing_typed_is_lost_when_the_contact_is_missing(client, nb, service, professional):
    client.force_login(professional)
    response = refer(client, nb, service, person_phone="", question="Hulp bij formulieren")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mevrouw Jansen" in page and "Hulp bij formulieren" in page
    assert "of kies dat het contact via jou loopt" in page
    with scopes_disabled():
        assert not Referral.objects.exists()


def test_via_mij_needs_no_phone_number(client, nb, service, professional):
    client.force_login(professional)
    response = refer(client, nb, service, person_phone="", via_referrer="on")
    assert response.status_code == 302
    assert only_referral().via_referrer


def test_a_member_is_found_by_name_and_withdraws_consent_with_one_click(
    client, nb, service, professional, worker
):
    anna = member(nb, first_name="Annemarie", last_name="Bos", email="anna@example.nl")
    client.force_login(professional)
    # One member fits the name: she is offered, never picked without the referrer seeing who.
    response = refer(client, nb, service, who="member", member_query="Anne", consent_how="app")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Annemarie B." in page and "Kies wie je bedoelt." in page
    with scopes_disabled():
        assert not Referral.objects.exists()
    response = refer(
        client, nb, service, who="member", member_query="Anne", member=anna.pk, consent_how="app"
    )
    assert response.status_code == 302
    referral = only_referral()
    assert referral.person == anna

    client.force_login(anna)
    mine = " ".join(client.get(url(nb, "mine")).content.decode().split())
    assert "Toestemming intrekken" in mine
    # Who referred her, and until when her details are shared.
    assert "Doorverwezen door Pieter" in mine and "gedeeld tot" in mine
    client.post(url(nb, "withdraw", pk=referral.pk))
    referral = only_referral()
    assert referral.consent_withdrawn_at is not None and referral.question == ""
    assert referral.state == State.FAILED  # still open, so it ends: nobody can act on it now

    client.force_login(worker)
    page = client.get(url(nb, "referral", pk=referral.pk)).content.decode()
    assert "Annemarie" not in page and "post niet meer open" not in page


def test_consent_in_the_app_is_only_for_a_member(client, nb, service, professional):
    client.force_login(professional)
    response = refer(client, nb, service, consent_how="app")
    assert response.status_code == 400
    assert "Alleen een lid kan in de app toestemming geven" in response.content.decode()
    assert "Mevrouw Jansen" in response.content.decode()  # what was typed stays


def test_an_unknown_member_name_says_so(client, nb, service, professional):
    client.force_login(professional)
    response = refer(client, nb, service, who="member", member_query="Niemand")
    assert response.status_code == 400
    assert "Niemand" in response.content.decode()


def test_a_decline_needs_a_reason_which_the_referrer_sees(client, nb, service, worker):
    referrer = member(nb, role=Role.CONNECTOR)
    referral = ReferralFactory(neighbourhood=nb, service=service, referrer=referrer)
    client.force_login(worker)
    assert client.post(url(nb, "answer", pk=referral.pk), {"answer": "decline"}).status_code == 400
    client.post(
        url(nb, "answer", pk=referral.pk), {"answer": "decline", "reason": "Wachtlijst tot mei."}
    )
    assert only_referral().state == State.DECLINED
    client.force_login(referrer)
    assert "Wachtlijst tot mei." in client.get(url(nb, "referral", pk=referral.pk)).content.decode()


def test_the_referrer_withdraws_for_a_resident_without_an_account(
    client, nb, service, professional
):
    referral = ReferralFactory(neighbourhood=nb, service=service, referrer=professional)
    client.force_login(professional)
    client.post(url(nb, "withdraw", pk=referral.pk))
    referral = only_referral()
    assert referral.person_name == "" and referral.person_phone == ""


def test_figures_export_and_erase(nb, service, professional, worker):
    anna = member(nb)
    now = timezone.now()
    ReferralFactory(
        neighbourhood=nb,
        service=service,
        referrer=professional,
        person=anna,
        state=State.IN_CONTACT,
        answered_at=now,
        contact_at=now + dt.timedelta(hours=6),
        created_at=now,
    )
    ReferralFactory(
        neighbourhood=nb, service=service, route=Route.LINK, state=State.DECLINED, answered_at=now
    )
    figures = stats(nb)
    assert figures["referrals_total"] == 2
    assert figures["referrals_by_route_link"] == 1
    assert figures["referrals_acceptance_pct"] == 50
    assert figures["referrals_hours_to_contact"] == 6.0
    assert export(anna)["referrals_about_you"][0]["organisation"] == service.organisation.name
    assert len(export(professional)["referrals_you_made"]) == 1
    erase(anna)
    with scope(neighbourhood=nb):
        erased = Referral.objects.get(state=State.IN_CONTACT)
    assert erased.person is None and erased.question == "" and erased.erased_at


def test_a_service_page_offers_refer_to_professionals_only(rf, nb, service, professional):
    """socialmap renders ``core/_service_actions.html`` with ``core.components.service_actions``
    (the registry hook ``Component.service_actions``): "Refer someone" for professionals."""
    from django.template.loader import render_to_string

    from buurtplein.core.components import service_actions
    from buurtplein.core.models import Membership

    def actions_for(person):
        request = rf.get("/")
        request.user, request.neighbourhood = person, nb
        with scopes_disabled():
            request.membership = Membership.objects.get(user=person, neighbourhood=nb)
        return service_actions(request, service)

    assert actions_for(member(nb)) == []
    found = actions_for(professional)
    html = render_to_string("core/_service_actions.html", {"service_actions": found})
    assert f"/referrals/new/?service={service.pk}" in html and "Doorverwijzen" in html


def test_the_demo_seeds_referrals_once(nb, service, professional, worker):
    import random

    from buurtplein.referrals.demo import seed

    with scope(neighbourhood=nb):
        seed(nb, [professional, worker], random.Random(1))
        seed(nb, [professional, worker], random.Random(1))
        referrals = list(Referral.objects.order_by("created_at"))
    by_hand = [r for r in referrals if r.route != Route.LINK]
    assert len(by_hand) == 4  # seeded once, though asked twice
    assert {r.referrer for r in by_hand} == {professional}
    # The whole loop shows: in contact, ended well, declined with its reason, still waiting.
    states = sorted(r.state for r in by_hand)
    assert states == sorted([State.IN_CONTACT, State.DONE, State.DECLINED, State.SENT])
    declined = next(r for r in by_hand if r.state == State.DECLINED)
    assert "past niet bij wat wij doen" in declined.decline_reason
    # Each answer came after the referral arrived, so the time to first contact is believable.
    assert all(r.answered_at > r.created_at for r in by_hand if r.state != State.SENT)


def test_another_organisation_never_sees_a_referral_in_its_inbox(client, nb, service, worker):
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.referrals.tests.factories import ServiceFactory

    other = OrganisationFactory(name="Andere Stichting")
    other.neighbourhoods.add(nb)
    colleague = member(nb, first_name="Olga")
    other.staff.add(colleague)
    theirs = ServiceFactory(neighbourhood=nb, organisation=other, name="Taalhuis")
    ReferralFactory(neighbourhood=nb, service=service, person_name="Mevrouw Ons")
    ReferralFactory(neighbourhood=nb, service=theirs, person_name="Meneer Hun")
    client.force_login(worker)
    page = client.get(url(nb, "inbox")).content.decode()
    assert "Mevrouw Ons" in page and "Meneer Hun" not in page
    client.force_login(colleague)
    page = client.get(url(nb, "inbox")).content.decode()
    assert "Meneer Hun" in page and "Mevrouw Ons" not in page


def test_a_new_referral_is_on_top_of_a_full_inbox(client, nb, service, worker, monkeypatch):
    """The inbox shows a page of open referrals, waiting ones first: a new one is never pushed
    off the page by older ones that were already accepted."""
    from buurtplein.referrals import selectors

    monkeypatch.setattr(selectors, "LIST_SIZE", 3)
    long_ago = timezone.now() - dt.timedelta(days=30)
    for name in ("Oud Een", "Oud Twee", "Oud Drie"):
        ReferralFactory(
            neighbourhood=nb,
            service=service,
            person_name=name,
            state=State.ACCEPTED,
            created_at=long_ago,
        )
    ReferralFactory(neighbourhood=nb, service=service, person_name="Mevrouw Nieuw")
    client.force_login(worker)
    page = client.get(url(nb, "inbox")).content.decode()
    assert "Mevrouw Nieuw" in page
    assert page.index("Mevrouw Nieuw") < page.index("Oud Een")


def test_new_referral_mail_goes_only_to_staff_who_can_open_it(nb, service, worker):
    """Staff of the organisation who are not members of this neighbourhood would only meet a
    closed door: they get no e-mail about it."""
    from buurtplein.accounts.tests.factories import UserFactory
    from buurtplein.referrals.actions import staff_of

    elsewhere = UserFactory(email="elders@example.nl")
    service.organisation.staff.add(elsewhere)
    referral = ReferralFactory(neighbourhood=nb, service=service)
    assert staff_of(referral) == [worker]
