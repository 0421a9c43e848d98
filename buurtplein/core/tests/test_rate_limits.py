"""Rate limits on what people write (``core.ratelimit``, ``BUURTPLEIN_RATE_LIMITS``): each kind
at its edge — the Nth passes, the N+1st is refused with a clear message next to the form, 429
and everything typed kept — and the mechanism itself (atomic count, fail open, only requests).

The first N-1 writes of a test go through the action inside ``ratelimit.counting()`` (what a
request does), the Nth and the N+1st through the page, as a person meets them."""

import copy
import os
import pickle
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.test import override_settings
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.models import InviteCode
from buurtplein.accounts.tests.factories import UserFactory
from buurtplein.buurthulp import actions as buurthulp_actions
from buurtplein.core import ratelimit
from buurtplein.core.models import Membership
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.messaging.tests.factories import send, start_conversation
from buurtplein.moderation.actions import report_create
from buurtplein.square import actions as square_actions
from buurtplein.square.models import Comment, Post
from buurtplein.square.tests.factories import PostFactory
from buurtplein.volunteering import actions as volunteering_actions
from buurtplein.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

REFUSED = "in korte tijd heel vaak gedaan"


def limit(kind: str) -> int:
    """The configured number of the kind's per-account rate (the edge under test)."""
    return next(rate.amount for rate in ratelimit.rates(kind) if rate.per == "user")


def refused_with_everything_kept(response, *typed):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert REFUSED in page
    for text in typed:
        assert text in page
    return page


@pytest.fixture(autouse=True)
def _configured_limits(settings):
    """The rates as configured (the test settings switch them off for every other test)."""
    from buurtplein.config import settings as configured

    settings.BUURTPLEIN_RATE_LIMITS = configured.BUURTPLEIN_RATE_LIMITS


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def resident(nb):
    return member(nb, first_name="Els")


# --- each kind at its edge ------------------------------------------------------------------


def test_posts(client, nb, resident):
    n = limit("post")
    with ratelimit.counting(), scope(neighbourhood=nb):
        for i in range(n - 1):
            square_actions.post_create(
                author=resident, neighbourhood=nb, category="question", text=f"Bericht {i}"
            )
    client.force_login(resident)
    data = {"category": "question", "title": "", "text": "Wie heeft er een ladder?"}
    data["visibility"] = "members"
    assert client.post(f"/b/{nb.slug}/posts/new/", data).status_code == 302  # the Nth
    data["text"] = "Nog een bericht, typ ik met zorg"
    refused_with_everything_kept(client.post(f"/b/{nb.slug}/posts/new/", data), data["text"])
    with scope(neighbourhood=nb):
        assert Post.objects.filter(author=resident).count() == n
    # Another neighbour is not held up by it.
    client.force_login(member(nb))
    assert client.post(f"/b/{nb.slug}/posts/new/", data).status_code == 302


@pytest.mark.parametrize("htmx", [False, True])
def test_comments(client, nb, resident, htmx):
    post = PostFactory(neighbourhood=nb)
    n = limit("comment")
    with ratelimit.counting(), scope(neighbourhood=nb):
        for i in range(n - 1):
            square_actions.comment_create(author=resident, post=post, text=f"Reactie {i}")
    client.force_login(resident)
    url = f"/b/{nb.slug}/posts/{post.pk}/comment/"
    headers = {"HX-Request": "true"} if htmx else {}
    assert client.post(url, {"text": "De laatste"}, headers=headers).status_code in (200, 302)
    response = client.post(url, {"text": "Een te veel"}, headers=headers)
    refused_with_everything_kept(response, "Een te veel")
    with scope(neighbourhood=nb):
        assert Comment.objects.filter(author=resident).count() == n


def test_messages(client, nb, resident):
    other = member(nb)
    n = limit("message")
    with ratelimit.counting():
        conversation = start_conversation(nb, resident, other)  # the first
        for _ in range(n - 2):
            send(conversation, resident)
    client.force_login(resident)
    url = f"/b/{nb.slug}/messages/{conversation.pk}/"
    assert client.post(url, {"text": "Bericht nummer n"}).status_code == 302
    refused_with_everything_kept(client.post(url, {"text": "Eentje te veel"}), "Eentje te veel")
    # Starting a new conversation counts against the same limit.
    third = member(nb)
    response = client.post(f"/b/{nb.slug}/messages/to/{third.pk}/", {"text": "Hoi nieuwe"})
    refused_with_everything_kept(response, "Hoi nieuwe")
    # The one written to can still answer.
    client.force_login(other)
    assert client.post(url, {"text": "Rustig aan!"}).status_code == 302


