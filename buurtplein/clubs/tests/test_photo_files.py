"""A club's photos take their files with them: removing a photo and deleting the club (also in
a neighbourhood's cascade) leave no file and no URL that still answers. The club is not its
starter's: when their account goes, its photos stay."""

import pytest
from django_scopes import scope, scopes_disabled

from buurtplein.clubs import actions
from buurtplein.clubs.models import Club, ClubPhoto
from buurtplein.core.components import get_component
from buurtplein.core.tests.photos import assert_gone, assert_served, files_of, upload

pytestmark = pytest.mark.django_db


def club_with_photos(nb, creator):
    with scope(neighbourhood=nb):
        return actions.club_create(
            creator=creator,
            neighbourhood=nb,
            kind="club",
            name="Wandelclub Ooij",
            pitch="Elke zondag wandelen we langs de dijk.",
            photos=[upload(), upload()],
            alt_text="Wandelaars op de dijk",
        )


def test_removing_a_photo_deletes_its_files_and_keeps_the_others(
    nb, anna, django_capture_on_commit_callbacks
):
    club = club_with_photos(nb, anna)
    with scope(neighbourhood=nb):
        first, second = ClubPhoto.objects.filter(club=club)
    assert_served(files_of(club))
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.club_update(
            actor=anna,
            club=club,
            name="Wandelclub Ooij",
            kind="club",
            pitch="Elke zondag wandelen we.",
            remove_photo_ids=[first.pk],
        )
    assert_gone([first.large.name, first.medium.name, first.thumb.name])
    assert_served([second.large.name, second.medium.name, second.thumb.name])


@pytest.mark.parametrize("how", ["deleted", "neighbourhood deleted"])
def test_a_deleted_club_takes_its_photo_files(how, nb, anna, django_capture_on_commit_callbacks):
    club = club_with_photos(nb, anna)
    names = files_of(club)
    assert_served(names)
    with django_capture_on_commit_callbacks(execute=True), scopes_disabled():
        if how == "deleted":
            Club.objects.filter(pk=club.pk).delete()
        else:
            nb.delete()
    assert_gone(names)


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
