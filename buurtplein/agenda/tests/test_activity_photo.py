"""An activity has at most one photo (a key with the neighbourhood, ``activity.photo`` to read
it): the organiser adds it, replaces it and removes it, and the pages show the one there is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django_scopes import scope

from buurtplein.agenda.models import Activity, ActivityPhoto
from buurtplein.agenda.tests.test_activities import form_data, url
from buurtplein.core.tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


def upload(name):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def test_add_replace_and_remove_the_photo(client, nb, organiser):
    client.force_login(organiser)
    response = client.post(url(nb, "new/"), form_data(photo=upload("a.jpg"), photo_alt="Gym"))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        activity = Activity.objects.get()
        first = activity.photo
    assert first is not None and first.alt_text == "Gym"
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert first.medium.url in page

    edit = client.get(url(nb, f"{activity.pk}/edit/")).content.decode()
    assert first.thumb.url in edit and 'name="remove_photo"' in edit and 'value="Gym"' in edit
    response = client.post(
        url(nb, f"{activity.pk}/edit/"), form_data(photo=upload("b.jpg"), photo_alt="Dansen")
    )
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        photos = list(ActivityPhoto.objects.all())
        second = Activity.objects.get().photo
    assert photos == [second] and second.pk != first.pk and second.alt_text == "Dansen"
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert second.medium.url in page and first.medium.url not in page

    response = client.post(url(nb, f"{activity.pk}/edit/"), form_data(remove_photo="on"))
    assert response.status_code == 302
    with scope(neighbourhood=nb):
        assert Activity.objects.get().photo is None
    page = client.get(url(nb, f"{activity.pk}/")).content.decode()
    assert second.medium.url not in page and 'class="ag-photo"' not in page
    edit = client.get(url(nb, f"{activity.pk}/edit/")).content.decode()
    assert 'name="remove_photo"' not in edit


def test_a_second_photo_row_is_refused(client, nb, organiser):
    client.force_login(organiser)
    client.post(url(nb, "new/"), form_data(photo=upload("a.jpg")))
    with scope(neighbourhood=nb):
        photo = ActivityPhoto.objects.get()
        with pytest.raises(IntegrityError), transaction.atomic():
            ActivityPhoto.objects.create(
                neighbourhood=nb,
                activity=photo.activity,
                large=photo.large.name,
                medium=photo.medium.name,
                thumb=photo.thumb.name,
                width=photo.width,
                height=photo.height,
            )
