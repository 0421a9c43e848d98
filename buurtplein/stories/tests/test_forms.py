"""The forms take whatever people type: never an error page, and what they typed comes back
on a refusal (hypothesis)."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.stories import forms

TEXT = st.text(max_size=300)
DATES = st.one_of(st.dates(min_value=dt.date(1900, 1, 1)).map(str), st.text(max_size=12))


SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(title=TEXT, text=TEXT, day=DATES, until=DATES)
def test_the_story_form_takes_anything(title, text, day, until):
    form = forms.StoryForm(
        {"title": title, "text": text, "happened_on": day, "happened_until": until},
        organisations=None,
    )
    if form.is_valid():
        assert form.cleaned_data["title"] == form.cleaned_data["title"].strip()
        assert form.cleaned_data["text"]
    else:
        assert form.errors


@given(
    name=TEXT,
    quote=TEXT,
    until=DATES,
    uses=st.lists(st.sampled_from(["report", "website", "social", "x"])),
    paper=st.booleans(),
)
def test_the_person_form_takes_anything_and_asks_a_name_on_paper(name, quote, until, uses, paper):
    form = forms.PersonForm(
        {"name": name, "quote": quote, "until": until, "uses": uses, "paper": paper or ""}
    )
    if form.is_valid():
        assert form.cleaned_data["name"].strip() and form.cleaned_data["paper"]
        assert set(form.cleaned_data["uses"]) <= {"report", "website", "social"}


@pytest.mark.parametrize("agree", ["on", ""])
@SETTINGS
@given(text=TEXT, shown_as=st.text(max_size=10))
def test_the_testimonial_form_needs_agreement(agree, text, shown_as):
    form = forms.TestimonialForm({"text": text, "shown_as": shown_as, "agree": agree})
    if form.is_valid():
        assert agree and form.cleaned_data["text"].strip()
        assert form.cleaned_data["shown_as"] in {"name", "initials"}
