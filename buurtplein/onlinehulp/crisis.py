"""Crisis words: when an asker writes one, the chat shows the numbers of 113 (suicide
prevention) and 112 at once, and the worker's console marks the message (``"crisis": true``
in the message event).

Matching is on word stems: a term matches where a word *starts* with it ("zelfmoord" matches
"zelfmoordgedachten"), case- and accent-insensitively ("suïcide" = "suicide"); a term of
several words matches those words in a row, whatever the spaces between them. A desk adds its
own terms (``Desk.crisis_words``, one per line). It is a prompt to show help, not a diagnosis:
a false alarm costs a visible block with two phone numbers, a miss costs more, so the list errs
on the wide side.
"""

from __future__ import annotations

import functools
import re
import unicodedata

STANDARD = (
    # Suicide and self-harm
    "zelfmoord",
    "suicid",
    "zelfdoding",
    "dood willen",
    "wil dood",
    "wil ik dood",
    "dood wil",
    "niet meer leven",
    "niet meer willen leven",
    "geen zin meer in het leven",
    "een eind aan maken",
    "een einde aan maken",
    "eind aan mijn leven",
    "einde aan mijn leven",
    "leven beeindigen",
    "niet meer wakker worden",
    "mezelf iets aandoen",
    "mezelf iets aan doen",
    "mezelf pijn doen",
    "mezelf snijden",
    "snijd mezelf",
    "zelfbeschadig",
    "overdosis",
    "pillen slikken",
    "van een brug",
    "voor de trein",
    # Violence and abuse
    "geweld",
    "mishandel",
    "misbruik",
    "verkracht",
    "aanrand",
    "slaat me",
    "slaat mij",
    "schopt me",
    "bedreig",
    "vermoorden",
    "vermoord",
    "doodmaken",
    "dood maken",
    "kill myself",
    "suicide",
)

NOT_CRISIS = ("geweldig",)
"""Words that start like a crisis word but are not one ("geweldig": great)."""
_NOT_CRISIS = re.compile(r"(?<!\w)(?:" + "|".join(NOT_CRISIS) + r")\w*")


def _fold(text: str) -> str:
    """Lower case without accents: "Suïcide" → "suicide"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    parts = []
    for term in terms:
        words = _fold(term).split()
        if words:
            parts.append(r"\s+".join(re.escape(word) for word in words))
    if not parts:
        return None
    # A term starts at a word's beginning; its last word may go on (a stem).
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")")


@functools.lru_cache(maxsize=256)
def _compiled(extra: str) -> re.Pattern | None:
    terms = STANDARD + tuple(line.strip() for line in extra.splitlines() if line.strip())
    return _pattern(terms)


def matches(text: str, extra: str = "") -> bool:
    """Whether ``text`` holds a crisis word of the standard list or of ``extra`` (a desk's
    ``crisis_words``, one per line)."""
    pattern = _compiled(extra or "")
    return bool(pattern and pattern.search(_NOT_CRISIS.sub(" ", _fold(text))))
