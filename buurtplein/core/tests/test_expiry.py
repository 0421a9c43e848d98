"""The expiring lifecycle (``core.expiry``): each transition of the state machine, for both
components that use it (vraag & aanbod items and volunteering vacancies)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from buurtplein.core.expiry import Lifecycle, RenewRefused
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.exchange.actions import ITEM_EXPIRY
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.volunteering.actions import VACANCY_EXPIRY
from buurtplein.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

# Relative to the real clock: a renewal plans its checks, and the test's task backend runs
# them at once, on the real clock.
NOW = timezone.now().replace(microsecond=0)


@dataclass
class Kind:
    lifecycle: Lifecycle
    make: object
    days: int
    remind_days: int
    path: str
    """Where the thing is listed (relative to the neighbourhood)."""
    other_state: str
    """A state of the component's own that the lifecycle leaves alone."""


KINDS = {
    "exchange": Kind(
        ITEM_EXPIRY,
        lambda nb, person, **kw: ItemFactory(neighbourhood=nb, owner=person, **kw),
        30,
        3,
        "exchange/",
        "withdrawn",
    ),
    "volunteering": Kind(
        VACANCY_EXPIRY,
        lambda nb, person, **kw: VacancyFactory(
            neighbourhood=nb, posted_by=person, contact=person, **kw
        ),
        60,
        7,
        "volunteer/",
        "removed",
    ),
}


@pytest.fixture(params=list(KINDS))
def kind(request):
    return KINDS[request.param]


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


@pytest.fixture
def owner(nb):
    return member(nb, first_name="Anna", last_name="de Vries")


def fresh(kind, row):
    with scopes_disabled():
        return kind.lifecycle.model.objects.get(pk=row.pk)


def test_schedule_plans_the_two_checks_of_a_new_row(
    kind, nb, owner, settings, django_capture_on_commit_callbacks
):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    expires_at = kind.lifecycle.expires_at(NOW)
    assert expires_at == NOW + timedelta(days=kind.days)
    row = kind.make(nb, owner, created_at=NOW, expires_at=expires_at)
    with django_capture_on_commit_callbacks(execute=True):
        kind.lifecycle.schedule(row)
    planned = [
        (result.task.module_path, result.args, result.task.run_after)
        for result in task_backends["default"].results
    ]
    assert planned == [
        (kind.lifecycle.check_task, [row.pk], expires_at - timedelta(days=kind.remind_days)),
        (kind.lifecycle.check_task, [row.pk], expires_at),
    ]


def test_remind_once_before_the_end_with_a_renew_link(
    kind, nb, owner, django_capture_on_commit_callbacks
):
    row = kind.make(nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=kind.days))
    early = NOW + timedelta(days=kind.days - kind.remind_days - 1)
    due = NOW + timedelta(days=kind.days - kind.remind_days + 1)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert kind.lifecycle.check(fresh(kind, row), now=early) == ""
        assert kind.lifecycle.check(fresh(kind, row), now=due) == "reminded"
        assert kind.lifecycle.check(fresh(kind, row), now=due) == ""  # once
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "/renew/" in mail.outbox[0].body
    assert fresh(kind, row).state == "open"


def test_expire_at_the_end_and_the_row_leaves_the_list(kind, nb, owner, client):
    now = timezone.now()
    row = kind.make(nb, owner, created_at=now, expires_at=now + timedelta(days=kind.days))
    client.force_login(owner)
    assert row.title in client.get(f"/b/{nb.slug}/{kind.path}").content.decode()
    with scope(neighbourhood=nb):
        after = now + timedelta(days=kind.days, seconds=1)
        assert kind.lifecycle.check(fresh(kind, row), now=after) == "expired"
        assert kind.lifecycle.check(fresh(kind, row), now=after) == ""
    assert fresh(kind, row).state == "expired"
    assert row.title not in client.get(f"/b/{nb.slug}/{kind.path}").content.decode()


def test_renew_an_expired_row_opens_it_again_with_a_new_reminder(
    kind, nb, owner, django_capture_on_commit_callbacks
):
    row = kind.make(nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=kind.days))
    later = NOW + timedelta(days=kind.days + 5)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        kind.lifecycle.check(fresh(kind, row), now=NOW + timedelta(days=kind.days - 1))
        kind.lifecycle.check(fresh(kind, row), now=later)
        assert fresh(kind, row).state == "expired"
        renewed = kind.lifecycle.renew(fresh(kind, row), now=later)
    row = fresh(kind, row)
    assert (row.state, row.expires_at, row.reminder_sent_at) == (
        "open",
        later + timedelta(days=kind.days),
        None,
    )
    assert renewed.expires_at == row.expires_at
    # The next round reminds again, once.
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        assert kind.lifecycle.check(row, now=row.expires_at - timedelta(days=1)) == "reminded"


def test_renew_an_open_row_moves_its_end(kind, nb, owner):
    row = kind.make(nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=kind.days))
    with scope(neighbourhood=nb):
        kind.lifecycle.renew(fresh(kind, row), now=NOW + timedelta(days=2))
    assert fresh(kind, row).expires_at == NOW + timedelta(days=kind.days + 2)


