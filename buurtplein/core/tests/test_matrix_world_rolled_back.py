"""The matrix world of a module is gone once its module is done (see test_matrix_world.py):
its transaction is rolled back, so no other module sees its neighbourhoods or people."""

from django_scopes import scopes_disabled

from buurtplein.core.models import Neighbourhood


def test_no_module_world_outlives_its_module(db):
    with scopes_disabled():
        assert not Neighbourhood.objects.filter(slug__in=["eigen-buurt", "lek"]).exists()
