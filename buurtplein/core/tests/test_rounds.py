"""The rounds (``core.rounds.RoundCommand``): every cron command of every component has the same
options, refuses an unknown neighbourhood the same way, and does nothing where its component is
switched off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Role
from buurtplein.core.rounds import RoundCommand
from buurtplein.core.tests.factories import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


def agenda_extend(nb):
    from datetime import date

    from buurtplein.agenda.models import Activity
    from buurtplein.agenda.tests.factories import ActivityFactory

    activity = ActivityFactory(neighbourhood=nb, organiser=member(nb), rrule="FREQ=WEEKLY;BYDAY=TU")
    with scopes_disabled():
        Activity.objects.filter(pk=activity.pk).update(horizon_until=date(2000, 1, 1))

    def changed():
        with scopes_disabled():
            return Activity.objects.get(pk=activity.pk).horizon_until != date(2000, 1, 1)

    return changed


def agenda_remind(nb):
    from buurtplein.agenda.models import REMIND_BEFORE, Occurrence, Rsvp
    from buurtplein.agenda.tests.factories import ActivityFactory, dates_of, sign_up

    activity = ActivityFactory(neighbourhood=nb, organiser=member(nb))
    first = dates_of(activity)[0]
    rsvp = sign_up(first, member(nb))
    start = timezone.now() + REMIND_BEFORE - timedelta(hours=1)
    with scopes_disabled():
        Occurrence.objects.filter(pk=first.pk).update(
            starts_at=start, ends_at=start + timedelta(hours=1), original_start=start
        )
        Rsvp.objects.filter(pk=rsvp.pk).update(status_at=start - REMIND_BEFORE - timedelta(days=2))

    def changed():
        with scopes_disabled():
            return Rsvp.objects.get(pk=rsvp.pk).reminded_at is not None

    return changed


def buurthulp_escalate(nb):
    from buurtplein.buurthulp.models import HelpRequest
    from buurtplein.buurthulp.tests.factories import HelpRequestFactory

    member(nb, role=Role.CONNECTOR)
    old = HelpRequestFactory(
        neighbourhood=nb, asker=member(nb), created_at=timezone.now() - timedelta(hours=49)
    )

    def changed():
        with scopes_disabled():
            return HelpRequest.objects.get(pk=old.pk).escalated_at is not None

    return changed


def buurthulp_embed(nb):
    from django.conf import settings

    from buurtplein.buurthulp.models import HelperProfile
    from buurtplein.buurthulp.tests.factories import make_helper

    helper = make_helper(nb, likes_to_do="Ik hang graag lampen op.")
    settings.BUURTPLEIN_EMBEDDINGS = "on"  # (the ``settings`` fixture restores it)

    def changed():
        with scopes_disabled():
            return bool(HelperProfile.objects.get(pk=helper.pk).embedding)

    return changed


def clubs_requests(nb):
    from buurtplein.clubs.models import ClubMember, JoinPolicy, Status
    from buurtplein.clubs.tests.factories import add_member, make_club

    club = make_club(nb, member(nb), join_policy=JoinPolicy.REQUEST)
    asked = add_member(club, member(nb), status=Status.PENDING)
    with scopes_disabled():
        ClubMember.objects.filter(pk=asked.pk).update(
            requested_at=timezone.now() - timedelta(days=31)
        )

    def changed():
        with scopes_disabled():
            return not ClubMember.objects.filter(pk=asked.pk).exists()

    return changed


def exchange_expire(nb):
    from buurtplein.exchange.models import Item
    from buurtplein.exchange.tests.factories import ItemFactory

    item = ItemFactory(
        neighbourhood=nb, owner=member(nb), expires_at=timezone.now() - timedelta(hours=1)
    )

    def changed():
        with scopes_disabled():
            return Item.objects.get(pk=item.pk).state != "open"

    return changed


def infopages_remind(nb):
    from dateutil.relativedelta import relativedelta

    from buurtplein.infopages import actions
    from buurtplein.infopages.models import InfoPage

    connector = member(nb, role=Role.CONNECTOR)
    with scope(neighbourhood=nb):
        page = actions.page_create(actor=connector, neighbourhood=nb, title="Parkeren")
    when = timezone.now() - timedelta(days=200)
    with scopes_disabled():
        InfoPage.objects.filter(pk=page.pk).update(
            checked_at=when, check_due_at=when + relativedelta(months=6), reminder_sent_at=None
        )

    def changed():
        with scopes_disabled():
            return InfoPage.objects.get(pk=page.pk).reminder_sent_at is not None

    return changed


def volunteering_expire(nb):
    from buurtplein.volunteering.models import Vacancy
    from buurtplein.volunteering.tests.factories import VacancyFactory

    vacancy = VacancyFactory(neighbourhood=nb, expires_at=timezone.now() - timedelta(hours=1))

    def changed():
        with scopes_disabled():
            return Vacancy.objects.get(pk=vacancy.pk).state != "open"

    return changed


def volunteering_follow_up(nb):
    from buurtplein.volunteering.models import Response, ResponseState
    from buurtplein.volunteering.tests.factories import ResponseFactory, VacancyFactory

    vacancy = VacancyFactory(neighbourhood=nb)
    response = ResponseFactory(
        vacancy=vacancy,
        person=member(nb),
        state=ResponseState.ACCEPTED,
        accepted_at=timezone.now() - timedelta(days=35),
    )

    def changed():
        with scopes_disabled():
            return Response.objects.get(pk=response.pk).volunteer_asked_at is not None

    return changed


DUE = {
    # round → (its component, make one thing due in a neighbourhood → "did it change?")
    "agenda_extend": ("agenda", agenda_extend),
    "agenda_remind": ("agenda", agenda_remind),
    "buurthulp_embed": ("buurthulp", buurthulp_embed),
    "buurthulp_escalate": ("buurthulp", buurthulp_escalate),
    "clubs_requests": ("clubs", clubs_requests),
    "exchange_expire": ("exchange", exchange_expire),
    "infopages_remind": ("infopages", infopages_remind),
    "volunteering_expire": ("volunteering", volunteering_expire),
    "volunteering_follow_up": ("volunteering", volunteering_follow_up),
}


def rounds() -> list[str]:
    """Every management command of the project that is a round."""
    return sorted(
        name
        for name, app in get_commands().items()
        if app.startswith("buurtplein.") and isinstance(load_command_class(app, name), RoundCommand)
    )


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def switch(nb, label, on):
    with scopes_disabled():
        nb.refresh_from_db()
        others = [c for c in nb.components if c != label]
        nb.components = [*others, label] if on else others
        nb.save()


def test_every_round_is_a_round_command_and_is_tested_here():
    assert rounds() == sorted(DUE)
    for name, (component, _due) in DUE.items():
        assert load_command_class(get_commands()[name], name).component == component


@pytest.mark.parametrize("name", sorted(DUE))
def test_an_unknown_neighbourhood_is_refused_the_same_way(name, nb, settings):
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    with pytest.raises(CommandError, match=r"^No neighbourhood with slug 'nergens'\.$"):
        call_command(name, "--neighbourhood", "nergens")
    with pytest.raises(CommandError, match=r"^No neighbourhood with slug 'nergens'\.$"):
        call_command(name, "--neighbourhood", nb.slug, "--neighbourhood", "nergens", "--dry-run")


@pytest.mark.parametrize("name", sorted(DUE))
def test_the_help_says_what_it_does_and_the_same_options(name, capsys):
    with pytest.raises(SystemExit):
        call_command(name, "--help")
    out = capsys.readouterr().out
    assert "--neighbourhood SLUG" in out and "--dry-run" in out
    assert "Only count what is due" in out
    assert len(load_command_class(get_commands()[name], name).help) > 100


@pytest.mark.parametrize("name", sorted(DUE))
def test_a_switched_off_component_is_skipped_and_dry_run_changes_nothing(
    name, nb, settings, capsys, django_capture_on_commit_callbacks
):
    component, due = DUE[name]
    changed = due(nb)
    mail.outbox.clear()
    capsys.readouterr()

    switch(nb, component, on=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command(name)
        call_command(name, "--neighbourhood", nb.slug)
    out = capsys.readouterr().out
    assert out.count("in 0 neighbourhood(s).") == 2
    assert not changed() and mail.outbox == []

    switch(nb, component, on=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command(name, "--dry-run")
    line, summary = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{nb.slug}: ") and "1 " in line
    assert summary.startswith("Would do: ") and summary.endswith(" in 1 neighbourhood(s).")
    assert not changed() and mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        call_command(name)
    assert capsys.readouterr().out.splitlines()[0] == line
    assert changed()
