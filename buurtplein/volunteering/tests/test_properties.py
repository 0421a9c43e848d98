"""Property tests: the forms of volunteering never answer 500, never lose what was typed, and
every refusal comes with a message."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from buurtplein.core.tests.factories import member
from buurtplein.volunteering.models import (
    Frequency,
    HoursPer,
    Offer,
    Place,
    Response,
    ResponseState,
    Suitable,
    TimeKind,
    Vacancy,
    Visibility,
)
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=200,
)
hours = st.one_of(
    st.sampled_from(["", "0", "0,5", "2,5", "3", "3 uur", "1.5", "2,25", "-1", "99", "99,5"]),
    st.sampled_from(["1e5", "NaN", "Infinity", "½", "١٢", "3,,5"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.text(max_size=8),
)
dates = st.one_of(
    st.just(""),
    st.dates().map(str),
    st.integers(-5, 400).map(lambda days: str(timezone.localdate() + timedelta(days=days))),
    st.text(max_size=10),
)


def choice(values):
    return st.one_of(st.sampled_from([*list(values), ""]), st.text(max_size=10))


def several(values):
    return st.lists(st.one_of(st.sampled_from(list(values)), st.text(max_size=6)), max_size=4)


TYPED = ("title", "task", "schedule", "address", "hours", "people_wanted")


def valid_form(welfare, jeroen) -> dict:
    return {
        "organisation": str(welfare.pk),
        "title": "Kok voor de buurtmaaltijd",
        "task": "Elke donderdag koken voor twintig buren.",
        "time_kind": "regular",
        "date_start": "",
        "date_end": "",
        "frequency": "weekly",
        "schedule": "donderdagmiddag",
        "hours": "4",
        "hours_per": "time",
        "place": "address",
        "address": "Buurthuis De Klinker",
        "offers": ["expenses"],
        "suitable_for": ["friend"],
        "skills": [],
        "contact": str(jeroen.pk),
        "people_wanted": "2",
        "visibility": "members",
    }


def junk_for(field: str):
    """What a person (or a bot) might put in a field instead."""
    special = {
        "time_kind": choice(TimeKind.values),
        "date_start": dates,
        "date_end": dates,
        "frequency": choice(Frequency.values),
        "hours": hours,
        "hours_per": choice(HoursPer.values),
        "place": choice(Place.values),
        "offers": several(Offer.values),
        "suitable_for": several(Suitable.values),
        "skills": st.lists(
            st.one_of(st.integers(-3, 60).map(str), st.text(max_size=4)), max_size=3
        ),
        "contact": st.one_of(st.just(""), st.text(max_size=6)),
        "people_wanted": st.one_of(st.integers(-2, 60).map(str), st.text(max_size=4)),
        "visibility": choice(Visibility.values),
        "organisation": st.one_of(st.just(""), st.integers(-1, 10**6).map(str)),
    }
    return special.get(field, text)


FIELDS = [
    "organisation", "title", "task", "time_kind", "date_start", "date_end", "frequency",
    "schedule", "hours", "hours_per", "place", "address", "offers", "suitable_for", "skills",
    "contact", "people_wanted", "visibility",
]  # fmt: skip
changes = st.sets(st.sampled_from(FIELDS), max_size=5).flatmap(
    lambda chosen: st.fixed_dictionaries({field: junk_for(field) for field in sorted(chosen)})
)


@pytest.mark.django_db
@given(change=changes)
@SETTINGS
def test_vacancy_form_never_500_and_keeps_what_was_typed(nb, sanne, jeroen, welfare, change):
    """A valid vacancy with some of its fields replaced by anything at all."""
    client = Client()
    client.force_login(sanne)
    data = {**valid_form(welfare, jeroen), **change}
    with scope(neighbourhood=nb):
        before = Vacancy.objects.count()
    response = client.post(f"/b/{nb.slug}/volunteer/new/", data)
    event(f"status {response.status_code}")
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        after = Vacancy.objects.count()
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert all(form.errors.values())  # every refusal says why
        assert after == before
        for field in TYPED:
            assert form[field].value() == data[field]
    else:
        assert after == before + 1
        with scope(neighbourhood=nb):
            vacancy = Vacancy.objects.latest("pk")
        assert vacancy.title == data["title"].strip()


@pytest.mark.django_db
@given(message=text)
@SETTINGS
def test_response_form_never_500_and_every_refusal_says_why(nb, sanne, welfare, message):
    vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare, posted_by=sanne)
    person = member(nb)
    client = Client()
    client.force_login(person)
    response = client.post(f"/b/{nb.slug}/volunteer/{vacancy.pk}/respond/", {"message": message})
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        stored = Response.objects.filter(vacancy=vacancy, person=person).first()
    if response.status_code == 400:
        form = response.context["response_form"]
        assert form.errors and stored is None
        assert form["message"].value() == message
        assert "Schrijf een kort bericht." in response.content.decode()
    else:
        assert stored.message == message.strip() and stored.state == ResponseState.NEW


@pytest.mark.django_db
@given(
    answer=st.one_of(st.sampled_from(["yes", "partly", "no", ""]), st.text(max_size=8)),
    note=text,
    side=st.sampled_from(["volunteer", "organisation"]),
)
@SETTINGS
def test_follow_up_form_never_500_and_keeps_the_note(nb, sanne, welfare, answer, note, side):
    vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare, posted_by=sanne)
    person = member(nb)
    response = ResponseFactory(
        vacancy=vacancy,
        person=person,
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=31),
    )
    client = Client()
    client.force_login(person if side == "volunteer" else sanne)
    result = client.post(
        f"/b/{nb.slug}/volunteer/responses/{response.pk}/follow-up/",
        {"answer": answer, "note": note},
    )
    assert result.status_code in (302, 400)
    with scope(neighbourhood=nb):
        response.refresh_from_db()
    stored = getattr(response, f"{side}_answer")
    if result.status_code == 400:
        form = result.context["form"]
        assert "answer" in form.errors and stored == ""
        assert form["note"].value() == note
        assert "Kies ja, een beetje of nee." in result.content.decode()
    else:
        assert stored == answer and getattr(response, f"{side}_note") == note.strip()[:500]


@pytest.mark.django_db
@given(note=text)
@SETTINGS
def test_decline_form_never_500(nb, sanne, welfare, note):
    vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare, posted_by=sanne)
    response = ResponseFactory(vacancy=vacancy, person=member(nb))
    client = Client()
    client.force_login(sanne)
    result = client.post(f"/b/{nb.slug}/volunteer/responses/{response.pk}/decline/", {"note": note})
    assert result.status_code == 302
    with scope(neighbourhood=nb):
        response.refresh_from_db()
    assert response.state == ResponseState.DECLINED
