"""Write a PO fragment from a Python dict (used while building; fragments are merged into the
catalogue by ``scripts/merge_translations.sh``)."""

import json
import sys


def po_escape(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write(path: str, entries: dict) -> None:
    out = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for key, value in entries.items():
        if isinstance(key, tuple):  # (singular, plural) -> (nl singular, nl plural)
            out += [f"msgid {po_escape(key[0])}", f"msgid_plural {po_escape(key[1])}"]
            out += [f"msgstr[0] {po_escape(value[0])}", f"msgstr[1] {po_escape(value[1])}", ""]
        else:
            out += [f"msgid {po_escape(key)}", f"msgstr {po_escape(value)}", ""]
    with open(path, "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    sys.exit("import and call write()")
