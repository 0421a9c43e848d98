"""``docs/privacy.md`` §4 says what the retention rules in the code do: every rule has its row
(by its key), with the period as the page "Privacy in je buurt" words it in English, and the
table has no row for a rule that does not exist."""

import re
from pathlib import Path

from django.utils import translation

from buurtplein.core.retention import all_rules

DOC = Path(__file__).resolve().parents[3] / "docs" / "privacy.md"


def table_rows() -> dict[str, list[str]]:
    """Rule key → the cells of its row in the retention table of §4."""
    section = DOC.read_text().split("## 4. Retention", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        key = re.search(r"\(`([^`]+)`\)$", cells[0]) if line.startswith("| ") else None
        if key:
            found[key.group(1)] = cells
    return found


def test_the_retention_table_in_the_docs_agrees_with_the_code():
    rows = table_rows()
    rules = all_rules()
    assert sorted(rows) == sorted(rule.key for rule in rules)
    with translation.override("en"):
        for rule in rules:
            _what, kept, why, enforced = rows[rule.key]
            assert kept == rule.kept_text, rule.key
            assert why == str(rule.why), rule.key
            assert enforced.startswith("`enforce_retention`"), rule.key
