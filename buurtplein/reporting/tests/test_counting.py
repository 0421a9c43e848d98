"""The count tables stay equal to the rows: every write of a counted model marks its months
stale once it commits, the recount task counts them again, and the nightly round catches what
sent no signal. Checked with the square's figures (the components' own tests check theirs)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.components import Count, Figure
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import local
from buurtplein.reporting import counting, selectors, tasks
from buurtplein.reporting.models import MonthFigure, StaleMonth
from buurtplein.square import actions as square
from buurtplein.square.models import Post
from buurtplein.square.tests.factories import PostFactory

pytestmark = pytest.mark.django_db

NOVEMBER, DECEMBER = date(2026, 11, 1), date(2026, 12, 1)


def figure(nb, key, month, organisation=None):
    with scopes_disabled():
        row = MonthFigure.objects.filter(
            neighbourhood=nb, key=key, month=month, organisation=organisation
        ).first()
    return row.value if row else 0


@pytest.mark.parametrize(
    ("moment", "month"),
    [
        # 23:30 on 31 March in Amsterdam (summer time): still March there.
        (datetime(2026, 3, 31, 21, 30, tzinfo=UTC), date(2026, 3, 1)),
        (datetime(2026, 3, 31, 22, 30, tzinfo=UTC), date(2026, 4, 1)),  # 00:30 on 1 April
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),  # New Year's night
        (date(2026, 10, 25), date(2026, 10, 1)),
    ],
)
def test_a_moment_counts_in_its_month_in_amsterdam(moment, month):
    assert counting.month_of(moment) == month


def test_month_bounds_are_local_midnights_also_in_the_dst_months():
    start, end = counting.month_bounds(date(2026, 10, 1))
    assert start == local(date(2026, 10, 1)) and end == local(date(2026, 11, 1))
    hours = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 3600
    assert hours == 31 * 24 + 1  # the night of one more hour
    assert counting.add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert counting.add_months(date(2026, 1, 1), -13) == date(2024, 12, 1)
    assert counting.months_between(date(2026, 11, 1), date(2027, 2, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
    ]


def test_a_post_written_is_counted_in_its_month_after_it_commits(
    django_capture_on_commit_callbacks,
):
    nb = NeighbourhoodFactory()
    author = member(nb)
    with time_machine.travel(local(date(2026, 11, 30), datetime.min.time().replace(hour=23))):
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            square.post_create(author=author, neighbourhood=nb, category="news", text="Hallo")
        assert figure(nb, "square.posts", NOVEMBER) == 1
        with scopes_disabled():
            assert not StaleMonth.objects.filter(neighbourhood=nb).exists()  # counted: gone
    # A report of the month reads it from the count table.
    assert selectors.sums([nb.pk], NOVEMBER, DECEMBER)["square.posts"] == (1, 0)


def test_a_deleted_row_is_counted_out_again(django_capture_on_commit_callbacks):
    nb = NeighbourhoodFactory()
    with time_machine.travel(local(date(2026, 11, 10)), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            first, _second = PostFactory(neighbourhood=nb), PostFactory(neighbourhood=nb)
        assert figure(nb, "square.posts", NOVEMBER) == 2
        with scopes_disabled(), django_capture_on_commit_callbacks(execute=True):
            first.delete()  # as an erasure does
        assert figure(nb, "square.posts", NOVEMBER) == 1


def test_a_write_without_a_signal_is_caught_up_by_the_nightly_round(
    django_capture_on_commit_callbacks,
):
    nb = NeighbourhoodFactory()
    with time_machine.travel(local(date(2026, 12, 3)), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            post = PostFactory(neighbourhood=nb)
        with scopes_disabled():
            Post.objects.filter(pk=post.pk).update(created_at=local(date(2026, 11, 3)))
        assert figure(nb, "square.posts", DECEMBER) == 1  # wrong until the round
        call_command("recount_figures", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert figure(nb, "square.posts", DECEMBER) == 0
        assert figure(nb, "square.posts", NOVEMBER) == 1


def test_marks_made_while_counting_stay_and_are_counted_next(monkeypatch):
    nb = NeighbourhoodFactory()
    with scopes_disabled():
        StaleMonth.objects.create(neighbourhood=nb, month=NOVEMBER)
    real = counting.recount

    def write_meanwhile(neighbourhood, month):
        written = real(neighbourhood, month)
        counting.mark(nb.pk, {DECEMBER})  # a post written while November was counted
        counting.flush()
        with scopes_disabled():  # and November written to again
            StaleMonth.objects.filter(month=NOVEMBER).update(marked_at=datetime.now(UTC))
        return written

    planned = []
    monkeypatch.setattr(counting, "recount", write_meanwhile)
    monkeypatch.setattr(tasks, "plan_recount", planned.append)
    counted, left = counting.recount_stale(nb)
    assert counted == 1 and left
    assert planned == [nb.pk]  # December's new mark asked for a recount of its own
    with scopes_disabled():
        assert set(StaleMonth.objects.values_list("month", flat=True)) == {NOVEMBER, DECEMBER}


def test_an_organisations_share_is_counted_apart():
    nb = NeighbourhoodFactory()
    with time_machine.travel(local(date(2026, 11, 10)), tick=False):
        club = OrganisationFactory(name="Buurtvereniging")
        PostFactory(neighbourhood=nb)
        PostFactory(neighbourhood=nb, organisation=club)
        PostFactory(neighbourhood=nb, organisation=club)
        counting.recount(nb, NOVEMBER)
    assert figure(nb, "square.posts", NOVEMBER) == 3
    assert figure(nb, "square.posts", NOVEMBER, club) == 2
    assert selectors.sums([nb.pk], NOVEMBER, DECEMBER, organisation_id=club.pk) == {
        "square.posts": (2, 0)
    }


def test_a_component_that_counts_an_undeclared_figure_is_refused(monkeypatch):
    nb = NeighbourhoodFactory()
    from buurtplein.core.components import Component

    rogue = Component(
        label="rogue",
        name="Rogue",
        icon="chart",
        figures=(Figure("rogue.things", "Things", "square"),),
        counts=lambda *args: [Count("rogue.other", 1)],
    )
    monkeypatch.setattr(counting, "counting_components", lambda: [rogue])
    with pytest.raises(ValueError, match=r"rogue\.other"):
        counting.recount(nb, NOVEMBER)
