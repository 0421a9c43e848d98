"""The workers' e-mail queue: the desk's open questions of the whole region (never another
region's), the most urgent first, overdue marked; assign, answer (the asker reads it and gets
an e-mail without its words), internal notes the asker never sees, close with the
registration; a reminder a day before the due time and one escalation at it."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.onlinehulp import tasks
from buurtplein.onlinehulp.models import DeskOrganisation, Question
from buurtplein.onlinehulp.selectors import worker_questions
from buurtplein.onlinehulp.tests.desk_world import ask, make_desk

pytestmark = pytest.mark.django_db

QUEUE = "/b/nijmegen-oost/online-help/questions/"
FRIDAY_NOON = local(dt.date(2026, 12, 11), dt.time(12))


@pytest.fixture
def neighbour_nb(desk):
    """A second neighbourhood of the desk's region."""
    ooij = NeighbourhoodFactory(name="Ooij", slug="ooij", pc4="6576")
    desk.region.neighbourhoods.add(ooij)
    return ooij


def _ask(desk, neighbourhood, **kw):
    with scope(neighbourhood=neighbourhood):
        return ask(desk, neighbourhood, **kw)


def test_the_queue_holds_the_whole_region_most_urgent_first_overdue_marked(
    client, nb, desk, worker, neighbour_nb, elsewhere, time_machine
):
    time_machine.move_to(FRIDAY_NOON, tick=False)
    late, _t, _c = _ask(desk, neighbour_nb, text="Ik durf niet naar huis.")
    time_machine.move_to(FRIDAY_NOON + dt.timedelta(hours=2), tick=False)
    soon, _t, _c = _ask(desk, nb, first_name="Sam")
    other_desk = make_desk(elsewhere, name="Chat in Lent")
    _ask(other_desk, elsewhere)
    time_machine.move_to(local(dt.date(2026, 12, 15), dt.time(13)), tick=False)  # Tuesday
    client.force_login(worker)
    page = client.get(QUEUE).content.decode()
    assert page.index(f"Vraag {late.pk}") < page.index(f"Vraag {soon.pk}")
    assert "Ooij" in page and "Sam" in page
    assert page.count("Te laat") == 1
    assert "Lent" not in page
    other_question = _ask(other_desk, elsewhere)[0]
    assert client.get(f"{QUEUE}{other_question.pk}/").status_code == 404


def test_only_workers_open_the_queue(client, nb, desk, worker):
    assert client.get(QUEUE).status_code == 302
    client.force_login(member(nb))
    assert client.get(QUEUE).status_code == 403
    client.force_login(worker)
    assert client.get(QUEUE).status_code == 200