def test_reports(client, nb, resident):
    n = limit("report")
    posts = PostFactory.create_batch(n + 1, neighbourhood=nb)
    with ratelimit.counting(), scope(neighbourhood=nb):
        for post in posts[: n - 1]:
            report_create(reporter=resident, target=post, reason="spam")
    client.force_login(resident)
    last, extra = posts[n - 1], posts[n]
    response = client.post(f"/b/{nb.slug}/posts/{last.pk}/report/", {"reason": "spam"})
    assert response.status_code == 302
    response = client.post(
        f"/b/{nb.slug}/posts/{extra.pk}/report/", {"reason": "rude", "note": "Scheldwoorden"}
    )
    refused_with_everything_kept(response, "Scheldwoorden")


def test_new_listings_in_any_component(nb, resident):
    """Help requests, items, activities, vacancies, clubs and announcements share "listing"."""
    n = limit("listing")
    with ratelimit.counting() as refusals, scope(neighbourhood=nb):
        for i in range(n):
            buurthulp_actions.request_create(
                neighbourhood=nb, asker=resident, title=f"Hulp bij boodschappen {i}"
            )
        with pytest.raises(ratelimit.RateLimited):
            buurthulp_actions.request_create(
                neighbourhood=nb, asker=resident, title="Eentje te veel"
            )
    assert len(refusals) == 1


def test_replies_in_any_component(nb, resident):
    """Responses to vacancies, thanks and the like share "reply"."""
    n = limit("reply")
    contact = member(nb)
    vacancies = VacancyFactory.create_batch(n + 1, neighbourhood=nb, posted_by=contact)
    with ratelimit.counting(), scope(neighbourhood=nb):
        for vacancy in vacancies[:n]:
            volunteering_actions.response_create(
                vacancy=vacancy, person=resident, message="Ik help graag."
            )
        with pytest.raises(ratelimit.RateLimited) as refused:
            volunteering_actions.response_create(
                vacancy=vacancies[n], person=resident, message="Ik help graag."
            )
    assert REFUSED in refused.value.messages[0]


def _invite(nb):
    with scopes_disabled():
        return InviteCode.objects.create(neighbourhood=nb, max_uses=5)


def test_invite_codes_cannot_be_guessed(client, nb):
    """The right code after too many wrong ones no longer gets in (per account)."""
    code = _invite(nb)
    n = limit("invite")
    newcomer = UserFactory()
    client.force_login(newcomer)
    url = f"/b/{nb.slug}/join/"
    for i in range(n - 1):
        response = client.post(url, {"postcode": "6522", "code": f"FOUT{i:04d}"})
        assert response.status_code == 400
    response = client.post(url, {"postcode": "6522", "code": "FOUT9999"})  # the Nth
    assert response.status_code == 400 and "klopt niet" in response.content.decode()
    response = client.post(url, {"postcode": "6522", "code": code.code})
    refused_with_everything_kept(response, 'value="6522"', f'value="{code.code}"')
    with scopes_disabled():
        assert not Membership.objects.filter(neighbourhood=nb, user=newcomer).exists()
    # Joining without a code (a buurtverbinder approves) is not limited.
    assert client.post(url, {"postcode": "6522"}).status_code == 302


def test_invite_codes_are_limited_per_ip_across_accounts(client, nb):
    per_ip = next(rate.amount for rate in ratelimit.rates("invite") if rate.per == "ip")
    url = f"/b/{nb.slug}/join/"
    for i in range(per_ip):
        client.force_login(UserFactory())  # a fresh account for each guess
        response = client.post(url, {"postcode": "6522", "code": f"FOUT{i:04d}"})
        assert response.status_code == 400
    client.force_login(UserFactory())
    response = client.post(url, {"postcode": "6522", "code": _invite(nb).code})
    assert response.status_code == 429
    # Another address is not held up.
    response = client.post(
        url, {"postcode": "6522", "code": _invite(nb).code}, REMOTE_ADDR="192.0.2.7"
    )
    assert response.status_code == 302


LINK_REFERRAL = {
    "person_name": "Dhr. Yilmaz",
    "person_phone": "06 9999 0000",
    "question": "Wil graag onder de mensen komen.",
    "outside_referrer": "Huisartsenpraktijk De Linde",
    "outside_contact": "024 123 4567",
    "consent": "on",
}


def _referral_link(nb):
    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.referrals.tests.factories import ReferralLinkFactory

    organisation = OrganisationFactory()
    organisation.neighbourhoods.add(nb)
    link = ReferralLinkFactory(neighbourhood=nb, organisation=organisation)
    return f"/b/{nb.slug}/referrals/link/{link.token}/"


