"""Whatever is typed into the question and the complaint form, the page answers with the form
again (400) or a redirect — never an error — and a complaint is stored only when it is whole."""

import pytest
from django.core import signing
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.feedback import views
from buurtplein.feedback.models import Answer, Complaint

pytestmark = pytest.mark.django_db

TEXT = st.text(max_size=400)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(score=st.one_of(st.integers(-5, 15).map(str), TEXT), text=TEXT, anonymous=st.booleans())
def test_any_answer_is_stored_whole_or_shown_again(client, nb, ria, score, text, anonymous):
    client.force_login(ria)
    with scopes_disabled():
        Answer.objects.all().delete()
        from buurtplein.feedback.models import AnsweredMonth

        AnsweredMonth.objects.all().delete()
    token = signing.dumps([nb.pk, "agenda.attended", None], salt=views.PROMPT_SALT)
    data = {"token": token, "score": score, "text": text}
    if anonymous:
        data["anonymous"] = "on"
    response = client.post(f"/b/{nb.slug}/feedback/answer/", data)
    assert response.status_code in (302, 400)
    with scopes_disabled():
        stored = list(Answer.objects.all())
    if response.status_code == 302:
        assert len(stored) == 1 and 0 <= stored[0].score <= 10
        assert stored[0].text == text.strip() and len(stored[0].text) <= 300
        assert (stored[0].person is None) == anonymous
    else:
        assert stored == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    organisation=st.sampled_from(["", "platform", "welfare", "0", "x"]),
    text=TEXT,
    name=st.text(max_size=130),
    email=st.one_of(st.just("fatma@example.nl"), st.text(max_size=30)),
)
def test_any_complaint_is_stored_whole_or_shown_again(
    client, nb, welfare, organisation, text, name, email
):
    with scopes_disabled():
        Complaint.objects.all().delete()
    chosen = str(welfare.pk) if organisation == "welfare" else organisation
    response = client.post(
        f"/b/{nb.slug}/feedback/complaints/new/",
        {"organisation": chosen, "text": text, "name": name, "email": email},
    )
    assert response.status_code in (302, 400)
    with scopes_disabled():
        stored = list(Complaint.objects.all())
    if response.status_code == 302:
        (complaint,) = stored
        assert complaint.text and complaint.name and complaint.email
        assert complaint.organisation_id == (welfare.pk if organisation == "welfare" else None)
    else:
        assert stored == []