def test_a_worker_answers_the_asker_reads_it_and_is_told_without_its_words(
    client, nb, desk, worker, django_capture_on_commit_callbacks
):
    question, token, _code = _ask(desk, nb, email="sam@example.nl")
    client.force_login(worker)
    work = f"{QUEUE}{question.pk}/"
    client.post(f"{work}note/", {"note-text": "Intern: mogelijk huiselijk geweld"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{work}answer/", {"text": "Fijn dat je het vertelt. Ben je veilig?"}
        )
    assert response.status_code == 302
    assert "Intern: mogelijk" in client.get(work).content.decode()
    [sent] = mail.outbox
    assert sent.to == ["sam@example.nl"]
    assert f"/b/nijmegen-oost/online-help/q/{token}/" in sent.body
    assert "Ben je veilig" not in sent.body and "Ben je veilig" not in sent.subject
    client.logout()
    page = client.get(f"/b/nijmegen-oost/online-help/q/{token}/").content.decode()
    assert "Fijn dat je het vertelt" in page and "Wendy" in page
    assert "Intern" not in page
    with scope(neighbourhood=nb):
        question.refresh_from_db()
    assert question.state == Question.State.ANSWERED and question.assigned_to == worker


def test_without_an_address_nobody_is_mailed(
    client, nb, desk, worker, django_capture_on_commit_callbacks
):
    question, _token, _code = _ask(desk, nb)
    client.force_login(worker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{QUEUE}{question.pk}/answer/", {"text": "Hoi! Vertel eens meer."})
    assert mail.outbox == []


def test_assign_to_a_colleague_of_another_organisation_but_not_to_an_outsider(
    client, nb, desk, worker
):
    youth = OrganisationFactory(name="Jongerenwerk", slug="jongerenwerk")
    youth.neighbourhoods.add(nb)
    colleague = member(nb, first_name="Jorrit")
    youth.staff.add(colleague)
    DeskOrganisation.objects.create(desk=desk, organisation=youth)
    outsider = member(nb, first_name="Otto")
    question, _token, _code = _ask(desk, nb)
    client.force_login(worker)
    assign = f"{QUEUE}{question.pk}/assign/"
    assert client.post(assign, {"to": outsider.pk}).status_code == 400
    assert client.post(assign, {"to": colleague.pk}).status_code == 302
    with scope(neighbourhood=nb):
        question.refresh_from_db()
    assert question.assigned_to == colleague and question.organisation_id == youth.pk
    assert question.state == Question.State.ASSIGNED


def test_closing_keeps_the_registration_and_ends_the_conversation(client, nb, desk, worker):
    question, token, _code = _ask(desk, nb)
    client.force_login(worker)
    close = f"{QUEUE}{question.pk}/close/"
    assert client.post(close, {"topic": "ruzie thuis"}).status_code == 400  # no outcome
    data = {"topic": "ruzie thuis", "life_domain": "safety", "outcome": "pointed"}
    assert client.post(close, data).status_code == 302
    with scope(neighbourhood=nb):
        question.refresh_from_db()
    assert question.state == Question.State.CLOSED and question.closed_at is not None
    assert (question.topic, question.life_domain, question.outcome) == (
        "ruzie thuis",
        "safety",
        "pointed",
    )
    client.logout()
    assert (
        client.post(f"/b/nijmegen-oost/online-help/q/{token}/", {"text": "Hoi"}).status_code == 400
    )


def test_reminded_a_day_before_the_due_time_then_escalated_once(
    nb, desk, worker, welfare, time_machine
):
    coordinator = member(nb, first_name="Cora", email="cora@example.nl")
    welfare.staff.add(coordinator)
    DeskOrganisation.objects.get(desk=desk).coordinators.add(coordinator)
    time_machine.move_to(FRIDAY_NOON, tick=False)
    question, _token, _code = _ask(desk, nb)  # due Tuesday 12:00
    mail.outbox.clear()
    time_machine.move_to(local(dt.date(2026, 12, 14), dt.time(11)), tick=False)
    assert tasks.check_question.call(question.pk) == ""  # Monday 11:00: not yet
    time_machine.move_to(local(dt.date(2026, 12, 14), dt.time(12, 30)), tick=False)
    assert tasks.check_question.call(question.pk) == "reminded"
    assert sorted(m.to[0] for m in mail.outbox) == ["cora@example.nl", "wendy@example.nl"]
    assert "Antwoord" not in mail.outbox[0].body
    mail.outbox.clear()
    time_machine.move_to(local(dt.date(2026, 12, 15), dt.time(12, 30)), tick=False)
    assert tasks.check_question.call(question.pk) == "escalated"
    assert [m.to for m in mail.outbox] == [["cora@example.nl"]]
    assert tasks.check_question.call(question.pk) == ""
    call_command("onlinehulp_questions")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("count", [10, 100])
def test_the_queue_reads_the_same_few_rows_however_many_questions(
    nb, desk, worker, count, django_assert_num_queries
):
    from buurtplein.core.permissions import Viewer

    for _i in range(count):
        _ask(desk, nb)
    with scopes_disabled():
        viewer = Viewer(user=worker, neighbourhood=nb, membership=worker.memberships.get())
        with django_assert_num_queries(3):
            assert len(worker_questions(viewer)) == count
