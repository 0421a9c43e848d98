"""Online help's figures match its rows; a worker's export and erasure."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
from buurtplein.onlinehulp.models import Chat, Question, Shift
from buurtplein.onlinehulp.privacy import erase, export, stats
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat, take_part

pytestmark = pytest.mark.django_db


def _question(desk, nb, **fields):
    from buurtplein.onlinehulp.models import code_digest, new_code, new_token, token_digest

    return Question.objects.create(
        desk=desk,
        neighbourhood=nb,
        token_hash=token_digest(new_token()),
        code_hash=code_digest(new_code()),
        **fields,
    )


def test_the_figures_count_the_rows_of_this_neighbourhood_only():
    nb, elsewhere = NeighbourhoodFactory(), NeighbourhoodFactory()
    now = timezone.now()
    with scopes_disabled():
        desk = DeskFactory(region=RegionFactory(neighbourhoods=[nb, elsewhere]))
        new_chat(
            desk,
            nb,
            created_at=now - dt.timedelta(minutes=10),
            taken_at=now - dt.timedelta(minutes=6),
            state=Chat.State.CLOSED,
            outcome="pointed",
            life_domain="money",
            rating=4,
        )
        new_chat(
            desk,
            nb,
            created_at=now - dt.timedelta(minutes=5),
            taken_at=now - dt.timedelta(minutes=3),
            outcome="listened",
            rating=5,
        )
        new_chat(desk, nb)  # still waiting
        new_chat(desk, elsewhere, outcome="pointed")
        _question(
            desk, nb, due_at=now, answered_at=now - dt.timedelta(hours=1), life_domain="money"
        )
        _question(desk, nb, due_at=now - dt.timedelta(days=1), answered_at=now, escalated_at=now)
        _question(desk, nb, due_at=now + dt.timedelta(days=2))
    figures = stats(nb)
    assert figures["onlinehulp_chats"] == 3
    assert figures["onlinehulp_chats_taken"] == 2
    assert figures["onlinehulp_minutes_to_take"] == 3.0  # (4 + 2) / 2
    assert (figures["onlinehulp_ratings"], figures["onlinehulp_rating_avg"]) == (2, 4.5)
    assert figures["onlinehulp_outcome_pointed"] == 1
    assert figures["onlinehulp_outcome_listened"] == 1
    assert figures["onlinehulp_domain_money"] == 2  # a chat and a question
    assert figures["onlinehulp_questions"] == 3
    assert figures["onlinehulp_questions_answered"] == 2
    assert figures["onlinehulp_questions_in_time"] == 1
    assert figures["onlinehulp_questions_escalated"] == 1


def test_a_worker_exports_their_shifts_and_leaves_nothing_behind_but_the_chats():
    nb = NeighbourhoodFactory()
    worker = UserFactory()
    organisation = OrganisationFactory(name="Jongerenwerk")
    with scopes_disabled():
        desk = DeskFactory(name="Hulpchat", region=RegionFactory(neighbourhoods=[nb]))
        take_part(desk, organisation, coordinators=[worker])
        Shift.objects.create(
            desk=desk,
            worker=worker,
            organisation=organisation,
            date=dt.date(2026, 12, 8),
            starts=dt.time(19),
            ends=dt.time(23),
        )
        chat = new_chat(desk, worker=worker, organisation=organisation)
    data = export(worker)
    assert data["online_help_shifts"] == [
        {
            "desk": "Hulpchat",
            "organisation": "Jongerenwerk",
            "date": "2026-12-08",
            "from": "19:00",
            "until": "23:00",
        }
    ]
    assert data["online_help_chats_taken"] == 1
    assert data["online_help_coordinator_of"] == ["Jongerenwerk (Hulpchat)"]
    erase(worker)
    worker.delete()
    with scopes_disabled():
        assert not Shift.objects.exists()
        chat.refresh_from_db()
    assert chat.worker is None
