"""A profile photo and an organisation's logo own their files (``core.photos.own_files``), as
the photos of the kit do: replaced, removed or deleted with their row, the file goes once the
transaction commits, and its URL answers 404. A rollback keeps it."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from buurtplein.accounts.actions import account_erase, profile_update
from buurtplein.accounts.models import Profile
from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
from buurtplein.core.tests.factories import jpeg_bytes
from buurtplein.core.tests.photos import on_disk, served, upload

pytestmark = pytest.mark.django_db


def _update(user, **kwargs):
    return profile_update(
        user=user,
        first_name=user.first_name,
        last_name=user.last_name,
        show_full_name=False,
        intro="",
        interests=[],
        skills=[],
        tags=[],
        languages=[],
        street="",
        visibility={},
        **kwargs,
    )


def _names(profile):
    return [profile.photo.name, profile.photo_small.name]


def test_a_new_profile_photo_replaces_the_old_files(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        old = _names(_update(user, photo=upload()))
    assert all(on_disk(name) for name in old)
    assert served(old[0]) == 200
    with django_capture_on_commit_callbacks(execute=True):
        new = _names(_update(user, photo=upload()))
    assert all(on_disk(name) for name in new)
    assert not any(on_disk(name) for name in old)
    assert served(old[0]) == 404
    with django_capture_on_commit_callbacks(execute=True):
        _update(user, remove_photo=True)
    assert not any(on_disk(name) for name in new)


def test_the_profile_photo_goes_with_the_account(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        names = _names(_update(user, photo=upload()))
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(user=user)
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert not any(on_disk(name) for name in names)
    assert {served(name) for name in names} == {404}


def test_a_logo_goes_with_its_organisation_and_when_replaced(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        organisation.logo.save("logo.jpg", ContentFile(jpeg_bytes()))
    first = organisation.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        organisation.logo.save("logo.jpg", ContentFile(jpeg_bytes()))
    second = organisation.logo.name
    assert on_disk(second) and not on_disk(first)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.delete()
    assert not on_disk(second)
    assert served(second) == 404


def test_a_rollback_keeps_the_logo(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    organisation.logo.save("logo.jpg", ContentFile(jpeg_bytes()))
    name = organisation.logo.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        organisation.delete()
        raise RuntimeError("rolled back")
    assert on_disk(name)
