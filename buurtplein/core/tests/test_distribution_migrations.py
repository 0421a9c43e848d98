"""The migrations that put the neighbourhood into every key keep the rows that exist.

A database of its own is migrated up to the migrations before them, filled through the models
of that time, and migrated forward: every row is still there, the helpers' skills and interests
have the neighbourhood of their profile, and the new keys hold (per neighbourhood).

The database of its own is made and dropped by the test: taking the test database back
and forward again instead (unapplying every later migration of every app, then applying them
again) cost a minute of every run.
"""

from contextlib import suppress
from datetime import UTC, date, datetime, time

import pytest
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

BEFORE = [
    ("accounts", "0003_curated_interests"),
    ("agenda", "0001_initial"),
    ("buurthulp", "0001_initial"),
    ("clubs", "0001_initial"),
    ("square", "0003_post_organisation"),
]
AFTER = [
    ("accounts", "0004_distribution_keys"),
    ("agenda", "0003_distribution_keys"),
    ("buurthulp", "0002_distribution_keys"),
    ("clubs", "0003_distribution_keys"),
    ("square", "0005_distribution_keys"),
]
ALIAS = "distribution_keys"
"""The connection to the test's own database."""


class _AllToTheOwnDatabase:
    """A database router that sends every model's reads and writes to the test's own database
    (the historical models', the migrations' and the test's)."""

    def db_for_read(self, model, **hints):
        return ALIAS

    def db_for_write(self, model, **hints):
        return ALIAS


def migrate(targets):
    executor = MigrationExecutor(connections[ALIAS])
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(django_db_blocker, tmp_path):
    """A new, empty database beside the test database (same server, or a SQLite file),
    migrated up to ``BEFORE``; dropped afterwards."""
    base = connections.settings[DEFAULT_DB_ALIAS]
    if base["ENGINE"].endswith("sqlite3"):
        name = str(tmp_path / "keys.sqlite3")
    else:
        name = f"{base['NAME']}_keys"
    test = {key: value for key, value in base["TEST"].items() if key not in ("MIRROR", "TEMPLATE")}
    connections.settings[ALIAS] = {**base, "NAME": name, "TEST": {**test, "NAME": name}}
    # Whatever fails, the alias goes again: other tests go through every configured connection.
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(DATABASE_ROUTERS=[_AllToTheOwnDatabase()]),
        ):
            own = connections[ALIAS]
            own.creation._create_test_db(verbosity=0, autoclobber=True, keepdb=False)
            try:
                yield migrate(BEFORE)
            finally:
                own.close()
                own.creation._destroy_test_db(name, verbosity=0)
    finally:
        with suppress(AttributeError):  # never connected
            del connections[ALIAS]
        del connections.settings[ALIAS]


def _world(apps):
    """Two neighbourhoods with rows in every table whose keys change, made with the old
    models (no scopes there: historical models have plain managers)."""
    get = apps.get_model
    oost = get("core", "Neighbourhood").objects.create(name="Oost", slug="oost")
    west = get("core", "Neighbourhood").objects.create(name="West", slug="west")
    anna = get("accounts", "User").objects.create(email="anna@example.org", password="x")
    bram = get("accounts", "User").objects.create(email="bram@example.org", password="x")
    Interest = get("accounts", "Interest")
    diy = Interest.objects.create(kind="skill", slug="t-diy", name_nl="Klussen", name_en="DIY")
    it = Interest.objects.create(kind="skill", slug="t-it", name_nl="Computer", name_en="IT")
    walk = Interest.objects.create(kind="interest", slug="t-walk", name_nl="Lopen", name_en="Walk")

    HelperProfile = get("buurthulp", "HelperProfile")
    in_oost = HelperProfile.objects.create(neighbourhood=oost, user=anna)
    in_oost.skills.add(diy, it)
    in_oost.interests.add(walk)
    in_west = HelperProfile.objects.create(neighbourhood=west, user=anna)
    in_west.skills.add(diy)
    request = get("buurthulp", "HelpRequest").objects.create(
        neighbourhood=oost, asker=bram, title="Lamp ophangen"
    )
    get("buurthulp", "HelpMatch").objects.create(neighbourhood=oost, request=request, helper=anna)

    get("accounts", "InviteCode").objects.create(neighbourhood=oost, code="ABCD2345")

    organisation = get("accounts", "Organisation").objects.create(
        name="Wandelclub", slug="wandelclub", kind="club"
    )
    club = get("clubs", "Club").objects.create(
        neighbourhood=oost, organisation=organisation, kind="club", pitch="We lopen."
    )
    get("clubs", "ClubMember").objects.create(neighbourhood=oost, club=club, user=bram)

    activity = get("agenda", "Activity").objects.create(
        neighbourhood=oost,
        organiser=anna,
        title="Koffie",
        start_date=date(2026, 12, 8),
        start_time=time(10),
        end_time=time(11),
    )
    get("agenda", "ActivityPhoto").objects.create(
        neighbourhood=oost,
        activity=activity,
        large="agenda/l.jpg",
        medium="agenda/m.jpg",
        thumb="agenda/t.jpg",
        width=800,
        height=600,
    )
    start = datetime(2026, 12, 8, 9, tzinfo=UTC)
    occurrence = get("agenda", "Occurrence").objects.create(
        neighbourhood=oost,
        activity=activity,
        original_start=start,
        starts_at=start,
        ends_at=start.replace(hour=10),
        weekday=2,
    )
    get("agenda", "Rsvp").objects.create(
        neighbourhood=oost, occurrence=occurrence, activity=activity, person=bram, status="going"
    )
    get("agenda", "FeedToken").objects.create(neighbourhood=oost, user=bram, token="secret-oost")

    post = get("square", "Post").objects.create(
        neighbourhood=oost, author=anna, category="news", text="Hoi", text_html="<p>Hoi</p>"
    )
    get("square", "Reaction").objects.create(neighbourhood=oost, post=post, user=bram, kind="heart")
    return oost, west, activity, organisation, club


