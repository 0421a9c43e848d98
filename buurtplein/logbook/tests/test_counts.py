"""The logbook's figures in the count tables equal its rows: entries registered, corrected
(also to another month), deleted, and of a professional whose account was deleted — through
the actions, with the marks flushed on commit and the recount task run."""

import datetime as dt
from collections import defaultdict

import pytest
import time_machine
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.life_domains import LifeDomain
from buurtplein.core.tests.moments import local
from buurtplein.logbook import actions
from buurtplein.logbook.counts import FIGURES, counts
from buurtplein.logbook.models import Entry, Kind
from buurtplein.reporting import selectors as reporting
from buurtplein.reporting.models import MonthFigure

# Writes are counted into the count tables here (off elsewhere: conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.counting]

NOW = local(dt.date(2026, 12, 9), dt.time(11))
NOVEMBER, DECEMBER, JANUARY = dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1)


def from_rows(nb) -> dict:
    """What the figures must be, added up in Python from the entries themselves."""
    found = defaultdict(int)
    with scopes_disabled():
        rows = list(Entry.objects.filter(neighbourhood=nb))
    for entry in rows:
        month = entry.day.replace(day=1)
        for organisation_id in {None, entry.organisation_id}:
            at = (month, organisation_id)
            if entry.kind == Kind.CONTACT:
                found[(*at, "logbook.contacts")] += 1
                found[(*at, "logbook.people")] += entry.people
                found[(*at, f"logbook.contacts.{entry.life_domain}")] += 1
            if entry.kind == Kind.GROUP:
                found[(*at, "logbook.groups")] += 1
                found[(*at, "logbook.participants")] += entry.people
            found[(*at, "logbook.minutes")] += entry.minutes
            found[(*at, f"logbook.minutes.{entry.life_domain}")] += entry.minutes
    return {key: value for key, value in found.items() if value}


def in_table(nb) -> dict:
    with scopes_disabled():
        rows = MonthFigure.objects.filter(neighbourhood=nb, key__startswith="logbook.")
        return {(r.month, r.organisation_id, r.key): r.value for r in rows}


def register(nb, author, **fields):
    with scope(neighbourhood=nb):
        return actions.entry_create(author=author, neighbourhood=nb, **fields)


def test_the_count_tables_follow_every_action(
    nb, welfare, professional, colleague, django_capture_on_commit_callbacks
):
    second = OrganisationFactory(name="Buurtteam")
    second.neighbourhoods.add(nb)
    second.staff.add(colleague)
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            register(
                nb,
                professional,
                kind=Kind.CONTACT,
                how="phone",
                life_domain="money",
                people=2,
                minutes=30,
                organisation=welfare,
                day=dt.date(2026, 11, 28),
            )
            moved = register(
                nb,
                professional,
                kind=Kind.GROUP,
                life_domain="taking_part",
                people=14,
                minutes=120,
                organisation=welfare,
                day=dt.date(2026, 11, 30),
            )
            register(nb, professional, kind=Kind.HOURS, life_domain="housing", minutes=45)
            register(
                nb,
                colleague,
                kind=Kind.CONTACT,
                how="home_visit",
                life_domain="health",
                people=1,
                organisation=second,
            )
            gone = register(
                nb, colleague, kind=Kind.CONTACT, how="online", life_domain="money", people=1
            )
        assert in_table(nb) == from_rows(nb)
        assert in_table(nb)[(NOVEMBER, welfare.pk, "logbook.participants")] == 14
        assert in_table(nb)[(DECEMBER, None, "logbook.contacts")] == 2

        # Corrected to another month: November loses it, December gains it.
        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            actions.entry_update(
                entry=Entry.objects.get(pk=moved.pk),
                actor=professional,
                kind=Kind.GROUP,
                life_domain="taking_part",
                people=16,
                minutes=120,
                organisation=welfare,
                day=dt.date(2026, 12, 1),
            )
        assert in_table(nb) == from_rows(nb)
        assert (NOVEMBER, welfare.pk, "logbook.groups") not in in_table(nb)
        assert in_table(nb)[(DECEMBER, welfare.pk, "logbook.participants")] == 16

        with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
            actions.entry_delete(entry=Entry.objects.get(pk=gone.pk), actor=colleague)
        assert in_table(nb) == from_rows(nb)

        # A professional leaves: their entries stay, without their name, and so do the figures.
        before = in_table(nb)
        with django_capture_on_commit_callbacks(execute=True):
            professional.delete()
        assert in_table(nb) == before == from_rows(nb)
        with scopes_disabled():
            assert Entry.objects.filter(author=None).count() == 3

    # A report of the two months reads the sums of the months.
    sums = reporting.sums([nb.pk], NOVEMBER, JANUARY, organisation_id=welfare.pk)
    assert sums["logbook.contacts"] == (1, 0) and sums["logbook.minutes"] == (150, 0)
    assert sums["logbook.minutes.taking_part"] == (120, 0)


def test_one_month_is_counted_in_one_query_with_only_declared_keys(
    nb, welfare, professional, django_assert_num_queries
):
    declared = {figure.key for figure in FIGURES}
    assert len(declared) == 5 + 2 * len(LifeDomain)
    with time_machine.travel(NOW, tick=False):
        for domain in LifeDomain.values:
            register(
                nb,
                professional,
                kind=Kind.CONTACT,
                how="phone",
                life_domain=domain,
                people=1,
                minutes=15,
                organisation=welfare,
            )
        start, end = local(DECEMBER), local(JANUARY)
        with scope(neighbourhood=nb), django_assert_num_queries(1):
            found = list(counts(nb, start, end))
    assert {count.key for count in found} <= declared
    assert {count.key for count in found if count.organisation_id is None} == declared - {
        "logbook.groups",
        "logbook.participants",
    }
