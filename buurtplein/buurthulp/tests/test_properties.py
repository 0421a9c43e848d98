"""Property tests: the buurthulp forms never answer 500, never lose what was typed, and say
what is wrong next to the field."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.buurthulp.models import HelpRequest
from buurtplein.buurthulp.tests.factories import HelpRequestFactory, person

form_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
HYPOTHESIS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def choice(valid):
    return st.one_of(st.sampled_from(valid), st.text(max_size=10))


@pytest.mark.django_db
@given(
    title=form_text,
    text=st.one_of(form_text, st.text(min_size=1990, max_size=2100)),
    topic=choice(["odd_jobs", "company", "money", "other"]),
    when=choice(["soon", "week", "month", "anytime"]),
    dayparts=st.lists(choice(["morning", "afternoon", "evening"]), max_size=4),
    visibility=choice(["neighbours", "matched", "professionals"]),
)
@HYPOTHESIS
def test_ask_form_never_500_and_keeps_what_was_typed(
    nb, asker, title, text, topic, when, dayparts, visibility
):
    client = Client()
    client.force_login(asker)
    data = {
        "title": title,
        "text": text,
        "topic": topic,
        "when": when,
        "dayparts": dayparts,
        "visibility": visibility,
        "sensitive_seen": "True",
    }
    response = client.post(f"/b/{nb.slug}/help/ask/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert form["title"].value() == title
        assert form["text"].value() == text
        assert 'aria-invalid="true"' in response.content.decode() or form.non_field_errors()
    else:
        with scope(neighbourhood=nb):
            created = HelpRequest.objects.order_by("-pk").first()
        assert created.title == title.strip()


@pytest.mark.django_db
@given(
    asker_choice=st.one_of(
        st.none(), st.integers(min_value=-5, max_value=10**6), st.text(max_size=5)
    ),
    consent_method=choice(["in_person", "phone", "writing", ""]),
    consent=st.sampled_from(["", "on"]),
    for_whom=choice(["me", "someone", "resident"]),
    resident_name=st.one_of(form_text, st.text(min_size=38, max_size=45)),
    resident_contact=choice(["phone", "via_me", "", "mail"]),
    resident_phone=st.text(max_size=24),
    consent_days=st.one_of(st.integers(min_value=-3, max_value=400), st.none()),
)
@HYPOTHESIS
def test_on_behalf_form_never_500(
    nb,
    connector,
    asker,
    asker_choice,
    consent_method,
    consent,
    for_whom,
    resident_name,
    resident_contact,
    resident_phone,
    consent_days,
):
    client = Client()
    client.force_login(connector)
    today = timezone.localdate()
    data = {
        "for_whom": for_whom,
        "asker": "" if asker_choice is None else asker_choice,
        "consent_method": consent_method,
        "consent": consent,
        "resident_name": resident_name,
        "resident_contact": resident_contact,
        "resident_phone": resident_phone,
        "resident_consent_until": ""
        if consent_days is None
        else (today + timedelta(days=consent_days)).isoformat(),
        "title": "Boodschappen",
        "topic": "shopping",
        "when": "week",
        "visibility": "neighbours",
    }
    response = client.post(f"/b/{nb.slug}/help/ask/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 302 and for_whom == "someone":
        with scope(neighbourhood=nb):
            created = HelpRequest.objects.order_by("-pk").first()
        assert created.created_by == connector
        assert created.consent_method in ("in_person", "phone", "writing")
    if for_whom == "resident":
        # Never saved without the consent ticked, given in person or by phone, until a date
        # after today and within a year, or without a way to reach them.
        refused = (
            consent != "on"
            or consent_method not in ("in_person", "phone")
            or consent_days is None
            or not 0 < consent_days <= 365
            or resident_contact not in ("phone", "via_me")
            or not resident_name.strip()
        )
        if refused:
            assert response.status_code == 400
        if response.status_code == 302:
            with scope(neighbourhood=nb):
                created = HelpRequest.objects.order_by("-pk").first()
            assert created.asker == connector and created.created_by is None
            assert 0 < len(created.resident_name) <= 40
            assert created.consent_method == consent_method
            assert created.resident_consent_until == today + timedelta(days=consent_days)
            if resident_contact == "via_me":
                assert created.resident_phone == ""
            else:
                assert created.resident_phone == resident_phone.strip()


@pytest.mark.django_db
@given(
    skills=st.lists(
        st.one_of(st.integers(min_value=-3, max_value=80), st.text(max_size=4)), max_size=4
    ),
    likes_to_do=st.one_of(form_text, st.text(min_size=495, max_size=520)),
    languages=st.lists(choice(["nl", "en", "ar", "tr"]), max_size=3),
    availability=st.lists(choice(["mon-morning", "sun-evening", "wed-afternoon"]), max_size=4),
    max_distance_km=choice(["0.5", "1.0", "2.0", "5.0", "25.0"]),
    active=st.sampled_from(["", "on"]),
)
@HYPOTHESIS
def test_helper_form_never_500_and_keeps_what_was_typed(
    nb, asker, skills, likes_to_do, languages, availability, max_distance_km, active
):
    client = Client()
    client.force_login(asker)
    data = {
        "active": active,
        "skills": skills,
        "likes_to_do": likes_to_do,
        "languages": languages,
        "availability": availability,
        "max_distance_km": max_distance_km,
    }
    response = client.post(f"/b/{nb.slug}/help/helper/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        form = response.context["form"]
        assert form.errors
        assert form["likes_to_do"].value() == likes_to_do


@pytest.mark.django_db
@given(
    text=st.one_of(form_text, st.text(min_size=495, max_size=520)),
    answer=choice(["yes", "partly", "no"]),
)
@HYPOTHESIS
def test_thanks_and_follow_up_never_500(nb, asker, text, answer):
    from buurtplein.buurthulp.models import HelpFollowUp, HelpMatch, MatchStatus, State

    helper = person(nb)
    help_request = HelpRequestFactory(
        neighbourhood=nb, asker=asker, state=State.HELPED, helper=helper
    )
    with scope(neighbourhood=nb):
        HelpMatch.objects.create(
            neighbourhood=nb, request=help_request, helper=helper, status=MatchStatus.CHOSEN
        )
        HelpFollowUp.objects.create(neighbourhood=nb, request=help_request, person=asker)
    client = Client()
    client.force_login(asker)
    thanks = client.post(f"/b/{nb.slug}/help/{help_request.pk}/thanks/", {"text": text})
    assert thanks.status_code in (302, 400)
    if thanks.status_code == 400:
        assert thanks.context["thanks_form"]["text"].value() == text
    follow_up = client.post(f"/b/{nb.slug}/help/{help_request.pk}/follow-up/", {"answer": answer})
    assert follow_up.status_code in (302, 400)
    assert (follow_up.status_code == 302) == (answer in ("yes", "partly", "no"))
