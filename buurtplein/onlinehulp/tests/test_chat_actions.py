"""The chat's life in actions: numbered messages that are stored once, taking a chat once,
closing, registration and rating; and when a desk is open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory
from buurtplein.core.tests.moments import MOMENTS, local
from buurtplein.onlinehulp import actions, selectors
from buurtplein.onlinehulp.models import Author, Chat, ChatMessage, ConsultationHour
from buurtplein.onlinehulp.opening import opening
from buurtplein.onlinehulp.tests.factories import DeskFactory, new_chat

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    nb = NeighbourhoodFactory()
    with scopes_disabled():
        return DeskFactory(region=RegionFactory(neighbourhoods=[nb]), always_open=True)


def test_messages_are_numbered_in_order_and_a_resend_is_stored_once(desk):
    nb = desk.region.neighbourhoods.get()
    with scope(neighbourhood=nb):
        chat, token, code = actions.chat_start(desk=desk, neighbourhood=nb, first_name=" Sam ")
        assert chat.first_name == "Sam"
        assert selectors.access_chat(nb, token) == chat
        assert selectors.find_by_code(nb, code.lower().replace("-", " ")) == chat
        first, created = actions.message_post(
            chat=chat, author=Author.ASKER, text="Hoi", client_id="a1"
        )
        again, created_again = actions.message_post(
            chat=chat, author=Author.ASKER, text="Hoi", client_id="a1"
        )
        second, _ = actions.message_post(chat=chat, author=Author.ASKER, text="Ben je er?")
        assert (first.seq, second.seq) == (1, 2)
        assert created and not created_again and again.pk == first.pk
        assert list(chat.messages.values_list("seq", "text")) == [(1, "Hoi"), (2, "Ben je er?")]


def test_an_empty_or_too_long_message_is_refused_with_a_reason(desk):
    with scopes_disabled():
        chat = new_chat(desk)
    with pytest.raises(ValidationError) as empty:
        actions.message_post(chat=chat, author=Author.ASKER, text="   ")
    with pytest.raises(ValidationError):
        actions.message_post(chat=chat, author=Author.ASKER, text="x" * 2001)
    assert "text" in empty.value.message_dict
    with scopes_disabled():
        assert not ChatMessage.objects.exists()


def test_a_chat_is_taken_once_and_takes_no_messages_after_it_closed(desk):
    first, second = UserFactory(), UserFactory()
    organisation = OrganisationFactory()
    with scopes_disabled():
        chat = new_chat(desk)
        assert actions.chat_take(chat=chat, worker=first, organisation=organisation)
        late = Chat.objects.get(pk=chat.pk)
        late.state = Chat.State.WAITING  # what the second worker's page still showed
        assert not actions.chat_take(chat=late, worker=second, organisation=organisation)
        assert Chat.objects.get(pk=chat.pk).worker == first
        assert actions.chat_close(chat=chat)
        assert not actions.chat_close(chat=chat, worker=first)
        with pytest.raises(ValidationError):
            actions.message_post(chat=chat, author=Author.WORKER, text="Nog iets", worker=first)


def test_registration_and_rating_are_checked(desk):
    worker = UserFactory()
    with scopes_disabled():
        chat = new_chat(desk)
        with pytest.raises(ValidationError) as wrong:
            actions.chat_register(
                chat=chat, worker=worker, topic="Huur", life_domain="nonsense", outcome=""
            )
        assert set(wrong.value.message_dict) == {"life_domain", "outcome"}
        actions.chat_register(
            chat=chat, worker=worker, topic="Huur", life_domain="money", outcome="pointed"
        )
        with pytest.raises(ValidationError):
            actions.chat_rate(chat=chat, rating=6)
        actions.chat_rate(chat=chat, rating=5, text="Fijn dat je er was")
        chat.refresh_from_db()
    assert (chat.life_domain, chat.outcome, chat.rating) == ("money", "pointed", 5)


def test_queue_position_counts_the_region_not_the_neighbourhood(desk):
    second = NeighbourhoodFactory()
    desk.region.neighbourhoods.add(second)
    with scopes_disabled():
        first = new_chat(desk)
        later = new_chat(desk, neighbourhood=second)
        new_chat(DeskFactory(region=RegionFactory(neighbourhoods=[NeighbourhoodFactory()])))
        assert selectors.queue_position(first) == 1
        assert selectors.queue_position(later) == 2


# --- opening -------------------------------------------------------------------------------


def _desk_with(hours, **fields):
    desk = DeskFactory(**fields)
    for weekday, starts, ends in hours:
        ConsultationHour.objects.create(desk=desk, weekday=weekday, starts=starts, ends=ends)
    return desk


@pytest.mark.parametrize("name", list(MOMENTS))
def test_a_desk_open_day_and_night_is_open_at_every_moment(desk, name):
    state = opening(desk, MOMENTS[name])
    assert state.is_open and state.until is None


def test_evening_hours_say_until_when_and_when_next():
    # Monday to Friday 19:00–23:00; Friday also past midnight until 01:00.
    desk = _desk_with(
        [(d, dt.time(19), dt.time(23)) for d in range(4)] + [(4, dt.time(19), dt.time(1))]
    )
    monday = dt.date(2026, 12, 7)
    at_eight = opening(desk, local(monday, dt.time(20)))
    assert at_eight.is_open and at_eight.until == local(monday, dt.time(23))
    in_the_afternoon = opening(desk, local(monday, dt.time(15)))
    assert not in_the_afternoon.is_open
    assert in_the_afternoon.next_opens == local(monday, dt.time(19))
    friday_night = opening(desk, local(dt.date(2026, 12, 12), dt.time(0, 30)))
    assert friday_night.is_open and friday_night.until == local(dt.date(2026, 12, 12), dt.time(1))
    weekend = opening(desk, local(dt.date(2026, 12, 12), dt.time(12)))
    assert weekend.next_opens == local(dt.date(2026, 12, 14), dt.time(19))


def test_closed_on_public_holidays_when_the_desk_says_so():
    hours = [(d, dt.time(9), dt.time(17)) for d in range(7)]
    closed = _desk_with(hours, open_on_holidays=False)
    open_anyway = _desk_with(hours)
    christmas = local(dt.date(2026, 12, 25), dt.time(12))
    assert not opening(closed, christmas).is_open
    assert opening(closed, christmas).next_opens == local(dt.date(2026, 12, 27), dt.time(9))
    assert opening(open_anyway, christmas).is_open


def test_opening_across_the_night_the_clocks_change():
    desk = _desk_with([(6, dt.time(1), dt.time(4))])  # Sunday 01:00–04:00
    state = opening(desk, MOMENTS["summer-time-2026-03:30"])
    assert state.is_open and state.until == local(dt.date(2026, 3, 29), dt.time(4))
    assert opening(desk, MOMENTS["winter-time-2026-02:30-again"]).is_open
