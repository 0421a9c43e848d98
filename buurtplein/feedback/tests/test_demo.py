"""The demo's feedback: a year of answers (so the report's NPS has a trend) and complaints in
every state, each neighbourhood's own."""

import pytest
from django.db.models.functions import TruncMonth
from django_scopes import scopes_disabled

from buurtplein.feedback.models import Answer, Complaint


@pytest.fixture
def demo(seeded_demo):
    return seeded_demo


def test_the_demo_has_a_year_of_answers_and_complaints_in_every_state(demo):
    with scopes_disabled():
        months = Answer.objects.annotate(m=TruncMonth("created_at")).values("m").distinct()
        assert months.count() >= 9
        assert Answer.objects.filter(score__gte=9).exists()
        assert Answer.objects.filter(score__lte=6).exists()
        assert Answer.objects.exclude(text="").exists()
        states = set(Complaint.objects.values_list("state", flat=True))
        assert states == {"received", "acknowledged", "closed"}
        assert Complaint.objects.filter(organisation=None).exists()
