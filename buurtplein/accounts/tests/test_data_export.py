""" "Download je gegevens": a person asks on /me/, a background task makes a zip with every
part's JSON, their own photos and a README in their language, they get one e-mail with a link
that works for them alone and for 7 days."""

import io
import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.accounts import actions as account_actions
from buurtplein.accounts import data_export
from buurtplein.accounts.models import DataExport
from buurtplein.accounts.tasks import build_data_export
from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.buurthulp.tests.factories import HelpRequestFactory
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.models import Role
from buurtplein.core.photos import attach_photo
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.photos import upload
from buurtplein.exchange import actions as exchange_actions
from buurtplein.messaging.tests.factories import send, start_conversation
from buurtplein.moderation.models import Report
from buurtplein.square import actions as square_actions

pytestmark = pytest.mark.django_db

ANNA_WROTE = "Zullen we zaterdag samen de geveltuin aanleggen?"
BRAM_WROTE = "Prima, maar vertel het niet door: ik ben dan net terug uit het ziekenhuis."


# Session, user, membership middleware, the latest export (and on /me/: memberships, two-step
# log-in).
STATUS_PAGE_QUERIES = 4
ACCOUNT_PAGE_QUERIES = 6


@pytest.fixture
def nb():
    return NeighbourhoodFactory(slug="ooij", name="Ooij")


@pytest.fixture
def anna(nb):
    return member(nb, first_name="Anna", last_name="Smit", email="anna@example.nl")


@pytest.fixture
def bram(nb):
    return member(nb, first_name="Bram", last_name="Visser", email="bram@example.nl")


def seed_everything(nb, anna, bram):
    """Anna has something in every part: her profile photo, a post with a photo, a comment,
    a reaction, an item with a photo, an activity with a photo, a conversation with Bram, a
    help request, a club, a report."""
    account_actions.profile_update(
        user=anna,
        first_name="Anna",
        last_name="Smit",
        show_full_name=False,
        intro="Ik tuinier graag.",
        interests=[],
        skills=[],
        tags=["geveltuin"],
        languages=["nl"],
        street="Dorpsstraat",
        visibility={},
        photo=upload("anna.jpg"),
    )
    with scope(neighbourhood=nb):
        post = square_actions.post_create(
            author=anna,
            neighbourhood=nb,
            category="tip",
            title="Geveltuin",
            text="Tegel eruit, plant erin!",
            photos=[upload()],
        )
        bram_post = square_actions.post_create(
            author=bram, neighbourhood=nb, category="question", text="Wie heeft een ladder?"
        )
        square_actions.comment_create(author=anna, post=bram_post, text="Ik heb er een.")
        square_actions.reaction_set(user=anna, post=bram_post, kind="thumb")
        item = exchange_actions.item_create(
            owner=anna,
            neighbourhood=nb,
            direction="offer",
            kind="things",
            category="tools",
            deal="lend",
            title="Boormachine te leen",
            photos=[upload()],
            alt_text="Blauwe boormachine",
        )
    activity = ActivityFactory(neighbourhood=nb, organiser=anna, title="Tuindag")
    with scope(neighbourhood=nb):
        attach_photo(owner=activity, upload=upload())
    conversation = start_conversation(nb, anna, bram, text=ANNA_WROTE)
    send(conversation, bram, text=BRAM_WROTE)
    HelpRequestFactory(neighbourhood=nb, asker=anna, title="Wie helpt met mijn gordijnen?")
    make_club(nb, anna, name="Tuinclub Ooij")
    with scopes_disabled():
        Report.objects.create(
            neighbourhood=nb,
            reporter=anna,
            content_type=ContentType.objects.get_for_model(bram_post),
            object_id=bram_post.pk,
            reason="spam",
            note="Dit lijkt reclame.",
        )
    return {"post": post, "item": item, "activity": activity}


def ask_and_build(client, user, capture):
    client.force_login(user)
    with capture(execute=True):
        response = client.post(reverse("me:export"))
    assert response.status_code == 302
    return data_export.latest(user)


