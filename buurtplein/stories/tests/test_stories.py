"""Telling a story, the consent register, withdrawing and expiry, as the people involved see
them: a story is shown for a use only while everyone in it consents to that use today, and
leaves every page and every later report at once when one of them withdraws."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.core.models import AuditEntry
from buurtplein.core.tests.factories import jpeg_bytes, member
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.core.urls import nb_reverse
from buurtplein.stories.models import Consent, ConsentHow, State, Story, StoryPhoto, digest
from buurtplein.stories.selectors import report_stories
from buurtplein.stories.tests.factories import ConsentFactory, StoryFactory

pytestmark = pytest.mark.django_db


def url(nb, name, **kwargs):
    return nb_reverse(f"stories:{name}", nb, kwargs=kwargs)


def tell(client, nb, **fields):
    data = {
        "title": "Soep op het plein",
        "text": "Dertig buren kookten samen soep. Iedereen ging met een pan naar huis.",
        "happened_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
        **fields,
    }
    return client.post(url(nb, "new"), data)


def only_story():
    with scopes_disabled():
        return Story.objects.get()


def in_report(nb, story, *, organisation_id=None):
    start = story.happened_on.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return story.pk in [s.pk for s in report_stories([nb.pk], organisation_id, start, end)]


def published(client, nb) -> str:
    return client.get(url(nb, "list")).content.decode()


def test_a_residents_story_waits_for_a_professional_before_it_is_published(
    client, nb, resident, professional
):
    client.force_login(resident)
    photo = SimpleUploadedFile("soep.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert tell(client, nb, photos=[photo], alt_text="Buren met pannen soep").status_code == 302
    story = only_story()
    assert story.state == State.REVIEW and story.author == resident
    with scopes_disabled():
        assert StoryPhoto.objects.filter(story=story).count() == 1
    neighbour = member(nb)
    client.force_login(neighbour)
    assert "Soep op het plein" not in published(client, nb)
    assert client.get(url(nb, "story", pk=story.pk)).status_code == 404
    assert not in_report(nb, story)

    client.force_login(professional)
    assert "1 te beoordelen" in client.get(url(nb, "list") + "?show=mine").content.decode()
    assert client.post(url(nb, "review", pk=story.pk)).status_code == 302
    client.force_login(neighbour)
    assert "Soep op het plein" in published(client, nb)
    assert in_report(nb, story)
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="stories.story.approve").count() == 1


def test_a_professionals_story_is_published_at_once_and_an_edit_by_its_author_stays(
    client, nb, professional
):
    client.force_login(professional)
    tell(client, nb)
    story = only_story()
    assert story.state == State.APPROVED
    client.post(
        url(nb, "edit", pk=story.pk),
        {"title": "Soep!", "text": "Nog meer soep.", "happened_on": story.happened_on},
    )
    story.refresh_from_db()
    assert story.title == "Soep!" and story.state == State.APPROVED


def test_a_story_about_tomorrow_is_refused_with_everything_typed(client, nb, resident):
    client.force_login(resident)
    response = tell(
        client, nb, happened_on=(timezone.localdate() + dt.timedelta(days=1)).isoformat()
    )
    assert response.status_code == 400
    assert "Soep op het plein" in response.content.decode()
    with scopes_disabled():
        assert not Story.objects.exists()


def add_member(client, nb, story, person, **fields):
    data = {
        "member": person.pk,
        "by_name": "on",
        "quote": "Zo leer je je buren kennen!",
        "uses": ["report", "website"],
        "until": (timezone.localdate() + dt.timedelta(days=200)).isoformat(),
        **fields,
    }
    return client.post(url(nb, "person_add", pk=story.pk), data)


def test_a_member_in_a_story_agrees_with_one_click_and_withdraws_with_one_click(
    client, nb, professional, resident, django_capture_on_commit_callbacks
):
    story = StoryFactory(neighbourhood=nb, author=professional, title="Het buurtfeest")
    client.force_login(professional)
    with django_capture_on_commit_callbacks(execute=True):
        assert add_member(client, nb, story, resident).status_code == 302
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert url(nb, "mine") in mail.outbox[0].body
    neighbour = member(nb)
    client.force_login(neighbour)
    assert "Het buurtfeest" not in published(client, nb)  # not yet agreed
    assert not in_report(nb, story)

    client.force_login(resident)
    page = client.get(url(nb, "mine")).content.decode()
    assert "Het buurtfeest" in page and "Zo leer je je buren kennen!" in page
    with scopes_disabled():
        consent = Consent.objects.get(person=resident)
    client.post(url(nb, "consent_confirm", pk=consent.pk))
    client.force_login(neighbour)
    assert "Het buurtfeest" in published(client, nb)
    assert (
        "Zo leer je je buren kennen!" in client.get(url(nb, "story", pk=story.pk)).content.decode()
    )
    assert in_report(nb, story)

    client.force_login(resident)
    client.post(url(nb, "consent_withdraw", pk=consent.pk))
    client.force_login(neighbour)
    assert "Het buurtfeest" not in published(client, nb)
    assert client.get(url(nb, "story", pk=story.pk)).status_code == 404
    assert not in_report(nb, story)
    # Its author still finds it, marked as not shown, with the register saying why.
    client.force_login(professional)
    page = client.get(url(nb, "story", pk=story.pk)).content.decode()
    assert "consent-row" in page and 'name="back"' not in page  # nothing left to withdraw


def test_consent_only_for_reports_keeps_a_story_off_the_pages_but_in_the_report(
    client, nb, professional
):
    story = StoryFactory(neighbourhood=nb, author=professional, title="Rollatorles")
    ConsentFactory(story=story, for_website=False, for_report=True)
    client.force_login(member(nb))
    assert "Rollatorles" not in published(client, nb)
    assert in_report(nb, story)


def test_consent_on_paper_gives_a_secret_link_that_withdraws_without_an_account(
    client, nb, professional
):
    story = StoryFactory(neighbourhood=nb, author=professional, title="Moestuin")
    client.force_login(professional)
    response = client.post(
        url(nb, "person_add", pk=story.pk),
        {
            "name": "Meneer Öztürk",
            "in_photo": "on",
            "uses": ["report"],
            "until": (timezone.localdate() + dt.timedelta(days=300)).isoformat(),
            "paper": "on",
        },
    )
    assert response.status_code == 302
    page = client.get(url(nb, "story", pk=story.pk)).content.decode()
    link = page.split('<code class="secret-link">')[1].split("</code>")[0]
    secret = link.rstrip("/").rsplit("/", 1)[1]
    with scopes_disabled():
        consent = Consent.objects.get()
    assert consent.how == ConsentHow.PAPER and consent.registered_by == professional
    assert consent.token_digest == digest(secret) and secret not in consent.token_digest
    # Shown once only.
    assert "secret-link" not in client.get(url(nb, "story", pk=story.pk)).content.decode()
    assert in_report(nb, story)

    client.logout()
    withdraw = url(nb, "withdraw_link", token=secret)
    assert "Moestuin" in client.get(withdraw).content.decode()
    assert client.post(withdraw).status_code == 200
    assert not in_report(nb, story)
    assert client.get(url(nb, "withdraw_link", token="verkeerd")).status_code == 404


def test_a_resident_cannot_register_consent_on_paper(client, nb, resident):
    story = StoryFactory(neighbourhood=nb, author=resident, state=State.REVIEW)
    client.force_login(resident)
    response = client.post(
        url(nb, "person_add", pk=story.pk),
        {
            "name": "Buurvrouw",
            "uses": ["report"],
            "until": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "paper": "on",
        },
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not Consent.objects.exists()


def test_the_professional_withdraws_for_the_person_and_it_is_audited(client, nb, professional):
    story = StoryFactory(neighbourhood=nb, author=professional)
    consent = ConsentFactory(story=story)
    client.force_login(professional)
    client.post(url(nb, "consent_withdraw", pk=consent.pk), {"back": "story"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == professional
    assert not in_report(nb, story)
    with scopes_disabled():
        assert AuditEntry.objects.filter(action="stories.consent.withdraw").count() == 1


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_consent_runs_out_with_one_reminder_a_month_before(
    moment, nb, professional, django_capture_on_commit_callbacks
):
    with time_machine.travel(moment, tick=False) as traveller:
        today = timezone.localdate()
        story = StoryFactory(neighbourhood=nb, author=professional, happened_on=today)
        until = today + dt.timedelta(days=45)
        ConsentFactory(story=story, until=until)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("stories_consents")
        assert mail.outbox == []

        traveller.move_to(moment + dt.timedelta(days=20))
        with django_capture_on_commit_callbacks(execute=True):
            call_command("stories_consents")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("stories_consents")
        assert [m.to for m in mail.outbox] == [[professional.email]]
        assert story.title in mail.outbox[0].body

        assert in_report(nb, story)
        traveller.move_to(moment + dt.timedelta(days=45))
        assert in_report(nb, story)  # the last day
        traveller.move_to(moment + dt.timedelta(days=46))
        assert not in_report(nb, story)


def test_an_organisations_report_has_only_its_own_stories(nb, welfare, worker):
    other = type(welfare).objects.create(name="Buurthuis", slug="buurthuis", kind="club")
    other.neighbourhoods.add(nb)
    ours = StoryFactory(neighbourhood=nb, organisation=welfare, author=worker)
    theirs = StoryFactory(neighbourhood=nb, organisation=other)
    assert in_report(nb, ours, organisation_id=welfare.pk)
    assert not in_report(nb, theirs, organisation_id=welfare.pk)
    assert in_report(nb, theirs)


def test_a_story_of_a_period_is_in_every_month_it_covers(nb):
    story = StoryFactory(
        neighbourhood=nb, happened_on=dt.date(2026, 3, 20), happened_until=dt.date(2026, 5, 2)
    )
    months = [dt.date(2026, m, 1) for m in range(2, 7)]
    inside = [
        bool(report_stories([nb.pk], None, start, (start + dt.timedelta(days=32)).replace(day=1)))
        for start in months
    ]
    assert inside == [False, True, True, True, False]
    assert story
