"""Finding services by need: a resident's own words find the right services first, on SQLite
and (CI) on PostgreSQL, with and without the semantic signal."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django_scopes import scope
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from buurtplein.core.permissions import Viewer
from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.socialmap import finding, selectors
from buurtplein.socialmap.models import LifeDomain, Service, State
from buurtplein.socialmap.tests.factories import ServiceFactory
from buurtplein.socialmap.tests.services_nl import make_services

pytestmark = pytest.mark.django_db

# A resident's words → the services that should come first (any one of them).
PHRASES = {
    "ik kan de huur niet betalen": {"Schuldhulpmaatje", "Huurteam"},
    "eenzaam": {"Maatjesproject Samen", "Inloop Buurthuis De Klinker"},
    "schulden": {"Schuldhulpmaatje"},
    "een brief van de deurwaarder": {"Schuldhulpmaatje", "Voedselbank Oost"},
    "formulieren invullen": {"Formulierenbrigade"},
    "mantelzorg": {"Mantelzorgsteunpunt"},
    "Ik zorg voor mijn moeder en ben moe": {"Mantelzorgsteunpunt", "Wijkverpleging"},
    "taal leren": {"Taalhuis"},
    "computer": {"Digicafé"},
    "mijn kind": {"Opvoedsteunpunt", "Jongerenwerk"},
    "geweld thuis": {"Veilig Thuis"},
    "ik zoek werk": {"Werkplein"},
    "vervoer naar het ziekenhuis": {"Automaatje"},
}


@pytest.fixture
def kaart():
    nb = NeighbourhoodFactory()
    made = make_services(nb)
    # Another neighbourhood's debt help is never found here.
    ServiceFactory(neighbourhood=NeighbourhoodFactory(), name="Schuldhulp elders")
    return nb, made


def names(nb, query, **filters):
    with scope(neighbourhood=nb):
        ranked = finding.ranking(Service.objects.filter(**filters), query)
    return [found.name for found in ranked or []]


@pytest.mark.embedded
@pytest.mark.parametrize("query", PHRASES)
def test_a_residents_own_words_find_the_right_service_first(kaart, query):
    nb, _made = kaart
    found = names(nb, query)
    assert found, f"{query!r} found nothing"
    assert found[0] in PHRASES[query], f"{query!r} → {found[:4]}"
    assert "Schuldhulp elders" not in found


@pytest.mark.embedded
def test_rent_arrears_find_money_and_housing_help_before_anything_else(kaart):
    nb, made = kaart
    found = names(nb, "ik kan de huur niet betalen")
    top = [made[name] for name in found[:4]]
    assert all({"money", "housing"} & set(s.life_domains) for s in top), found[:4]
    assert {"Schuldhulpmaatje", "Huurteam"} <= set(found[:4])
    # …and nothing about children or language.
    assert "Opvoedsteunpunt" not in found and "Taalhuis" not in found


@pytest.mark.embedded
def test_an_empty_query_or_stop_words_leave_the_list_as_it_is(kaart):
    nb, made = kaart
    with scope(neighbourhood=nb):
        assert finding.ranking(Service.objects.all(), "") is None
        assert finding.ranking(Service.objects.all(), "ik wil graag hulp") is None
        viewer = Viewer(user=None, neighbourhood=nb, membership=None)
        listed = selectors.service_list(viewer, selectors.Filters(q="ik wil graag hulp"), size=50)
    assert len(listed.items) == len(made)


@pytest.mark.embedded
def test_ranking_keeps_the_filters_of_the_list(kaart):
    nb, made = kaart
    with scope(neighbourhood=nb):
        Service.objects.filter(pk=made["Schuldhulpmaatje"].pk).update(state=State.ENDED)
    found = names(nb, "schulden", state=State.ACTIVE)
    assert "Schuldhulpmaatje" not in found
    assert found[0] in {"Voedselbank Oost", "Formulierenbrigade"}


def test_a_need_word_points_to_its_life_domains():
    assert set(finding.domains_for("ik kan de huur niet betalen")) == {"money", "housing"}
    assert set(finding.domains_for("eenzaam")) == {"taking_part"}
    assert set(finding.domains_for("huurachterstand")) >= {"money"}
    # the curated synonyms of buurthulp count too: paperwork → money
    assert "money" in finding.domains_for("belastingaangifte toeslagen")
    assert finding.domains_for("fiets") == {}


def test_every_life_domain_has_need_words():
    assert set(finding.NEED_WORDS) == set(LifeDomain)


@pytest.mark.embedded
def test_index_keeps_the_domains_and_both_languages(kaart):
    nb, made = kaart
    text = made["Huurteam"].search_text
    assert finding.domain_token("housing") in text
    assert "wonen" in text and "housing" in text
    if connection.vendor == "postgresql":
        with scope(neighbourhood=nb):
            assert Service.objects.filter(pk=made["Huurteam"].pk, search_vector="huurder").exists()


def test_a_search_takes_one_query(kaart, django_assert_num_queries):
    nb, _made = kaart
    with scope(neighbourhood=nb), django_assert_num_queries(1):
        finding.ranking(Service.objects.all(), "ik kan de huur niet betalen")


@hsettings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_text_is_a_query(kaart, query):
    nb, made = kaart
    found = names(nb, query)
    assert set(found) <= set(made)
    assert len(found) == len(set(found))


# --- the semantic signal -------------------------------------------------------------------------


@pytest.fixture
def semantic(settings, django_capture_on_commit_callbacks):
    settings.BUURTPLEIN_EMBEDDINGS = "on"
    nb = NeighbourhoodFactory()
    made = make_services(nb)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        for service in made.values():
            finding.after_save(service)  # what every action that saves a service calls
    return nb, made


@pytest.mark.embedded
def test_services_are_embedded_in_the_background_and_found_by_meaning(semantic):
    nb, made = semantic
    with scope(neighbourhood=nb):
        assert Service.objects.filter(embedding__isnull=False).count() == len(made)
    # No word in common with "Samen kapotte spullen repareren": meaning finds it.
    assert names(nb, "mijn wasmachine is kapot")[0] == "Repair Café"
    assert names(nb, "ik heb niemand om mee te praten")[0] in {
        "Maatjesproject Samen",
        "Inloop Buurthuis De Klinker",
        "Algemeen maatschappelijk werk",
    }
    for query in ("ik kan de huur niet betalen", "schulden", "geweld thuis", "taal leren"):
        assert names(nb, query)[0] in PHRASES[query], query


def test_an_unchanged_service_is_not_embedded_again(semantic):
    nb, made = semantic
    with scope(neighbourhood=nb):
        service = Service.objects.get(pk=made["Taalhuis"].pk)
        assert finding.embed_service(service) is False
        service.summary = "Nederlands leren spreken in een kleine groep."
        assert finding.embed_service(service) is True


def test_a_cached_query_with_meaning_takes_one_query(semantic, django_assert_num_queries):
    nb, _made = semantic
    names(nb, "schulden")  # embeds the query and loads the neighbourhood's pool
    with scope(neighbourhood=nb), django_assert_num_queries(1):
        finding.ranking(Service.objects.all(), "schulden")


def test_without_embeddings_nothing_is_planned(kaart, django_capture_on_commit_callbacks):
    nb, made = kaart
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks() as callbacks:
        finding.after_save(made["Taalhuis"])
    assert callbacks == []
    assert names(nb, "taal leren")[0] == "Taalhuis"


def test_a_flood_of_new_searches_plans_only_so_many_embeddings(kaart, settings):
    from django.core.cache import cache

    settings.BUURTPLEIN_EMBEDDINGS = "on"
    nb, _made = kaart
    word = lambda n: "".join(chr(97 + int(d)) for d in f"{n:03d}")  # noqa: E731  12 → "abc"
    queries = [f"schulden {word(n)}" for n in range(finding.PLANNED_PER_MINUTE + 5)]
    assert len({finding.query_key(q) for q in queries}) == len(queries)
    with time_machine.travel(datetime(2026, 12, 7, 12, 0, 5, tzinfo=UTC), tick=False):
        for query in queries:
            names(nb, query)  # the test backend runs the planned task at once
    embedded = sum(cache.get(finding.query_key(q)) is not None for q in queries)
    assert embedded == finding.PLANNED_PER_MINUTE
