"""Test set-up shared by every app: fast hashing, tasks run at once, a clean cache per test.

The permission-matrix world (``matrix_world``) is built once per test module, the way Django's
``setUpTestData`` works: inside an outer transaction that is rolled back when the module is done;
each test runs in a savepoint inside it (pytest-django's ``db``), rolled back after the test.
"""

import os
import shutil
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache, caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis: the "ci" profile (loaded when CI is set, or with HYPOTHESIS_PROFILE=ci) runs fewer
# examples on the 2-core CI machine, never fails on a slow example (deadline), prints the blob to
# reproduce a failure with, and keeps no example database in the clean clone. A test's own
# ``@settings(max_examples=...)`` still wins: leave it out unless the test needs more or fewer
# examples than the profile gives everywhere.
hypothesis_settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    print_blob=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "default")
)


# --- The test databases: copied from the templates run-tests migrated once ------------------

TEMPLATES = os.environ.get("BUURTPLEIN_TEST_TEMPLATES", "")
"""The folder ``scripts/test_templates.py`` filled (``./run-tests`` sets it; empty: migrate)."""


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """A test database copied from a template is already migrated: keep it (pytest-django then
    runs ``migrate``, which finds nothing to do) instead of creating and migrating it."""
    return bool(TEMPLATES) or request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_blocker, tmp_path_factory
):
    """This process's test database (``test_buurtplein_gw0``, or a SQLite file) as a copy of
    the template migrated once per run, when ``./run-tests`` made one: migrating takes 30
    seconds, copying under one."""
    if not TEMPLATES:
        return
    from django.db import connection

    folder = Path(TEMPLATES)
    assert (folder / "ready").exists(), f"{folder}: scripts/test_templates.py did not finish"
    if connection.vendor == "postgresql":
        from psycopg import sql

        name = connection.creation._get_test_db_name()
        template = (folder / "postgresql").read_text()
        with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            cursor.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )
    else:
        copy = tmp_path_factory.getbasetemp() / "test.sqlite3"
        shutil.copyfile(folder / "sqlite.sqlite3", copy)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(copy)


@pytest.fixture(scope="session", autouse=True)
def _empty_tables_by_delete():
    """PostgreSQL: a transactional test's database is emptied afterwards (Django's ``flush``)
    with ``DELETE`` on every table, foreign keys' triggers off for that transaction
    (``session_replication_role``, superusers only: CI's role is one), instead of one
    ``TRUNCATE`` of all of them: a test leaves a few rows, and ``TRUNCATE`` makes new files
    for ~300 tables and indexes, 0.6 s a test against 5 ms (~280 such tests a run, the
    browser journeys among them). Sequences are not reset either way."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush
    superuser = {}

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        alias = self.connection.alias
        if alias not in superuser:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                superuser[alias] = cursor.fetchone()[0]
        if reset_sequences or not tables or not superuser[alias]:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        # The names are Django's own tables, quoted.
        deletes = " ".join(f"DELETE FROM {self.quote_name(table)};" for table in tables)  # noqa: S608
        return [f"SET LOCAL session_replication_role = replica; {deletes}"]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker(worker_id):
    """With pytest-xdist, each worker uses its own Redis database (production mode).

    ``cache.clear()`` empties the whole Redis database, so workers sharing one would wipe each
    other's cache (and rate-limit counts) in the middle of a test. Worker ``gwN`` uses the
    database of ``REDIS_URL`` plus 1 + N (``redis://…/6`` → 7, 8, …), so that runs given
    different base databases do not collide either.
    """
    from django.conf import settings
    from django.test import override_settings

    if not settings.REDIS_URL or worker_id == "master":
        yield
        return
    url = urlsplit(settings.REDIS_URL)
    base = int(url.path.strip("/") or 0)
    url = url._replace(path=f"/{base + 1 + int(worker_id.removeprefix('gw'))}")
    redis_url = urlunsplit(url)
    with override_settings(
        REDIS_URL=redis_url,
        CACHES={
            **settings.CACHES,
            "default": {**settings.CACHES["default"], "LOCATION": redis_url},
        },
        CHANNEL_LAYERS={
            "default": {
                **settings.CHANNEL_LAYERS["default"],
                "CONFIG": {
                    "hosts": [
                        {
                            **settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0],
                            "address": redis_url,
                        }
                    ]
                },
            }
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


def _settings_for_tests(settings, tmp_path):
    """What every test runs with; ``settings`` is pytest-django's fixture or a namespace."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BUURTPLEIN_PRIVATE_ROOT = tmp_path / "private"
    # Tests serve static files from the apps (as in the embedded mode), never from a collected
    # STATIC_ROOT, in both modes.
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.WHITENOISE_USE_FINDERS = True
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = False
    # Rate limits count per account for as long as the cache lives: one test (or the examples
    # of one Hypothesis test) may post more than a person would in an hour. They are tested
    # where they are the subject, with the configured rates: core/tests/test_rate_limits.py.
    settings.BUURTPLEIN_RATE_LIMITS = {}
    from django.conf import settings as django_settings

    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, request):
    _settings_for_tests(settings, tmp_path)
    # The count tables follow every committed write (a recount of the month, which the test
    # settings' immediate task backend would run inline at each commit): only where a test is
    # about them (``@pytest.mark.counting``: the components' test_counts.py, reporting's tests).
    settings.BUURTPLEIN_COUNT_ON_WRITE = request.node.get_closest_marker("counting") is not None
    cache.clear()
    caches["fragments"].clear()  # the rendered fragments each process keeps (settings.py)
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _database_threads_closed():
    """The websockets' database threads (``core.dbthreads``) keep their connections: closed
    after each test (before a transactional test's flush), so that none is left open in another
    thread when the test database is dropped. Nothing to do when no socket ran."""
    from buurtplein.core.dbthreads import close_database_threads

    yield
    close_database_threads()


