"""An item's photos take their files with them: removing a photo, deleting the item (also in a
neighbourhood's cascade) and forgetting the owner's account leave no file and no URL that still
answers."""

import pytest
from django_scopes import scope

from buurtplein.core.components import get_component
from buurtplein.core.tests.photos import (
    OWNER_GONE,
    assert_gone,
    assert_served,
    check_owner_deleted,
    check_photo_removed,
    files_of,
    upload,
)
from buurtplein.exchange import actions

pytestmark = pytest.mark.django_db


def item_with_photos(nb, owner, count=2):
    with scope(neighbourhood=nb):
        return actions.item_create(
            owner=owner,
            neighbourhood=nb,
            direction="offer",
            kind="things",
            category="tools",
            deal="lend",
            title="Boormachine te leen",
            photos=[upload() for _ in range(count)],
            alt_text="Blauwe boormachine",
        )


def test_removing_a_photo_deletes_its_files_and_keeps_the_others(
    nb, anna, django_capture_on_commit_callbacks
):
    item = item_with_photos(nb, anna)
    check_photo_removed(
        item,
        lambda ids: actions.item_update(
            item=item, category="tools", title=item.title, deal="lend", remove_photo_ids=ids
        ),
        django_capture_on_commit_callbacks,
    )


@pytest.mark.parametrize("how", OWNER_GONE)
def test_a_deleted_item_takes_its_photo_files(how, nb, anna, django_capture_on_commit_callbacks):
    check_owner_deleted(item_with_photos(nb, anna), how, django_capture_on_commit_callbacks)


def test_forgetting_the_owners_account_deletes_the_files_of_their_items(
    nb, anna, bram, django_capture_on_commit_callbacks
):
    mine, theirs = item_with_photos(nb, anna), item_with_photos(nb, bram, count=1)
    names, kept = files_of(mine), files_of(theirs)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("exchange").erase(anna)
        anna.delete()
    assert_gone(names)
    assert_served(kept)
