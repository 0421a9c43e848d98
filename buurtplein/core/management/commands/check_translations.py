"""Fail when a string is missing from the catalogues, untranslated, fuzzy, or not compiled.

Runs ``makemessages`` for every language (so new strings in code and templates show up in the
``.po`` files), then checks each catalogue with ``msgfmt``: no untranslated or fuzzy entries,
and the committed ``.mo`` equals a fresh compile. Used by ``./run-tests``.
"""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Update the gettext catalogues from the code and fail if any string is untranslated, "
        "fuzzy or not compiled into the committed .mo file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-update",
            action="store_true",
            help="Only check the catalogues as they are; do not run makemessages first.",
        )

    def handle(self, *args, **options):
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code, _name in settings.LANGUAGES]
        if not options["no_update"]:
            call_command(
                "makemessages",
                locale=languages,
                ignore_patterns=[".venv/*", "var/*", "bench/*", "e2e/*"],
                no_obsolete=True,
                verbosity=0,
            )
        problems = []
        for code in languages:
            po = locale_dir / code / "LC_MESSAGES" / "django.po"
            mo = po.with_suffix(".mo")
            if not po.exists():
                problems.append(f"{po}: missing")
                continue
            stats = subprocess.run(
                ["msgfmt", "--statistics", "-o", "/dev/null", str(po)],
                capture_output=True,
                text=True,
                check=False,
            )
            report = (stats.stdout + stats.stderr).strip()
            if stats.returncode or "untranslated" in report or "fuzzy" in report:
                problems.append(f"{po}: {report}")
                untranslated = subprocess.run(
                    ["msgattrib", "--untranslated", "--only-fuzzy", str(po)],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
                fuzzy = subprocess.run(
                    ["msgattrib", "--untranslated", str(po)],
                    capture_output=True,
                    text=True,
                    check=False,
                ).stdout
                problems.append((fuzzy + untranslated)[:4000])
                continue
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "django.mo"
                subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
                if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
                    problems.append(f"{mo}: out of date; run `manage.py compilemessages`")
        if problems:
            raise CommandError("Translations are not complete:\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Translations complete: " + ", ".join(languages)))
