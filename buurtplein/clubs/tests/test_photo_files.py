"""A club's photos take their files with them: removing a photo and deleting the club (also in
a neighbourhood's cascade) leave no file and no URL that still answers. The club is not its
starter's: when their account goes, its photos stay."""

import pytest
from django_scopes import scope

from buurtplein.clubs import actions
from buurtplein.core.components import get_component
from buurtplein.core.tests.photos import (
    OWNER_GONE,
    assert_served,
    check_owner_deleted,
    check_photo_removed,
    files_of,
    upload,
)

pytestmark = pytest.mark.django_db

NAME = "Wandelclub Ooij"


def club_with_photos(nb, creator):
    with scope(neighbourhood=nb):
        return actions.club_create(
            creator=creator,
            neighbourhood=nb,
            kind="club",
            name=NAME,
            pitch="Elke zondag wandelen we langs de dijk.",
            photos=[upload(), upload()],
            alt_text="Wandelaars op de dijk",
        )


def test_removing_a_photo_deletes_its_files_and_keeps_the_others(
    nb, anna, django_capture_on_commit_callbacks
):
    club = club_with_photos(nb, anna)
    check_photo_removed(
        club,
        lambda ids: actions.club_update(
            actor=anna, club=club, name=NAME, kind="club", pitch=club.pitch, remove_photo_ids=ids
        ),
        django_capture_on_commit_callbacks,
    )


@pytest.mark.parametrize("how", OWNER_GONE)
def test_a_deleted_club_takes_its_photo_files(how, nb, anna, django_capture_on_commit_callbacks):
    check_owner_deleted(club_with_photos(nb, anna), how, django_capture_on_commit_callbacks)


def test_the_photos_stay_with_the_club_when_its_starters_account_goes(
    nb, anna, bram, django_capture_on_commit_callbacks
):
    club = club_with_photos(nb, anna)
    with scope(neighbourhood=nb):
        actions.member_join(club=club, user=bram)  # an open club: bram takes over the board
    names = files_of(club)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("clubs").erase(anna)
        anna.delete()
    assert_served(names)
