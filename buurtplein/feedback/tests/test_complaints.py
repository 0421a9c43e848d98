"""The complaints procedure: a receipt at once, a personal acknowledgement within 5 working
days, a deadline (6 weeks, settable) with reminders, internal notes, and an outcome sent to the
person, who follows the state (a member on their page, anyone else through the link)."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from buurtplein.core.tests.moments import local
from buurtplein.core.workdays import add_working_days
from buurtplein.feedback import actions
from buurtplein.feedback.models import Complaint, ComplaintNote

pytestmark = pytest.mark.django_db

# A Wednesday before Christmas: 5 working days later is Thursday 31 December.
MONDAY = local(dt.date(2026, 12, 21), dt.time(10))


def _complain(client, nb, **data):
    return client.post(f"/b/{nb.slug}/feedback/complaints/new/", data)


def _in(user, text):
    """``text`` as the e-mail to ``user`` says it (in their language)."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return gettext(text)


def _run(command, **options):
    call_command(command, stdout=open("/dev/null", "w"), **options)  # noqa: SIM115


def test_a_complaint_without_an_account_goes_through_to_its_outcome(
    client, nb, welfare, worker, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = _complain(
                client,
                nb,
                organisation=str(welfare.pk),
                text="Ik werd drie keer niet teruggebeld.",
                wish="Dat iemand me belt.",
                name="Fatma Yilmaz",
                email="fatma@example.nl",
            )
        assert response.status_code == 302
        with scopes_disabled():
            complaint = Complaint.objects.get()
        assert response["Location"].endswith(f"/feedback/complaint/{complaint.token}/")
        # The receipt at once, to the address given; the owner is told (without the text).
        assert sorted(m.to[0] for m in mail.outbox) == ["fatma@example.nl", "wendy@example.nl"]
        receipt = next(m for m in mail.outbox if m.to == ["fatma@example.nl"])
        assert complaint.token in receipt.body
        owner_mail = next(m for m in mail.outbox if m.to == ["wendy@example.nl"])
        assert "teruggebeld" not in owner_mail.body and "Fatma" not in owner_mail.body
        assert complaint.acknowledge_by == add_working_days(MONDAY, 5)
        status = client.get(response["Location"]).content.decode()
        assert "feedback-state-received" in status and "teruggebeld" in status

        client.force_login(worker)
        page = f"/b/{nb.slug}/feedback/complaints/{complaint.pk}/"
        assert "Fatma Yilmaz" in client.get(page).content.decode()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(page + "acknowledge/", {"deadline": ""}).status_code == 302
            client.post(page + "note/", {"text": "Teamleider gebeld, ligt aan de wachtlijst."})
        assert [m.to for m in mail.outbox] == [["fatma@example.nl"]]
        assert "Wendy" in mail.outbox[0].body
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                page + "close/",
                {"outcome": "upheld", "outcome_text": "U had gelijk. We bellen u deze week."},
            )
        assert response.status_code == 302
        assert [m.to for m in mail.outbox] == [["fatma@example.nl"]]
        assert "We bellen u deze week." in mail.outbox[0].body
    client.logout()
    status = client.get(f"/b/{nb.slug}/feedback/complaint/{complaint.token}/").content.decode()
    assert "feedback-state-closed" in status and "We bellen u deze week." in status
    assert "wachtlijst" not in status  # internal notes are never shown to the person
    with scopes_disabled():
        complaint.refresh_from_db()
        assert complaint.owner == worker and complaint.acknowledged_in_time
        assert complaint.handled_in_time and complaint.outcome == "upheld"


def test_a_member_complains_about_the_platform_and_the_admins_own_it(
    client, nb, ria, admin, worker, django_capture_on_commit_callbacks
):
    client.force_login(ria)
    with django_capture_on_commit_callbacks(execute=True):
        response = _complain(client, nb, organisation="platform", text="De site is traag.")
    with scopes_disabled():
        complaint = Complaint.objects.get()
    assert complaint.person == ria and complaint.name == "" and complaint.email == ""
    assert response["Location"].endswith(f"/feedback/complaints/{complaint.pk}/")
    assert sorted(m.to[0] for m in mail.outbox) == ["ahmed@example.nl", "ria@example.nl"]
    assert "De site is traag." in client.get(response["Location"]).content.decode()
    # Her list shows it; an organisation's staff do not see a complaint about the platform.
    assert (
        "De site is traag" not in client.get(f"/b/{nb.slug}/feedback/complaints/").content.decode()
    )
    client.force_login(worker)
    assert client.get(response["Location"]).status_code == 404


