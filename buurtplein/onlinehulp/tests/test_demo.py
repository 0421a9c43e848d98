"""The demo of online help, as a person trying it notices: Nijmegen-Oost and Ooij share one
regional chat, staffed by workers of three organisations, open at any hour of any day (the
night the clocks change included); the demo professional works for it; Amersfoort has no
desk; the history has registrations and ratings, and an e-mail question waits for an answer."""

import pytest
import time_machine
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership, Neighbourhood
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.onlinehulp import selectors
from buurtplein.onlinehulp.demo import DEMO_PROFESSIONAL
from buurtplein.onlinehulp.models import Chat, Question
from buurtplein.onlinehulp.opening import opening

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seeded_demo):
    """The tiny demo, seeded once for this module (``seeded_demo`` in the root conftest)."""


def test_one_regional_chat_of_three_organisations_for_nijmegen_oost_and_ooij(demo):
    with scopes_disabled():
        desks = {nb.slug: selectors.desk_for(nb) for nb in Neighbourhood.objects.all()}
        assert desks["nijmegen-oost"] is not None
        assert desks["ooij"] == desks["nijmegen-oost"]
        assert desks["amersfoort-liendert"] is None
        desk = desks["ooij"]
        staffed = {
            p.organisation.name: p.organisation.staff.count() for p in desk.participants.all()
        }
    assert set(staffed) == {
        "Sterker Welzijn",
        "Jongerenwerk Nijmegen",
        "Maatschappelijk Werk Rijk van Nijmegen",
    }
    assert all(count >= 2 for count in staffed.values())


@pytest.mark.parametrize("name", list(MOMENTS))
def test_the_demo_chat_is_open_at_any_moment(demo, name):
    with scopes_disabled():
        desk = selectors.desk_for(Neighbourhood.objects.get(slug="nijmegen-oost"))
    with time_machine.travel(MOMENTS[name], tick=False):
        assert opening(desk).is_open


def test_the_demo_professional_works_for_the_desk_and_coordinates(demo):
    with scopes_disabled():
        nb = Neighbourhood.objects.get(slug="nijmegen-oost")
        membership = Membership.objects.select_related("user").get(
            neighbourhood=nb, user__email=DEMO_PROFESSIONAL
        )
        viewer = Viewer(membership.user, nb, membership)
        participations = selectors.worker_participations(viewer)
    assert [p.organisation.name for p in participations] == ["Sterker Welzijn"]
    assert membership.user in participations[0].coordinators.all()


def test_the_history_has_registrations_ratings_and_a_waiting_question(demo):
    with scopes_disabled():
        closed = Chat.objects.filter(state=Chat.State.CLOSED)
        assert closed.exclude(outcome="").count() == closed.count() > 0
        assert closed.filter(rating__isnull=False).exists()
        assert Question.objects.filter(state=Question.State.NEW).exists()
        assert Question.objects.filter(state=Question.State.ANSWERED).exists()
