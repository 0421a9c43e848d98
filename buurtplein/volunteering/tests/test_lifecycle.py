"""The lifecycles, transition by transition: a response opens a conversation; the organisation
accepts (the vacancy fills when enough are accepted) or kindly declines; the person withdraws;
a month after the acceptance both sides are asked, once each, whether it led to volunteering
work; vacancies expire with one reminder and renew in one click; the cron commands."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import member
from buurtplein.messaging.actions import conversation_mark_read, message_send
from buurtplein.messaging.models import Conversation, Message, Participant
from buurtplein.messaging.tasks import email_if_due
from buurtplein.volunteering import actions, selectors, tasks
from buurtplein.volunteering.models import Response, ResponseState, State, Vacancy
from buurtplein.volunteering.privacy import stats
from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory, post, reload

pytestmark = pytest.mark.django_db

MESSAGE = "Ik help graag met de computerinloop. Ik kan op dinsdagochtend."


def url(nb, path=""):
    return f"/b/{nb.slug}/volunteer/{path}"


def respond(client, nb, vacancy, message=MESSAGE):
    return client.post(url(nb, f"{vacancy.pk}/respond/"), {"message": message})


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def audit_actions():
    with scopes_disabled():
        return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


@pytest.fixture
def vacancy(nb, sanne, welfare):
    return post(
        nb,
        sanne,
        welfare,
        title="Hulp bij de computerinloop",
        task="Mensen helpen met hun laptop, telefoon en DigiD.",
        topics=["computer-help"],
    )


def test_a_response_opens_a_private_conversation_with_the_contact(
    client, nb, els, sanne, vacancy, django_capture_on_commit_callbacks
):
    client.force_login(els)
    with django_capture_on_commit_callbacks(execute=True):
        response = respond(client, nb, vacancy)
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        stored = Response.objects.get()
        conversation = Conversation.objects.get()
        assert list(Message.objects.values_list("text", flat=True)) == [MESSAGE]
    assert stored.person == els and stored.state == ResponseState.NEW
    assert stored.conversation == conversation
    assert response["Location"] == f"/b/{nb.slug}/messages/{conversation.pk}/"
    thread = client.get(response["Location"]).content.decode()
    assert MESSAGE in thread
    assert f'href="/b/{nb.slug}/volunteer/{vacancy.pk}/"' in thread  # "about" links back
    # The contact person hears it, with the link to accept or decline.
    sent = mails_to(sanne)
    assert sent and "Els B. reageerde op “Hulp bij de computerinloop”" in sent[-1].subject
    assert f"/b/{nb.slug}/volunteer/{vacancy.pk}/responses/" in sent[-1].body
    assert MESSAGE in sent[-1].body
    # Els sees the state of her response on the vacancy and under "My responses".
    page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert "Je reactie" in page and "Wacht op antwoord" in page
    assert "Mijn reactie versturen" not in page
    mine = client.get(url(nb, "mine/")).content.decode()
    assert "Hulp bij de computerinloop" in mine and "Wacht op antwoord" in mine
    # Responding twice is refused; the organisation sees one response.
    again = respond(client, nb, vacancy, message="Nog een keer")
    assert again.status_code == 400
    assert "Je hebt al gereageerd op deze vacature." in again.content.decode()
    with scope(neighbourhood=nb):
        assert selectors.vacancy_counts(vacancy)["total"] == 1


def test_the_contact_gets_one_e_mail_about_a_response_not_two(
    client, nb, els, sanne, vacancy, django_capture_on_commit_callbacks
):
    client.force_login(els)
    with django_capture_on_commit_callbacks(execute=True):
        respond(client, nb, vacancy)
    assert len(mails_to(sanne)) == 1  # the response, with its message
    with scopes_disabled():
        place = Participant.objects.get(user=sanne)
    later = timezone.now() + timedelta(hours=1)
    assert not email_if_due(place.pk, now=later)  # messaging does not repeat it
    assert len(mails_to(sanne)) == 1
    # Once Sanne has read the conversation, Els's next message is e-mailed as usual.
    with scope(neighbourhood=nb):
        conversation = Conversation.objects.get()
        conversation_mark_read(conversation=conversation, user=sanne)
        message_send(conversation=conversation, author=els, text="Ik kan ook op donderdag.")
    assert email_if_due(place.pk, now=later)
    assert len(mails_to(sanne)) == 2


def test_the_organisations_own_people_do_not_respond(client, nb, sanne, jeroen, vacancy):
    client.force_login(jeroen)  # Sanne's colleague
    assert respond(client, nb, vacancy).status_code == 403
    assert "Mijn reactie versturen" not in client.get(url(nb, f"{vacancy.pk}/")).content.decode()


def test_an_empty_or_blocked_response_is_refused_and_keeps_the_text(
    client, nb, els, sanne, vacancy
):
    from buurtplein.messaging.models import Block

    client.force_login(els)
    response = respond(client, nb, vacancy, message="   ")
    assert response.status_code == 400
    assert "Schrijf een kort bericht." in response.content.decode()
    with scopes_disabled():
        Block.objects.create(blocker=sanne, blocked=els)
    response = respond(client, nb, vacancy, message="Mijn tekst blijft staan")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mijn tekst blijft staan" in page and 'class="form-errors"' in page
    with scope(neighbourhood=nb):
        assert not Response.objects.exists() and not Conversation.objects.exists()


def accept(client, nb, response):
    return client.post(url(nb, f"responses/{response.pk}/accept/"))


def test_accepting_as_many_as_wanted_fills_the_vacancy_and_reopening_opens_it(
    client, nb, sanne, welfare, els, bram, django_capture_on_commit_callbacks
):
    vacancy = post(nb, sanne, welfare, title="Kok voor de buurtmaaltijd", people_wanted=2)
    third = member(nb, first_name="Fatima", last_name="Yilmaz")
    with scope(neighbourhood=nb):
        first, second, late = (
            actions.response_create(vacancy=vacancy, person=person, message="Ik kook graag!")
            for person in (els, bram, third)
        )
    els.language = "en"
    els.save(update_fields=["language"])
    client.force_login(sanne)
    page = client.get(url(nb, f"{vacancy.pk}/responses/")).content.decode()
    assert page.count("accepteren</span>") == 3 and "0 van 2 mensen geaccepteerd." in page
    with django_capture_on_commit_callbacks(execute=True):
        assert accept(client, nb, first).status_code == 302
    reload(nb, first)
    assert first.state == ResponseState.ACCEPTED and first.answered_by == sanne
    assert first.accepted_at is not None
    assert reload(nb, vacancy).state == State.OPEN  # one of two
    # The accepted person hears it in her own language (English).
    sent = mails_to(els)
    assert sent[-1].subject == "Sterker Welzijn accepted your response"
    assert "Make the first appointment together" in sent[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        accept(client, nb, second)
    assert reload(nb, vacancy).state == State.FILLED and vacancy.filled_at is not None
    page = client.get(url(nb, f"{vacancy.pk}/responses/")).content.decode()
    assert "2 van 2 mensen geaccepteerd." in page and "Er wacht nog 1 reactie" in page
    assert "accepteren</span>" not in page  # no room for a third
    accept(client, nb, late)
    assert reload(nb, late).state == ResponseState.NEW
    # A filled vacancy is off the list and takes no new responses.
    client.force_login(member(nb))
    assert "Kok voor de buurtmaaltijd" not in client.get(url(nb)).content.decode()
    assert respond(client, nb, vacancy).status_code == 403
    # Reopening puts it back for 60 days (accepting needs room: the number goes up first).
    client.force_login(sanne)
    client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "open"})
    assert reload(nb, vacancy).state == State.OPEN
    assert vacancy.expires_at > timezone.now() + timedelta(days=59)
    accept(client, nb, late)
    assert reload(nb, late).state == ResponseState.NEW
    assert audit_actions() == [
        "volunteering.response.accept",
        "volunteering.response.accept",
    ]


def test_declining_sends_a_kind_message_in_the_persons_language(
    client, nb, sanne, els, vacancy, django_capture_on_commit_callbacks
):
    with scope(neighbourhood=nb):
        response = actions.response_create(vacancy=vacancy, person=els, message=MESSAGE)
    client.force_login(sanne)
    page = client.get(url(nb, f"responses/{response.pk}/decline/")).content.decode()
    assert "Dank je wel voor je reactie op “Hulp bij de computerinloop”" in page
    reload(nb, response)
    assert response.state == ResponseState.NEW  # opening the page changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        result = client.post(
            url(nb, f"responses/{response.pk}/decline/"),
            {"note": "We hebben al genoeg mensen op dinsdag. Kom je eens koffie drinken?"},
        )
    assert result.status_code == 302
    reload(nb, response)
    assert response.state == ResponseState.DECLINED and response.answered_by == sanne
    sent = mails_to(els)[-1]
    assert sent.subject == "Over je reactie op “Hulp bij de computerinloop”"
    assert "Wat fijn dat je wilt helpen!" in sent.body
    assert "Sanne D. schrijft erbij:" in sent.body and "Kom je eens koffie drinken?" in sent.body
    assert f"/b/{nb.slug}/volunteer/" in sent.body
    # She sees it kindly worded, and cannot respond again.
    client.force_login(els)
    assert "Niet gekozen" in client.get(url(nb, "mine/")).content.decode()
    again = respond(client, nb, vacancy)
    assert again.status_code == 400
    assert "De organisatie heeft je reactie al beantwoord." in again.content.decode()
    assert reload(nb, response).state == ResponseState.DECLINED
    assert audit_actions() == ["volunteering.response.decline"]


def test_a_declined_message_in_english(nb, sanne, els, vacancy, django_capture_on_commit_callbacks):
    els.language = "en"
    els.save(update_fields=["language"])
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        response = actions.response_create(vacancy=vacancy, person=els, message=MESSAGE)
        actions.response_decline(actor=sanne, response=response)
    sent = mails_to(els)[-1]
    assert sent.subject == "About your response to “Hulp bij de computerinloop”"
    assert "It is really kind that you want to help" in sent.body and "adds" not in sent.body


def test_withdrawing_tells_the_contact_and_responding_again_takes_it_up(
    client, nb, sanne, els, vacancy, django_capture_on_commit_callbacks
):
    client.force_login(els)
    respond(client, nb, vacancy)
    with scope(neighbourhood=nb):
        response = Response.objects.get()
    page = client.get(url(nb, f"responses/{response.pk}/withdraw/")).content.decode()
    assert "Je reactie terugtrekken?" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(nb, f"responses/{response.pk}/withdraw/"))
    assert reload(nb, response).state == ResponseState.WITHDRAWN
    assert "Els B. doet toch niet mee met" in mails_to(sanne)[-1].subject
    # A withdrawn response cannot be accepted, and no longer counts.
    client.force_login(sanne)
    accept(client, nb, response)
    assert reload(nb, response).state == ResponseState.WITHDRAWN
    client.force_login(els)
    assert respond(client, nb, vacancy, message="Toch wel!").status_code == 302
    assert reload(nb, response).state == ResponseState.NEW and response.message == "Toch wel!"
    with scope(neighbourhood=nb):
        assert Response.objects.count() == 1 and Conversation.objects.count() == 1


def test_withdrawing_after_acceptance_keeps_the_vacancy_filled_and_says_how_to_reopen(
    nb, sanne, els, vacancy, django_capture_on_commit_callbacks
):
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        response = actions.response_create(vacancy=vacancy, person=els, message=MESSAGE)
        actions.response_accept(actor=sanne, response=response)
        actions.response_withdraw(actor=els, response=response)
    assert reload(nb, vacancy).state == State.FILLED
    assert "Open de vacature weer" in mails_to(sanne)[-1].body
    assert reload(nb, response).follow_up_state("volunteer") == "none"


def test_notices_overtaken_in_one_transaction_are_not_sent(
    nb, sanne, els, vacancy, django_capture_on_commit_callbacks
):
    """Accepted and withdrawn in one go: no "accepted" e-mail about a withdrawn response."""
    with (
        scope(neighbourhood=nb),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        response = actions.response_create(vacancy=vacancy, person=els, message=MESSAGE)
        actions.response_accept(actor=sanne, response=response)
        actions.response_withdraw(actor=els, response=response)
    assert mails_to(els) == []
    assert [m.subject for m in mails_to(sanne)] == [
        "Els B. doet toch niet mee met “Hulp bij de computerinloop”"
    ]


def follow_up_links(message):
    return re.findall(r"https?://\S+/follow-up/\?answer=\w+", message.body)


def test_a_month_after_acceptance_both_sides_are_asked_once_and_the_match_is_counted(
    client, nb, sanne, els, vacancy, django_capture_on_commit_callbacks
):
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        response = actions.response_create(vacancy=vacancy, person=els, message=MESSAGE)
        actions.response_accept(actor=sanne, response=response)
    # The follow-up planned at the acceptance ran at once in the tests: not due, nothing sent.
    reload(nb, response)
    assert response.volunteer_asked_at is None and response.organisation_asked_at is None
    assert response.follow_up_state("volunteer") == "not_yet"
    client.force_login(els)
    assert client.get(url(nb, f"responses/{response.pk}/follow-up/")).status_code == 403
    mine = client.get(url(nb, "mine/")).content.decode()
    assert "vragen we je of het geleid heeft tot vrijwilligerswerk" in mine
    before = len(mail.outbox)

    with scopes_disabled():
        Response.objects.filter(pk=response.pk).update(
            accepted_at=timezone.now() - timedelta(days=30, minutes=1)
        )
    assert tasks.follow_up.call(response.pk) == 2
    assert tasks.follow_up.call(response.pk) == 0  # once per side
    asked = mail.outbox[before:]
    assert sorted(m.to[0] for m in asked) == sorted([els.email, sanne.email])
    to_els = next(m for m in asked if m.to == [els.email])
    to_sanne = next(m for m in asked if m.to == [sanne.email])
    assert to_els.subject == "Heeft “Hulp bij de computerinloop” geleid tot vrijwilligerswerk?"
    assert to_sanne.subject == "Is Els B. begonnen met “Hulp bij de computerinloop”?"
    link = f"/b/{nb.slug}/volunteer/responses/{response.pk}/follow-up/"
    assert [link in found for found in follow_up_links(to_els)] == [True, True, True]
    reload(nb, response)
    assert response.follow_up_state("volunteer") == "asked"

    vacancy_page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert "Beantwoord de navraag" in vacancy_page  # on the page too, not only by e-mail
    # The link shows the form with the answer chosen; only the button stores it.
    page = client.get(link, {"answer": "yes"}).content.decode()
    assert re.search(r'value="yes"[^>]*checked', page)
    assert reload(nb, response).volunteer_answer == ""
    assert client.post(link, {"answer": "yes", "note": "Elke dinsdag, leuk!"}).status_code == 302
    client.force_login(sanne)
    ours = client.get(url(nb, f"{vacancy.pk}/responses/")).content.decode()
    assert "Beantwoord de navraag" in ours
    client.post(link, {"answer": "yes"})
    reload(nb, response)
    assert (response.volunteer_answer, response.organisation_answer) == ("yes", "yes")
    assert response.volunteer_note == "Elke dinsdag, leuk!"
    assert response.organisation_answered_by == sanne and response.is_match
    figures = stats(nb)
    assert figures["volunteering_responses"] == 1 and figures["volunteering_accepted"] == 1
    assert figures["volunteering_matches"] == 1 and figures["volunteering_matches_both"] == 1
    # An answer can be changed; "no" from one side makes it no match.
    client.post(link, {"answer": "no"})
    figures = stats(nb)
    assert figures["volunteering_matches"] == 0 and figures["volunteering_disputed"] == 1
    assert audit_actions()[-2:] == [
        "volunteering.response.follow_up",
        "volunteering.response.follow_up",
    ]
    # The other side's e-mail link is not for someone else.
    client.force_login(member(nb))
    assert client.get(link).status_code == 404


def test_a_side_that_answered_on_the_page_gets_no_e_mail(nb, sanne, els, vacancy):
    accepted_at = timezone.now() - timedelta(days=31)
    response = ResponseFactory(
        vacancy=vacancy, person=els, state=ResponseState.ACCEPTED, accepted_at=accepted_at
    )
    with scope(neighbourhood=nb):
        actions.follow_up_answer(actor=els, response=response, side="volunteer", answer="partly")
    assert tasks.follow_up.call(response.pk) == 1
    assert [m.to for m in mail.outbox] == [[sanne.email]]


def test_the_follow_up_answer_is_checked(nb, sanne, els, bram, vacancy):
    response = ResponseFactory(
        vacancy=vacancy,
        person=els,
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=3),
    )
    with scope(neighbourhood=nb):
        with pytest.raises(Exception, match="een maand"):
            actions.follow_up_answer(actor=els, response=response, side="volunteer", answer="yes")
        Response.objects.filter(pk=response.pk).update(
            accepted_at=timezone.now() - timedelta(days=40)
        )
        response.refresh_from_db()
        with pytest.raises(Exception, match="iemand anders"):
            actions.follow_up_answer(actor=bram, response=response, side="volunteer", answer="yes")
        with pytest.raises(Exception, match="iemand anders"):
            actions.follow_up_answer(
                actor=els, response=response, side="organisation", answer="yes"
            )
        with pytest.raises(Exception, match="Kies ja"):
            actions.follow_up_answer(actor=els, response=response, side="volunteer", answer="x")


def test_the_follow_up_command_asks_what_is_due_everywhere(
    nb, other_nb, sanne, els, vacancy, capsys, django_capture_on_commit_callbacks
):
    old = timezone.now() - timedelta(days=35)
    due = ResponseFactory(
        vacancy=vacancy, person=els, state=ResponseState.ACCEPTED, accepted_at=old
    )
    ResponseFactory(  # accepted last week: not yet
        vacancy=vacancy,
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=7),
    )
    ResponseFactory(vacancy=vacancy, state=ResponseState.WITHDRAWN, accepted_at=old)
    elsewhere = VacancyFactory(neighbourhood=other_nb)
    ResponseFactory(vacancy=elsewhere, state=ResponseState.ACCEPTED, accepted_at=old)
    call_command("volunteering_follow_up", "--dry-run")
    assert "Would do: 2 follow-ups in 2 neighbourhood(s)." in capsys.readouterr().out
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteering_follow_up", "--neighbourhood", nb.slug)
    out = capsys.readouterr().out
    assert f"{nb.slug}: 1 follow-ups" in out and "Done: 1 follow-ups in 1" in out
    assert sorted(m.to[0] for m in mail.outbox) == sorted([els.email, sanne.email])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteering_follow_up", "--neighbourhood", nb.slug)
    assert "Done: 0 follow-ups" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    assert reload(nb, due).volunteer_asked_at is not None
    with pytest.raises(CommandError, match="No neighbourhood"):
        call_command("volunteering_follow_up", "--neighbourhood", "nergens")


def test_one_reminder_a_week_before_then_expired_and_renewed_in_one_click(
    client, nb, sanne, welfare, django_capture_on_commit_callbacks
):
    now = timezone.now()
    vacancy = VacancyFactory(
        neighbourhood=nb,
        organisation=welfare,
        posted_by=sanne,
        title="Chauffeur voor de boodschappenbus",
        expires_at=now + timedelta(days=6),
    )
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert actions.expire_and_remind(neighbourhood=nb) == {"expired": 0, "reminded": 1}
        assert actions.expire_and_remind(neighbourhood=nb) == {"expired": 0, "reminded": 0}
    assert len(mail.outbox) == 1
    reminder = mail.outbox[0]
    assert reminder.to == [sanne.email]
    assert "Chauffeur voor de boodschappenbus" in reminder.subject
    renew_path = f"/b/{nb.slug}/volunteer/{vacancy.pk}/renew/"
    assert renew_path in reminder.body
    with scope(neighbourhood=nb):
        assert actions.expire_and_remind(neighbourhood=nb, now=now + timedelta(days=7)) == {
            "expired": 1,
            "reminded": 0,
        }
    client.force_login(sanne)
    assert "Chauffeur voor de boodschappenbus" not in client.get(url(nb)).content.decode()
    page = client.get(renew_path).content.decode()
    assert "Verlengen met 60 dagen" in page
    assert reload(nb, vacancy).state == State.EXPIRED  # the link itself changes nothing
    client.post(renew_path)
    reload(nb, vacancy)
    assert vacancy.state == State.OPEN and vacancy.reminder_sent_at is None
    assert vacancy.expires_at > timezone.now() + timedelta(days=59)
    assert "Chauffeur voor de boodschappenbus" in client.get(url(nb)).content.decode()


def test_the_planned_check_looks_whether_it_is_due(nb, welfare):
    vacancy = VacancyFactory(neighbourhood=nb, organisation=welfare)
    assert tasks.check_vacancy.call(vacancy.pk) == ""  # not due: nothing happens
    with scopes_disabled():
        Vacancy.objects.filter(pk=vacancy.pk).update(expires_at=timezone.now() + timedelta(days=2))
    assert tasks.check_vacancy.call(vacancy.pk) == "reminded"
    assert tasks.check_vacancy.call(vacancy.pk) == ""
    with scopes_disabled():
        Vacancy.objects.filter(pk=vacancy.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    assert tasks.check_vacancy.call(vacancy.pk) == "expired"
    assert tasks.check_vacancy.call(vacancy.pk) == ""
    assert tasks.check_vacancy.call(999999) == ""


def test_the_expire_command_everywhere_and_dry_run(
    nb, other_nb, welfare, capsys, django_capture_on_commit_callbacks
):
    now = timezone.now()
    VacancyFactory(neighbourhood=nb, organisation=welfare, expires_at=now - timedelta(hours=1))
    VacancyFactory(neighbourhood=other_nb, expires_at=now + timedelta(days=3))
    VacancyFactory(neighbourhood=other_nb, expires_at=now + timedelta(days=30))
    call_command("volunteering_expire", "--dry-run")
    assert "Would do: 1 expired, 1 reminded in 2 neighbourhood(s)." in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteering_expire")
    assert "Done: 1 expired, 1 reminded" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("volunteering_expire")
    assert "Done: 0 expired, 0 reminded" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_mark_filled_close_and_reopen_by_hand(client, nb, sanne, jeroen, vacancy):
    client.force_login(sanne)
    page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert "Zet op vervuld" in page and "Sluiten" in page
    client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "filled"})
    assert reload(nb, vacancy).state == State.FILLED
    page = client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert "Deze vacature is vervuld." in page and "Weer openen voor 60 dagen" in page
    client.force_login(jeroen)  # a colleague closes it: logged, the contact did not
    client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "closed"})
    assert reload(nb, vacancy).state == State.CLOSED
    response = client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "closed"})
    assert response.status_code == 302
    assert "Deze vacature is al gesloten." in client.get(response["Location"]).content.decode()
    client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "nonsense"})
    assert reload(nb, vacancy).state == State.CLOSED
    client.post(url(nb, f"{vacancy.pk}/status/"), {"state": "open"})
    assert reload(nb, vacancy).state == State.OPEN
    assert audit_actions() == ["volunteering.vacancy.closed", "volunteering.vacancy.open"]


def test_a_buurtverbinder_removes_a_vacancy_with_an_audit_entry(
    client, nb, sanne, connector, vacancy
):
    client.force_login(sanne)  # the organisation closes; removing is for buurtverbinders
    assert client.get(url(nb, f"{vacancy.pk}/remove/")).status_code == 403
    client.force_login(connector)
    assert "Weghalen" in client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    assert (
        "Deze vacature weghalen?" in client.get(url(nb, f"{vacancy.pk}/remove/")).content.decode()
    )
    assert client.post(url(nb, f"{vacancy.pk}/remove/")).status_code == 302
    assert reload(nb, vacancy).state == State.REMOVED
    with scopes_disabled():
        entries = list(AuditEntry.objects.values_list("action", "actor_id"))
    assert entries == [("volunteering.vacancy.remove", connector.pk)]
    assert client.get(url(nb, f"{vacancy.pk}/")).status_code == 404
    client.force_login(sanne)
    assert client.get(url(nb, f"{vacancy.pk}/")).status_code == 404
    assert "Hulp bij de computerinloop" not in client.get(url(nb, "ours/")).content.decode()


def test_a_neighbour_reports_a_vacancy(client, nb, sanne, els, vacancy):
    from buurtplein.moderation.models import Report

    client.force_login(els)
    assert "Melden" in client.get(url(nb, f"{vacancy.pk}/")).content.decode()
    response = client.post(url(nb, f"{vacancy.pk}/report/"), {"reason": "spam", "note": "Reclame"})
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        report = Report.objects.get()
    assert report.target == vacancy and report.reporter == els
    assert client.post(url(nb, f"{vacancy.pk}/report/"), {}).status_code == 400
    client.force_login(sanne)  # not your own
    assert client.get(url(nb, f"{vacancy.pk}/report/")).status_code == 403


def test_our_vacancies_show_what_waits_for_an_answer(client, nb, sanne, jeroen, welfare, els):
    mine = post(nb, sanne, welfare, title="Taalmaatje")
    colleagues = post(nb, jeroen, welfare, title="Gastvrouw in het buurthuis")
    VacancyFactory(neighbourhood=nb, title="Van een andere organisatie")
    with scope(neighbourhood=nb):
        actions.response_create(vacancy=mine, person=els, message="Graag!")
    client.force_login(sanne)
    page = client.get(url(nb, "ours/")).content.decode()
    assert "Taalmaatje" in page and "Gastvrouw in het buurthuis" in page
    assert "Van een andere organisatie" not in page
    assert '<span class="badge">1</span>' in page
    assert "contact: Jeroen P." in page
    assert colleagues.contact == jeroen


def test_another_neighbourhood_never_finds_our_vacancies_or_responses(
    client, nb, other_nb, sanne, welfare, els, vacancy
):
    """Sterker Welzijn works in both neighbourhoods; its worker in the other one still
    cannot reach this neighbourhood's vacancy or responses through their own address."""
    accepted = ResponseFactory(
        vacancy=vacancy,
        person=els,
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=40),
    )
    welfare.neighbourhoods.add(other_nb)
    colleague = member(other_nb)
    welfare.staff.add(colleague)
    client.force_login(colleague)
    for path in (
        f"{vacancy.pk}/",
        f"{vacancy.pk}/edit/",
        f"{vacancy.pk}/responses/",
        f"{vacancy.pk}/renew/",
        f"responses/{accepted.pk}/decline/",
        f"responses/{accepted.pk}/follow-up/",
    ):
        assert client.get(url(other_nb, path)).status_code == 404, path
    assert client.post(url(other_nb, f"responses/{accepted.pk}/accept/")).status_code == 404
    assert (
        client.post(url(other_nb, f"{vacancy.pk}/status/"), {"state": "closed"}).status_code == 404
    )
    assert "Hulp bij de computerinloop" not in client.get(url(other_nb)).content.decode()
    assert "Hulp bij de computerinloop" not in client.get(url(other_nb, "ours/")).content.decode()
    assert reload(nb, vacancy).state == State.OPEN
