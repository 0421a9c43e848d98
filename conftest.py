"""Test set-up shared by every app: fast hashing, tasks run at once, a clean cache per test."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()


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
