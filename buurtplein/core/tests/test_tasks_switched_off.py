"""Background tasks of a component that is switched off in a neighbourhood send and change
nothing there, also when they were planned before it was switched off (``core.tasks.load``
answers None for such rows; ``load_neighbourhood`` for tasks that get a neighbourhood)."""

import importlib
import inspect

import pytest
from django.apps import apps
from django.core import mail
from django.tasks import Task
from django_scopes import scopes_disabled

from buurtplein.core.components import ALWAYS_ON
from buurtplein.core.tests.due import (
    agenda_notify_activity_gone,
    agenda_notify_date,
    agenda_send_reminder,
    agenda_send_reminders,
    buurthulp_escalate_if_unanswered,
    buurthulp_notify_escalation,
    clubs_check_request,
    clubs_notify_request,
    clubs_remind_board,
    exchange_check_item,
    exchange_send_reminder,
    infopages_check_page,
    infopages_send_check_reminder,
    onlinehulp_check_question,
    onlinehulp_notify_answered,
    referrals_check_referral,
    referrals_notify_new,
    referrals_notify_person,
    socialmap_embed_query,
    socialmap_embed_service,
    socialmap_send_check_request,
    socialmap_send_check_requests,
    socialmap_send_correction,
    socialmap_tell_connectors,
    volunteering_check_vacancy,
    volunteering_follow_up,
)
from buurtplein.core.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nb(db):
    return NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")


def switch_off(nb, label):
    with scopes_disabled():
        nb.refresh_from_db()
        nb.components = [c for c in nb.components if c != label]
        nb.save()


CASES = {
    "agenda.send_reminders": agenda_send_reminders,
    "agenda.send_reminder": agenda_send_reminder,
    "agenda.notify_date": agenda_notify_date,
    "agenda.notify_activity_gone": agenda_notify_activity_gone,
    "buurthulp.escalate_if_unanswered": buurthulp_escalate_if_unanswered,
    "buurthulp.notify_escalation": buurthulp_notify_escalation,
    "clubs.check_request": clubs_check_request,
    "clubs.remind_board": clubs_remind_board,
    "clubs.notify_request": clubs_notify_request,
    "exchange.check_item": exchange_check_item,
    "exchange.send_reminder": exchange_send_reminder,
    "infopages.check_page": infopages_check_page,
    "infopages.send_check_reminder": infopages_send_check_reminder,
    "onlinehulp.check_question": onlinehulp_check_question,
    "onlinehulp.notify_answered": onlinehulp_notify_answered,
    "socialmap.embed_query": socialmap_embed_query,
    "socialmap.embed_service": socialmap_embed_service,
    "socialmap.send_check_request": socialmap_send_check_request,
    "socialmap.send_check_requests": socialmap_send_check_requests,
    "socialmap.send_correction": socialmap_send_correction,
    "socialmap.tell_connectors": socialmap_tell_connectors,
    "referrals.check_referral": referrals_check_referral,
    "referrals.notify_new": referrals_notify_new,
    "referrals.notify_person": referrals_notify_person,
    "volunteering.check_vacancy": volunteering_check_vacancy,
    "volunteering.follow_up": volunteering_follow_up,
}


def task_of(name: str) -> Task:
    app, function = name.split(".")
    return getattr(importlib.import_module(f"buurtplein.{app}.tasks"), function)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_task_of_a_switched_off_component_sends_and_changes_nothing(
    name, nb, django_capture_on_commit_callbacks
):
    args, changed = CASES[name](nb)
    mail.outbox.clear()
    switch_off(nb, name.split(".")[0])
    with django_capture_on_commit_callbacks(execute=True):
        result = task_of(name).call(*args)
    assert not result
    assert not changed() and mail.outbox == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_task_does_its_work_when_the_component_is_on(
    name, nb, django_capture_on_commit_callbacks
):
    """(So that the case above can fail: each set-up leaves something to do.)"""
    args, changed = CASES[name](nb)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = task_of(name).call(*args)
    assert result
    assert changed() or mail.outbox


def component_tasks() -> list[tuple[str, Task]]:
    found = []
    for config in apps.get_app_configs():
        component = getattr(config, "component", None)
        if component is None or component.label in ALWAYS_ON:
            continue
        try:
            module = importlib.import_module(f"{config.name}.tasks")
        except ModuleNotFoundError:
            continue
        for attr, value in vars(module).items():
            if isinstance(value, Task) and value.func.__module__ == module.__name__:
                found.append((f"{config.label}.{attr}", value))
    return sorted(found, key=lambda pair: pair[0])


def test_every_task_of_a_switchable_component_reloads_through_the_guard():
    """A task gets ids; it must reload them with ``load``/``load_neighbourhood`` (directly or
    through a lifecycle or a helper of its module that does), which answer None where the
    component is switched off. A new task that reads rows another way fails here."""
    guards = ("load(", "load_neighbourhood(", "_EXPIRY.", "_tell(")
    unguarded = [
        name
        for name, task in component_tasks()
        if not any(guard in inspect.getsource(task.func) for guard in guards)
    ]
    assert unguarded == []
    assert len(component_tasks()) >= 30