def link_in(mail) -> str:
    match = re.search(r"https?://[^/\s]+(/me/export/\d+/[\w-]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def zip_of(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_every_part_and_the_persons_photos_and_nothing_of_the_others_messages(
    client, nb, anna, bram, django_capture_on_commit_callbacks, mailoutbox
):
    things = seed_everything(nb, anna, bram)
    export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    assert export.state == DataExport.State.READY
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["anna@example.nl"]

    archive = zip_of(client.get(link_in(mailoutbox[0])))
    names = set(archive.namelist())
    expected = {part.filename for part in data_export.parts()}
    assert {"account.json", "square.json", "messaging.json", "moderation.json"} <= expected
    assert expected | {"README.txt"} <= names

    with scopes_disabled():
        photos = [
            things["post"].photos.get().large.name,
            things["item"].photos.get().large.name,
            things["activity"].photo.large.name,
        ]
    anna.profile.refresh_from_db()
    photos.append(anna.profile.photo.name)
    for name in photos:
        assert f"photos/{name}" in names
        assert archive.read(f"photos/{name}") == (Path(settings.MEDIA_ROOT) / name).read_bytes()

    def part(filename):
        return json.loads(archive.read(filename))

    account = part("account.json")
    assert account["account"]["email"] == "anna@example.nl"
    assert account["profile"]["street"] == "Dorpsstraat"
    assert account["profile"]["photo"] == f"photos/{anna.profile.photo.name}"
    assert account["memberships"][0]["neighbourhood"] == "Ooij"
    assert "files" not in account
    square = part("square.json")
    assert square["posts"][0]["text"] == "Tegel eruit, plant erin!"
    assert square["posts"][0]["photos"][0]["file"] == f"photos/{photos[0]}"
    assert square["comments"][0]["text"] == "Ik heb er een."
    assert square["reactions"][0]["reaction"] == "thumb"
    assert part("exchange.json")["offers_and_requests"][0]["title"] == "Boormachine te leen"
    assert part("moderation.json")["reports_you_made"][0]["explanation"] == "Dit lijkt reclame."
    assert part("clubs.json")["clubs_started"] == ["Tuinclub Ooij"]
    conversation = part("messaging.json")["conversations"][0]
    assert conversation["messages_you_wrote"][0]["text"] == ANNA_WROTE

    everything = b"".join(archive.read(name) for name in names)
    assert BRAM_WROTE.encode() not in everything
    assert b"bram@example.nl" not in everything


@pytest.mark.parametrize(
    ("language", "heading", "explains"),
    [
        ("nl", "Wat staat in elk bestand", "Je eigen foto's"),
        ("en", "What each file holds", "Your own photos"),
    ],
)
def test_the_readme_is_in_the_persons_language_and_names_each_file(
    client, nb, anna, bram, language, heading, explains, django_capture_on_commit_callbacks
):
    anna.language = language
    anna.save(update_fields=["language"])
    seed_everything(nb, anna, bram)
    export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    with zipfile.ZipFile(export.file.path) as archive:
        readme = archive.read("README.txt").decode()
    assert heading in readme
    assert explains in readme
    for part in data_export.parts():
        assert part.filename in readme


def test_the_link_works_for_its_owner_only(
    client, nb, anna, bram, django_capture_on_commit_callbacks, mailoutbox
):
    ask_and_build(client, anna, django_capture_on_commit_callbacks)
    link = link_in(mailoutbox[0])
    export = data_export.latest(anna)
    other_admin = member(NeighbourhoodFactory(), role=Role.ADMIN)
    superuser = member(nb, is_superuser=True, is_staff=True)

    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for someone in (bram, other_admin, superuser):
        client.force_login(someone)
        assert client.get(link).status_code == 404
    client.force_login(anna)
    wrong_token = reverse("me:export_download", kwargs={"pk": export.pk, "token": "x" * 43})
    assert client.get(wrong_token).status_code == 404
    zip_of(client.get(link))


def test_the_link_expires_after_seven_days_and_the_file_is_deleted(
    client, nb, anna, django_capture_on_commit_callbacks, mailoutbox
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
        path = Path(export.file.path)
        assert path.is_file()
        assert str(path).startswith(str(settings.BUURTPLEIN_PRIVATE_ROOT))
        assert not str(path).startswith(str(settings.MEDIA_ROOT))
        link = link_in(mailoutbox[0])

        traveller.move_to(start + timedelta(days=7) - timedelta(minutes=1))
        zip_of(client.get(link))
        assert data_export.remove_expired()["expired"] == 0
        assert path.is_file()

        traveller.move_to(start + timedelta(days=7, minutes=1))
        assert data_export.remove_expired() == {"expired": 1, "failed": 0, "forgotten": 0}
        assert not path.is_file()
        response = client.get(link)
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
        assert f'action="{reverse("me:export")}"' in response.content.decode()

        # Making a new one from there gives a new file and a new e-mail.
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("me:export"))
        assert data_export.latest(anna).is_ready
        assert len(mailoutbox) == 2


