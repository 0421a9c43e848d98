"""The sociale kaart's part of the neighbourhood's search: who is found as a professional."""

import pytest
from django_scopes import scope

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.socialmap.search import find_professionals
from buurtplein.socialmap.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_finds_professionals_but_not_a_neighbour_with_a_card():
    nb = NeighbourhoodFactory()
    club = OrganisationFactory(name="Schaakclub Oost")
    club.neighbourhoods.add(nb)
    board = member(nb, first_name="Geheim")
    worker = member(nb, first_name="Sanne", role=Role.PROFESSIONAL)
    ProfessionalFactory(neighbourhood=nb, user=board, organisation=club, job_title="Voorzitter")
    ProfessionalFactory(neighbourhood=nb, user=worker, organisation=club, job_title="Trainer")
    visitor = Viewer(user=None, neighbourhood=nb, membership=None)
    with scope(neighbourhood=nb):
        neighbour = Viewer(user=board, neighbourhood=nb, membership=board.memberships.get())
        seen = [hit.title for hit in find_professionals(visitor, "schaakclub", 10).hits]
        seen_by_neighbour = find_professionals(neighbour, "schaakclub", 10).total
    assert seen == [worker.display_name]
    assert seen_by_neighbour == 2
