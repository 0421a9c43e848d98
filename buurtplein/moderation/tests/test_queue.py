"""The moderation queue as buurtverbinders, authors and reporters meet it: a report reaches
the queue, a decision hides or keeps the thing, the author is told and may object once, the
reporter hears the outcome, a suspension stops posting everywhere until its date."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_scopes import scope

from buurtplein.core.models import AuditEntry, Membership
from buurtplein.core.tests.factories import member
from buurtplein.moderation import actions
from buurtplein.moderation.models import Decision, Hidden, HouseRules, Report
from buurtplein.square.tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def url(nb, rest=""):
    return f"/b/{nb.slug}/{rest}"


def report(client, user, nb, post, reason="rude", note="Dit is kwetsend."):
    client.force_login(user)
    return client.post(url(nb, f"posts/{post.pk}/report/"), {"reason": reason, "note": note})


def entry_url(nb, post):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(post)
    return url(nb, f"reports/{kind.pk}/{post.pk}/")


def test_a_report_reaches_the_queue_with_reason_and_how_often_the_author_was_reported(
    client, nb, post, author, reporter, connector, django_capture_on_commit_callbacks
):
    other = PostFactory(neighbourhood=nb, author=author, text="Koop mijn spullen!")
    with django_capture_on_commit_callbacks(execute=True):
        report(client, reporter, nb, post)
        report(client, reporter, nb, other, reason="spam", note="")
    client.force_login(connector)
    page = client.get(url(nb, "reports/")).content.decode()
    assert "Die nieuwe buren zijn echt tuig." in page
    assert "Dit is kwetsend." in page
    assert "Bram S.: 2 keer gemeld" in page
    # In the navigation, with the number waiting.
    assert '<span class="badge nav-count">2</span>' in page
    # The buurtverbinder heard of it by e-mail once, not once per report.
    alerts = [m for m in mail.outbox if m.to == [connector.email]]
    assert len(alerts) == 1


def test_residents_do_not_see_the_queue(client, nb, reporter):
    client.force_login(reporter)
    assert client.get(url(nb, "reports/")).status_code == 403
    assert "reports/" not in client.get(url(nb)).content.decode().split("<main")[0]


def test_hiding_tells_the_author_why_and_the_reporter_the_outcome(
    client, nb, post, author, reporter, reader, connector, django_capture_on_commit_callbacks
):
    report(client, reporter, nb, post)
    mail.outbox.clear()
    client.force_login(connector)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            entry_url(nb, post), {"action": "hide", "message": "Schelden mag niet (regel 1)."}
        )
    assert response.status_code == 302
    # Gone for other neighbours: from the feed and its own page.
    client.force_login(reader)
    assert "echt tuig" not in client.get(url(nb, "posts/")).content.decode()
    assert client.get(url(nb, f"posts/{post.pk}/")).status_code == 404
    # The author still sees it, with the reason.
    client.force_login(author)
    page = client.get(url(nb, f"posts/{post.pk}/")).content.decode()
    assert "Verborgen door de buurtverbinder: Schelden mag niet (regel 1)." in page
    # Told by e-mail, with the way to object; the reporter hears the outcome in one sentence.
    [to_author] = [m for m in mail.outbox if m.to == [author.email]]
    assert "Schelden mag niet" in to_author.body
    [to_reporter] = [m for m in mail.outbox if m.to == [reporter.email]]
    assert "heeft het verborgen" in to_reporter.body
    with scope(neighbourhood=nb):
        assert AuditEntry.objects.filter(action="moderation.hide", actor=connector).exists()
        assert Report.objects.get().status == Report.Status.HANDLED
    # The queue is empty again.
    client.force_login(connector)
    assert "Geen open meldingen" in client.get(url(nb, "reports/")).content.decode()


def test_a_hidden_comment_disappears_for_others(client, nb, author, reporter, reader, connector):
    post = PostFactory(neighbourhood=nb, author=reader)
    comment = CommentFactory(post=post, author=author, text="Jij bent dom.")
    with scope(neighbourhood=nb):
        actions.report_create(reporter=reporter, target=comment, reason="rude")
        actions.decide(actor=connector, target=comment, action="hide", message="Niet schelden.")
    client.force_login(reader)
    assert "Jij bent dom." not in client.get(url(nb, f"posts/{post.pk}/")).content.decode()
    client.force_login(author)
    assert "Jij bent dom." in client.get(url(nb, f"posts/{post.pk}/")).content.decode()


def test_keep_closes_the_reports_and_a_hide_needs_a_message(client, nb, post, reporter, connector):
    report(client, reporter, nb, post)
    client.force_login(connector)
    refused = client.post(entry_url(nb, post), {"action": "hide", "message": ""})
    assert refused.status_code == 400
    assert client.post(entry_url(nb, post), {"action": "keep"}).status_code == 302
    with scope(neighbourhood=nb):
        assert Report.objects.get().status == Report.Status.DISMISSED
        assert not Hidden.objects.exists()


def test_nobody_decides_about_their_own_post(client, nb, connector, reporter):
    own = PostFactory(neighbourhood=nb, author=connector)
    report(client, reporter, nb, own)
    client.force_login(connector)
    assert client.post(entry_url(nb, own), {"action": "keep"}).status_code == 403


def test_a_suspended_member_cannot_post_anywhere_until_the_date(
    client, nb, post, author, reporter, connector
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        report(client, reporter, nb, post)
        client.force_login(connector)
        client.post(
            entry_url(nb, post),
            {"action": "suspend", "message": "Je scheldt steeds.", "days": "7"},
        )
        client.force_login(author)
        refused = client.get(url(nb, "posts/new/"))
        assert refused.status_code == 403
        assert "Je scheldt steeds." in refused.content.decode()
        assert client.get(url(nb, "exchange/new/")).status_code == 403
        # Reading still works.
        assert client.get(url(nb, "posts/")).status_code == 200
        traveller.move_to(start + timedelta(days=7, minutes=1))
        assert client.get(url(nb, "posts/new/")).status_code == 200


def test_the_author_objects_once_and_another_buurtverbinder_decides(
    client,
    nb,
    post,
    author,
    reporter,
    reader,
    connector,
    admin,
    django_capture_on_commit_callbacks,
):
    with scope(neighbourhood=nb):
        actions.report_create(reporter=reporter, target=post, reason="rude")
        decision = actions.decide(
            actor=connector, target=post, action="suspend", message="Niet schelden.", days=1
        )
    client.force_login(author)
    page = url(nb, f"reports/decisions/{decision.pk}/")
    assert "Niet schelden." in client.get(page).content.decode()
    client.post(page + "object/", {"appeal_text": "Het was een grap over mijn eigen buren."})
    assert client.get(page + "object/").status_code == 403  # only once
    # The buurtverbinder who decided does not judge the objection.
    client.force_login(connector)
    assert client.post(page + "decide/", {"outcome": "undo"}).status_code == 403
    client.force_login(admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(page + "decide/", {"outcome": "undo"})
    with scope(neighbourhood=nb):
        decision.refresh_from_db()
        assert decision.appeal == Decision.Appeal.UNDONE
        assert not Hidden.objects.exists()
        assert not Membership.objects.get(user=author).is_suspended
    client.force_login(reader)
    assert client.get(url(nb, f"posts/{post.pk}/")).status_code == 200
    [told] = mail.outbox
    assert told.to == [author.email]


@pytest.mark.parametrize("hide_after", [3, 2])
def test_content_many_members_report_is_hidden_until_a_buurtverbinder_looks(
    client, nb, post, reader, hide_after
):
    if hide_after != 3:
        with scope(neighbourhood=nb):
            HouseRules.objects.create(
                neighbourhood=nb, text_nl="Wees aardig.", hide_after=hide_after
            )
    reporters = [member(nb) for _ in range(hide_after)]
    for number, person in enumerate(reporters, start=1):
        report(client, person, nb, post)
        client.force_login(reader)
        status = client.get(url(nb, f"posts/{post.pk}/")).status_code
        assert status == (404 if number >= hide_after else 200)
    with scope(neighbourhood=nb):
        assert Hidden.objects.get().automatic


@pytest.mark.parametrize("action", [Decision.Action.WARN, Decision.Action.ASK_CHANGE])
def test_a_warning_shows_again_what_many_reports_hid(client, nb, post, reader, connector, action):
    for person in [member(nb) for _ in range(3)]:
        report(client, person, nb, post)
    client.force_login(reader)
    assert client.get(url(nb, f"posts/{post.pk}/")).status_code == 404
    with scope(neighbourhood=nb):
        actions.decide(actor=connector, target=post, action=action, message="Let op je toon.")
        assert not Hidden.objects.exists()
    assert client.get(url(nb, f"posts/{post.pk}/")).status_code == 200


def test_new_reports_leave_the_reason_of_a_buurtverbinders_hide_alone(nb, post, connector):
    with scope(neighbourhood=nb):
        actions.report_create(reporter=member(nb), target=post, reason="rude")
        decision = actions.decide(actor=connector, target=post, action="hide", message="Nee.")
        for person in [member(nb) for _ in range(3)]:
            actions.report_create(reporter=person, target=post, reason="rude")
        hidden = Hidden.objects.get()
        assert (hidden.reason, hidden.automatic, hidden.decision) == ("Nee.", False, decision)


def test_alerts_by_email_at_most_once_an_hour(
    client, nb, author, connector, django_capture_on_commit_callbacks
):
    posts = [PostFactory(neighbourhood=nb, author=author) for _ in range(3)]
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            report(client, member(nb), nb, posts[0])
        traveller.move_to(start + timedelta(minutes=59))
        with django_capture_on_commit_callbacks(execute=True):
            report(client, member(nb), nb, posts[1])
        assert len([m for m in mail.outbox if m.to == [connector.email]]) == 1
        traveller.move_to(start + timedelta(minutes=61))
        with django_capture_on_commit_callbacks(execute=True):
            report(client, member(nb), nb, posts[2])
        assert len([m for m in mail.outbox if m.to == [connector.email]]) == 2


def test_house_rules_are_kept_by_buurtverbinders_and_linked_from_every_report_form(
    client, nb, post, reporter, connector
):
    client.force_login(reporter)
    assert "Wees aardig." in client.get(url(nb, "reports/house-rules/")).content.decode()
    form = client.get(url(nb, f"posts/{post.pk}/report/")).content.decode()
    assert f'href="/b/{nb.slug}/reports/house-rules/"' in form
    assert client.get(url(nb, "reports/house-rules/edit/")).status_code == 403
    client.force_login(connector)
    client.post(
        url(nb, "reports/house-rules/edit/"),
        {"text_nl": "Hier groeten we elkaar.", "text_en": "We greet each other.", "hide_after": 4},
    )
    client.force_login(reporter)
    assert "Hier groeten we elkaar." in client.get(url(nb, "reports/house-rules/")).content.decode()
    # New members find them on the home.
    assert "Hier groeten we elkaar." in client.get(url(nb)).content.decode()


def test_members_who_joined_long_ago_do_not_get_the_welcome(client, nb):
    old = member(nb)
    with scope(neighbourhood=nb):
        Membership.objects.filter(user=old).update(joined_at=timezone.now() - timedelta(days=30))
    client.force_login(old)
    assert "Wees aardig." not in client.get(url(nb)).content.decode()


def test_the_queue_costs_the_same_for_ten_and_for_a_hundred_reports(
    client, nb, connector, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def make(n):
        for _ in range(n):
            target = PostFactory(neighbourhood=nb, author=member(nb))
            comment = CommentFactory(post=target, author=member(nb))
            with scope(neighbourhood=nb):
                actions.report_create(reporter=member(nb), target=target, reason="spam")
                actions.report_create(reporter=member(nb), target=comment, reason="rude")

    def count():
        client.get(url(nb, "reports/"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(nb, "reports/")).status_code == 200
        return len(queries)

    client.force_login(connector)
    make(5)
    ten = count()
    make(45)
    assert count() == ten
