"""Property tests: the forms of the agenda never answer 500, never lose what was typed, and
every refusal comes with a message."""

import re

import pytest
from django.test import Client
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.agenda.models import Activity, Rsvp
from buurtplein.agenda.tests.factories import ActivityFactory, dates_of

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=150,
)
amounts = st.one_of(
    st.sampled_from(["", "0", "2,50", "€ 1.000", "7.5", "-3", "1000,01", "1e5", "0,001"]),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.text(max_size=10),
)
dates = st.one_of(
    st.sampled_from(["", "2020-01-07", "2031-01-01", "2026-02-30"]),
    st.dates().map(str),
    st.text(max_size=10),
)
times = st.one_of(
    st.sampled_from(["", "10:00", "23:59", "00:00", "24:00", "9.30", "10:00:00"]),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.text(max_size=6),
)
numbers = st.one_of(st.integers(-3, 1500).map(str), st.text(max_size=5), st.just(""))


def choice(values):
    return st.one_of(st.sampled_from([*list(values), ""]), st.text(max_size=8))


def errors_shown(response) -> bool:
    page = response.content.decode()
    return 'class="form-errors"' in page or 'class="field-error"' in page


@pytest.mark.django_db
@given(
    title=text,
    description=text,
    start_date=dates,
    start_time=times,
    end_time=times,
    repeat=choice(["once", "daily", "weekly", "biweekly", "monthly"]),
    weekdays=st.lists(choice([str(d) for d in range(1, 8)]), max_size=3),
    nth=choice(["1", "2", "3", "4", "-1"]),
    nth_weekday=choice([str(d) for d in range(1, 8)]),
    ends=choice(["never", "until", "count"]),
    until=dates,
    count=numbers,
    place_name=text,
    address=text,
    cost=amounts,
    cost_note=text,
    groups=st.lists(choice(["everyone", "seniors", "families", "newcomers"]), max_size=3),
    signup=choice(["sign_up", "drop_in"]),
    capacity=numbers,
    visibility=choice(["members", "public"]),
)
@SETTINGS
def test_activity_form_never_500_and_keeps_what_was_typed(
    nb,
    organiser,
    title,
    description,
    start_date,
    start_time,
    end_time,
    repeat,
    weekdays,
    nth,
    nth_weekday,
    ends,
    until,
    count,
    place_name,
    address,
    cost,
    cost_note,
    groups,
    signup,
    capacity,
    visibility,
):
    client = Client()
    client.force_login(organiser)
    data = {
        "title": title,
        "description": description,
        "start_date": start_date,
        "start_time": start_time,
        "end_time": end_time,
        "repeat": repeat,
        "weekdays": weekdays,
        "nth": nth,
        "nth_weekday": nth_weekday,
        "ends": ends,
        "until": until,
        "count": count,
        "place_name": place_name,
        "address": address,
        "cost": cost,
        "cost_note": cost_note,
        "target_groups": groups,
        "signup": signup,
        "capacity": capacity,
        "visibility": visibility,
    }
    with scope(neighbourhood=nb):
        before = Activity.objects.count()
    response = client.post(f"/b/{nb.slug}/agenda/new/", data)
    assert response.status_code in (302, 400)
    with scope(neighbourhood=nb):
        after = Activity.objects.count()
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors and errors_shown(response)
        assert after == before
        for field in ("title", "description", "place_name", "address", "cost", "cost_note"):
            assert form[field].value() == data[field]
        for field in ("start_date", "start_time", "end_time", "until", "count", "capacity"):
            assert form[field].value() == data[field]
    else:
        assert after == before + 1
        with scope(neighbourhood=nb):
            activity = Activity.objects.order_by("-pk").first()
            assert activity.occurrences.exists()
            assert activity.start_time < activity.end_time


@pytest.mark.django_db
@given(party=st.one_of(numbers, st.sampled_from(["1", "2", "3", "4"])), again=numbers)
@SETTINGS
def test_sign_up_never_500_and_every_refusal_says_why(nb, organiser, ria, party, again):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, capacity=3)
    first = dates_of(activity)[0]
    client = Client()
    client.force_login(ria)
    path = f"/b/{nb.slug}/agenda/dates/{first.pk}/sign-up/"
    for value in (party, again):
        response = client.post(path, {"party_size": value})
        assert response.status_code in (302, 400)
        if response.status_code == 400:
            assert errors_shown(response)
            selected = re.search(r'<option value="(\d)" selected>', response.content.decode())
            assert selected is None or selected.group(1) == value
    with scopes_disabled():
        first.refresh_from_db()
        rsvp = Rsvp.objects.filter(person=ria).first()
    assert first.going_count <= 3
    assert rsvp is None or 1 <= rsvp.party_size <= 3


@pytest.mark.django_db
@given(day=dates, start_time=times, end_time=times)
@SETTINGS
def test_moving_a_date_never_500(nb, organiser, day, start_time, end_time):
    activity = ActivityFactory(neighbourhood=nb, organiser=organiser, rrule="FREQ=WEEKLY;BYDAY=TU")
    first = dates_of(activity)[0]
    client = Client()
    client.force_login(organiser)
    data = {"day": day, "start_time": start_time, "end_time": end_time}
    response = client.post(f"/b/{nb.slug}/agenda/dates/{first.pk}/move/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors and errors_shown(response)
        assert all(form[name].value() == value for name, value in data.items())