def test_the_components_own_states_are_left_alone(kind, nb, owner):
    row = kind.make(
        nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=1), state=kind.other_state
    )
    with scope(neighbourhood=nb):
        assert kind.lifecycle.check(fresh(kind, row), now=NOW + timedelta(days=2)) == ""
        assert kind.lifecycle.round(neighbourhood=nb, now=NOW + timedelta(days=2)) == {
            "expired": 0,
            "reminded": 0,
        }
        with pytest.raises(RenewRefused):
            kind.lifecycle.renew(fresh(kind, row), now=NOW)
    assert fresh(kind, row).state == kind.other_state


def test_reopen_only_from_the_states_the_component_allows(nb, owner):
    filled = KINDS["volunteering"].make(
        nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=60), state="filled"
    )
    with scope(neighbourhood=nb):
        with pytest.raises(RenewRefused):
            VACANCY_EXPIRY.renew(fresh(KINDS["volunteering"], filled), now=NOW)
        VACANCY_EXPIRY.renew(fresh(KINDS["volunteering"], filled), now=NOW, reopen=True)
    assert fresh(KINDS["volunteering"], filled).state == "open"
    assert ITEM_EXPIRY.reopen_from == ()


def test_the_round_counts_first_then_does_it_once(kind, nb, owner):
    ending = kind.make(nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=1))
    ended = kind.make(nb, owner, created_at=NOW, expires_at=NOW - timedelta(hours=1))
    kind.make(nb, owner, created_at=NOW, expires_at=NOW + timedelta(days=kind.days))
    with scope(neighbourhood=nb):
        assert kind.lifecycle.due_counts(nb, NOW) == {"expired": 1, "reminded": 1}
        assert kind.lifecycle.round(neighbourhood=nb, now=NOW) == {"expired": 1, "reminded": 1}
        assert kind.lifecycle.round(neighbourhood=nb, now=NOW) == {"expired": 0, "reminded": 0}
        assert kind.lifecycle.due_counts(nb, NOW) == {"expired": 0, "reminded": 0}
    assert fresh(kind, ended).state == "expired"
    assert fresh(kind, ending).reminder_sent_at == NOW


def test_the_planned_checks_do_the_same_as_the_round(kind, nb, owner):
    row = kind.make(nb, owner, created_at=NOW, expires_at=NOW - timedelta(hours=1))
    check = kind.lifecycle.check_by_id
    assert check(row.pk) == "expired"
    assert check(row.pk) == ""
    assert check(999_999) == ""


def test_a_switched_off_component_neither_reminds_nor_expires(kind, nb, owner):
    ended = kind.make(nb, owner, created_at=NOW, expires_at=NOW - timedelta(hours=1))
    label = kind.lifecycle.model._meta.app_label
    with scopes_disabled():
        nb.components = [c for c in nb.components if c != label]
        nb.save()
    assert kind.lifecycle.check_by_id(ended.pk) == ""
    assert kind.lifecycle.send_reminder(ended.pk) is False
    assert fresh(kind, ended).state == "open"
    assert mail.outbox == []


@pytest.mark.parametrize("moment", list(MOMENTS.values()), ids=list(MOMENTS))
def test_the_whole_life_on_the_clock_at_any_moment(
    kind, nb, owner, client, moment, django_capture_on_commit_callbacks
):
    """Posted at each weekday, around midnight, in the nights the clocks change and at the turn
    of the year: the reminder comes once, in the reminder period and not before, the row
    expires at its end and not a minute earlier, and then leaves the list; the daily round
    (what cron runs) does it all on the frozen clock."""
    with time_machine.travel(moment, tick=False) as traveller:
        row = kind.make(
            nb, owner, created_at=timezone.now(), expires_at=kind.lifecycle.expires_at(moment)
        )
        assert row.expires_at - moment == timedelta(days=kind.days)
        remind_at = row.expires_at - timedelta(days=kind.remind_days)

        def listed() -> bool:
            client.force_login(owner)  # a log-in from a month ago has run out
            return row.title in client.get(f"/b/{nb.slug}/{kind.path}").content.decode()

        def daily_round():
            with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
                return kind.lifecycle.round(neighbourhood=nb)

        traveller.move_to(remind_at - timedelta(minutes=1))
        assert daily_round() == {"expired": 0, "reminded": 0}
        traveller.move_to(remind_at)
        assert daily_round() == {"expired": 0, "reminded": 1}
        assert daily_round() == {"expired": 0, "reminded": 0}
        assert [m.to for m in mail.outbox] == [[owner.email]]
        traveller.move_to(row.expires_at - timedelta(minutes=1))
        assert daily_round() == {"expired": 0, "reminded": 0}
        assert listed()
        traveller.move_to(row.expires_at)
        assert daily_round() == {"expired": 1, "reminded": 0}
        assert fresh(kind, row).state == "expired"
        assert not listed()