def test_the_new_keys_keep_every_row(old_apps):
    oost, west, activity, organisation, _club = _world(old_apps)

    apps = migrate(AFTER)
    get = apps.get_model

    skills = get("buurthulp", "HelperSkill").objects
    interests = get("buurthulp", "HelperInterest").objects
    assert sorted(
        skills.values_list("neighbourhood_id", "helperprofile__neighbourhood_id", "interest__slug")
    ) == [(oost.pk, oost.pk, "t-diy"), (oost.pk, oost.pk, "t-it"), (west.pk, west.pk, "t-diy")]
    assert list(interests.values_list("neighbourhood_id", "interest__slug")) == [
        (oost.pk, "t-walk")
    ]
    profile = get("buurthulp", "HelperProfile").objects.get(neighbourhood_id=oost.pk)
    assert sorted(profile.skills.values_list("slug", flat=True)) == ["t-diy", "t-it"]

    assert get("accounts", "InviteCode").objects.get().code == "ABCD2345"
    assert get("clubs", "Club").objects.get().organisation_id == organisation.pk
    assert get("clubs", "ClubMember").objects.count() == 1
    assert get("buurthulp", "HelpMatch").objects.count() == 1
    new_activity = get("agenda", "Activity").objects.get()
    assert new_activity.uid == activity.uid
    assert get("agenda", "ActivityPhoto").objects.get().activity_id == activity.pk
    assert get("agenda", "Occurrence").objects.count() == 1
    assert get("agenda", "Rsvp").objects.count() == 1
    assert get("agenda", "FeedToken").objects.get().token == "secret-oost"
    assert get("square", "Reaction").objects.count() == 1

    # The keys now hold per neighbourhood: twice in one is refused, once in another is fine.
    Skill = get("buurthulp", "HelperSkill")
    diy = get("accounts", "Interest").objects.get(slug="t-diy")
    with pytest.raises(IntegrityError), transaction.atomic(using=ALIAS):
        Skill.objects.create(neighbourhood_id=oost.pk, helperprofile=profile, interest=diy)
    InviteCode = get("accounts", "InviteCode")
    with pytest.raises(IntegrityError), transaction.atomic(using=ALIAS):
        InviteCode.objects.create(neighbourhood_id=oost.pk, code="ABCD2345")
    InviteCode.objects.create(neighbourhood_id=west.pk, code="ABCD2345")
    ActivityPhoto = get("agenda", "ActivityPhoto")
    with pytest.raises(IntegrityError), transaction.atomic(using=ALIAS):
        ActivityPhoto.objects.create(
            neighbourhood_id=oost.pk,
            activity_id=activity.pk,
            large="a.jpg",
            medium="b.jpg",
            thumb="c.jpg",
            width=1,
            height=1,
        )
    Club = get("clubs", "Club")
    with pytest.raises(IntegrityError), transaction.atomic(using=ALIAS):
        Club.objects.create(
            neighbourhood_id=oost.pk, organisation_id=organisation.pk, kind="club", pitch="Twee"
        )
