"""The rounds (``core.rounds.RoundCommand``): every cron command of every component has the same
options, refuses an unknown neighbourhood the same way, and does nothing where its component is
switched off."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django_scopes import scopes_disabled

from buurtplein.core.rounds import RoundCommand
from buurtplein.core.tests import due
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


def changed_of(builder):
    """A task's set-up used for a round: only its "did it change?"."""
    return lambda nb: builder(nb)[1]


def buurthulp_embed(nb):
    from django.conf import settings

    from buurtplein.buurthulp.tests.factories import make_helper

    helper = make_helper(nb, likes_to_do="Ik hang graag lampen op.")
    settings.BUURTPLEIN_EMBEDDINGS = "on"  # (the ``settings`` fixture restores it)
    return lambda: bool(due.fresh(helper).embedding)


def clubs_requests(nb):
    asked = due.clubs_pending(nb, days=31)

    def changed():  # lapsed: the request is gone
        with scopes_disabled():
            return not type(asked).objects.filter(pk=asked.pk).exists()

    return changed


def enforce_retention(nb):
    from datetime import timedelta

    from django.utils import timezone

    from buurtplein.exchange.models import Item, State
    from buurtplein.exchange.tests.factories import ItemFactory

    long_ago = timezone.now() - timedelta(days=400)
    item = ItemFactory(neighbourhood=nb, owner=member(nb), state=State.EXPIRED, created_at=long_ago)

    def changed():  # removed: past its period of six months after its end date
        with scopes_disabled():
            return not Item.objects.filter(pk=item.pk).exists()

    return changed


def recount_figures(nb):
    from django.utils import timezone

    from buurtplein.reporting.counting import month_of
    from buurtplein.reporting.models import MonthFigure, StaleMonth
    from buurtplein.square.tests.factories import PostFactory

    # A post whose month was marked stale, and whose recount task never ran.
    post = PostFactory(neighbourhood=nb)
    with scopes_disabled():
        StaleMonth.objects.create(neighbourhood=nb, month=month_of(timezone.now()))

    def changed():
        with scopes_disabled():
            return MonthFigure.objects.filter(
                neighbourhood=nb, key="square.posts", month=month_of(post.created_at)
            ).exists()

    return changed


DUE = {
    # round → (its component, make one thing due in a neighbourhood → "did it change?"
    # [, for a round of the platform, which is always on: the component whose part is due])
    "agenda_extend": ("agenda", agenda_extend),
    "agenda_remind": ("agenda", changed_of(due.agenda_send_reminders)),
    "buurthulp_embed": ("buurthulp", buurthulp_embed),
    "buurthulp_escalate": ("buurthulp", changed_of(due.buurthulp_escalate_if_unanswered)),
    "clubs_requests": ("clubs", clubs_requests),
    "enforce_retention": ("core", enforce_retention, "exchange"),
    "exchange_expire": ("exchange", changed_of(due.exchange_check_item)),
    "infopages_remind": ("infopages", changed_of(due.infopages_check_page)),
    "onlinehulp_questions": ("onlinehulp", changed_of(due.onlinehulp_check_question)),
    "socialmap_check": ("socialmap", changed_of(due.socialmap_check_due)),
    "socialmap_embed": ("socialmap", changed_of(due.socialmap_embed_service)),
    "recount_figures": ("reporting", recount_figures),
    "referrals_remind": ("referrals", changed_of(due.referrals_check_referral)),
    "volunteering_expire": ("volunteering", changed_of(due.volunteering_check_vacancy)),
    "volunteering_follow_up": ("volunteering", changed_of(due.volunteering_follow_up)),
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
    for name, (component, *_due) in DUE.items():
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
    component, due, *part = DUE[name]
    changed = due(nb)
    mail.outbox.clear()
    capsys.readouterr()

    switched = part[0] if part else component
    switch(nb, switched, on=False)
    with django_capture_on_commit_callbacks(execute=True):
        call_command(name)
        call_command(name, "--neighbourhood", nb.slug)
    out = capsys.readouterr().out
    if part:  # a round of the platform goes through the neighbourhood, but leaves the part alone
        assert out.count("Done: nothing in 1 neighbourhood(s).") == 2
    else:
        assert out.count("in 0 neighbourhood(s).") == 2
    assert not changed() and mail.outbox == []

    switch(nb, switched, on=True)
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


def test_a_round_without_its_neighbourhood_step_cannot_be_made():
    from buurtplein.core.rounds import RoundCommand

    class Forgotten(RoundCommand):
        component = "exchange"

    with pytest.raises(TypeError, match="handle_neighbourhood"):
        Forgotten()
