"""Migrate the test databases' templates once, for every test process of a run to copy.

Migrating a fresh database takes 30 seconds here (Django renders the models' states once per
operation, and every model points at the neighbourhood and the user), and a run needed it up to
four times: each pytest-xdist worker's PostgreSQL test database, the live journeys' SQLite file
(``e2e/asgi.py``) and the SQLite run of the tests marked ``embedded``. ``./run-tests`` starts
this script in the background while the lint runs, and waits for it before pytest:

* a SQLite file ``sqlite.sqlite3`` in FOLDER (always);
* with ``DATABASE_URL`` set (production mode), the PostgreSQL database
  ``test_<name>_template``, migrated, its name written to ``FOLDER/postgresql``.

The tests find FOLDER in ``BUURTPLEIN_TEST_TEMPLATES`` and copy instead of migrating
(``conftest.py``: ``django_db_modify_db_settings``; ``e2e/asgi.py``: ``migrated_database``).
Without it (plain ``pytest``) every process migrates its own database as before.

Usage: ``uv run python scripts/test_templates.py FOLDER``
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def _sqlite(folder: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(SQLITE_PATH=str(folder / "sqlite.sqlite3"), BUURTPLEIN_VAR_DIR=str(folder / "var"))
    return subprocess.Popen([*MANAGE, "migrate", "--run-syncdb", "-v0"], cwd=ROOT, env=env)


def _postgresql(folder: Path, url: str) -> subprocess.Popen:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    template = f"test_{parts.path.strip('/')}_template"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(template))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
    env = {**os.environ, "DATABASE_URL": urlunsplit(parts._replace(path=f"/{template}"))}
    (folder / "postgresql").write_text(template)
    return subprocess.Popen([*MANAGE, "migrate", "--run-syncdb", "-v0"], cwd=ROOT, env=env)


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [_sqlite(folder)]
    if os.environ.get("DATABASE_URL"):
        jobs.append(_postgresql(folder, os.environ["DATABASE_URL"]))
    failed = [job.args for job in jobs if job.wait() != 0]
    if failed:
        print(f"test_templates.py: migrating failed: {failed}", file=sys.stderr)
        return 1
    (folder / "ready").touch()
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0 if len(sys.argv) == 2 else 2)
    sys.exit(main(Path(sys.argv[1])))
