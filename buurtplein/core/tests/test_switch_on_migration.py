"""``core.migration_ops.switch_component_on``: a component that arrives later is switched on
in the neighbourhoods that exist, once, and off again when migrated back."""

import pytest
from django.apps import apps

from buurtplein.core.migration_ops import switch_component_on
from buurtplein.core.models import Neighbourhood
from buurtplein.core.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_on_in_every_neighbourhood_once_and_off_again():
    oost = NeighbourhoodFactory(components=["square"])
    west = NeighbourhoodFactory(components=["square", "onlinehulp"])
    operation = switch_component_on("onlinehulp")

    operation.code(apps, None)
    operation.code(apps, None)  # twice: still once in the list
    assert Neighbourhood.objects.get(pk=oost.pk).components == ["square", "onlinehulp"]
    assert Neighbourhood.objects.get(pk=west.pk).components == ["square", "onlinehulp"]

    operation.reverse_code(apps, None)
    assert Neighbourhood.objects.get(pk=oost.pk).components == ["square"]
    assert Neighbourhood.objects.get(pk=west.pk).components == ["square"]
