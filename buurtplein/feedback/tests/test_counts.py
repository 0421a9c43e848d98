"""Feedback's figures are counted from its rows (never by hand): answers made and complaints
handled through the actions reach the count tables once they commit, the sums over the months
equal the rows, per organisation too, and stay equal after a person is forgotten."""

import datetime as dt

import pytest
import time_machine
from django.db.models import Count, Q
from django_scopes import scope, scopes_disabled

from buurtplein.core.tests.moments import local
from buurtplein.feedback import actions, privacy
from buurtplein.feedback.models import Answer, Complaint
from buurtplein.reporting import selectors as reporting

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

OCTOBER, NOVEMBER, DECEMBER, JANUARY = (
    dt.date(2026, 10, 1),
    dt.date(2026, 11, 1),
    dt.date(2026, 12, 1),
    dt.date(2027, 1, 1),
)


def _rows_per(nb, organisation=None):
    with scopes_disabled():
        rows = Answer.objects.filter(neighbourhood=nb)
        if organisation is not None:
            rows = rows.filter(organisation=organisation)
        return rows.aggregate(
            answers=Count("pk"),
            promoters=Count("pk", filter=Q(score__gte=9)),
            detractors=Count("pk", filter=Q(score__lte=6)),
        )


def test_answers_and_complaints_are_counted_from_their_rows_also_after_an_erasure(
    nb, welfare, worker, ria, django_capture_on_commit_callbacks
):
    from buurtplein.core.tests.factories import member

    people = [ria, *(member(nb) for _ in range(4))]
    scores = [10, 9, 7, 3, 0]
    moments = [local(dt.date(2026, 10, 30), dt.time(23, 30)), local(dt.date(2026, 11, 2))]
    with django_capture_on_commit_callbacks(execute=True), scope(neighbourhood=nb):
        for i, (person, score) in enumerate(zip(people, scores, strict=True)):
            with time_machine.travel(moments[i % 2], tick=False):
                actions.answer_give(
                    neighbourhood=nb,
                    moment="agenda.attended",
                    organisation_id=welfare.pk if i < 4 else None,
                    score=score,
                    person=person,
                    anonymous=i == 1,
                )
        with time_machine.travel(local(dt.date(2026, 11, 20), dt.time(9)), tick=False):
            handled = actions.complaint_submit(
                neighbourhood=nb, organisation=welfare, person=ria, text="Niet teruggebeld."
            )
            actions.complaint_submit(
                neighbourhood=nb, organisation=None, name="Jan", email="j@example.nl", text="x"
            )
            actions.complaint_acknowledge(complaint=handled, actor=worker)
        with time_machine.travel(local(dt.date(2026, 12, 3), dt.time(9)), tick=False):
            actions.complaint_close(
                complaint=handled, actor=worker, outcome="partly", outcome_text="Deels."
            )

    def check():
        whole = reporting.sums([nb.pk], OCTOBER, JANUARY)
        rows = _rows_per(nb)
        assert whole["feedback.answers"] == (rows["answers"], 0) == (5, 0)
        assert whole["feedback.promoters"][0] == rows["promoters"] == 2
        assert whole["feedback.detractors"][0] == rows["detractors"] == 2
        # The NPS as a ratio: promoters − detractors over the answers.
        assert whole["feedback.nps"] == (0, 5)
        org = reporting.sums([nb.pk], OCTOBER, JANUARY, organisation_id=welfare.pk)
        org_rows = _rows_per(nb, welfare)
        assert org["feedback.answers"][0] == org_rows["answers"] == 4
        assert org["feedback.nps"] == (org_rows["promoters"] - org_rows["detractors"], 4)
        with scopes_disabled():
            complaints = Complaint.objects.filter(neighbourhood=nb)
            assert whole["complaints.received"][0] == complaints.count() == 2
        assert org["complaints.received"][0] == 1  # the platform's is the neighbourhood's only
        assert whole["complaints.acknowledged_in_time"][0] == 1
        assert whole["complaints.handled"][0] == whole["complaints.handled_in_time"][0] == 1
        assert whole["complaints.outcome.partly"][0] == 1
        # Each in its own month: 23:30 on 30 October in Amsterdam is October.
        october = reporting.sums([nb.pk], OCTOBER, NOVEMBER)
        assert october["feedback.answers"][0] == 3
        assert "complaints.handled" not in reporting.sums([nb.pk], NOVEMBER, DECEMBER)

    check()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(ria)
    check()
    with scopes_disabled():
        handled.refresh_from_db()
        assert (handled.person, handled.text, handled.outcome_text) == (None, "", "")
        assert not Answer.objects.filter(person=ria).exists()
