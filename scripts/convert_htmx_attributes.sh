#!/bin/sh
# Rewrites htmx attributes in templates to their data- form (data-hx-post …), which the
# Nu HTML checker accepts; htmx reads both. Safe to re-run (already converted ones stay).
set -eu
cd "$(dirname "$0")/.."
grep -rlE '(^|[^a-z-])hx-[a-z]' --include=*.html buurtplein | while read -r f; do
  sed -i -E 's/(^|[^a-zA-Z0-9_-])hx-([a-z])/\1data-hx-\2/g' "$f"
done
