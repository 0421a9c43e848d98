""" "Vraag om hulp namens iemand" for a resident without an account: a professional records the
consent (how, until when), helpers see "namens <naam>" and talk with the professional, the phone
number reaches only the chosen helper, and the details go the moment the consent is withdrawn
or passes its date."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.buurthulp import actions, privacy
from buurtplein.buurthulp.models import (
    ConsentMethod,
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    ResidentContact,
    State,
)
from buurtplein.buurthulp.tests.factories import make_helper, person
from buurtplein.core.models import AuditEntry, Membership, Role
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.messaging.models import Conversation

pytestmark = pytest.mark.django_db

PHONE = "06 98765432"


def url(nb, path=""):
    return f"/b/{nb.slug}/help/{path}"


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<body", 1)[-1]))


@pytest.fixture
def team(nb, professional):
    """Ineke and Joost of Sterker Welzijn, and Pien of another organisation."""
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare")
    other = OrganisationFactory(name="Buurtzorg", slug="buurtzorg", kind="care")
    joost = person(nb, role=Role.PROFESSIONAL, first_name="Joost", postcode="6522AE")
    pien = person(nb, role=Role.PROFESSIONAL, first_name="Pien", postcode="6522AF")
    with scope(neighbourhood=nb):
        Membership.objects.filter(user__in=[professional, joost]).update(organisation=welfare)
        Membership.objects.filter(user=pien).update(organisation=other)
    return professional, joost, pien


def form_data(**extra) -> dict:
    until = timezone.localdate() + timedelta(days=60)
    return {
        "for_whom": "resident",
        "resident_name": "Gerda",
        "resident_contact": "phone",
        "resident_phone": PHONE,
        "resident_consent_until": until.isoformat(),
        "consent_method": "in_person",
        "consent": "on",
        "title": "Wie doet boodschappen?",
        "text": "Eén keer per week, op dinsdag.",
        "topic": "shopping",
        "when": "week",
        "visibility": "neighbours",
        **extra,
    }


def resident(**changes) -> actions.Resident:
    values = {
        "name": "Gerda",
        "contact": ResidentContact.PHONE,
        "phone": PHONE,
        "consent_method": ConsentMethod.IN_PERSON,
        "consent_until": timezone.localdate() + timedelta(days=60),
        **changes,
    }
    return actions.Resident(**values)


def viewer_of(user, nb):
    from buurtplein.core.permissions import Viewer

    with scope(neighbourhood=nb):
        membership = Membership.objects.filter(user=user).first()
    return Viewer(user=user, neighbourhood=nb, membership=membership)


def test_a_professional_asks_for_a_resident_without_an_account(nb, team, client, run_tasks):
    ineke, _joost, _pien = team
    client.force_login(ineke)
    response = client.post(url(nb, "ask/"), form_data())
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        help_request = HelpRequest.objects.get()
        entry = AuditEntry.objects.get(action="buurthulp.request.for_resident")
    # The professional is the asker of record (the contact); the resident is a name and number.
    assert help_request.asker == ineke
    assert help_request.created_by is None
    assert help_request.resident_name == "Gerda"
    assert help_request.resident_phone == PHONE
    assert help_request.consent_method == "in_person"
    assert help_request.consent_recorded_at is not None
    assert help_request.resident_consent_until == timezone.localdate() + timedelta(days=60)
    # The audit log records the consent, never the resident's name or number.
    assert "Gerda" not in str(entry.data) and PHONE not in str(entry.data)
    assert entry.data["consent_method"] == "in_person"


def test_the_form_asks_for_a_name_a_way_to_reach_them_and_the_consent(nb, professional, client):
    client.force_login(professional)
    page = client.get(url(nb, "ask/")).content.decode()
    assert 'value="resident"' in page and 'name="resident_consent_until"' in page
    refused = client.post(
        url(nb, "ask/"),
        form_data(resident_name=" ", resident_phone="", consent="", consent_method="writing"),
    )
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert {"resident_name", "resident_phone", "consent", "consent_method"} <= set(errors)
    assert "Wie doet boodschappen?" in refused.content.decode()  # nothing lost
    with scope(neighbourhood=nb):
        assert not HelpRequest.objects.exists()


@time_machine.travel(MOMENTS["wed-12:00"], tick=False)
def test_the_consent_lasts_at_most_a_year_and_ends_after_today(nb, professional, client):
    client.force_login(professional)
    today = date(2026, 12, 9)
    for until in (today, today + timedelta(days=366)):
        response = client.post(url(nb, "ask/"), form_data(resident_consent_until=until))
        assert response.status_code == 400
        assert "resident_consent_until" in response.context["form"].errors
    ok = client.post(url(nb, "ask/"), form_data(resident_consent_until=today + timedelta(365)))
    assert ok.status_code == 302
    # The form proposes three months.
    page = client.get(url(nb, "ask/")).content.decode()
    assert 'value="2027-03-10"' in page


def test_a_resident_cannot_ask_for_someone_without_an_account(nb, asker):
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.request_create(
            neighbourhood=nb, asker=asker, title="Voor Gerda", resident=resident()
        )


def test_via_me_keeps_no_phone_number(nb, professional, ask):
    help_request = ask(
        professional,
        "Wie doet boodschappen?",
        resident=resident(contact=ResidentContact.VIA_ME, phone=PHONE),
    )
    assert help_request.resident_contact == "via_me"
    assert help_request.resident_phone == ""


def test_helpers_see_namens_and_only_the_chosen_one_the_phone(nb, team, client, ask, run_tasks):
    ineke, _joost, _pien = team
    henk = make_helper(nb, first_name="Henk", skills=["groceries"], postcode="6522AB").user
    bram = person(nb, first_name="Bram")
    help_request = ask(ineke, "Wie doet boodschappen?", resident=resident())
    mail.outbox.clear()
    assert "Gerda" not in client.get(url(nb, f"{help_request.pk}/")).content.decode()
    client.force_login(bram)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Namens Gerda" in page and PHONE not in page
    listing = words(client.get(url(nb)).content.decode())
    assert PHONE not in listing
    # Henk says yes and is chosen: he talks with Ineke, and sees Gerda's number.
    with scope(neighbourhood=nb):
        match, _ = HelpMatch.objects.get_or_create(
            neighbourhood=nb, request=help_request, helper=henk
        )
        run_tasks(actions.match_respond, match=match, viewer=viewer_of(henk, nb), accept=True)
        run_tasks(actions.match_choose, match=match, viewer=viewer_of(ineke, nb))
        help_request.refresh_from_db()
        conversation = Conversation.objects.get(pk=help_request.conversation_id)
        talking = {p.user_id for p in conversation.participants.all()}
    assert talking == {ineke.pk, henk.pk}
    client.force_login(henk)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Namens Gerda" in page and PHONE in page
    client.force_login(bram)
    assert PHONE not in client.get(url(nb, f"{help_request.pk}/")).content.decode()
    # Nobody but members with an account gets e-mail: the resident has none.
    assert all(m.to[0] in (ineke.email, henk.email) for m in mail.outbox)


def test_a_colleague_withdraws_the_consent_at_once(nb, team, client, ask):
    ineke, joost, pien = team
    help_request = ask(ineke, "Wie doet boodschappen?", resident=resident())
    withdraw = url(nb, f"{help_request.pk}/withdraw-consent/")
    client.force_login(pien)  # another organisation
    assert client.post(withdraw).status_code == 404
    client.force_login(joost)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Ze willen het niet meer: trek de toestemming in" in page
    assert client.post(withdraw).status_code == 302
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
        entry = AuditEntry.objects.get(action="buurthulp.request.resident_consent_withdrawn")
    assert help_request.resident_name == "" and help_request.resident_phone == ""
    assert help_request.state == State.WITHDRAWN
    assert help_request.resident_consent_ended_at is not None
    assert entry.actor == joost
    client.force_login(person(nb, first_name="Bram"))
    assert "Gerda" not in client.get(url(nb, f"{help_request.pk}/")).content.decode()
    # Again: nothing left to withdraw.
    client.force_login(ineke)
    assert client.post(withdraw).status_code == 404


def test_a_buurtverbinder_withdraws_what_a_buurtverbinder_asked(nb, connector, ask):
    karim2 = person(nb, role=Role.CONNECTOR, first_name="Sanne")
    help_request = ask(connector, "Wie helpt met de tuin?", resident=resident())
    with scope(neighbourhood=nb):
        actions.resident_consent_withdraw(help_request=help_request, viewer=viewer_of(karim2, nb))
        help_request.refresh_from_db()
    assert help_request.resident_name == ""


def test_a_neighbour_cannot_withdraw(nb, professional, asker, ask):
    help_request = ask(professional, "Wie helpt met de tuin?", resident=resident())
    with scope(neighbourhood=nb), pytest.raises(ValidationError):
        actions.resident_consent_withdraw(help_request=help_request, viewer=viewer_of(asker, nb))


def test_consent_that_passes_its_date_ends_in_the_round(nb, professional, ask):
    with time_machine.travel(MOMENTS["mon-12:00"], tick=False):
        help_request = ask(
            professional,
            "Wie helpt met de tuin?",
            resident=resident(consent_until=date(2026, 12, 9)),
        )
        kept = ask(
            professional,
            "Wie helpt Ans?",
            resident=resident(name="Ans", consent_until=date(2026, 12, 10)),
        )
    with time_machine.travel(MOMENTS["wed-12:00"], tick=False):
        with scope(neighbourhood=nb):
            help_request.refresh_from_db()
        assert help_request.for_resident  # the last day of the consent
        out = StringIO()
        call_command("buurthulp_escalate", stdout=out)
        assert "0 consent ended" in out.getvalue()
    with time_machine.travel(MOMENTS["thu-12:00"], tick=False):
        with scope(neighbourhood=nb):
            help_request.refresh_from_db()
        assert not help_request.for_resident  # passed: not shown, even before the round
        out = StringIO()
        call_command("buurthulp_escalate", "--dry-run", stdout=out)
        assert "1 consent ended" in out.getvalue()
        call_command("buurthulp_escalate", stdout=out)
        call_command("buurthulp_escalate", stdout=out)  # again: nothing more
        assert out.getvalue().endswith(
            "Done: 0 escalated, 0 consent ended in 1 neighbourhood(s).\n"
        )
        with scope(neighbourhood=nb):
            help_request.refresh_from_db()
            kept.refresh_from_db()
    assert help_request.resident_name == "" and help_request.resident_phone == ""
    assert help_request.state == State.WITHDRAWN
    assert kept.resident_name == "Ans" and kept.state == State.OPEN


def test_the_professionals_export_and_erasure(nb, professional, ask):
    help_request = ask(professional, "Wie helpt met de tuin?", resident=resident())
    exported = privacy.export(professional)["help_requests"][0]
    assert exported["for_resident_without_account"] == "Gerda"
    assert exported["resident_phone"] == PHONE
    actions.erase_person(professional)
    with scope(neighbourhood=nb):
        assert not HelpRequest.objects.filter(pk=help_request.pk).exists()
        assert not HelpMatch.objects.filter(status=MatchStatus.SUGGESTED, request=help_request)


def test_colleagues_find_the_request_on_the_attention_page(nb, team, client, ask):
    """Joost can withdraw what Ineke asked, even for a request he cannot open (only the
    neighbours who are asked see it); Pien, of another organisation, does not see it."""
    ineke, joost, pien = team
    help_request = ask(
        ineke,
        "Wie wandelt een keer mee?",
        visibility=RequestVisibility.MATCHED,
        resident=resident(consent_until=timezone.localdate() + timedelta(days=10)),
    )
    client.force_login(joost)
    assert client.get(url(nb, f"{help_request.pk}/")).status_code == 404
    page = words(client.get(url(nb, "attention/")).content.decode())
    assert "Gevraagd voor iemand zonder account" in page
    assert "Namens Gerda, gevraagd door Ineke" in page and "Wie wandelt een keer mee?" in page
    assert PHONE not in page
    client.force_login(pien)
    page = words(client.get(url(nb, "attention/")).content.decode())
    assert "Namens Gerda" not in page
    assert "Geen open vragen voor iemand zonder account." in page
    client.force_login(joost)
    assert client.post(url(nb, f"{help_request.pk}/withdraw-consent/")).status_code == 302
    page = words(client.get(url(nb, "attention/")).content.decode())
    assert "Namens Gerda" not in page


def test_the_helper_who_is_asked_reads_namens_in_the_e_mail(nb, professional, ask):
    make_helper(nb, first_name="Henk", likes_to_do="boodschappen doen", postcode="6522AB")
    mail.outbox.clear()
    ask(professional, "Wie doet boodschappen?", "Eén keer per week.", resident=resident())
    asked = [m for m in mail.outbox if "Wie doet boodschappen?" in m.body]
    assert asked, [m.subject for m in mail.outbox]
    assert "Namens Gerda. Gerda heeft geen account. Je praat met Ineke." in asked[0].body
    assert PHONE not in asked[0].body
