"""The six-month check as a state machine: current → due (time passes) → reminded (one e-mail
per period) → current again (a check or a save). The planned task and the cron command do the
same, harmless early, late or twice; without an owner who still edits here, the buurtverbinders
are asked."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership, Role
from buurtplein.core.tests.factories import member
from buurtplein.infopages import actions, tasks
from buurtplein.infopages.models import CheckState, InfoPage
from buurtplein.infopages.tests.conftest import make_page, url

pytestmark = pytest.mark.django_db


def checked_ago(page, days):
    """Pretend the page was last checked ``days`` ago."""
    when = timezone.now() - timedelta(days=days)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(
            checked_at=when, check_due_at=when + relativedelta(months=6), reminder_sent_at=None
        )
        return InfoPage.objects.get(pk=page.pk)


def remind(nb, now=None):
    with scope(neighbourhood=nb):
        return actions.remind_round(neighbourhood=nb, now=now)


@pytest.fixture
def parkeren(nb, connector):
    return make_page(nb, connector, title="Parkeren")


def test_a_page_saved_today_is_current_and_nobody_is_asked(
    nb, connector, django_capture_on_commit_callbacks
):
    # Creating plans the check task; the test backend runs it at once: too early, so nothing.
    with django_capture_on_commit_callbacks(execute=True):
        page = make_page(nb, connector, title="Parkeren")
    assert page.check_state() == CheckState.CURRENT
    assert page.check_due_at.date() == (page.checked_at + relativedelta(months=6)).date()
    assert remind(nb) == 0 and tasks.check_page.call(page.pk) == ""
    assert mail.outbox == []


def test_after_six_months_the_owner_gets_one_reminder_with_a_one_tap_link(
    client, nb, connector, parkeren, django_capture_on_commit_callbacks
):
    page = checked_ago(parkeren, 184)
    assert page.check_state() == CheckState.DUE
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb) == 0  # once per period
        assert tasks.check_page.call(page.pk) == ""
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [connector.email]
    assert message.subject == "Klopt “Parkeren” nog?"
    assert "Jij houdt de pagina “Parkeren” van Nijmegen-Oost bij" in message.body
    check_path = f"/b/{nb.slug}/info/parkeren/check/"
    assert check_path in message.body and f"/b/{nb.slug}/info/parkeren/edit/" in message.body
    with scope(neighbourhood=nb):
        page.refresh_from_db()
    assert page.check_state() == CheckState.REMINDED and page.needs_check
    # The link: one tap, and the page is current again.
    client.force_login(connector)
    assert "Ja, klopt nog" in client.get(check_path).content.decode()
    client.post(check_path)
    with scope(neighbourhood=nb):
        page.refresh_from_db()
    assert page.check_state() == CheckState.CURRENT and page.reminder_sent_at is None


def test_a_check_starts_a_new_period_and_the_task_planned_for_the_old_date_does_nothing(
    nb, connector, parkeren, django_capture_on_commit_callbacks
):
    page = checked_ago(parkeren, 190)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb) == 1
    with scope(neighbourhood=nb):
        actions.page_check(actor=connector, page=page)
    # The task planned six months after the old check runs now: the page is not due.
    assert tasks.check_page.call(page.pk) == ""
    assert remind(nb) == 0
    # Six months after this check, a new reminder is due.
    later = timezone.now() + relativedelta(months=6) + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb, now=later) == 1
    assert len(mail.outbox) == 2


def test_saving_a_page_counts_as_a_check(nb, professional, parkeren):
    page = checked_ago(parkeren, 200)
    with scope(neighbourhood=nb):
        actions.page_update(
            actor=professional, page=page, base_version=1, title="Parkeren", body="Vergunning."
        )
        page.refresh_from_db()
    assert page.check_state() == CheckState.CURRENT and page.checked_by == professional
    assert remind(nb) == 0


def test_the_planned_task_reminds_when_it_runs_late(
    nb, parkeren, django_capture_on_commit_callbacks
):
    page = checked_ago(parkeren, 400)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_page.call(page.pk) == "reminded"
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.check_page.call(page.pk) == ""  # twice is harmless
    assert len(mail.outbox) == 1
    assert tasks.check_page.call(987654) == ""  # a page that is gone


def test_when_the_owner_no_longer_edits_here_the_buurtverbinders_are_asked(
    nb, connector, professional, admin, django_capture_on_commit_callbacks
):
    page = make_page(nb, professional, title="Wie bel je waarvoor")
    other_connector = member(nb, role=Role.CONNECTOR, first_name="Ayse")
    member(nb, first_name="Piet")  # a resident: never asked
    with scopes_disabled():
        Membership.objects.filter(user=professional, neighbourhood=nb).update(role=Role.RESIDENT)
    page = checked_ago(page, 200)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [connector.email, other_connector.email, admin.email]
    )
    body = mail.outbox[0].body
    assert "niemand houdt hem nog bij" in body and "/info/wie-bel-je-waarvoor/settings/" in body


def test_an_owner_without_an_account_any_more_also_means_the_buurtverbinders(
    nb, connector, professional, django_capture_on_commit_callbacks
):
    from buurtplein.infopages.privacy import erase

    page = make_page(nb, professional, title="Speeltuinen")
    erase(professional)
    page = checked_ago(page, 200)
    with django_capture_on_commit_callbacks(execute=True):
        remind(nb)
    assert [m.to for m in mail.outbox] == [[connector.email]]


def test_the_reminder_is_in_the_owners_language(
    nb, connector, parkeren, django_capture_on_commit_callbacks
):
    connector.language = "en"
    connector.save(update_fields=["language"])
    checked_ago(parkeren, 200)
    with django_capture_on_commit_callbacks(execute=True):
        remind(nb)
    message = mail.outbox[0]
    assert message.subject == "Is “Parkeren” still correct?"
    assert "You keep the page “Parkeren” of Nijmegen-Oost up to date" in message.body
    assert "Still correct? One tap:" in message.body


def test_a_deleted_page_asks_nobody(nb, connector, parkeren, django_capture_on_commit_callbacks):
    page = checked_ago(parkeren, 200)
    with scope(neighbourhood=nb):
        actions.page_delete(actor=connector, page=page)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind(nb) == 0 and tasks.check_page.call(page.pk) == ""
    assert mail.outbox == []


def test_the_cron_command_dry_run_one_neighbourhood_and_only_once(
    nb, other_nb, connector, parkeren, capsys, django_capture_on_commit_callbacks
):
    checked_ago(parkeren, 200)
    elsewhere = make_page(other_nb, member(other_nb, role=Role.CONNECTOR), title="Afval")
    checked_ago(elsewhere, 300)
    call_command("infopages_remind", "--dry-run")
    assert "Would do: 2 page(s) reminded in 2 neighbourhood(s)." in capsys.readouterr().out
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("infopages_remind", "--neighbourhood", nb.slug)
    out = capsys.readouterr().out
    assert "nijmegen-oost: 1 page(s) reminded" in out
    assert "Done: 1 page(s) reminded in 1 neighbourhood(s)." in out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("infopages_remind")
    assert "Done: 1 page(s) reminded in 2 neighbourhood(s)." in capsys.readouterr().out
    with django_capture_on_commit_callbacks(execute=True):
        call_command("infopages_remind")
    assert "Done: 0 page(s) reminded" in capsys.readouterr().out
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError, match="No neighbourhood with slug 'nergens'"):
        call_command("infopages_remind", "--neighbourhood", "nergens")


def test_the_command_explains_itself(capsys):
    with pytest.raises(SystemExit):
        call_command("infopages_remind", "--help")
    out = capsys.readouterr().out
    assert "6 months" in out and "--dry-run" in out and "--neighbourhood SLUG" in out
    assert "nothing twice" in out


def test_stale_pages_for_the_dashboard(nb, connector, professional):
    from buurtplein.infopages import selectors

    fresh = make_page(nb, connector, title="Afval")
    old = checked_ago(make_page(nb, professional, title="Parkeren"), 300)
    older = checked_ago(make_page(nb, connector, title="Speeltuinen"), 400)
    with scope(neighbourhood=nb):
        stale = selectors.stale_pages(nb)
    assert [page.title for page in stale] == ["Speeltuinen", "Parkeren"]
    assert stale[1].owner == professional and fresh not in stale and old in stale
    assert older.check_state() == CheckState.DUE


def test_the_index_shows_editors_what_needs_a_check(client, nb, connector, parkeren):
    checked_ago(parkeren, 200)
    client.force_login(connector)
    index = client.get(url(nb)).content.decode()
    assert "1 pagina moet gecontroleerd worden" in index
    assert "bijgehouden door Karim E." in index
