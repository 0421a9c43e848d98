"""Update the catalogues from the code and fill them.

* ``makemessages`` for Dutch and English (new strings appear, obsolete ones go).
* Dutch: entries are filled from the fragments in ``buurtplein/locale/fragments/*.po``
  (where parts of the team write their Dutch while building; a fragment's translation wins);
  other existing translations are kept.
* English: the source strings are English, so every msgstr equals its msgid.
* ``compilemessages``. Then ``manage.py check_translations`` tells what is still missing.

Usage: ``uv run python scripts/merge_translations.py``
"""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "buurtplein" / "locale"
IGNORE = [".venv/*", "var/*", "bench/*", "e2e/*", "scripts/*"]


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, check=True)


def key(entry):
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def main():
    manage(
        "makemessages",
        "-l",
        "nl",
        "-l",
        "en",
        "--no-obsolete",
        "-v0",
        *[arg for pattern in IGNORE for arg in ("-i", pattern)],
    )
    known = {}
    where = {}
    disagree = []
    for fragment in sorted((LOCALE / "fragments").glob("*.po")):
        for entry in polib.pofile(str(fragment)):
            if not entry.translated():
                continue
            first = known.setdefault(key(entry), entry)
            where.setdefault(key(entry), fragment.name)
            if (first.msgstr, first.msgstr_plural) != (entry.msgstr, entry.msgstr_plural):
                disagree.append(
                    f"   {entry.msgid!r}: {where[key(entry)]} says {first.msgstr!r}, "
                    f"{fragment.name} says {entry.msgstr!r}"
                )
    if disagree:
        # Two parts translated the same text differently: the first fragment would win
        # silently and the other part's page (and its tests) would read words it never chose.
        sys.exit("Fragments disagree (make them say the same):\n" + "\n".join(disagree))

    nl = polib.pofile(str(LOCALE / "nl" / "LC_MESSAGES" / "django.po"))
    nl.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    nl.metadata["Language"] = "nl"
    for entry in nl:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {0: "", 1: ""} if entry.msgid_plural else {}
        source = known.get(key(entry))  # a fragment's translation wins
        if source is None:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(source.msgstr_plural)
        else:
            entry.msgstr = source.msgstr
    nl.save()

    en = polib.pofile(str(LOCALE / "en" / "LC_MESSAGES" / "django.po"))
    en.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    en.metadata["Language"] = "en"
    for entry in en:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
    en.save()

    manage("compilemessages", "-v0", "--ignore", ".venv/*")
    missing = [
        e.msgid
        for e in polib.pofile(
            str(LOCALE / "nl" / "LC_MESSAGES" / "django.po")
        ).untranslated_entries()
    ]
    print(f"Dutch: {len(missing)} untranslated")
    for msgid in missing:
        print("  ", msgid)


if __name__ == "__main__":
    main()
