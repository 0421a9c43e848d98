"""Open data in Open Referral HSDS: export, import, and the round trip between them."""

import io
import json
import zipfile
from datetime import time

import pytest
import time_machine
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buurtplein.accounts.models import Organisation
from buurtplein.accounts.tests.factories import OrganisationFactory
from buurtplein.core.tests.factories import NeighbourhoodFactory
from buurtplein.core.tests.moments import MOMENTS
from buurtplein.socialmap import hsds
from buurtplein.socialmap.models import Hours, Service, State
from buurtplein.socialmap.tests.factories import (
    HoursFactory,
    LocationFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(MOMENTS["wed-12:00"], tick=False):
        yield


@pytest.fixture
def source():
    """A neighbourhood with two services: one with a place, walk-in, consultation and phone
    hours, and one with only hours by phone; plus an ended service that is not exported."""
    with scopes_disabled():
        nb = NeighbourhoodFactory(name="Nijmegen-Oost", slug="nijmegen-oost", pc4="6521")
        org = OrganisationFactory(
            name="Sterker Welzijn",
            email="info@sterker.example",
            phone="024 123 45 67",
            website="https://example.org/sterker",
            description_nl="Welzijnswerk in Oost.",
        )
        org.neighbourhoods.add(nb)
        debts = ServiceFactory(
            neighbourhood=nb,
            organisation=org,
            name="Geldzaken op orde",
            chat_url="https://example.org/chat",
            is_free=True,
            costs="",
            eligibility="Iedereen in Nijmegen-Oost.",
            how_to_apply="Kom langs of bel.",
            life_domains=["money"],
            target_groups=["adults"],
            languages=["nl", "ar"],
        )
        place = LocationFactory(
            service=debts, address="Javastraat 12", wheelchair=True, hearing_loop=True
        )
        HoursFactory(service=debts, location=place, kind=Hours.Kind.WALK_IN, note="Inloop")
        HoursFactory(
            service=debts,
            location=place,
            kind=Hours.Kind.CONSULTATION,
            weekday=Hours.Weekday.THURSDAY,
            opens_at=time(13, 0),
            closes_at=time(17, 0),
        )
        HoursFactory(
            service=debts,
            kind=Hours.Kind.PHONE,
            weekday=Hours.Weekday.MONDAY,
            opens_at=time(9, 0),
            closes_at=time(12, 30),
        )
        cafe = ServiceFactory(
            neighbourhood=nb,
            organisation=OrganisationFactory(name="Repair Café Oost"),
            name="Repair Café",
            description="",
            is_free=False,
            costs="Vrijwillige bijdrage",
            languages=["nl"],
            life_domains=["taking_part", "transport"],
            target_groups=["everyone"],
            phone="",
            email="",
            website="",
        )
        HoursFactory(service=cafe, kind=Hours.Kind.OPEN, weekday=Hours.Weekday.SATURDAY)
        ServiceFactory(neighbourhood=nb, organisation=org, name="Oude dienst", state=State.ENDED)
    return nb


def _comparable(services):
    """What must survive the round trip: everything but when the record last changed and the
    area (the neighbourhood's name), which differ between neighbourhoods on purpose."""
    services = json.loads(json.dumps(services))
    for service in services:
        service.pop("last_modified")
        service.pop("service_areas")
    return services


def test_export_lists_the_active_services_with_their_places_hours_and_terms(source):
    services = hsds.export_json(source)
    assert [s["name"] for s in services] == ["Geldzaken op orde", "Repair Café"]
    debts = services[0]
    with scope(neighbourhood=source):
        assert debts["id"] == str(Service.objects.get(name="Geldzaken op orde").uid)
    assert debts["organization"]["name"] == "Sterker Welzijn"
    assert debts["organization"]["phones"][0]["number"] == "024 123 45 67"
    location = debts["service_at_locations"][0]["location"]
    assert location["addresses"][0]["address_1"] == "Javastraat 12"
    assert {a["description"] for a in location["accessibility"]} == {
        "Wheelchair accessible",
        "Hearing loop",
    }
    at_place = debts["service_at_locations"][0]["schedules"]
    assert {(s["byday"], s["opens_at"], s["attending_type"]) for s in at_place} == {
        ("TU", "09:00", "walk-in"),
        ("TH", "13:00", "by appointment"),
    }
    assert [(s["byday"], s["closes_at"]) for s in debts["schedules"]] == [("MO", "12:30")]
    codes = {a["taxonomy_term"]["code"] for a in debts["attributes"]}
    assert codes == {"life_domain:money", "target_group:adults", "contact:chat"}
    assert [lang["code"] for lang in debts["languages"]] == ["nl", "ar"]
    assert debts["cost_options"][0]["amount"] == 0
    assert services[1]["cost_options"][0]["amount"] is None
    assert services[1]["fees_description"] == "Vrijwillige bijdrage"


def test_export_holds_no_names_of_professionals(source):
    from buurtplein.core.tests.factories import member
    from buurtplein.socialmap.models import ServicePerson

    with scopes_disabled():
        person = member(source, first_name="Vertrouwelijke", last_name="Hulpverlener")
        service = Service.objects.get(name="Geldzaken op orde")
        ServicePerson.objects.create(neighbourhood=source, service=service, user=person)
    text = json.dumps(hsds.export_json(source))
    assert "Hulpverlener" not in text and person.email not in text


def test_json_round_trip_gives_the_same_services(source):
    exported = hsds.export_json(source)
    empty = NeighbourhoodFactory(name="Lege buurt", slug="lege-buurt", pc4="3825")
    plan = hsds.import_file(empty, json.dumps(exported).encode(), "kaart.json")
    assert plan.counts() == {"create": 2, "update": 0, "refuse": 0}, plan.report()
    assert _comparable(hsds.export_json(empty)) == _comparable(exported)
    # Importing the same file again updates the same services (nothing new).
    again = hsds.import_file(empty, json.dumps(exported).encode(), "kaart.json")
    assert again.counts() == {"create": 0, "update": 2, "refuse": 0}
    with scope(neighbourhood=empty):
        assert Service.objects.count() == 2
    assert Organisation.objects.filter(name="Sterker Welzijn").count() == 2  # one new, once


def test_csv_package_round_trip_gives_the_same_services(source):
    package = hsds.export_package(source)
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        names = set(archive.namelist())
        descriptor = json.loads(archive.read("datapackage.json"))
    assert {"datapackage.json", "services.csv", "schedules.csv", "locations.csv"} <= names
    assert {r["path"] for r in descriptor["resources"]} == names - {"datapackage.json"}
    empty = NeighbourhoodFactory(name="Lege buurt", slug="lege-buurt", pc4="3825")
    plan = hsds.import_file(empty, package, "kaart.zip")
    assert plan.counts() == {"create": 2, "update": 0, "refuse": 0}, plan.report()
    assert _comparable(hsds.export_json(empty)) == _comparable(hsds.export_json(source))


def test_import_updates_by_id_and_matches_organisations_by_name(source):
    exported = hsds.export_json(source)
    exported[0]["name"] = "Geldzaken op orde (nieuw)"
    exported[0]["organization"]["id"] = "register-17"  # the municipality's own id
    plan = hsds.import_file(source, json.dumps(exported).encode())
    assert plan.counts()["update"] == 2
    with scope(neighbourhood=source):
        service = Service.objects.get(uid=exported[0]["id"])
        assert service.name == "Geldzaken op orde (nieuw)"
        assert service.organisation.name == "Sterker Welzijn"
        assert service.search_text.startswith("geldzaken op orde (nieuw)")  # indexed
    assert Organisation.objects.filter(name="Sterker Welzijn").count() == 1
    assert hsds.export_json(source)[0]["organization"]["id"] == "register-17"


def test_a_register_with_its_own_words_and_ids_is_understood():
    nb = NeighbourhoodFactory()
    record = {
        "id": "123",
        "name": "Inloopspreekuur schuldhulp",
        "status": "active",
        "description": "Hulp bij schulden.",
        "assured_date": "2026-06-01",
        "organization": {"id": "org-1", "name": "Gemeente Nijmegen", "email": "wmo@example.nl"},
        "languages": [{"code": "nld"}, {"name": "English"}, {"code": "xx"}],
        "cost_options": [],
        "fees_description": "Gratis",
        "schedules": [
            {"byday": "MO,WE", "opens_at": "09:00Z", "closes_at": "11:30", "description": "Inloop"},
            {"freq": "MONTHLY", "byday": "1SA", "opens_at": "10:00", "closes_at": "12:00"},
        ],
        "service_at_locations": [
            {
                "location": {
                    "id": "L1",
                    "name": "Stadhuis",
                    "addresses": [{"address_1": "Korte Nieuwstraat 6", "city": "Nijmegen"}],
                    "accessibility": [{"description": "Rolstoeltoegankelijk, met ringleiding"}],
                }
            }
        ],
    }
    plan = hsds.import_file(nb, json.dumps([record]).encode())
    [result] = plan.records
    assert result.action == "create", result.errors
    assert any("xx" in warning for warning in result.warnings)
    assert any("MONTHLY" in warning for warning in result.warnings)
    with scope(neighbourhood=nb):
        service = Service.objects.get()
        assert service.uid == hsds.to_uuid("123")
        assert service.languages == ["nl", "en"] and service.is_free
        assert service.last_checked_at.date().isoformat() == "2026-06-01"
        assert [(h.weekday, h.kind) for h in service.hours.all()] == [
            (0, Hours.Kind.WALK_IN),
            (2, Hours.Kind.WALK_IN),
        ]
        location = service.locations.get()
        assert location.wheelchair and location.hearing_loop
    org = Organisation.objects.get(name="Gemeente Nijmegen")
    assert nb in org.neighbourhoods.all() and org.slug == "gemeente-nijmegen"


def test_bad_records_are_refused_one_by_one_with_the_reason():
    nb = NeighbourhoodFactory()
    good = {"id": "a", "name": "Taalhuis", "status": "active", "organization": {"name": "Bieb"}}
    bad_day = [{"byday": "XX", "opens_at": "9:00", "closes_at": "9:30"}]
    backwards = [{"byday": "FR", "opens_at": "14:00", "closes_at": "9:00"}]
    records = [
        good,
        {**good, "id": "b", "schedules": [{"byday": "TU", "opens_at": "25:00", "closes_at": "9"}]},
        {**good, "id": "c", "email": "geen adres"},
        {**good, "id": "d", "organization": None},
        {**good, "id": "a"},
        "niet eens een object",
        {**good, "id": "e", "schedules": bad_day},
        {**good, "id": "f", "schedules": backwards},
    ]
    plan = hsds.import_file(nb, json.dumps(records).encode())
    actions = [record.action for record in plan.records]
    assert actions == ["create"] + ["refuse"] * 7
    reasons = [" ".join(record.errors) for record in plan.records[1:]]
    assert "25:00" in reasons[0]
    assert "geen adres" in reasons[1]
    assert "organisatie" in reasons[2]
    assert "twee keer" in reasons[3]
    assert "object" in reasons[4]
    assert "XX" in reasons[5]
    assert "voordat het opent" in reasons[6]
    with scope(neighbourhood=nb):
        assert Service.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "x.json", "leeg"),
        (b"{not json", "x.json", "geen geldige JSON"),
        (b"\xff\xfe\x00", "x.json", "UTF-8"),
        (b"42", "x.json", "lijst met HSDS-diensten"),
        (b"PK\x03\x04 broken", "x.zip", "geen geldig zip-bestand"),
        (b"x" * (hsds.MAX_FILE_BYTES + 1), "x.json", "groter dan 5 MB"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, name, message):
    nb = NeighbourhoodFactory()
    with pytest.raises(hsds.HsdsFileError, match=message):
        hsds.import_file(nb, data, name)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_package_with_a_wrong_column_is_explained():
    nb = NeighbourhoodFactory()
    with pytest.raises(hsds.HsdsFileError, match="geen kolom “name”"):
        hsds.import_file(nb, _zip({"services.csv": "id,naam\n1,Taalhuis\n"}), "x.zip")
    with pytest.raises(hsds.HsdsFileError, match=r"services\.csv"):
        hsds.import_file(nb, _zip({"diensten.csv": "id,name\n"}), "x.zip")
    plan = hsds.import_file(
        nb,
        _zip(
            {
                "services.csv": "id,name,status,organization_id,kleur\n1,Taalhuis,active,o,blauw\n",
                "organizations.csv": "id,name,description\no,Bibliotheek,\n",
            }
        ),
        "x.zip",
    )
    assert plan.counts()["create"] == 1
    assert any("kleur" in warning for warning in plan.warnings)


