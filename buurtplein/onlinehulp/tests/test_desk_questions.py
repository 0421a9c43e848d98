"""The asker's e-mail question, without an account and without JavaScript: asked, the secret
link and the code shown once, read and replied to by the link, found again by the code; only
digests and a sealed token stored, never the asker's address; limits per address."""

import datetime as dt
import re
import string

import pytest
from django.core.cache import cache
from django.db import connection
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.core import ratelimit
from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.moments import local
from buurtplein.onlinehulp import sealing
from buurtplein.onlinehulp.models import Author, Question, QuestionMessage, QuestionNote
from buurtplein.onlinehulp.tests.desk_world import ask, make_desk

pytestmark = pytest.mark.django_db

BASE = "/b/nijmegen-oost/online-help/"
QUESTION = "Mijn ouders maken elke avond ruzie. Wat kan ik doen?"
FRIDAY_NOON = local(dt.date(2026, 12, 11), dt.time(12))


def _asked(client, **data):
    response = client.post(f"{BASE}ask/", {"text": QUESTION, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_a_question_without_an_address_gets_a_link_and_a_code_shown_once(
    client, desk, time_machine
):
    time_machine.move_to(FRIDAY_NOON, tick=False)
    link = _asked(client, first_name="Sam", age_group="12_17")
    assert re.fullmatch(r"/b/nijmegen-oost/online-help/q/[\w-]{32}/", link)
    first = client.get(link)
    page = first.content.decode()
    assert first["Referrer-Policy"] == "same-origin" and "no-store" in first["Cache-Control"]
    code = re.search(r'data-testid="code">([A-Z2-9]{4}-[A-Z2-9]{4})<', page).group(1)
    assert QUESTION in page
    # Two working days: Friday noon → Tuesday noon.
    assert "dinsdag 15 december" in page
    assert code not in client.get(link).content.decode()  # once
    with scopes_disabled():
        question = Question.objects.get()
        assert question.due_at == local(dt.date(2026, 12, 15), dt.time(12))
        assert question.first_name == "Sam" and question.age_group == "12_17"
        assert question.email == ""
        token = link.rstrip("/").rsplit("/", 1)[1]
        assert token not in question.token_hash and code not in question.code_hash
        assert sealing.unseal(question.token_sealed) == token
        assert QuestionMessage.objects.get().author == Author.ASKER


def test_nothing_of_the_askers_address_or_browser_is_stored(client, desk):
    _asked(client, email="sam@example.nl", HTTP_USER_AGENT="Brave-Testbrowser/1.0")
    client.post(f"{BASE}code/", {"code": "AAAA-2222"})
    assert not AuditEntry.objects.exists()
    with connection.cursor() as cursor:
        for table in ("onlinehulp_question", "onlinehulp_questionmessage"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (our own table names)
            rows = " ".join(str(value) for row in cursor.fetchall() for value in row)
            assert "127.0.0.1" not in rows and "Brave" not in rows


def test_the_code_leads_back_to_the_link_in_its_own_neighbourhood_only(client, desk, elsewhere):
    with scope(neighbourhood=desk.region.neighbourhoods.get()):
        _question, token, code = ask(desk, desk.region.neighbourhoods.get())
    response = client.post(f"{BASE}code/", {"code": code.lower().replace("-", " ")})
    assert response["Location"] == f"{BASE}q/{token}/"
    wrong = client.post(f"{BASE}code/", {"code": "ZZZZ-9999"})
    assert wrong.status_code == 400
    assert "We kennen deze code hier niet" in wrong.content.decode()
    make_desk(elsewhere, name="Chat in Lent")
    there = client.post("/b/lent/online-help/code/", {"code": code})
    assert there.status_code == 400


def test_a_chats_code_leads_back_to_the_chat_too(client, nb, desk):
    """The code shown on the chat page opens the chat again (its token is sealed too)."""
    from buurtplein.onlinehulp import actions

    with scope(neighbourhood=nb):
        _chat, token, code = actions.chat_start(desk=desk, neighbourhood=nb)
    response = client.post(f"{BASE}code/", {"code": code})
    assert response["Location"] == f"{BASE}c/{token}/"


def test_the_asker_reads_the_answer_and_replies_and_the_question_is_due_again(
    client, nb, desk, worker, time_machine
):
    time_machine.move_to(FRIDAY_NOON, tick=False)
    with scope(neighbourhood=nb):
        question, token, _code = ask(desk, nb)
        QuestionMessage.objects.create(
            neighbourhood=nb,
            question=question,
            author=Author.WORKER,
            worker=worker,
            text="Wat naar dat je dit meemaakt. Wil je vertellen wat er gebeurt?",
        )
        QuestionNote.objects.create(
            neighbourhood=nb, question=question, author=worker, text="Intern: mogelijk Veilig Thuis"
        )
        Question.objects.filter(pk=question.pk).update(state=Question.State.ANSWERED)
    link = f"{BASE}q/{token}/"
    page = client.get(link).content.decode()
    assert "Wat naar dat je dit meemaakt" in page and "Wendy" in page
    assert "Intern" not in page  # the workers' notes never
    time_machine.move_to(local(dt.date(2026, 12, 14), dt.time(10)), tick=False)
    response = client.post(link, {"text": "Ze schreeuwen en gooien met dingen."})
    assert response.status_code == 302
    assert "Ze schreeuwen" in client.get(link).content.decode()
    with scope(neighbourhood=nb):
        question.refresh_from_db()
    assert question.state == Question.State.NEW
    assert question.due_at == local(dt.date(2026, 12, 16), dt.time(10))


def test_a_closed_question_takes_no_reply_and_an_empty_reply_is_shown_as_a_mistake(
    client, nb, desk
):
    with scope(neighbourhood=nb):
        question, token, _code = ask(desk, nb)
    link = f"{BASE}q/{token}/"
    empty = client.post(link, {"text": "  "})
    assert empty.status_code == 400 and 'aria-invalid="true"' in empty.content.decode()
    with scope(neighbourhood=nb):
        Question.objects.filter(pk=question.pk).update(state=Question.State.CLOSED)
    closed = client.post(link, {"text": "Nog iets"})
    assert closed.status_code == 400
    assert "Deze vraag is gesloten" in closed.content.decode()
    with scope(neighbourhood=nb):
        assert question.messages.count() == 1


def test_a_wrong_or_another_neighbourhoods_token_is_not_found(client, nb, desk, elsewhere):
    with scope(neighbourhood=nb):
        _question, token, _code = ask(desk, nb)
    assert client.get(f"{BASE}q/{token[:-1]}x/").status_code == 404
    make_desk(elsewhere, name="Chat in Lent")
    assert client.get(f"/b/lent/online-help/q/{token}/").status_code == 404


def test_a_sealed_token_opens_with_an_old_key_and_not_with_a_changed_row(settings):
    sealed = sealing.seal("geheim")
    assert sealing.unseal(sealed) == "geheim"
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a new key of at least fifty characters, rotated just now"
    assert sealing.unseal(sealed) == "geheim"
    assert sealing.unseal(sealed[:-4] + "AAAA") == ""
    settings.SECRET_KEY_FALLBACKS = []
    assert sealing.unseal(sealed) == ""


# --- limits per address (counted in the cache only) ----------------------------------------


@pytest.fixture
def configured_limits(settings):
    from buurtplein.config import settings as configured

    settings.BUURTPLEIN_RATE_LIMITS = configured.BUURTPLEIN_RATE_LIMITS
    cache.clear()


def _per(kind, per):
    return next(rate.amount for rate in ratelimit.rates(kind) if rate.per == per)


def test_asking_is_limited_per_address_and_a_mistake_uses_up_nothing(
    client, desk, configured_limits
):
    per_ip = _per("onlinehulp_question", "ip")
    for _i in range(per_ip + 1):
        assert client.post(f"{BASE}ask/", {"text": " ", "first_name": "Sam"}).status_code == 400
    for _i in range(per_ip):
        _asked(client)
    refused = client.post(f"{BASE}ask/", {"text": QUESTION})
    assert refused.status_code == 429 and QUESTION in refused.content.decode()
    assert (
        client.post(f"{BASE}ask/", {"text": QUESTION}, REMOTE_ADDR="192.0.2.7").status_code == 302
    )


def test_codes_cannot_be_guessed_from_one_address(client, nb, desk, configured_limits):
    with scope(neighbourhood=nb):
        _question, _token, code = ask(desk, nb)
    for _i in range(_per("onlinehulp_code", "ip")):
        assert client.post(f"{BASE}code/", {"code": "ZZZZ-9999"}).status_code == 400
    assert client.post(f"{BASE}code/", {"code": code}).status_code == 429  # even the right one


# --- the forms under any input --------------------------------------------------------------

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2100)
SLOW = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SLOW
@given(
    question=text,
    first_name=st.text(max_size=60),
    age=st.sampled_from(["", "12_17", "65_plus", "x"]),
    email=st.one_of(st.emails().map(str), st.text(max_size=30)),
)
def test_question_form(client, desk, question, first_name, age, email):
    data = {"text": question, "first_name": first_name, "age_group": age, "email": email}
    response = client.post(f"{BASE}ask/", data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert response.context["form"]["text"].value() == question


@SLOW
@given(code=st.text(alphabet=string.printable, max_size=30))
def test_code_form(client, desk, code):
    assert client.post(f"{BASE}code/", {"code": code}).status_code == 400
