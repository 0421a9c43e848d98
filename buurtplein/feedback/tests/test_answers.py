""" "Zou je ons aanbevelen?": asked on other components' pages through the registry, answered
once a month per person (members by account, anyone else by a signed cookie), anonymous when
wished, and a 9 or 10 offered to become an ambassador."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import signing
from django.test import RequestFactory
from django_scopes import scope, scopes_disabled

from buurtplein.core.components import all_components, feedback_moments, feedback_prompt
from buurtplein.core.tests.moments import local
from buurtplein.feedback import views
from buurtplein.feedback.models import Answer, AnsweredMonth
from buurtplein.referrals.models import State
from buurtplein.referrals.tests.factories import ReferralFactory, ServiceFactory

pytestmark = pytest.mark.django_db

NOON = local(dt.date(2026, 11, 18), dt.time(12))


def _token(nb, moment="referrals.referral", organisation=None):
    return signing.dumps([nb.pk, moment, getattr(organisation, "pk", None)], salt=views.PROMPT_SALT)


def _answer(client, nb, token, score="8", **extra):
    return client.post(f"/b/{nb.slug}/feedback/answer/", {"token": token, "score": score, **extra})


def test_the_five_moments_are_declared_by_their_components():
    assert set(feedback_moments()) == {
        "buurthulp.finished",
        "referrals.referral",
        "onlinehulp.chat",
        "agenda.attended",
        "volunteering.match",
    }
    owners = {m.key.split(".")[0] for c in all_components() for m in c.feedback_moments}
    assert owners == {c.label for c in all_components() if c.feedback_moments}


def test_an_unknown_moment_is_a_mistake(nb):
    request = RequestFactory().get("/")
    request.neighbourhood = nb
    with pytest.raises(ValueError, match="nope"):
        feedback_prompt(request, "nope.nothing")


def test_a_referred_member_is_asked_about_the_organisation_and_answers_once_a_month(
    client, nb, welfare, ria
):
    with time_machine.travel(NOON, tick=False) as traveller:
        service = ServiceFactory(neighbourhood=nb, organisation=welfare)
        referral = ReferralFactory(
            neighbourhood=nb, service=service, person=ria, person_name="", state=State.DONE
        )
        client.force_login(ria)
        page = client.get(f"/b/{nb.slug}/referrals/{referral.pk}/").content.decode()
        assert "feedback-prompt" in page and "Sterker Welzijn" in page
        token = re.search(r'name="token" value="([^"]+)"', page).group(1)
        response = _answer(client, nb, token, score="10", text="Fijn geholpen.", anonymous="")
        assert response.status_code == 302 and "/feedback/thanks/" in response["Location"]
        with scopes_disabled():
            answer = Answer.objects.get()
        assert (answer.score, answer.text, answer.person, answer.organisation) == (
            10,
            "Fijn geholpen.",
            ria,
            welfare,
        )
        # Asked once a month: the page no longer asks, and a second answer is refused.
        page = client.get(f"/b/{nb.slug}/referrals/{referral.pk}/").content.decode()
        assert "feedback-prompt" not in page
        assert _answer(client, nb, token).status_code == 400
        # Next month the question is back.
        traveller.move_to(NOON + dt.timedelta(days=20))
        client.force_login(ria)  # a fresh session
        page = client.get(f"/b/{nb.slug}/referrals/{referral.pk}/").content.decode()
        assert "feedback-prompt" in page and "Sterker Welzijn" in page
    with scopes_disabled():
        assert Answer.objects.count() == 1


def test_an_anonymous_answer_of_a_member_holds_no_person(client, nb, welfare, ria):
    client.force_login(ria)
    response = _answer(client, nb, _token(nb, organisation=welfare), score="3", anonymous="on")
    assert response.status_code == 302
    with scopes_disabled():
        answer = Answer.objects.get()
        assert answer.person is None and answer.organisation == welfare
        # Only that she answered this month is kept, apart from the answer.
        assert AnsweredMonth.objects.filter(user=ria).count() == 1


def test_someone_without_an_account_is_held_to_once_a_month_by_a_signed_cookie(client, nb):
    with time_machine.travel(NOON, tick=False):
        token = _token(nb, moment="onlinehulp.chat")
        assert _answer(client, nb, token, score="7").status_code == 302
        assert _answer(client, nb, token, score="7").status_code == 400
        # A cookie made up by hand is not believed (it is signed), nor kept in the database.
        client.cookies[views.COOKIE.format(pk=nb.pk)] = "2026-11"
        assert _answer(client, nb, token, score="7").status_code == 302
        assert _answer(client, nb, token, score="7").status_code == 400
    with scopes_disabled():
        assert [a.person for a in Answer.objects.all()] == [None, None]
        assert not AnsweredMonth.objects.exists()


def test_a_forged_or_foreign_question_is_refused(client, nb, ria):
    client.force_login(ria)
    assert _answer(client, nb, "made-up").status_code == 400
    other = _token(nb)
    forged = other[:-3] + ("AAA" if not other.endswith("AAA") else "BBB")
    assert _answer(client, nb, forged).status_code == 400
    with scopes_disabled():
        assert not Answer.objects.exists()


@pytest.mark.parametrize("score", ["", "11", "-1", "ten"])
def test_a_score_must_be_0_to_10(client, nb, ria, score):
    client.force_login(ria)
    response = _answer(client, nb, _token(nb), score=score, text="Iets")
    assert response.status_code == 400
    assert 'value="Iets"' in response.content.decode()  # nothing typed is lost


def test_a_promoter_is_offered_to_become_an_ambassador_where_stories_is_on(
    client, nb, welfare, ria
):
    client.force_login(ria)
    response = _answer(client, nb, _token(nb, organisation=welfare), score="9")
    offer = f"/b/{nb.slug}/stories/testimonials/new/?organisation={welfare.pk}"
    assert offer in client.get(response["Location"]).content.decode()
    # Where the stories component is switched off there is no offer.
    with scopes_disabled():
        nb.refresh_from_db()
        nb.components = [c for c in nb.components if c != "stories"]
        nb.save()
    assert "/stories/" not in client.get(response["Location"]).content.decode()


def test_a_detractor_is_not_offered_to_become_an_ambassador(client, nb, welfare, ria, monkeypatch):
    monkeypatch.setattr(views, "ambassador_url", lambda request, pk: "/stories/")
    client.force_login(ria)
    response = _answer(client, nb, _token(nb, organisation=welfare), score="6")
    assert "/stories/" not in client.get(response["Location"]).content.decode()


def test_the_question_is_not_shown_where_feedback_is_switched_off(client, nb, welfare, ria):
    with scopes_disabled():
        nb.components = [c for c in nb.components if c != "feedback"]
        nb.save()
        service = ServiceFactory(neighbourhood=nb, organisation=welfare)
        referral = ReferralFactory(
            neighbourhood=nb, service=service, person=ria, person_name="", state=State.DONE
        )
    client.force_login(ria)
    page = client.get(f"/b/{nb.slug}/referrals/{referral.pk}/").content.decode()
    assert "feedback-prompt" not in page
    with scope(neighbourhood=nb):
        assert _answer(client, nb, _token(nb)).status_code == 404
