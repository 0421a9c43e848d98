"""Test set-up shared by every app: fast hashing, tasks run at once, a clean cache per test."""

from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache, caches


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker(worker_id):
    """With pytest-xdist, each worker uses its own Redis database (production mode).

    ``cache.clear()`` empties the whole Redis database, so workers sharing one would wipe each
    other's cache (and rate-limit counts) in the middle of a test.
    """
    from django.conf import settings
    from django.test import override_settings

    if not settings.REDIS_URL or worker_id == "master":
        yield
        return
    url = urlsplit(settings.REDIS_URL)._replace(path=f"/{1 + int(worker_id.removeprefix('gw'))}")
    redis_url = urlunsplit(url)
    with override_settings(
        REDIS_URL=redis_url,
        CACHES={
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "LOCATION": redis_url},
        },
        CHANNEL_LAYERS={
            "default": {**settings.CHANNEL_LAYERS["default"], "CONFIG": {"hosts": [redis_url]}}
        },
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists():
    """The browser tests' live server builds its middleware once, with the configured
    STATIC_ROOT (``var/static``, which a fresh clone in production mode does not have yet):
    WhiteNoise would warn about the missing folder. The tests serve static files from the apps
    (see ``_test_settings``); the folder only has to exist."""
    from pathlib import Path

    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests serve static files from the apps (as in the embedded mode), never from a collected
    # STATIC_ROOT, in both modes.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.WHITENOISE_USE_FINDERS = True
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    caches["fragments"].clear()  # the rendered fragments each process keeps (settings.py)
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _background_tasks_must_not_fail():
    """A task that raises fails the test that ran it.

    Tests run tasks with Django's immediate backend, which catches every exception and only
    marks the result as failed: a broken e-mail template or a task that chokes on a state it did
    not expect would otherwise go unnoticed (in production it is a traceback in the worker's log
    and a person who never hears back).
    """
    from django.tasks.base import TaskResultStatus
    from django.tasks.signals import task_finished

    failed = []

    def record(sender, task_result, **kwargs):
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(task_result)

    task_finished.connect(record, weak=False)
    try:
        yield
    finally:
        task_finished.disconnect(record)
    assert not failed, "background task(s) failed:\n" + "\n".join(
        f"{result.task.name}{tuple(result.args)}:\n{result.errors[-1].traceback}"
        for result in failed
    )


@pytest.fixture
def matrix_world(db):
    """Two neighbourhoods; one person of every role in the first ("own"), none in "other".

    Apps add their own objects in both neighbourhoods (see ``core/tests/matrix.py``).
    """
    from types import SimpleNamespace

    from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
    from buurtplein.core.models import Membership, Role
    from buurtplein.core.tests import matrix
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member

    own = NeighbourhoodFactory(name="Eigen buurt", slug="eigen-buurt", pc4="6521")
    other = NeighbourhoodFactory(name="Andere buurt", slug="andere-buurt", pc4="3825")
    organisation = OrganisationFactory()
    organisation.neighbourhoods.add(own)
    users = {
        matrix.ANON: None,
        matrix.UNVERIFIED: member(own, status=Membership.Status.PENDING),
        matrix.RESIDENT: member(own),
        matrix.CONNECTOR: member(own, role=Role.CONNECTOR),
        matrix.PROFESSIONAL: member(own, role=Role.PROFESSIONAL),
        matrix.ADMIN: member(own, role=Role.ADMIN),
    }
    other_resident = member(other)
    return SimpleNamespace(
        own=own,
        other=other,
        users=users,
        organisation=organisation,
        other_resident=other_resident,
        outsider=UserFactory(),
    )