hsds_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
schedule = st.fixed_dictionaries(
    {},
    optional={
        key: st.one_of(hsds_values, st.sampled_from(["MO", "TU,FR", "09:00", "17:30", "1SA"]))
        for key in ("byday", "opens_at", "closes_at", "freq", "description", "location_id")
    },
)
record = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(hsds_values, st.uuids().map(str)),
        "name": hsds_values,
        "status": st.one_of(hsds_values, st.sampled_from(["active", "inactive", "gesloten"])),
        "description": hsds_values,
        "email": hsds_values,
        "url": hsds_values,
        "assured_date": hsds_values,
        "organization": st.one_of(hsds_values, st.fixed_dictionaries({"name": hsds_values})),
        "schedules": st.one_of(hsds_values, st.lists(schedule, max_size=3)),
        "languages": st.one_of(hsds_values, st.lists(st.fixed_dictionaries({"code": hsds_values}))),
        "cost_options": st.one_of(
            hsds_values, st.lists(st.fixed_dictionaries({"amount": hsds_values}), max_size=2)
        ),
        "attributes": st.one_of(
            hsds_values,
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "taxonomy_term_id": hsds_values,
                        "taxonomy_term": st.one_of(
                            hsds_values, st.fixed_dictionaries({"code": hsds_values})
                        ),
                    },
                ),
                max_size=2,
            ),
        ),
        "service_at_locations": st.one_of(
            hsds_values,
            st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "location": st.one_of(
                            hsds_values,
                            st.fixed_dictionaries(
                                {},
                                optional={
                                    "id": hsds_values,
                                    "latitude": hsds_values,
                                    "addresses": st.one_of(
                                        hsds_values,
                                        st.lists(
                                            st.fixed_dictionaries(
                                                {"address_1": hsds_values, "city": hsds_values}
                                            ),
                                            max_size=2,
                                        ),
                                    ),
                                },
                            ),
                        ),
                        "schedules": st.lists(schedule, max_size=2),
                    },
                ),
                max_size=2,
            ),
        ),
    },
)


