"""What is written in online help goes after the desk's period once a conversation is closed;
the registration stays. A closed question forgets the asker's e-mail address at once."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.onlinehulp.models import Question, QuestionMessage, QuestionNote
from buurtplein.onlinehulp.tests.desk_world import ask

pytestmark = pytest.mark.django_db


def test_a_closed_question_loses_its_words_after_the_desks_period_and_keeps_its_figures(
    client, nb, desk, worker, time_machine
):
    desk.retention_days = 7
    desk.save()
    with scope(neighbourhood=nb):
        question, token, _code = ask(desk, nb, email="sam@example.nl")
    client.force_login(worker)
    client.post(
        f"/b/nijmegen-oost/online-help/questions/{question.pk}/note/", {"note-text": "Intern"}
    )
    data = {"topic": "eenzaam", "life_domain": "taking_part", "outcome": "pointed"}
    client.post(f"/b/nijmegen-oost/online-help/questions/{question.pk}/close/", data)
    client.logout()
    with scopes_disabled():
        question.refresh_from_db()
    assert question.email == ""  # gone at once: there will be no answer to tell of
    time_machine.move_to(timezone.now() + dt.timedelta(days=6), tick=False)
    call_command("enforce_retention")
    with scopes_disabled():
        assert QuestionMessage.objects.filter(question=question).exists()  # the 6th day
    time_machine.move_to(timezone.now() + dt.timedelta(days=2), tick=False)
    call_command("enforce_retention")
    with scopes_disabled():
        question.refresh_from_db()
        assert not QuestionMessage.objects.filter(question=question).exists()
        assert not QuestionNote.objects.filter(question=question).exists()
    assert question.transcript_deleted_at is not None and question.token_sealed == ""
    assert (question.topic, question.outcome, question.state) == (
        "eenzaam",
        "pointed",
        Question.State.CLOSED,
    )
    page = client.get(f"/b/nijmegen-oost/online-help/q/{token}/").content.decode()
    assert "Wat hier stond is gewist" in page
