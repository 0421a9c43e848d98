#!/bin/sh
# Update the catalogues from the code, fill Dutch from the fragments in
# buurtplein/locale/fragments/ (if any), make English complete (msgid = msgstr), compile.
# Then `manage.py check_translations` must pass.
set -eu
cd "$(dirname "$0")/.."
if command -v uv >/dev/null 2>&1; then UV=uv; else UV="python -m uv"; fi
LOC=buurtplein/locale
$UV run python manage.py makemessages -l nl -l en --no-obsolete \
  -i ".venv/*" -i "var/*" -i "bench/*" -i "e2e/*" -i "scripts/*" -v0
if ls $LOC/fragments/*.po >/dev/null 2>&1; then
  msgcat --use-first -o /tmp/bp-compendium.po $LOC/fragments/*.po
  msgmerge -q --no-fuzzy-matching --compendium=/tmp/bp-compendium.po \
    -o $LOC/nl/LC_MESSAGES/django.po $LOC/nl/LC_MESSAGES/django.po $LOC/nl/LC_MESSAGES/django.po
fi
msgattrib --clear-fuzzy -o $LOC/nl/LC_MESSAGES/django.po $LOC/nl/LC_MESSAGES/django.po
msgen -o $LOC/en/LC_MESSAGES/django.po $LOC/en/LC_MESSAGES/django.po
msgattrib --clear-fuzzy -o $LOC/en/LC_MESSAGES/django.po $LOC/en/LC_MESSAGES/django.po
$UV run python manage.py compilemessages -v0 --ignore ".venv/*"
msgfmt --statistics -o /dev/null $LOC/nl/LC_MESSAGES/django.po
