"""Announcements to members: the board writes one, every active member (not the writer, not
someone who only asked to join) gets it by e-mail in their own language, once; members read
old ones on the page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions, tasks
from buurtplein.clubs.models import ClubAnnouncement, JoinPolicy, Status
from buurtplein.clubs.tests.factories import add_member, make_club
from buurtplein.core.tests.factories import member

pytestmark = pytest.mark.django_db


def url(club, path=""):
    return f"/b/{club.neighbourhood.slug}/clubs/{club.slug}/{path}"


def test_every_member_gets_the_announcement_in_their_own_language(
    client, nb, anna, bram, carla, django_capture_on_commit_callbacks
):
    club = make_club(nb, anna, name="Buurtkoor Oost", join_policy=JoinPolicy.REQUEST)
    bram.language = "en"
    bram.save(update_fields=["language"])
    add_member(club, bram)
    add_member(club, carla)
    waiting = member(nb, email="wacht@example.nl")
    add_member(club, waiting, status=Status.PENDING)
    mail.outbox.clear()
    client.force_login(anna)
    form = client.get(url(club, "announcements/new/")).content.decode()
    assert "naar de 2 leden van Buurtkoor Oost" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(club, "announcements/new/"),
            {
                "title": "Geen repetitie op 24 december",
                "text": "Fijne feestdagen! **Tot 7 januari.**",
            },
        )
    assert response.status_code == 302
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {bram.email, carla.email}  # not Anna (the writer), not the waiting
    dutch, english = by_person[carla.email], by_person[bram.email]
    assert dutch.subject == english.subject == "Buurtkoor Oost: Geen repetitie op 24 december"
    assert dutch.body.startswith("Hallo Carla,")
    assert "Anna D. schrijft aan de leden van Buurtkoor Oost:" in dutch.body
    assert "Fijne feestdagen! **Tot 7 januari.**" in dutch.body
    assert english.body.startswith("Hello Bram,")
    assert "Anna D. writes to the members of Buurtkoor Oost:" in english.body
    assert "Leave the club to get no more" in english.body
    link = re.search(r"http\S+/announcements/\d+/", dutch.body).group(0)
    with scopes_disabled():
        announcement = ClubAnnouncement.objects.get()
    assert announcement.sent_at is not None and announcement.recipient_count == 2
    # The link works for a member and shows the text as Markdown.
    client.force_login(carla)
    page = client.get(urlsplit(link).path).content.decode()
    assert "<strong>Tot 7 januari.</strong>" in page
    # Sending again (a second worker, a retry) sends nothing.
    assert tasks.send_announcement.call(announcement.pk) == 0
    assert len(mail.outbox) == 2


def test_members_read_old_announcements_page_by_page(client, nb, anna, bram, monkeypatch):
    from buurtplein.clubs import selectors

    monkeypatch.setattr(selectors, "ANNOUNCEMENTS_PAGE", 2)
    club = make_club(nb, anna)
    add_member(club, bram)
    with scope(neighbourhood=nb):
        for n in range(5):
            actions.announcement_create(author=anna, club=club, title=f"Bericht {n}", text="Tekst")
    client.force_login(bram)
    seen, path = [], url(club, "announcements/")
    while path:
        page = client.get(path).content.decode()
        seen += re.findall(r'id="cl-ann-\d+"><a href="[^"]+">([^<]+)</a>', page)
        more = re.search(r'id="cl-ann-more"><a class="[^"]+" href="([^"]+)"', page)
        path = more.group(1) if more else None
    assert seen == [f"Bericht {n}" for n in reversed(range(5))]


def test_only_the_board_writes_and_bad_input_keeps_what_was_typed(client, nb, anna, bram):
    club = make_club(nb, anna)
    add_member(club, bram)
    client.force_login(bram)
    assert (
        client.post(url(club, "announcements/new/"), {"title": "x", "text": "y"}).status_code == 403
    )
    client.force_login(anna)
    response = client.post(url(club, "announcements/new/"), {"title": "  ", "text": "Mijn tekst"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Schrijf een titel." in page and "Mijn tekst" in page
    with scopes_disabled():
        assert not ClubAnnouncement.objects.exists()


def test_an_announcement_of_another_club_is_not_found(client, nb, anna, bram):
    club = make_club(nb, anna)
    other = make_club(nb, bram, name="Bridgeclub")
    with scope(neighbourhood=nb):
        secret = actions.announcement_create(author=bram, club=other, title="Geheim", text="Ssst")
    client.force_login(anna)
    assert client.get(url(club, f"announcements/{secret.pk}/")).status_code == 404
