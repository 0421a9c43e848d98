"""The five migrations that made a kind searchable share one set of operations
(``core.migration_ops.add_search_words``). Their filling step still writes, for the rows already
there, the search words each migration wrote when it was its own copy: the same parts in the
same order, nothing for an empty relation (an activity without an organisation)."""

import importlib

import pytest
from django.apps import apps
from django.db import migrations
from django_scopes import scopes_disabled

from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.agenda.tests.factories import ActivityFactory
from buurtplein.clubs.tests.factories import make_club
from buurtplein.core.migration_ops import FillSearchWords
from buurtplein.core.search import text_of
from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.exchange.tests.factories import ItemFactory
from buurtplein.infopages.tests.factories import InfoPageFactory
from buurtplein.volunteering.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

# The parts each migration's own fill function gave ``text_of`` before they were shared.
BEFORE = {
    "infopages.0003_search_vector": lambda r: (r.title, r.body, r.facts),
    "clubs.0004_search_vector": lambda r: (
        r.organisation.name,
        r.kind,
        r.pitch,
        r.description,
        r.meets_where,
        r.meets_when,
    ),
    "agenda.0005_search_vector": lambda r: (
        r.title,
        r.description,
        r.place_name,
        r.address,
        r.organisation.name if r.organisation_id else "",
    ),
    "exchange.0004_search_vector": lambda r: (r.title, r.description, r.area, r.initiative_name),
    "volunteering.0003_search_vector": lambda r: (
        r.title,
        r.task,
        r.schedule,
        r.address,
        r.organisation.name,
    ),
}


def fill_of(name: str) -> FillSearchWords:
    app, migration = name.split(".")
    module = importlib.import_module(f"buurtplein.{app}.migrations.{migration}")
    (run,) = [op for op in module.Migration.operations if isinstance(op, migrations.RunPython)]
    return run.code


@pytest.fixture
def rows():
    nb = NeighbourhoodFactory()
    organisation = OrganisationFactory(name="Buurthuis De Klinker")
    organisation.neighbourhoods.add(nb)
    return {
        "infopages.0003_search_vector": [
            InfoPageFactory(neighbourhood=nb, title="Afval", body="Grof vuil", facts="Dinsdag")
        ],
        "clubs.0004_search_vector": [
            make_club(nb, name="Bridgeclub", meets_where="De Klinker", meets_when="Maandag")
        ],
        "agenda.0005_search_vector": [
            ActivityFactory(neighbourhood=nb, place_name="Park", address="Ooijpolder 1"),
            ActivityFactory(neighbourhood=nb, organisation=organisation),
        ],
        "exchange.0004_search_vector": [
            ItemFactory(neighbourhood=nb, area="Javastraat", initiative_name="Repair café")
        ],
        "volunteering.0003_search_vector": [VacancyFactory(neighbourhood=nb)],
    }


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_the_shared_fill_writes_what_each_migration_wrote(rows, name):
    model = type(rows[name][0])
    with scopes_disabled():
        model._base_manager.update(search_text="")
        fill_of(name)(apps, None)
        for row in model._base_manager.all():
            assert row.search_text == text_of(*BEFORE[name](row))
            assert row.search_text  # there was something to fill
    assert fill_of(name).model.lower() == f"{name.split('.')[0]}.{model._meta.model_name}"


def test_no_search_index_keeps_a_list_of_new_words_that_every_search_reads():
    """PostgreSQL's GIN indexes keep new rows' words in an unsorted pending list by default
    (``fastupdate``), which every search reads in full until a vacuum sorts it in (posts at S:
    a search three times slower). Every searched kind's index has it off
    (``core.migration_ops.SearchIndexWithoutPendingList``, and ``add_search_words`` for new
    kinds). SQLite has no such index."""
    from django.db import connection

    searched = {
        model._meta.db_table
        for model in apps.get_models()
        if any(field.name == "search_vector" for field in model._meta.concrete_fields)
    }
    assert len(searched) >= 7
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT t.relname, c.relname, c.reloptions
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_am a ON a.oid = c.relam
            WHERE a.amname = 'gin' AND t.relname = ANY(%s)
            """,
            [sorted(searched)],
        )
        indexes = cursor.fetchall()
    assert {table for table, _, _ in indexes} == searched
    assert [
        (index, options) for _, index, options in indexes if "fastupdate=off" not in (options or [])
    ] == []