@pytest.fixture
def target():
    with scopes_disabled():
        return NeighbourhoodFactory()


@given(records=st.one_of(hsds_values, st.lists(st.one_of(hsds_values, record), max_size=4)))
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_importer_never_fails_on_malformed_input(target, records):
    """Whatever the file holds, the importer answers with a file error or a report in which
    every refused record says why, and what it accepted is saved."""
    try:
        plan = hsds.import_file(target, json.dumps(records).encode(), "x.json")
    except hsds.HsdsFileError as error:
        assert str(error)
        return
    for item in plan.records:
        assert item.action in ("create", "update", "refuse")
        if item.action == "refuse":
            assert item.errors
    with scope(neighbourhood=target):
        saved = set(Service.objects.values_list("uid", flat=True))
    accepted = {r.values["uid"] for r in plan.records if r.action != "refuse"}
    assert accepted <= saved


def test_the_export_takes_the_same_queries_for_many_services(source, django_assert_num_queries):
    """The open data is one page anyone may fetch: its queries do not grow with the services."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        hsds.export_json(source)
    with scopes_disabled():
        org = OrganisationFactory(name="Nog een organisatie")
        for n in range(5):
            service = ServiceFactory(neighbourhood=source, organisation=org, name=f"Dienst {n}")
            HoursFactory(service=service, location=LocationFactory(service=service))
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(hsds.export_json(source)) == 7


def test_a_register_that_checked_a_stale_service_makes_it_current_again(source):
    exported = hsds.export_json(source)
    with scope(neighbourhood=source):
        Service.objects.filter(name="Geldzaken op orde").update(
            check_asked_at=MOMENTS["mon-12:00"], stale_since=MOMENTS["tue-12:00"]
        )
    exported[0]["assured_date"] = "2026-12-08"  # Tuesday: after we asked on Monday
    exported[1]["assured_date"] = "2026-01-05"
    hsds.import_file(source, json.dumps(exported).encode())
    with scope(neighbourhood=source):
        debts = Service.objects.get(name="Geldzaken op orde")
        assert debts.stale_since is None and debts.check_asked_at is None
        assert debts.last_checked_at.date().isoformat() == "2026-12-08"
        cafe = Service.objects.get(name="Repair Café")
        assert cafe.last_checked_at.date().isoformat() == "2026-01-05"


csv_cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["id", "name", "status", "organization_id", "MO", "09:00", "active", '"']),
)
csv_text = st.lists(st.lists(csv_cells, max_size=5), max_size=5).map(
    lambda rows: "\n".join(",".join(row) for row in rows)
)


@given(
    services=csv_text,
    others=st.dictionaries(
        st.sampled_from(["organizations.csv", "schedules.csv", "locations.csv", "x.csv"]),
        csv_text,
        max_size=3,
    ),
)
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_importer_never_fails_on_a_malformed_csv_package(target, services, others):
    package = _zip({"services.csv": services, **others})
    try:
        plan = hsds.import_file(target, package, "x.zip")
    except hsds.HsdsFileError as error:
        assert str(error)
        return
    assert all(item.errors for item in plan.records if item.action == "refuse")


@given(content=st.binary(max_size=300), name=st.sampled_from(["k.json", "k.zip", "k.csv"]))
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_upload_page_never_fails_on_any_bytes(target, content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from buurtplein.core.models import Role
    from buurtplein.core.tests.factories import member
    from buurtplein.core.urls import nb_reverse

    with scopes_disabled():
        connector = member(target, role=Role.CONNECTOR)
    client = Client()
    client.force_login(connector)
    response = client.post(
        nb_reverse("socialmap:hsds_import", target), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code in (302, 400)


def test_a_term_id_that_is_not_a_string_is_left_out(target):
    """A register whose attributes name their term with a list or an object is read, not
    refused with a server error."""
    record = {
        "id": "a",
        "name": "Taalhuis",
        "organization": {"name": "Bieb"},
        "attributes": [{"taxonomy_term_id": [1]}, {"taxonomy_term_id": {"id": 1}}],
    }
    plan = hsds.import_file(target, json.dumps([record]).encode(), "x.json")
    assert [item.action for item in plan.records] == ["create"]
    with scope(neighbourhood=target):
        assert Service.objects.get().life_domains == []