def _referrals_sent() -> int:
    from buurtplein.referrals.models import Referral

    with scopes_disabled():
        return Referral.objects.count()


def _per(kind: str, per: str) -> int:
    return next(rate.amount for rate in ratelimit.rates(kind) if rate.per == per)


def test_a_referral_link_is_limited_per_ip(client, nb):
    """An organisation's public referral link (no account): the Nth referral from one address
    goes through, the next is refused with everything typed kept; another address is not."""
    url = _referral_link(nb)
    per_ip = _per("referral_link", "ip")
    for _i in range(per_ip):
        assert client.post(url, LINK_REFERRAL).status_code == 302
    refused_with_everything_kept(client.post(url, LINK_REFERRAL), "Dhr. Yilmaz", "De Linde")
    assert _referrals_sent() == per_ip
    assert client.post(url, LINK_REFERRAL, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_a_referral_link_is_limited_per_link_across_addresses(client, nb):
    """A link that leaked cannot be flooded from many addresses: after N referrals through it
    (from different addresses) the next is refused, typed text kept; another organisation's
    link from the same address still works."""
    url = _referral_link(nb)
    per_link = _per("referral_link", "link")
    assert per_link > _per("referral_link", "ip")
    for i in range(per_link):
        response = client.post(url, LINK_REFERRAL, REMOTE_ADDR=f"192.0.2.{i + 10}")
        assert response.status_code == 302
    refused_with_everything_kept(
        client.post(url, LINK_REFERRAL, REMOTE_ADDR="198.51.100.1"), "Dhr. Yilmaz", "De Linde"
    )
    assert _referrals_sent() == per_link
    other = _referral_link(nb)
    assert client.post(other, LINK_REFERRAL, REMOTE_ADDR="198.51.100.1").status_code == 302


def test_a_referral_link_form_with_a_mistake_uses_up_nothing(client, nb):
    """Only referrals that go through count: N forms with a mistake (no consent ticked) are
    answered with the mistake and the typed text, and N correct ones after them all go
    through."""
    url = _referral_link(nb)
    per_ip = _per("referral_link", "ip")
    without_consent = {k: v for k, v in LINK_REFERRAL.items() if k != "consent"}
    for _i in range(per_ip + 2):
        response = client.post(url, without_consent)
        assert response.status_code == 400
        page = response.content.decode()
        assert "Dhr. Yilmaz" in page and "De Linde" in page
        assert REFUSED not in page
    for _i in range(per_ip):
        assert client.post(url, LINK_REFERRAL).status_code == 302
    assert _referrals_sent() == per_ip


# --- the mechanism ----------------------------------------------------------------------------


def test_hit_counts_up_to_the_rate_and_each_key_on_its_own():
    rate = ratelimit.Rate.parse("3/10m/user")
    assert rate == ratelimit.Rate(3, 600, "user")
    assert [ratelimit.hit("a", rate) for _ in range(4)] == [True, True, True, False]
    assert ratelimit.hit("b", rate)


def test_a_period_ends_by_our_clock_even_when_the_cache_still_holds_the_count(time_machine):
    """Redis expires a count by its own clock; the person was told ``retry_after`` by ours. When
    the cache keeps the count longer (a clock that stood still, a slow server), the period
    still ends when we said it would."""
    from django.core.cache import cache

    rate = ratelimit.Rate.parse("2/10s/side")
    time_machine.move_to("2026-03-02 10:00:00+01:00", tick=False)
    assert [ratelimit.hit("s", rate) for _ in range(3)] == [True, True, False]
    key = f"rl:s:{rate.amount}/{rate.seconds}"
    cache.touch(key, 3600)  # the cache's clock lags: it still holds the count
    cache.touch(f"{key}:since", 3600)
    time_machine.move_to("2026-03-02 10:00:09+01:00", tick=False)
    assert not ratelimit.hit("s", rate)  # one second to go
    time_machine.move_to("2026-03-02 10:00:11+01:00", tick=False)
    assert [ratelimit.hit("s", rate) for _ in range(3)] == [True, True, False]


def test_a_period_ends(time_machine):
    time_machine.move_to("2026-03-02 10:00:00+01:00", tick=False)
    assert ratelimit.hit("k", "1/h/user")
    assert not ratelimit.hit("k", "1/h/user")
    time_machine.move_to("2026-03-02 10:40:00+01:00", tick=False)
    assert ratelimit.retry_after("k", ratelimit.Rate.parse("1/h/user")) == 20 * 60
    message = ratelimit.RateLimited(20 * 60).messages[0]
    assert "20 minuten" in message


def test_outside_a_request_nothing_is_counted(nb, resident):
    """The demo's seeding, commands and tasks are not people typing: they are not limited."""
    with scope(neighbourhood=nb):
        for i in range(limit("comment") + 5):
            square_actions.comment_create(
                author=resident, post=PostFactory(neighbourhood=nb), text=f"{i}"
            )


def test_when_the_cache_is_down_limits_fail_open(nb, resident):
    """Redis away: writes are allowed (documented in operations.md), never a 500."""
    down = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }
    with override_settings(CACHES={**settings.CACHES, "default": down}):
        assert caches["default"].__class__.__name__ == "RedisCache"
        assert ratelimit.hit("k", "1/h/user") and ratelimit.hit("k", "1/h/user")
        with ratelimit.counting() as refusals, scope(neighbourhood=nb):
            post = PostFactory(neighbourhood=nb)
            for _ in range(limit("comment") + 1):
                square_actions.comment_create(author=resident, post=post, text="Hallo")
        assert refusals == []