@contextmanager
def _tasks_must_not_fail():
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


@pytest.fixture(autouse=True)
def _background_tasks_must_not_fail():
    """A task that raises fails the test that ran it.

    Tests run tasks with Django's immediate backend, which catches every exception and only
    marks the result as failed: a broken e-mail template or a task that chokes on a state it did
    not expect would otherwise go unnoticed (in production it is a traceback in the worker's log
    and a person who never hears back).
    """
    with _tasks_must_not_fail():
        yield


# --- The permission-matrix world, once per module -------------------------------------------

MATRIX_WORLD = "matrix_world"
SEEDED_DEMO = "seeded_demo"
DEMO_AT_MOMENT = "demo_at_moment"


@pytest.hookimpl(tryfirst=True)
def _deselect_server_tests(config, items):
    """Tests marked ``servers`` stop and start real server parts (PostgreSQL behind a gate,
    a Redis of their own: ``core/tests/outage.py``). They run in production mode (CI's
    ``.ci/run``, or ``DATABASE_URL`` and ``REDIS_URL`` set); on the embedded default there is no
    PostgreSQL to take away, so they are deselected, and pytest's summary says how many."""
    from django.conf import settings

    if settings.PRODUCTION:
        return
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker("servers") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_collection_modifyitems(config, items):
    """A test that uses the module's matrix world runs in its own savepoint (``django_db``).

    The world's fixtures are module-scoped, so they cannot ask for the function-scoped ``db``
    themselves; the marker gives every such test pytest-django's per-test transaction, which
    nests as a savepoint in the module's outer one. Runs before pytest-django orders the tests
    (database tests first), so it sees them as the database tests they are.

    A transactional test (``transaction=True``, ``transactional_db``, ``live_server``) cannot
    share a module with the world: it would run inside the world's open transaction.
    """
    _deselect_server_tests(config, items)
    # The modules that read the seeded demo first, one after the other, so that it is seeded
    # once (``seeded_demo``); the order is otherwise kept.
    items.sort(key=lambda item: not _reads_the_demo(item))
    modules_with_world = {}
    for item in items:
        if {MATRIX_WORLD, SEEDED_DEMO, DEMO_AT_MOMENT} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.django_db)
            modules_with_world[item.path] = item.nodeid
    for item in items:
        if item.path not in modules_with_world:
            continue
        marker = item.get_closest_marker("django_db")
        fixtures = getattr(item, "fixturenames", ())
        if (
            (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
            or "transactional_db" in fixtures
            or "live_server" in fixtures
        ):
            raise pytest.UsageError(
                f"{item.nodeid} is transactional and shares a module with the matrix world "
                f"({modules_with_world[item.path]}); move it to a module of its own."
            )


@contextmanager
def _module_transaction(django_db_blocker):
    """An outer transaction on the default database, rolled back at the end, with database
    access while it is open (the module-scoped world fixtures build inside it)."""
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Lets code under test open `atomic(durable=True)` as inside a TestCase.
        outer._from_testcase = True
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            assert not connection.in_atomic_block, "the module's world transaction did not end"


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two neighbourhoods; one person of every role in the first ("own"), none in "other".

    Apps add their own objects in both neighbourhoods with a module-scoped ``world`` fixture
    (see ``core/tests/matrix.py``). Built once per module, in a transaction rolled back at the
    end of the module; each test sees it as built (its own writes are rolled back after it).
    The objects are shared by the module's tests: read them, do not change them in Python.
    """
    from django.test import override_settings

    from buurtplein.accounts.tests.factories import OrganisationFactory, UserFactory
    from buurtplein.core.models import Membership, Role
    from buurtplein.core.tests import matrix
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member

    overrides = SimpleNamespace()
    _settings_for_tests(overrides, tmp_path_factory.mktemp("matrix-world"))
    with (
        override_settings(**vars(overrides)),
        _module_transaction(django_db_blocker),
        _tasks_must_not_fail(),
    ):
        cache.clear()
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
        yield SimpleNamespace(
            own=own,
            other=other,
            users=users,
            organisation=organisation,
            other_resident=other_resident,
            outsider=UserFactory(),
        )
        cache.clear()


_shared_demo: tuple[ExitStack, SimpleNamespace] | None = None
"""The seeded demo while the modules that read it run (``seeded_demo``)."""


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The tiny demo (``seed_demo --scale tiny``), seeded once for all the modules that read it,
    in a transaction rolled back after the last of them, each test in a savepoint of its own
    (as the matrix world). Those modules run first and one after the other
    (``pytest_collection_modifyitems``); the transaction ends when the next test is not one
    of theirs (``pytest_runtest_teardown``). Only for modules whose every database test reads
    the demo and changes nothing outside its own test. Seeding takes 20 seconds: seeded once
    per process instead of once per module, it saves that much for every module but one."""
    global _shared_demo
    if _shared_demo is None:
        from django.core.management import call_command
        from django.test import override_settings

        overrides = SimpleNamespace()
        _settings_for_tests(overrides, tmp_path_factory.mktemp("demo"))
        stack = ExitStack()
        try:
            stack.enter_context(override_settings(**vars(overrides)))
            stack.enter_context(_module_transaction(django_db_blocker))
            stack.enter_context(_tasks_must_not_fail())
            cache.clear()
            call_command("seed_demo", scale="tiny", verbosity=0)
        except BaseException:
            stack.close()
            raise
        # Each test has a media folder of its own; the demo's photos are in this one.
        _shared_demo = (stack, SimpleNamespace(media_root=overrides.MEDIA_ROOT))
    yield _shared_demo[1]


@pytest.fixture(scope="module")
def demo_at_moment(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The tiny demo seeded at the module's ``DEMO_MOMENT`` (an aware datetime: a hard moment
    such as Sunday a minute before midnight), once for the module, the clock running on from
    there through its tests; rolled back after the module as the matrix world."""
    import time_machine
    from django.core.management import call_command
    from django.test import override_settings

    overrides = SimpleNamespace()
    _settings_for_tests(overrides, tmp_path_factory.mktemp("demo-at"))
    with (
        time_machine.travel(request.module.DEMO_MOMENT, tick=True),
        override_settings(**vars(overrides)),
        _module_transaction(django_db_blocker),
        _tasks_must_not_fail(),
    ):
        cache.clear()
        call_command("seed_demo", scale="tiny", verbosity=0)
        yield SimpleNamespace(media_root=overrides.MEDIA_ROOT)
        cache.clear()


def _reads_the_demo(item) -> bool:
    return item is not None and SEEDED_DEMO in getattr(item, "fixturenames", ())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test that reads the shared demo (its fixtures torn down), roll it back."""
    global _shared_demo
    yield
    if _shared_demo is not None and not _reads_the_demo(nextitem):
        stack, _demo = _shared_demo
        _shared_demo = None
        stack.close()
        cache.clear()
