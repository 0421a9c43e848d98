"""Joining and leaving as people notice it: one tap for an open club; a note to the board for a
club "on request", the board's yes or no by e-mail (in each person's own language); leaving,
the last board member who must name a successor, the board removing someone and making
someone board; a request nobody answers (reminder after a week, lapsed after a month)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions, tasks
from buurtplein.clubs.models import ClubMember, JoinPolicy, Role, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db


def url(club, path=""):
    return f"/b/{club.neighbourhood.slug}/clubs/{club.slug}/{path}"


def row(club, user):
    with scopes_disabled():
        return ClubMember.objects.filter(club=club, user=user).first()


def test_an_open_club_is_joined_with_one_tap(client, nb, anna, bram):
    club = make_club(nb, anna)
    client.force_login(bram)
    page = client.get(url(club)).content.decode()
    assert "Word lid" in page and "Iedereen uit de buurt kan meteen lid worden." in page
    response = client.post(url(club, "join/"))
    assert response.status_code == 302 and response["Location"] == url(club, "members/")
    joined = row(club, bram)
    assert joined.status == Status.ACTIVE and joined.role == Role.MEMBER
    page = client.get(response["Location"]).content.decode()
    assert "Welkom bij Wandelclub Ooij!" in page and "Leden van Wandelclub Ooij" in page
    assert "Bram J." in page and "Anna D." in page
    assert "Je bent lid van deze club." in client.get(url(club)).content.decode()
    assert not mail.outbox  # an open club does not e-mail its board for every new member


def test_asking_to_join_the_board_says_yes_and_the_newcomer_hears_it_in_english(
    client, nb, anna, bram, django_capture_on_commit_callbacks
):
    bram.language = "en"
    bram.save(update_fields=["language"])
    club = make_club(nb, anna, name="Bridgeclub De Klinkert", join_policy=JoinPolicy.REQUEST)
    client.force_login(bram)
    page = client.get(url(club)).content.decode()
    assert "Ask to join" in page  # Bram reads Buurtplein in English
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(club, "join/"), {"note": "Ik speel al 20 jaar bridge."})
    assert response.status_code == 302
    assert row(club, bram).status == Status.PENDING
    # The board hears it, in Dutch (Anna's language), with the note and the link.
    [to_board] = mail.outbox
    assert to_board.to == [anna.email]
    assert to_board.subject == "Bram J. vraagt om lid te worden van Bridgeclub De Klinkert"
    assert "Ik speel al 20 jaar bridge." in to_board.body
    assert f"/b/ooij/clubs/{club.slug}/manage/#requests" in to_board.body
    # Waiting: no members' page yet, and the club page says so.
    assert "You asked to join on" in client.get(url(club)).content.decode()
    assert client.get(url(club, "members/")).status_code == 403

    client.force_login(anna)
    manage = client.get(url(club, "manage/")).content.decode()
    assert "Ik speel al 20 jaar bridge." in manage and "Ja, welkom Bram J." in manage
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(club, f"manage/{row(club, bram).pk}/answer/"), {"answer": "approve"}
        )
    assert response.status_code == 302
    assert row(club, bram).status == Status.ACTIVE
    welcome = mail.outbox[-1]
    assert welcome.to == [bram.email]
    assert welcome.subject == "Welcome to Bridgeclub De Klinkert!"
    assert "you are a member now" in welcome.body and f"/clubs/{club.slug}/members/" in welcome.body
    client.force_login(bram)
    assert client.get(url(club, "members/")).status_code == 200


def test_the_board_says_no_and_the_person_may_ask_again(
    client, nb, anna, bram, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    asked = add_member(club, bram, status=Status.PENDING)
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(club, f"manage/{asked.pk}/answer/"), {"answer": "decline"})
    assert row(club, bram) is None
    declined = mail.outbox[-1]
    assert declined.to == [bram.email]
    assert declined.subject == "Je aanvraag om lid te worden van Wandelclub Ooij"
    assert "kan je nu niet als lid aannemen" in declined.body
    # An answer that came too late (twice) changes nothing and says so.
    response = client.post(url(club, f"manage/{asked.pk}/answer/"), {"answer": "approve"})
    assert response.status_code == 404
    assert client.post(url(club, "manage/999/answer/"), {"answer": "maybe"}).status_code == 404
    response = client.post(url(club, f"manage/{row(club, anna).pk}/answer/"), {"answer": "maybe"})
    assert response.status_code == 400 and "Kies ja of nee." in response.content.decode()
    client.force_login(bram)
    client.post(url(club, "join/"), {"note": "Nog een keer?"})
    assert row(club, bram).status == Status.PENDING and row(club, bram).note == "Nog een keer?"


def test_asking_twice_or_as_a_member_is_refused_kindly(client, nb, anna, bram):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    add_member(club, bram, status=Status.PENDING)
    client.force_login(bram)
    response = client.post(url(club, "join/"), {"note": "Nog eens"})
    assert response.status_code == 302
    assert "Je bent al lid, of je hebt het al gevraagd." in client.get(url(club)).content.decode()
    with scope(neighbourhood=nb), pytest.raises(Exception, match="al gevraagd"):
        actions.member_join(club=club, user=bram)


def test_a_request_can_be_taken_back_and_a_member_leaves(client, nb, anna, bram, carla):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    add_member(club, bram, status=Status.PENDING)
    add_member(club, carla)
    client.force_login(bram)
    assert "Je aanvraag intrekken?" in client.get(url(club, "leave/")).content.decode()
    client.post(url(club, "leave/"))
    assert row(club, bram) is None
    client.force_login(carla)
    client.post(url(club, "leave/"))
    assert row(club, carla) is None
    assert "Je bent geen lid meer van Wandelclub Ooij." in client.get(url(club)).content.decode()
    with scopes_disabled():
        club.refresh_from_db()
    assert club.member_count == 1


def test_the_last_board_member_names_a_successor_before_leaving(client, nb, anna, bram):
    club = make_club(nb, anna)
    client.force_login(anna)
    # Alone in the club: nobody can take over.
    page = client.get(url(club, "leave/")).content.decode()
    assert "Niemand kan het van je overnemen." in page
    response = client.post(url(club, "leave/"))
    assert response.status_code == 400
    assert row(club, anna).is_board
    add_member(club, bram)
    page = client.get(url(club, "leave/")).content.decode()
    assert "Wie neemt het bestuur van je over?" in page and "Bram J." in page
    response = client.post(url(club, "leave/"), {"successor": ""})
    assert response.status_code == 400
    assert "Kies wie het van je overneemt voordat je weggaat." in response.content.decode()
    assert row(club, anna).is_board
    response = client.post(url(club, "leave/"), {"successor": str(row(club, bram).pk)})
    assert response.status_code == 302
    assert row(club, anna) is None and row(club, bram).is_board


def test_the_last_board_member_cannot_step_down(client, nb, anna, bram):
    club = make_club(nb, anna)
    add_member(club, bram)
    client.force_login(anna)
    client.post(url(club, f"manage/{row(club, anna).pk}/role/"), {"role": "member"})
    assert row(club, anna).is_board
    page = client.get(url(club, "manage/")).content.decode()
    assert "Je bent het enige bestuurslid. Maak eerst een ander lid bestuurslid" in page
    # With a second board member she can.
    client.post(url(club, f"manage/{row(club, bram).pk}/role/"), {"role": "board"})
    client.post(url(club, f"manage/{row(club, anna).pk}/role/"), {"role": "member"})
    assert row(club, bram).is_board and not row(club, anna).is_board
    # Anna is no longer board: the board's pages are closed to her now.
    assert client.get(url(club, "manage/")).status_code == 403
    with scopes_disabled():
        logged = list(AuditEntry.objects.order_by("pk").values_list("action", "actor_id", "data"))
    assert logged == [
        ("clubs.member.role", anna.pk, {"user": bram.pk, "role": "board"}),
        ("clubs.member.role", anna.pk, {"user": anna.pk, "role": "member"}),
    ]


def test_the_board_removes_a_member_who_hears_it(
    client, nb, anna, bram, carla, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna)
    add_member(club, bram)
    client.force_login(carla)  # not on the board
    assert client.post(url(club, f"manage/{row(club, bram).pk}/remove/")).status_code == 403
    client.force_login(anna)
    page = client.get(url(club, f"manage/{row(club, bram).pk}/remove/")).content.decode()
    assert "Bram J. uit de club halen?" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(club, f"manage/{row(club, bram).pk}/remove/"))
    assert row(club, bram) is None
    assert mail.outbox[-1].to == [bram.email]
    assert mail.outbox[-1].subject == "Je bent geen lid meer van Wandelclub Ooij"
    with scopes_disabled():
        entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_id, entry.data) == (
        "clubs.member.remove",
        anna.pk,
        {"user": bram.pk},
    )
    # Not yourself: you leave instead.
    response = client.post(url(club, f"manage/{row(club, anna).pk}/remove/"))
    assert response.status_code == 302 and row(club, anna) is not None


def test_a_member_chooses_what_the_other_members_see(client, nb, anna, bram, carla):
    club = make_club(nb, anna)
    add_member(club, bram)
    add_member(club, carla)
    client.force_login(bram)
    response = client.post(url(club, "members/me/"), {"show_email": "on", "phone": "06-12345678"})
    assert response.status_code == 302
    bad = client.post(url(club, "members/me/"), {"phone": "bel me maar"})
    assert bad.status_code == 400
    assert "Schrijf een telefoonnummer met alleen cijfers" in bad.content.decode()
    assert 'value="bel me maar"' in bad.content.decode()
    client.force_login(carla)
    page = client.get(url(club, "members/")).content.decode()
    assert "bram@example.nl" in page and "06-12345678" in page
    assert "anna@example.nl" not in page  # Anna did not choose to show hers
    assert "Bestuur" in page


# --- a request nobody answers -------------------------------------------------------------------


def test_an_unanswered_request_reminds_the_board_once_then_lapses(
    nb, anna, bram, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    asked = add_member(club, bram, status=Status.PENDING)
    mail.outbox.clear()
    now = timezone.now()
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert actions.requests_due(neighbourhood=nb, now=now) == {"reminded": 0, "lapsed": 0}
        later = now + timedelta(days=7, minutes=1)
        assert actions.requests_due(neighbourhood=nb, now=later) == {"reminded": 1, "lapsed": 0}
        assert actions.requests_due(neighbourhood=nb, now=later) == {"reminded": 0, "lapsed": 0}
    [reminder] = mail.outbox
    assert reminder.to == [anna.email]
    assert reminder.subject == "Bram J. wacht nog op een antwoord"
    assert "Zonder antwoord vervalt de aanvraag na 30 dagen." in reminder.body
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        month = now + timedelta(days=30, minutes=1)
        assert actions.requests_due(neighbourhood=nb, now=month) == {"reminded": 0, "lapsed": 1}
    assert row(club, bram) is None
    lapsed = mail.outbox[-1]
    assert lapsed.to == [bram.email] and lapsed.subject == "Nog geen antwoord van Wandelclub Ooij"
    assert tasks.check_request.call(asked.pk) == ""  # gone: nothing to do


def test_the_planned_check_only_acts_when_it_is_due(nb, anna, bram):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    # The immediate backend runs the planned checks at once: too early, they did nothing.
    asked = add_member(club, bram, status=Status.PENDING)
    assert row(club, bram).reminded_at is None
    assert tasks.check_request.call(asked.pk) == ""
    with scopes_disabled():
        ClubMember.objects.filter(pk=asked.pk).update(
            requested_at=timezone.now() - timedelta(days=8)
        )
    assert tasks.check_request.call(asked.pk) == "reminded"
    assert tasks.check_request.call(asked.pk) == ""
    # An answered request is left alone, however late the check runs.
    with scope(neighbourhood=nb):
        actions.request_answer(actor=anna, member=row(club, bram), approve=True)
    with scopes_disabled():
        ClubMember.objects.filter(pk=asked.pk).update(
            requested_at=timezone.now() - timedelta(days=40)
        )
    assert tasks.check_request.call(asked.pk) == ""
    assert row(club, bram).is_active


def test_the_management_command_is_the_safety_net(
    nb, other_nb, anna, bram, capsys, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    far = make_club(other_nb, name="Koor Liendert", join_policy=JoinPolicy.REQUEST)
    old = add_member(club, bram, status=Status.PENDING)
    newer = add_member(far, member(other_nb), status=Status.PENDING)
    with scopes_disabled():
        ClubMember.objects.filter(pk=old.pk).update(
            requested_at=timezone.now() - timedelta(days=31)
        )
        ClubMember.objects.filter(pk=newer.pk).update(
            requested_at=timezone.now() - timedelta(days=8)
        )
    mail.outbox.clear()
    call_command("clubs_requests", "--dry-run")
    assert "Would do: 1 reminded, 1 lapsed in 2 neighbourhood(s)." in capsys.readouterr().out
    assert not mail.outbox and row(club, bram) is not None
    call_command("clubs_requests", "--neighbourhood", "liendert", "--dry-run")
    assert "Would do: 1 reminded, 0 lapsed in 1 neighbourhood(s)." in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clubs_requests")
    assert "Done: 1 reminded, 1 lapsed" in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clubs_requests")
    assert "Done: 0 reminded, 0 lapsed" in capsys.readouterr().out
    assert len(mail.outbox) == 2  # the reminder to the far board, the lapse to Bram


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("clubs_requests", "--help")
    out = capsys.readouterr().out
    assert "remind the board" in out and "--dry-run" in out and "--neighbourhood SLUG" in out


def test_two_board_members_answering_at_once_act_only_once(nb, anna, bram, carla):
    from django.core.exceptions import ValidationError

    club = make_club(nb, anna, join_policy=JoinPolicy.REQUEST)
    add_member(club, bram, role=Role.BOARD)
    asked = add_member(club, carla, status=Status.PENDING)
    with scope(neighbourhood=nb):
        seen_by_bram = ClubMember.objects.get(pk=asked.pk)  # both have the page open
        actions.request_answer(actor=anna, member=asked, approve=False)
        with pytest.raises(ValidationError, match="al geantwoord"):
            actions.request_answer(actor=bram, member=seen_by_bram, approve=True)
    assert row(club, carla) is None
