"""A post's photos take their files with them: removing a photo, deleting the post (also in a
neighbourhood's cascade) and deleting the author's account leave no file and no URL that
still answers."""

import pytest
from django.db import transaction
from django_scopes import scope

from buurtplein.core.tests.photos import (
    OWNER_GONE,
    assert_gone,
    assert_served,
    check_owner_deleted,
    check_photo_removed,
    files_of,
    upload,
)
from buurtplein.square import actions
from buurtplein.square.models import PostPhoto

pytestmark = pytest.mark.django_db


def post_with_photos(nb, author, count=2):
    with scope(neighbourhood=nb):
        return actions.post_create(
            author=author,
            neighbourhood=nb,
            category="tip",
            text="Mooie plek aan de Waal.",
            photos=[upload() for _ in range(count)],
            alt_texts=["De Waal"] * count,
        )


def test_removing_a_photo_deletes_its_files_and_keeps_the_others(
    nb, resident, django_capture_on_commit_callbacks
):
    post = post_with_photos(nb, resident)
    check_photo_removed(
        post,
        lambda ids: actions.post_update(
            post=post,
            category="tip",
            text="Mooie plek.",
            visibility=post.visibility,
            remove_photo_ids=ids,
            photos=[upload()],
        ),
        django_capture_on_commit_callbacks,
    )
    with scope(neighbourhood=nb):  # the new photo comes after the one that stayed
        assert list(PostPhoto.objects.filter(post=post).values_list("position", flat=True)) == [
            1,
            2,
        ]


@pytest.mark.parametrize("how", OWNER_GONE)
def test_a_deleted_post_takes_its_photo_files(
    how, nb, resident, django_capture_on_commit_callbacks
):
    check_owner_deleted(post_with_photos(nb, resident), how, django_capture_on_commit_callbacks)


def test_a_post_its_author_removes_loses_its_photo_files(
    nb, resident, django_capture_on_commit_callbacks
):
    post = post_with_photos(nb, resident)
    names = files_of(post)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.post_delete(actor=resident, post=post)  # the post stays, marked removed
    assert_gone(names)


def test_deleting_the_authors_account_deletes_the_files_of_their_posts(
    nb, resident, connector, django_capture_on_commit_callbacks
):
    mine, theirs = post_with_photos(nb, resident), post_with_photos(nb, connector, count=1)
    names, kept = files_of(mine), files_of(theirs)
    with django_capture_on_commit_callbacks(execute=True):
        resident.delete()
    assert_gone(names)
    assert_served(kept)


def test_a_rolled_back_removal_keeps_the_files(nb, resident, django_capture_on_commit_callbacks):
    post = post_with_photos(nb, resident, count=1)
    names = files_of(post)
    with (
        django_capture_on_commit_callbacks(execute=True),
        scope(neighbourhood=nb),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        actions.post_delete(actor=resident, post=post)
        raise RuntimeError("something after it failed")
    assert_served(names)
    assert files_of(post) == names
