"""Property tests: the reply form never answers 500, never loses what was typed, and gives a
clear error; whatever was typed never reaches the page as active content."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.messaging.forms import MessageForm
from buurtplein.messaging.tests.factories import start_conversation

form_text = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=300,
    ),
    st.sampled_from(["", "   ", "\n\t", "<script>alert(1)</script>", "x" * 5001]),
)


@given(text=form_text)
@settings(max_examples=200, deadline=None)
def test_form_accepts_text_or_says_why(text):
    form = MessageForm({"text": text})
    if form.is_valid():
        assert form.cleaned_data["text"] == text.strip()
        assert form.cleaned_data["text"]
    else:
        assert form.errors["text"]
        assert form["text"].value() == text


@pytest.mark.django_db
@given(text=form_text)
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_reply_never_500_and_keeps_what_was_typed(nb, alice, bob, text):
    conversation = start_conversation(nb, alice, bob, text="Hoi")
    client = Client()
    client.force_login(bob)
    response = client.post(f"/b/{nb.slug}/messages/{conversation.pk}/", {"text": text})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors["text"]
        assert form["text"].value() == text
        assert 'aria-invalid="true"' in response.content.decode()
    else:
        page = client.get(response["Location"]).content.decode()
        assert "<script>alert(1)" not in page