def test_a_refusal_is_a_validation_error_with_its_own_code():
    error = ratelimit.RateLimited(90)
    assert isinstance(error, ValidationError)
    assert error.code == "rate_limited" and error.retry_after == 90
    assert "2 minuten" in error.messages[0]
    again = copy.deepcopy(error)
    assert again.retry_after == 90 and again.messages == error.messages
    assert pickle.loads(pickle.dumps(error)).code == "rate_limited"  # noqa: S301 - our own bytes


def test_behind_the_proxy_the_limit_counts_the_visitors_address(client, nb, settings):
    """Production: gunicorn on a unix socket sees no address (REMOTE_ADDR is empty); nginx
    appends the visitor's to X-Forwarded-For, and that one counts — not what a client wrote
    in front of it."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    per_ip = next(rate.amount for rate in ratelimit.rates("invite") if rate.per == "ip")
    url = f"/b/{nb.slug}/join/"
    for i in range(per_ip):
        client.force_login(UserFactory())
        response = client.post(
            url,
            {"postcode": "6522", "code": f"FOUT{i:04d}"},
            REMOTE_ADDR="",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.9",  # a made-up first hop each time
        )
        assert response.status_code == 400
    client.force_login(UserFactory())
    response = client.post(
        url,
        {"postcode": "6522", "code": _invite(nb).code},
        REMOTE_ADDR="",
        HTTP_X_FORWARDED_FOR="10.0.0.99, 203.0.113.9",
    )
    assert response.status_code == 429


def test_production_settings_trust_one_proxy():
    """Without it every log-in behind nginx was refused (allauth cannot place the visitor)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BUURTPLEIN_", "DJANGO_", "DATABASE_", "REDIS_"))
    }
    env |= {"DATABASE_URL": "postgres://nobody:x@127.0.0.1:1/none", "DJANGO_SECRET_KEY": "x" * 50}
    code = "from buurtplein.config import settings as s; print(s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.stdout.strip() == "1", run.stderr


COMPLAINT = {
    "organisation": "platform",
    "text": "De site doet het niet.",
    "name": "Fatma Yilmaz",
    "email": "fatma@example.nl",
}


def test_complaints_are_limited_per_ip(client, nb):
    """The complaint form (also without an account): the Nth complaint from one address goes
    through, the next is refused with everything typed kept; another address is not."""
    from buurtplein.feedback.models import Complaint

    url = f"/b/{nb.slug}/feedback/complaints/new/"
    per_ip = _per("complaint", "ip")
    for _i in range(per_ip):
        assert client.post(url, COMPLAINT).status_code == 302
    refused_with_everything_kept(client.post(url, COMPLAINT), "De site doet het niet.", "Fatma")
    with scopes_disabled():
        assert Complaint.objects.count() == per_ip
    assert client.post(url, COMPLAINT, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_recommendation_answers_are_limited_per_ip(client, nb):
    """Without an account the answer is held to once a month by a cookie; one address that
    clears its cookies is stopped after N answers."""
    from django.core import signing

    from buurtplein.feedback import views
    from buurtplein.feedback.models import Answer

    url = f"/b/{nb.slug}/feedback/answer/"
    token = signing.dumps([nb.pk, "onlinehulp.chat", None], salt=views.PROMPT_SALT)
    answer = {"token": token, "score": "8", "text": "Goed geholpen."}
    per_ip = _per("feedback_answer", "ip")
    for _i in range(per_ip):
        client.cookies.clear()
        assert client.post(url, answer).status_code == 302
    client.cookies.clear()
    refused_with_everything_kept(client.post(url, answer), "Goed geholpen.")
    with scopes_disabled():
        assert Answer.objects.count() == per_ip
