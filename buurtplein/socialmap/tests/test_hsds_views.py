"""The open-data pages and the import as a buurtverbinder uses them, and the commands."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import AuditEntry, Role
from buurtplein.core.tests.factories import NeighbourhoodFactory, member
from buurtplein.core.urls import nb_reverse
from buurtplein.socialmap import hsds
from buurtplein.socialmap.models import HsdsImport, Service
from buurtplein.socialmap.tests.factories import LocationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

GOOD = {"id": "t1", "name": "Taalhuis", "status": "active", "organization": {"name": "Bieb"}}
BAD = {"id": "t2", "name": "Spreekuur", "organization": {"name": "Bieb"},
       "schedules": [{"byday": "MO", "opens_at": "9 uur", "closes_at": "12:00"}]}  # fmt: skip


@pytest.fixture
def nb():
    with scopes_disabled():
        return NeighbourhoodFactory()


@pytest.fixture
def connector(nb):
    with scopes_disabled():
        return member(nb, role=Role.CONNECTOR)


def url(nb, name, **kwargs):
    return nb_reverse(f"socialmap:{name}", nb, kwargs=kwargs)


def test_a_buurtverbinder_previews_then_imports_and_sees_the_result(client, nb, connector):
    client.force_login(connector)
    file = SimpleUploadedFile("kaart.json", json.dumps([GOOD, BAD]).encode())
    response = client.post(url(nb, "hsds_import"), {"file": file})
    assert response.status_code == 302
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert "1 worden toegevoegd, 0 worden gewijzigd, 1 worden geweigerd." in text
    assert "“9 uur” is geen tijd zoals 09:30." in text
    with scope(neighbourhood=nb):
        assert not Service.objects.exists()  # nothing until confirmed
        upload = HsdsImport.objects.get()
    done = client.post(url(nb, "hsds_import_confirm", uid=upload.uid), follow=True)
    assert "1 toegevoegd, 0 gewijzigd, 1 geweigerd." in done.content.decode()
    with scope(neighbourhood=nb):
        assert list(Service.objects.values_list("name", flat=True)) == ["Taalhuis"]
        upload.refresh_from_db()
        assert upload.data is None and upload.imported_at is not None
        assert AuditEntry.objects.filter(action="socialmap.hsds.import").count() == 1
    # Confirming twice imports once.
    client.post(url(nb, "hsds_import_confirm", uid=upload.uid))
    with scope(neighbourhood=nb):
        assert AuditEntry.objects.filter(action="socialmap.hsds.import").count() == 1


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"{kapot", "kaart.json", "geen geldige JSON"),
        (b"PK\x03\x04kapot", "kaart.zip", "geen geldig zip-bestand"),
        (b"x" * (hsds.MAX_FILE_BYTES + 1), "groot.json", "groter dan 5 MB"),
    ],
)
def test_a_file_that_cannot_be_read_is_explained_on_the_form(
    client, nb, connector, content, name, message
):
    client.force_login(connector)
    response = client.post(url(nb, "hsds_import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    with scope(neighbourhood=nb):
        assert not HsdsImport.objects.exists()


def test_anyone_downloads_the_open_data_without_personal_data(client, nb):
    with scopes_disabled():
        service = ServiceFactory(neighbourhood=nb, name="Geldzaken op orde")
        LocationFactory(service=service)
        person = member(nb, first_name="Geheime", last_name="Naamdrager")
        from buurtplein.socialmap.models import ServicePerson

        ServicePerson.objects.create(neighbourhood=nb, service=service, user=person)
    response = client.get(url(nb, "open_data_json"))
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert [s["name"] for s in data] == ["Geldzaken op orde"]
    assert "Naamdrager" not in response.content.decode()
    package = client.get(url(nb, "open_data_csv"))
    with zipfile.ZipFile(io.BytesIO(package.content)) as archive:
        assert "Geldzaken op orde" in archive.read("services.csv").decode()
    page = client.get(url(nb, "open_data")).content.decode()
    assert url(nb, "open_data_json") in page and url(nb, "hsds_import") not in page


def test_the_download_is_built_once_and_again_after_a_change(client, nb, connector):
    """Anyone may fetch the open data, so it is not rebuilt on every request; ending a service
    takes it out of the next download at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from buurtplein.socialmap import actions

    with scopes_disabled():
        kept = ServiceFactory(neighbourhood=nb, name="Geldzaken op orde")
        ended = ServiceFactory(neighbourhood=nb, name="Taalcafé")
    first = json.loads(client.get(url(nb, "open_data_json")).content)
    assert sorted(s["name"] for s in first) == ["Geldzaken op orde", "Taalcafé"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url(nb, "open_data_json"))
    assert json.loads(again.content) == first
    assert not [q for q in queries if "socialmap_service" in q["sql"]]

    with scope(neighbourhood=nb):
        actions.service_end(actor=connector, service=ended)
    after = json.loads(client.get(url(nb, "open_data_json")).content)
    assert [s["name"] for s in after] == [kept.name]


def test_the_commands_export_and_import(nb, tmp_path, capsys):
    with scopes_disabled():
        ServiceFactory(neighbourhood=nb, name="Geldzaken op orde")
        other = NeighbourhoodFactory()
    path = tmp_path / "kaart.zip"
    call_command("socialmap_export", nb.slug, "--format", "csv", "-o", str(path))
    call_command("socialmap_import", other.slug, str(path), "--dry-run")
    assert "Would create 1, updated 0, refused 0" in capsys.readouterr().out
    with scope(neighbourhood=other):
        assert not Service.objects.exists()
    call_command("socialmap_import", other.slug, str(path))
    assert "Created 1, updated 0, refused 0" in capsys.readouterr().out
    with scope(neighbourhood=other):
        assert list(Service.objects.values_list("name", flat=True)) == ["Geldzaken op orde"]
    call_command("socialmap_export", other.slug)
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Geldzaken op orde"
    bad = tmp_path / "kapot.json"
    bad.write_text("{")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("socialmap_import", other.slug, str(bad))
    with pytest.raises(CommandError, match="no neighbourhood"):
        call_command("socialmap_export", "nergens")
