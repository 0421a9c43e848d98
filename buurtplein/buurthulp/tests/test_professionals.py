"""A professional who opens a sensitive request (debts) gets their own wording and actions:
"Ik pak dit op" (they become the helper, the asker is told, the conversation opens) or hand it
to a colleague with a note (audit-logged; the colleague is told, with the note)."""

import re

import pytest
from django.core import mail
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.buurthulp.models import (
    HelpMatch,
    HelpRequest,
    MatchStatus,
    RequestVisibility,
    State,
)
from buurtplein.buurthulp.tests.factories import make_helper, person
from buurtplein.core.models import AuditEntry, Membership, Role

pytestmark = pytest.mark.django_db

DEBTS = "Ik heb schulden en de deurwaarder komt"


def url(nb, path=""):
    return f"/b/{nb.slug}/help/{path}"


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split("<body", 1)[-1]))


@pytest.fixture
def team(nb, professional):
    """Ineke of Sterker Welzijn (the fixture's professional) and her colleague Joost."""
    welfare = OrganisationFactory(name="Sterker Welzijn", slug="sterker-welzijn", kind="welfare")
    joost = person(nb, role=Role.PROFESSIONAL, first_name="Joost", postcode="6522AE")
    with scope(neighbourhood=nb):
        Membership.objects.filter(user__in=[professional, joost]).update(organisation=welfare)
    return professional, joost


def professionals_only(ask, asker):
    return ask(
        asker, DEBTS, "Wie helpt met de brieven?", visibility=RequestVisibility.PROFESSIONALS
    )


def test_a_professional_sees_wording_and_actions_for_professionals(nb, asker, ask, team, client):
    ineke, _joost = team
    help_request = professionals_only(ask, asker)
    client.force_login(ineke)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Iemand vraagt om een professional" in page
    assert "Els vroeg om een professional in de buurt, niet om buren." in page
    assert "Ik pak dit op" in page and "Geef door aan een collega" in page
    assert "Sluiten: we konden niet helpen" in page
    assert "buren gevraagd" not in page and "geen buur kon helpen" not in page
    assert "Ja, ik wil helpen" not in page


def test_a_sensitive_request_to_neighbours_asks_the_professional_as_a_professional(
    nb, asker, ask, team, client
):
    ineke, _joost = team
    make_helper(nb, skills=["paperwork"], postcode="6522AB")
    help_request = ask(asker, DEBTS, "Kan iemand helpen met de brieven?")
    with scope(neighbourhood=nb):
        assert HelpMatch.objects.filter(request=help_request, helper=ineke).exists()
    client.force_login(ineke)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Je wordt gevraagd als professional in de buurt." in page
    assert "Ik pak dit op" in page and "Ja, ik wil helpen" not in page


def test_i_pick_it_up_makes_me_the_helper_and_the_asker_is_told(
    nb, asker, ask, team, client, django_capture_on_commit_callbacks
):
    ineke, joost = team
    help_request = professionals_only(ask, asker)
    client.force_login(ineke)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(nb, f"{help_request.pk}/take-on/"))
    with scope(neighbourhood=nb):
        help_request.refresh_from_db()
        statuses = dict(
            HelpMatch.objects.filter(request=help_request).values_list("helper_id", "status")
        )
        assert AuditEntry.objects.filter(action="buurthulp.request.take_on").count() == 1
    assert help_request.state == State.IN_PROGRESS and help_request.helper == ineke
    assert statuses == {ineke.pk: MatchStatus.CHOSEN, joost.pk: MatchStatus.NOT_CHOSEN}
    assert response["Location"].endswith(f"/messages/{help_request.conversation_id}/")
    to_els = [m for m in mail.outbox if m.to == [asker.email]]
    assert to_els and "Ineke pakt je vraag op" in to_els[0].subject
    client.force_login(asker)
    conversation = client.get(response["Location"]).content.decode()
    assert "Hallo Els, ik ben Ineke van Sterker Welzijn. Ik pak je vraag" in conversation


def test_hand_it_to_a_colleague_with_a_note(
    nb, asker, ask, team, client, django_capture_on_commit_callbacks
):
    ineke, joost = team
    other_pro = person(nb, role=Role.PROFESSIONAL, first_name="Wim")
    help_request = professionals_only(ask, asker)
    client.force_login(ineke)
    form = client.get(url(nb, f"{help_request.pk}/hand-over/")).content.decode()
    assert "Joost B. (Sterker Welzijn)" in form or "Joost" in form
    assert f'value="{asker.pk}"' not in form
    with scope(neighbourhood=nb):
        joost_membership = Membership.objects.get(user=joost)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(nb, f"{help_request.pk}/hand-over/"),
            {"colleague": joost_membership.pk, "note": "Joost kent de schuldhulp het best."},
        )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        entry = AuditEntry.objects.get(action="buurthulp.request.hand_over")
        mine = HelpMatch.objects.get(request=help_request, helper=ineke)
        theirs = HelpMatch.objects.get(request=help_request, helper=joost)
    assert entry.actor_id == ineke.pk and entry.data["colleague"] == joost.pk
    assert mine.status == MatchStatus.DECLINED
    assert theirs.status == MatchStatus.SUGGESTED and theirs.suggested_by == ineke
    (told,) = [m for m in mail.outbox if m.to == [joost.email]]
    assert "Joost kent de schuldhulp het best." in told.body
    assert other_pro.email not in [m.to[0] for m in mail.outbox]

    client.force_login(joost)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "gaf dit aan je door, met deze notitie:" in page
    assert "Joost kent de schuldhulp het best." in page

    # A neighbour or the asker cannot hand it over.
    client.force_login(asker)
    assert client.get(url(nb, f"{help_request.pk}/hand-over/")).status_code == 403
    assert client.post(url(nb, f"{help_request.pk}/take-on/")).status_code == 403
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.get(pk=help_request.pk).state == State.OPEN


def test_handing_over_to_someone_who_is_not_a_professional_is_refused(nb, asker, ask, team, client):
    ineke, _joost = team
    help_request = professionals_only(ask, asker)
    with scope(neighbourhood=nb):
        neighbour = Membership.objects.get(user=person(nb, first_name="Kees"))
    client.force_login(ineke)
    response = client.post(url(nb, f"{help_request.pk}/hand-over/"), {"colleague": neighbour.pk})
    assert response.status_code == 400
    with scope(neighbourhood=nb):
        assert not AuditEntry.objects.filter(action="buurthulp.request.hand_over").exists()


def test_a_professional_who_asked_does_not_pick_up_their_own_request(nb, ask, team, client):
    """Joost (a professional) asks professionals-only help for himself: his page is the
    asker's, without "Ik pak dit op" or "Geef door", and taking it on is refused."""
    _ineke, joost = team
    help_request = professionals_only(ask, joost)
    client.force_login(joost)
    page = words(client.get(url(nb, f"{help_request.pk}/")).content.decode())
    assert "Ik pak dit op" not in page and "Geef door aan een collega" not in page
    assert client.post(url(nb, f"{help_request.pk}/take-on/")).status_code == 403
    with scope(neighbourhood=nb):
        assert HelpRequest.objects.get(pk=help_request.pk).state == State.OPEN
