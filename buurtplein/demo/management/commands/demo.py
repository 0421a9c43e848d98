"""The README's one-command demo on the embedded default (SQLite, no other servers)."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from buurtplein.demo.generate import DEMO_LOGINS, DEMO_PASSWORD, database_has_data


class Command(BaseCommand):
    help = (
        "Start the demo: migrate, fill demo data if the database is empty, move the agenda's "
        "horizon on (agenda_extend), start the background task worker, and serve Buurtplein on "
        "http://127.0.0.1:8000/ or --port (ASGI, Daphne); e-mail links follow the port. Prints the "
        "demo log-ins. Stop with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background task worker."
        )

    def handle(self, *args, port, no_worker, **options):
        call_command("migrate", verbosity=0)
        with scopes_disabled():
            if not database_has_data():
                self.stdout.write("First start: filling the demo neighbourhoods (under a minute)…")
                call_command("seed_demo", verbosity=1)
            # The daily run that keeps a year of activity dates stored (cron in production).
            call_command("agenda_extend", verbosity=0)
        url = use_port_for_links(port) + "/"
        worker = None
        if not no_worker:
            manage = settings.BASE_DIR.parent / "manage.py"
            # The worker inherits the environment, and with it the address for e-mail links.
            # Quiet (-v 0): warnings and errors only, so the e-mails printed here stay readable.
            worker = subprocess.Popen([sys.executable, str(manage), "run_worker", "-v", "0"])
        lines = [
            "",
            f"Buurtplein demo: {url}",
            f"  Nijmegen-Oost: {url}b/nijmegen-oost/  (invite code OOST2026, postcode 6522)",
            "",
            f"Demo log-ins (password for all: {DEMO_PASSWORD}):",
        ]
        lines += [f"  {label:15} {email}" for email, _f, _l, _r, label in DEMO_LOGINS]
        lines += [
            f"  The admin also opens {url}admin/.",
            "E-mails (e.g. to verify a new account) are printed here, in this console.",
            "Two-step log-in is not required for staff in the demo"
            + ("." if not settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF else " (it is now: set).")
            + " Stop with Ctrl-C.",
            "",
        ]
        self.stdout.write("\n".join(lines))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)


def use_port_for_links(port: int) -> str:
    """Make the links in e-mails (``BUURTPLEIN_BASE_URL``, rendered by ``core.tasks``) point to
    the port the demo serves on, in this process and in the worker it starts (through the
    environment), unless the address was set explicitly. Returns the address."""
    if "BUURTPLEIN_BASE_URL" not in os.environ:
        os.environ["BUURTPLEIN_BASE_URL"] = f"http://127.0.0.1:{port}"
    settings.BUURTPLEIN_BASE_URL = os.environ["BUURTPLEIN_BASE_URL"].rstrip("/")
    return settings.BUURTPLEIN_BASE_URL