def test_a_form_with_mistakes_keeps_what_was_typed(client, nb, welfare):
    response = _complain(
        client, nb, organisation=str(welfare.pk), text="Het ging mis", email="x@example.nl"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Het ging mis" in page
    with translation.override(settings.LANGUAGE_CODE):
        assert gettext("Write your name.") in page
    with scopes_disabled():
        assert not Complaint.objects.exists()


def test_an_organisation_of_another_neighbourhood_cannot_be_chosen(client, nb, ria):
    from buurtplein.accounts.tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(name="Elders")
    client.force_login(ria)
    response = _complain(client, nb, organisation=str(elsewhere.pk), text="Klacht")
    assert response.status_code == 400


def test_owners_are_reminded_to_acknowledge_and_of_the_deadline_once_each(
    nb, welfare, worker, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY, tick=False) as traveller:
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            complaint = actions.complaint_submit(
                neighbourhood=nb, organisation=welfare, name="Jan", email="jan@example.nl",
                text="Niemand kwam opdagen.",
            )  # fmt: skip
        mail.outbox.clear()
        # Thursday 31 December 10:00 (Christmas days do not count): not yet…
        traveller.move_to(add_working_days(MONDAY, 5) - dt.timedelta(minutes=1))
        _run("feedback_complaints")
        assert mail.outbox == []
        traveller.move_to(add_working_days(MONDAY, 5))
        _run("feedback_complaints")
        _run("feedback_complaints")
        assert [m.to for m in mail.outbox] == [["wendy@example.nl"]]
        assert mail.outbox[0].subject == _in(
            worker, "A complaint is still waiting to be acknowledged"
        )
        traveller.move_to(add_working_days(MONDAY, 5) + dt.timedelta(hours=1))
        with scope(neighbourhood=nb):
            actions.complaint_acknowledge(complaint=complaint, actor=worker)
        mail.outbox.clear()
        traveller.move_to(complaint.deadline - dt.timedelta(days=7))
        _run("feedback_complaints")
        traveller.move_to(complaint.deadline + dt.timedelta(minutes=1))
        _run("feedback_complaints")
        _run("feedback_complaints")
        subjects = [m.subject for m in mail.outbox]
        assert subjects == [
            _in(worker, "A complaint must be handled within a week"),
            _in(worker, "A complaint is past its deadline"),
        ]
    with scopes_disabled():
        complaint.refresh_from_db()
        assert complaint.acknowledge_reminded_at and complaint.overdue_reminded_at
        assert not complaint.acknowledged_in_time


def test_the_deadline_can_be_set_up_to_ten_weeks(nb, welfare, worker):
    with time_machine.travel(MONDAY, tick=False), scope(neighbourhood=nb):
        complaint = actions.complaint_submit(
            neighbourhood=nb, organisation=welfare, name="Jan", email="jan@example.nl", text="x"
        )
        actions.complaint_acknowledge(complaint=complaint, actor=worker)
        later = dt.date(2027, 2, 26)  # 9 weeks and a bit
        actions.complaint_set_deadline(complaint=complaint, actor=worker, deadline=later)
        assert complaint.deadline.date() == later
        with pytest.raises(ValidationError) as refused:
            actions.complaint_set_deadline(
                complaint=complaint, actor=worker, deadline=dt.date(2027, 3, 31)
            )
        assert list(refused.value.message_dict) == ["deadline"]


def test_only_its_owners_handle_a_complaint(nb, welfare, ria, admin):
    with scope(neighbourhood=nb):
        complaint = actions.complaint_submit(
            neighbourhood=nb, organisation=welfare, name="Jan", email="jan@example.nl", text="x"
        )
        for outsider in (ria, admin):  # an admin does not handle an organisation's complaint
            with pytest.raises(ValidationError):
                actions.complaint_acknowledge(complaint=complaint, actor=outsider)
        with pytest.raises(ValidationError):
            actions.complaint_note(complaint=complaint, actor=ria, text="Hallo")
        complaint.refresh_from_db()
        assert complaint.state == Complaint.State.RECEIVED and complaint.owner is None
    with scopes_disabled():
        assert not ComplaintNote.objects.exists()