def test_an_expired_link_deletes_the_file_even_before_the_clean_up_ran(
    client, nb, anna, django_capture_on_commit_callbacks, mailoutbox
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
        path = Path(export.file.path)
        traveller.move_to(start + timedelta(days=8))
        assert client.get(link_in(mailoutbox[0])).status_code == 410
        assert not path.is_file()
        export.refresh_from_db()
        assert export.state == DataExport.State.EXPIRED


def test_progress_is_shown_while_the_zip_is_made_and_polled_with_htmx(client, anna):
    export = DataExport.objects.create(user=anna, state=DataExport.State.BUILDING, step=3, steps=12)
    client.force_login(anna)
    for url in (reverse("me:account"), reverse("me:export")):
        page = client.get(url).content.decode()
        assert "deel 3 van 12" in page
        assert 'data-hx-trigger="every 2s"' in page
        assert f'data-hx-get="{reverse("me:export")}"' in page
    partial = client.get(reverse("me:export"), headers={"HX-Request": "true"}).content.decode()
    assert partial.startswith('<div id="data-export"')
    assert "deel 3 van 12" in partial

    DataExport.objects.filter(pk=export.pk).update(
        state=DataExport.State.READY, step=12, expires_at=timezone.now() + timedelta(days=7)
    )
    partial = client.get(reverse("me:export"), headers={"HX-Request": "true"}).content.decode()
    assert "every 2s" not in partial
    assert reverse("me:export_download", kwargs={"pk": export.pk, "token": export.token}) in (
        partial
    )


def test_a_second_request_while_one_is_being_made_shows_its_progress(
    client, anna, django_capture_on_commit_callbacks
):
    client.force_login(anna)
    running = DataExport.objects.create(user=anna, state=DataExport.State.BUILDING, steps=9)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("me:export"), follow=True)
    assert callbacks == []
    assert DataExport.objects.filter(user=anna).count() == 1
    assert "deel 0 van 9" in response.content.decode()
    running.refresh_from_db()
    assert running.state == DataExport.State.BUILDING


def test_the_email_is_sent_once_when_the_task_runs_twice(
    client, anna, django_capture_on_commit_callbacks, mailoutbox
):
    export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    build_data_export.enqueue(export.pk)
    assert len(mailoutbox) == 1
    assert data_export.latest(anna).file.name == export.file.name


def test_the_email_is_in_the_persons_language(
    client, anna, django_capture_on_commit_callbacks, mailoutbox
):
    anna.language = "nl"
    anna.save(update_fields=["language"])
    ask_and_build(client, anna, django_capture_on_commit_callbacks)
    assert "Je gegevens" in mailoutbox[0].subject
    assert "/me/export/" in mailoutbox[0].body


def test_a_new_export_replaces_the_previous_file(client, anna, django_capture_on_commit_callbacks):
    first = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    old = Path(first.file.path)
    second = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    assert second.pk != first.pk and second.is_ready
    assert not old.is_file()
    first.refresh_from_db()
    assert first.state == DataExport.State.EXPIRED


