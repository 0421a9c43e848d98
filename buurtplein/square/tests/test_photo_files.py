"""A post's photos take their files with them: removing a photo, deleting the post (also in a
neighbourhood's cascade) and deleting the author's account leave no file and no URL that
still answers."""

import pytest
from django.db import transaction
from django_scopes import scope, scopes_disabled

from buurtplein.core.tests.photos import assert_gone, assert_served, files_of, upload
from buurtplein.square import actions
from buurtplein.square.models import Post, PostPhoto

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
    with scope(neighbourhood=nb):
        first, second = PostPhoto.objects.filter(post=post)
    names = files_of(post)
    assert_served(names)
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.post_update(
            post=post,
            category="tip",
            text="Mooie plek.",
            visibility=post.visibility,
            remove_photo_ids=[first.pk],
            photos=[upload()],
        )
    assert_gone([first.large.name, first.medium.name, first.thumb.name])
    assert_served([second.large.name, second.medium.name, second.thumb.name])
    with scope(neighbourhood=nb):
        assert list(PostPhoto.objects.filter(post=post).values_list("position", flat=True)) == [
            1,
            2,
        ]


@pytest.mark.parametrize("how", ["author removes it", "deleted", "neighbourhood deleted"])
def test_a_deleted_post_takes_its_photo_files(
    how, nb, resident, connector, django_capture_on_commit_callbacks
):
    post = post_with_photos(nb, resident)
    names = files_of(post)
    assert_served(names)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        if how == "author removes it":
            actions.post_delete(actor=resident, post=post)
        elif how == "deleted":
            Post.objects.filter(pk=post.pk).delete()
        else:
            nb.delete()
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
