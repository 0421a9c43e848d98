"""An activity's photo takes its files with it: replacing or removing the photo, deleting the
activity (also in a neighbourhood's cascade) and forgetting the organiser's account leave no
file and no URL that still answers."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from django_scopes import scope

from buurtplein.agenda import actions
from buurtplein.agenda.models import ActivityPhoto
from buurtplein.core.components import get_component
from buurtplein.core.tests.photos import (
    OWNER_GONE,
    assert_gone,
    assert_served,
    check_owner_deleted,
    files_of,
    upload,
)

pytestmark = pytest.mark.django_db


def schedule():
    """Next week, on whatever day the test runs (the photo does not care)."""
    start = timezone.localdate() + timedelta(days=7)
    return {"start_date": start, "start_time": time(10), "end_time": time(11)}


def activity_with_photo(nb, organiser):
    with scope(neighbourhood=nb):
        return actions.activity_create(
            organiser=organiser,
            neighbourhood=nb,
            title="Stoelyoga",
            **schedule(),
            photo=upload(),
            photo_alt="Tien mensen doen oefeningen",
        )


@pytest.mark.parametrize("how", ["replaced", "removed"])
def test_a_replaced_or_removed_photo_takes_its_files(
    how, nb, organiser, django_capture_on_commit_callbacks
):
    activity = activity_with_photo(nb, organiser)
    names = files_of(activity)
    assert_served(names)
    change = {"photo": upload()} if how == "replaced" else {"remove_photo": True}
    with scope(neighbourhood=nb), django_capture_on_commit_callbacks(execute=True):
        actions.activity_update(
            actor=organiser, activity=activity, title="Stoelyoga", **schedule(), **change
        )
    assert_gone(names)
    with scope(neighbourhood=nb):
        assert ActivityPhoto.objects.filter(activity=activity).count() == (
            1 if how == "replaced" else 0
        )


@pytest.mark.parametrize("how", OWNER_GONE)
def test_a_deleted_activity_takes_its_photo_files(
    how, nb, organiser, django_capture_on_commit_callbacks
):
    check_owner_deleted(activity_with_photo(nb, organiser), how, django_capture_on_commit_callbacks)


def test_forgetting_the_organisers_account_deletes_the_files_of_their_activities(
    nb, organiser, ria, django_capture_on_commit_callbacks
):
    mine, theirs = activity_with_photo(nb, organiser), activity_with_photo(nb, ria)
    names, kept = files_of(mine), files_of(theirs)
    with django_capture_on_commit_callbacks(execute=True):
        get_component("agenda").erase(organiser)
        organiser.delete()
    assert_gone(names)
    assert_served(kept)
