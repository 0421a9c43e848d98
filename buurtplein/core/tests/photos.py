"""Checks that a component's photos take their files with them (``core.photos``), shared by
the components' ``tests/test_photo_files.py``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django_scopes import scope, scopes_disabled

from buurtplein.config.urls_platform import media
from buurtplein.core.photos import FILE_FIELDS, photo_model_for
from buurtplein.core.tests.factories import jpeg_bytes


def upload(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def files_of(owner) -> list[str]:
    """The stored names of every variant of ``owner``'s photos."""
    model = photo_model_for(owner)
    with scopes_disabled():
        rows = model.objects.filter(**{model.owner_field: owner}).values_list(*FILE_FIELDS)
    names = [name for row in rows for name in row]
    assert names, "the owner has no photos to check"
    return names


def on_disk(name: str) -> bool:
    return (Path(settings.MEDIA_ROOT) / name).is_file()


def served(name: str) -> int:
    """The status of the photo's media URL, for anyone who has it. Asked of the view that
    serves ``MEDIA_ROOT`` in embedded mode, which answers as the proxy does in production (the
    file is there or not); called directly, because production mode routes no ``/media/``."""
    request = RequestFactory().get(f"{settings.MEDIA_URL}{name}")
    try:
        return media(request, name).status_code
    except Http404:
        return 404


def assert_served(names: list[str]) -> None:
    for name in names:
        assert on_disk(name), name
    assert served(names[0]) == 200


def assert_gone(names: list[str]) -> None:
    """Every variant is off the disk and its URL answers 404."""
    left = [name for name in names if on_disk(name)]
    assert not left, f"files left behind: {left}"
    assert {served(name) for name in names} == {404}


def names_of(photo) -> list[str]:
    return [getattr(photo, field).name for field in FILE_FIELDS]


OWNER_GONE = ["deleted", "neighbourhood deleted"]
"""How an owner goes in :func:`check_owner_deleted`: its own delete, or its neighbourhood's."""


def check_photo_removed(owner, remove, capture) -> None:
    """``remove(ids)`` (the component's action, with the pk of ``owner``'s first photo) deletes
    that photo's files once committed; the other photos keep theirs."""
    model = photo_model_for(owner)
    with scopes_disabled():
        first, *others = model.objects.filter(**{model.owner_field: owner})
    assert_served(files_of(owner))
    with scope(neighbourhood=owner.neighbourhood), capture(execute=True):
        remove([first.pk])
    assert_gone(names_of(first))
    for photo in others:
        assert_served(names_of(photo))


def check_owner_deleted(owner, how: str, capture) -> None:
    """Deleting ``owner`` (a queryset delete) or its neighbourhood (the cascade) deletes the
    files of all its photos."""
    names = files_of(owner)
    assert_served(names)
    with capture(execute=True), scopes_disabled():
        if how == "deleted":
            type(owner).objects.filter(pk=owner.pk).delete()
        else:
            owner.neighbourhood.delete()
    assert_gone(names)
