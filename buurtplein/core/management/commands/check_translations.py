"""Fail when a string in the code is missing from the catalogues, untranslated, fuzzy, or not
compiled. Changes no file: the strings are extracted in a temporary copy of the project.

Used by ``./run-tests``. To update the catalogues, run ``scripts/merge_translations.py``.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

IGNORE = [".venv/*", "var/*", "bench/*", "e2e/*", "scripts/*"]


def _key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


class Command(BaseCommand):
    help = (
        "Check that every translatable string in the code is in the Dutch and English "
        "catalogues, translated (not fuzzy), and compiled into the committed .mo files. "
        "Changes no file."
    )

    def handle(self, *args, **options):
        package = Path(settings.BASE_DIR)
        locale_dir = Path(settings.LOCALE_PATHS[0])
        languages = [code for code, _name in settings.LANGUAGES]
        problems = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / package.name
            shutil.copytree(
                package, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "media")
            )
            shutil.copy(package.parent / "manage.py", Path(tmp) / "manage.py")
            subprocess.run(
                [sys.executable, "manage.py", "makemessages", "-v0", "--no-obsolete"]
                + [arg for code in languages for arg in ("-l", code)]
                + [arg for pattern in IGNORE for arg in ("-i", pattern)],
                cwd=tmp,
                check=True,
                env={**__import__("os").environ, "BUURTPLEIN_VAR_DIR": str(Path(tmp) / "var")},
            )
            for code in languages:
                relative = Path(code) / "LC_MESSAGES" / "django.po"
                extracted = polib.pofile(str(copy / "locale" / relative))
                committed_path = locale_dir / relative
                if not committed_path.exists():
                    problems.append(f"{committed_path}: missing")
                    continue
                committed = {_key(e): e for e in polib.pofile(str(committed_path))}
                for entry in extracted:
                    found = committed.get(_key(entry))
                    if found is None or found.obsolete:
                        problems.append(f"[{code}] not in the catalogue: {entry.msgid!r}")
                    elif not found.translated() or "fuzzy" in found.flags:
                        problems.append(f"[{code}] not translated: {entry.msgid!r}")
                mo = committed_path.with_suffix(".mo")
                fresh = Path(tmp) / f"{code}.mo"
                subprocess.run(["msgfmt", "-o", str(fresh), str(committed_path)], check=True)
                if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
                    problems.append(f"{mo}: out of date; run scripts/merge_translations.py")
        if problems:
            raise CommandError(
                "Translations are not complete (run scripts/merge_translations.py, then add the "
                "Dutch):\n" + "\n".join(problems[:200])
            )
        self.stdout.write(self.style.SUCCESS("Translations complete: " + ", ".join(languages)))
