"""Property tests: the club form, the join note and the announcement form never answer 500,
never lose what was typed, and every refusal comes with a message."""

import pytest
from django.test import Client
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.clubs.models import Club, ClubAnnouncement, ClubMember, JoinPolicy, Status
from buurtplein.clubs.tests.factories import make_club

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=200,
)
long_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=700,
)


def choice(values):
    return st.one_of(st.sampled_from([*list(values), ""]), st.text(max_size=10))


def refusal_says_why(response) -> None:
    form = response.context["form"]
    assert form.errors
    page = response.content.decode()
    assert 'class="form-errors"' in page
    for errors in form.errors.values():
        for message in errors:
            assert str(message)


@pytest.mark.django_db
@given(
    name=text,
    kind=choice(["club", "association", "initiative"]),
    pitch=text,
    description=long_text,
    meets_where=text,
    meets_when=text,
    join_policy=choice(["open", "request"]),
    email=st.one_of(st.just(""), st.emails().map(str), text),
    phone=st.one_of(st.just(""), st.sampled_from(["024 123 45 67", "+31 6 1234 5678"]), text),
    website=st.one_of(st.just(""), st.sampled_from(["www.example.nl", "http://"]), text),
    audience=choice(["members", "public"]),
)
@SETTINGS
def test_club_form_never_500_and_keeps_what_was_typed(
    nb,
    anna,
    name,
    kind,
    pitch,
    description,
    meets_where,
    meets_when,
    join_policy,
    email,
    phone,
    website,
    audience,
):
    client = Client()
    client.force_login(anna)
    data = {
        "name": name,
        "kind": kind,
        "pitch": pitch,
        "description": description,
        "meets_where": meets_where,
        "meets_when": meets_when,
        "join_policy": join_policy,
        "email": email,
        "phone": phone,
        "website": website,
        "contact_audience": audience,
    }
    with scopes_disabled():
        before = Club.objects.count()
    response = client.post(f"/b/{nb.slug}/clubs/new/", data)
    assert response.status_code in (302, 400)
    with scopes_disabled():
        after = Club.objects.count()
    if response.status_code == 400:
        refusal_says_why(response)
        assert after == before
        form = response.context["form"]
        for field in ("name", "pitch", "description", "meets_where", "meets_when", "phone"):
            assert form[field].value() == data[field]
    else:
        assert after == before + 1
        with scopes_disabled():
            club = Club.objects.select_related("organisation").latest("pk")
        assert club.organisation.name == name.strip()
        assert "<script" not in club.description_html


@pytest.mark.django_db
@given(note=long_text)
@SETTINGS
def test_join_note_never_500_and_every_refusal_says_why(nb, anna, bram, note):
    # The database is shared by the examples of one run: one club, Bram's request reset.
    with scopes_disabled():
        club = Club.objects.filter(organisation__name="Bridgeclub").first()
        ClubMember.objects.filter(user=bram).delete()
    club = club or make_club(nb, anna, name="Bridgeclub", join_policy=JoinPolicy.REQUEST)
    client = Client()
    client.force_login(bram)
    response = client.post(f"/b/{nb.slug}/clubs/{club.slug}/join/", {"note": note})
    assert response.status_code in (302, 400)
    with scopes_disabled():
        asked = ClubMember.objects.filter(club=club, user=bram).first()
    if response.status_code == 400:
        refusal_says_why(response)
        assert response.context["form"]["note"].value() == note
        assert asked is None
    else:
        assert asked.status == Status.PENDING and asked.note == note.strip()


@pytest.mark.django_db
@given(title=text, message=long_text)
@SETTINGS
def test_announcement_form_never_500_and_keeps_what_was_typed(nb, anna, title, message):
    with scopes_disabled():
        club = Club.objects.filter(organisation__name="Buurtkoor").first()
    club = club or make_club(nb, anna, name="Buurtkoor")
    client = Client()
    client.force_login(anna)
    with scopes_disabled():
        before = ClubAnnouncement.objects.count()
    response = client.post(
        f"/b/{nb.slug}/clubs/{club.slug}/announcements/new/", {"title": title, "text": message}
    )
    assert response.status_code in (302, 400)
    with scopes_disabled():
        after = ClubAnnouncement.objects.count()
    if response.status_code == 400:
        refusal_says_why(response)
        form = response.context["form"]
        assert form["title"].value() == title and form["text"].value() == message
        assert after == before
    else:
        assert after == before + 1