def test_a_part_that_fails_marks_the_export_failed_and_leaves_no_file(
    client, anna, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(user):
        raise RuntimeError("part broke")

    part = data_export.parts()[1]
    monkeypatch.setattr(
        data_export,
        "parts",
        lambda: [data_export.Part(part.label, part.name, part.description, broken)],
    )
    export = DataExport.objects.create(user=anna)
    with pytest.raises(RuntimeError):
        data_export.build(export.pk)
    export.refresh_from_db()
    assert export.state == DataExport.State.FAILED
    assert not any((Path(settings.BUURTPLEIN_PRIVATE_ROOT) / "exports").glob("*.zip"))
    client.force_login(anna)
    assert "niet gelukt" in client.get(reverse("me:export")).content.decode()


def test_stale_and_old_exports_are_cleaned_up(anna):
    now = timezone.now()
    stuck = DataExport.objects.create(
        user=anna, state=DataExport.State.BUILDING, created_at=now - timedelta(days=2)
    )
    gone = DataExport.objects.create(
        user=anna, state=DataExport.State.EXPIRED, created_at=now - timedelta(days=60)
    )
    assert data_export.remove_expired(now) == {"expired": 0, "failed": 1, "forgotten": 1}
    stuck.refresh_from_db()
    assert stuck.state == DataExport.State.FAILED
    assert not DataExport.objects.filter(pk=gone.pk).exists()


def test_deleting_the_account_deletes_the_export_file(
    client, anna, django_capture_on_commit_callbacks
):
    export = ask_and_build(client, anna, django_capture_on_commit_callbacks)
    path = Path(export.file.path)
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        anna.delete()
    assert not path.is_file()


# Every link from a table to a person, and the part of the export that holds it. A new model
# that stores something about a person fails here until its component's ``export`` (or the
# account's) covers it and it is listed.
COVERED = {
    "core.Membership.user": "members",
    "core.AuditEntry.actor": "members",
    "accounts.User_groups.user": "members (Django groups: unused)",
    "accounts.User_user_permissions.user": "members (Django permissions: unused)",
    "accounts.Profile.user": "members",
    "accounts.Organisation.staff": "members",
    "accounts.Organisation_staff.user": "members",
    "accounts.InviteCode.created_by": "members",
    "accounts.VerificationLog.actor": "members (the actor is the buurtverbinder, not the person)",
    "accounts.DataExport.user": "the export itself",
    "square.Post.author": "square",
    "square.Comment.author": "square",
    "square.Reaction.user": "square",
    "square.SavedPost.user": "square",
    "messaging.Participant.user": "messaging",
    "messaging.Message.author": "messaging",
    "messaging.Block.blocker": "messaging",
    "messaging.Block.blocked": "not exported: who blocked the person is the other's data",
    "exchange.Item.owner": "exchange",
    "exchange.Item.done_with": "exchange",
    "exchange.Thanks.author": "exchange",
    "exchange.Pledge.person": "exchange",
    "exchange.OrgPledge.offered_by": "exchange",
    "exchange.OrgPledge.answered_by": "exchange",
    "buurthulp.HelperProfile.user": "buurthulp",
    "buurthulp.HelpRequest.asker": "buurthulp",
    "buurthulp.HelpRequest.created_by": "buurthulp",
    "buurthulp.HelpRequest.picked_up_by": "buurthulp",
    "buurthulp.HelpRequest.helper": "buurthulp (asked_to_help: the chosen match)",
    "buurthulp.HelpMatch.helper": "buurthulp",
    "buurthulp.HelpMatch.suggested_by": "buurthulp",
    "buurthulp.HelpFollowUp.person": "buurthulp",
    "agenda.Activity.organiser": "agenda",
    "agenda.Rsvp.person": "agenda",
    "agenda.FeedToken.user": "agenda",
    "clubs.Club.created_by": "clubs",
    "clubs.ClubMember.user": "clubs",
    "clubs.ClubAnnouncement.author": "clubs",
    "infopages.InfoPage.owner": "infopages",
    "infopages.InfoPage.created_by": "infopages",
    "infopages.InfoPage.updated_by": "infopages",
    "infopages.InfoPage.checked_by": "infopages",
    "infopages.InfoPage.deleted_by": "infopages",
    "infopages.InfoPageVersion.author": "infopages",
    "volunteering.Vacancy.posted_by": "volunteering",
    "volunteering.Vacancy.contact": "volunteering",
    "volunteering.Response.person": "volunteering",
    "volunteering.Response.answered_by": "volunteering",
    "volunteering.Response.organisation_answered_by": "volunteering",
    "socialmap.Service.created_by": "socialmap",
    "socialmap.ServicePerson.user": "socialmap",
    "socialmap.Service.people": "socialmap (services_you_give)",
    "socialmap.ServiceFeedback.author": "socialmap",
    "socialmap.ServiceFeedback.handled_by": "not exported: an organisation's work",
    "socialmap.Professional.user": "socialmap",
    "socialmap.HsdsImport.created_by": "not exported: a buurtverbinder's work (the audit log)",
    "referrals.Referral.referrer": "referrals",
    "referrals.Referral.person": "referrals",
    "referrals.Coordinator.user": "referrals",
    "referrals.ReferralLink.created_by": "not exported: an organisation's work (the audit log)",
    "onlinehulp.Shift.worker": "onlinehulp",
    "onlinehulp.Chat.worker": "onlinehulp (how many chats they took)",
    "onlinehulp.Question.assigned_to": "onlinehulp (how many questions they handled)",
    "onlinehulp.DeskOrganisation.coordinators": "onlinehulp",
    "onlinehulp.DeskOrganisation_coordinators.user": "onlinehulp",
    "onlinehulp.Chat.coach": "not exported: a worker's work in an asker's conversation",
    "onlinehulp.ChatMessage.worker": "not exported: the asker's conversation (deleted in time)",
    "onlinehulp.QuestionMessage.worker": "not exported: the asker's conversation",
    "onlinehulp.QuestionNote.author": "not exported: the desk's notes on an asker's question",
    "onlinehulp.Handover.from_worker": "not exported: a worker's work (the audit log)",
    "onlinehulp.Handover.to_worker": "not exported: a worker's work (the audit log)",
    "onlinehulp.ConsolePresence.worker": "not exported: an open console (gone when it closes)",
    "moderation.Report.reporter": "moderation",
    "moderation.Report.author": "not exported: who reported the person is the reporter's data",
    "moderation.Decision.author": "moderation",
    "moderation.Decision.decided_by": "not exported: a buurtverbinder's work (the audit log)",
    "moderation.Decision.appeal_decided_by": "not exported: a buurtverbinder's work",
    "moderation.HouseRules.updated_by": "not exported: a buurtverbinder's work",
    "moderation.AlertState.user": "not exported: only when the last alert was sent",
}


def test_every_link_to_a_person_is_covered_by_the_export():
    from django.contrib.auth import get_user_model

    from buurtplein.core.distribution import label, project_models

    user_model = get_user_model()
    links = {
        f"{label(model)}.{field.name}"
        for model in project_models()
        for field in model._meta.local_fields + list(model._meta.local_many_to_many)
        if getattr(field, "related_model", None) is user_model
    }
    assert links == set(COVERED)
    labels = {part.label for part in data_export.parts()}
    named = {where.split()[0] for where in COVERED.values()} - {"the", "not"}
    assert named <= labels


def test_a_second_delivery_of_the_task_waits_and_one_whose_worker_died_is_taken_over(
    anna, mailoutbox
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        export = DataExport.objects.create(user=anna, steps=3)
        DataExport.objects.filter(pk=export.pk).update(
            state=DataExport.State.BUILDING, started_at=start
        )
        # Another worker is on it: a second run of the task makes nothing and sends nothing.
        build_data_export.enqueue(export.pk)
        export.refresh_from_db()
        assert export.state == DataExport.State.BUILDING and not export.file
        assert mailoutbox == []
        # That worker died, leaving half a file; an hour later the task is run again.
        partial = Path(settings.BUURTPLEIN_PRIVATE_ROOT) / data_export.file_name(export)
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(b"PK half")
        traveller.move_to(start + data_export.STALE + timedelta(minutes=1))
        build_data_export.enqueue(export.pk)
    export.refresh_from_db()
    assert export.is_ready and export.file.name == data_export.file_name(export)
    assert zipfile.ZipFile(partial).namelist()  # written over: a whole zip now
    assert len(mailoutbox) == 1
    assert list(partial.parent.iterdir()) == [partial]


@pytest.mark.parametrize("earlier", [1, 10])
def test_the_status_pages_read_the_same_few_rows_however_many_exports_were_made(
    client, anna, earlier, django_assert_num_queries
):
    """/me/ and /me/export/ show only the latest export: the count of queries does not grow
    with the exports made before (expired ones stay 37 days)."""
    with scopes_disabled():
        for _ in range(earlier):
            DataExport.objects.create(user=anna, state=DataExport.State.EXPIRED)
    client.force_login(anna)
    client.get("/me/export/")
    with django_assert_num_queries(STATUS_PAGE_QUERIES):
        assert client.get("/me/export/").status_code == 200
    with django_assert_num_queries(ACCOUNT_PAGE_QUERIES):
        assert client.get("/me/").status_code == 200
