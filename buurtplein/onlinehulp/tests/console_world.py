"""The world of the console's tests: a region of two neighbourhoods (the worker's and a
neighbour's) whose desk is open day and night and staffed by two organisations, and another
region with its own desk."""

from __future__ import annotations

from types import SimpleNamespace

from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.models import Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, RegionFactory, member
from buurtplein.onlinehulp.tests.factories import DeskFactory, take_part


def worker_of(organisation, neighbourhood, *, role=Role.RESIDENT, **names):
    """A verified member of ``neighbourhood`` on the staff of ``organisation``."""
    user = member(neighbourhood, role=role, **names)
    organisation.staff.add(user)
    return user


def console_world() -> SimpleNamespace:
    with scopes_disabled():
        here = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6522")
        next_door = NeighbourhoodFactory(name="Bottendaal", slug="bottendaal", pc4="6511")
        far = NeighbourhoodFactory(name="Liendert", slug="liendert", pc4="3825")
        desk = DeskFactory(region=RegionFactory(neighbourhoods=[here, next_door]), always_open=True)
        far_desk = DeskFactory(region=RegionFactory(neighbourhoods=[far]), always_open=True)
        jeugd = OrganisationFactory(name="Jeugdwerk Oost", slug="jeugdwerk-oost")
        welzijn = OrganisationFactory(name="Welzijn Noord", slug="welzijn-noord")
        outsider_org = OrganisationFactory(name="Sportclub", slug="sportclub")
        far_org = OrganisationFactory(name="Welzijn Liendert", slug="welzijn-liendert")
        for org in (jeugd, welzijn, outsider_org):
            org.neighbourhoods.add(here, next_door)
        far_org.neighbourhoods.add(far)
        take_part(desk, jeugd, read_along=True)
        take_part(desk, welzijn)
        take_part(far_desk, far_org)
        return SimpleNamespace(
            here=here,
            next_door=next_door,
            far=far,
            desk=desk,
            far_desk=far_desk,
            jeugd=jeugd,
            welzijn=welzijn,
            worker=worker_of(jeugd, here, first_name="Mira", last_name="de Vries"),
            colleague=worker_of(welzijn, here, first_name="Youssef", last_name="Amrani"),
            coach=worker_of(jeugd, here, first_name="Ellen", last_name="Bos"),
            outsider=worker_of(outsider_org, here, first_name="Piet"),
            far_worker=worker_of(far_org, far, first_name="Lotte"),
            resident=member(here, first_name="Rik"),
        )
