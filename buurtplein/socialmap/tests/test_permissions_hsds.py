"""Permission matrix of the sociale kaart's open data: every URL × role × own/other
neighbourhood. Anyone downloads the open data; only buurtverbinders and admins of the
neighbourhood import, and see its imports."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from buurtplein.core.tests.matrix import Row, cases, check_row, statuses
from buurtplein.socialmap.models import HsdsImport

EVERYONE = statuses(200, 200, 200)
# Anonymous visitors log in; members without the role (and everyone in the other
# neighbourhood, where nobody has a role) are refused.
IMPORTERS = statuses(302, 403, 403, 200, 403, 200)
IMPORTERS_POST = statuses(302, 403, 403, 302, 403, 302)
ELSEWHERE = statuses(302, 403, 403, 403, 403, 403)


def upload(where_attr):
    return lambda w, where: {"uid": getattr(w, f"{where}_upload").uid}


def hsds_file(w, where):
    record = {"id": "t1", "name": "Taalhuis", "status": "active", "organization": {"name": "Bieb"}}
    return {"file": SimpleUploadedFile("kaart.json", json.dumps([record]).encode())}


ROWS = [
    Row("socialmap:open_data", expect=EVERYONE),
    Row("socialmap:open_data_json", expect=EVERYONE),
    Row("socialmap:open_data_csv", expect=EVERYONE),
    Row("socialmap:hsds_import", expect=IMPORTERS, expect_other=ELSEWHERE),
    Row(
        "socialmap:hsds_import",
        method="post",
        data=hsds_file,
        expect=IMPORTERS_POST,
        expect_other=ELSEWHERE,
    ),
    Row(
        "socialmap:hsds_import_preview",
        kwargs=upload("upload"),
        expect=IMPORTERS,
        expect_other=ELSEWHERE,
    ),
    Row(
        "socialmap:hsds_import_confirm",
        method="post",
        kwargs=upload("upload"),
        expect=IMPORTERS_POST,
        expect_other=ELSEWHERE,
    ),
]


@pytest.fixture(scope="module")
def world(matrix_world):
    w = matrix_world
    with scopes_disabled():
        for where, nb in (("own", w.own), ("other", w.other)):
            record = {"id": where, "name": "Repair Café", "organization": {"name": "Buurthuis"}}
            data = json.dumps([record]).encode()
            setattr(
                w,
                f"{where}_upload",
                HsdsImport.objects.create(neighbourhood=nb, filename="k.json", data=data),
            )
    return w


@pytest.mark.parametrize(("row", "role", "where"), cases(ROWS))
def test_socialmap_hsds_permissions(client, world, row, role, where):
    check_row(client, world, row, role, where)


def test_an_import_of_the_other_neighbourhood_is_not_found_even_for_its_uid(client, world):
    """A buurtverbinder asking for the other neighbourhood's import in their own
    neighbourhood's address finds nothing."""
    from buurtplein.core.urls import nb_reverse

    client.force_login(world.users["buurtverbinder"])
    url = nb_reverse(
        "socialmap:hsds_import_preview", world.own, kwargs={"uid": world.other_upload.uid}
    )
    assert client.get(url).status_code == 404
    assert client.post(url + "confirm/").status_code == 404
