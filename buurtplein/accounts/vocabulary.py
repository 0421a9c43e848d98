"""The curated skills and interests as matching reads them, and the words that point to them.

Shared by every component that matches people to something by what they can and like to do
(buurthulp's help requests, volunteering's vacancies): a light Dutch/English folding and
stemming of words (:func:`words`, :func:`stems`), a table of everyday words people use and the
skills and interests they point to (:data:`SYNONYMS`: "lamp" → odd jobs), the vocabulary itself
(:func:`vocabulary`, cached) and :func:`things_for_stems`. Each component keeps its own ranking
on top; :data:`TOPIC_WEIGHTS` are the weights of the topical signals both use, so a skill counts
as much in one as in the other.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache

from buurtplein.accounts.models import Interest

TOPIC_WEIGHTS = {"skill": 3.0, "interest": 1.0, "words": 1.5}
"""A chosen skill, a chosen interest, and a skill found only in the words of a text."""

# --- words ------------------------------------------------------------------------------------

_STOPWORDS_TEXT = """
    de het een en of maar dan als dat die dit deze daar hier er ik je jij u uw mijn me mij wij we
    ons onze jullie hij zij ze zijn haar hem hun wie wat waar wanneer hoe waarom welke niet geen
    wel ook nog al om op in aan bij met van voor naar uit over onder tot door te na zo heel erg
    is ben bent was waren wordt worden word kan kun kunt kunnen wil wilt willen zou zouden moet
    moeten mag mogen heb hebt heeft hebben had hadden ga gaat gaan doe doet doen even graag
    iemand iets niemand alles soms vaak hulp help helpen helpt nodig zoek zoeken vraag vragen
    beetje keer misschien echt best alstublieft aub pls dank bedankt hallo hoi beste goed
    the a an and or but if then that this these those there here i me my we our you your he she
    it its they them their who what where when how why which not no yes also too very can could
    would should will shall may might must do does did done is are was were be been am have has
    had get got someone somebody something anyone anybody need needs want wants please thanks
    hello hi with for from to of in on at by about into over under up down out some any just
"""
STOPWORDS = set(_STOPWORDS_TEXT.split())

_LETTERS = re.compile(r"[^\W\d_]+")
_SUFFIXES = (
    "etjes", "tjes", "ingen", "heden", "etje", "tjes", "heid", "ing", "tje", "jes",
    "en", "es", "je", "s", "e", "ed", "ly",
)  # fmt: skip


def fold(text: str) -> str:
    """Lowercase without accents: "Café" → "cafe", "ruïne" → "ruine"."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A light Dutch/English stemmer: enough to make "klussen", "klusje" and "klus" meet, and
    "boodschappen" and "boodschap"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # klussen → kluss → klus, boodschapp → boodschap
    return word


def words(text: str) -> list[str]:
    """The meaningful words of a text, folded, without stop words (in order, repeats kept)."""
    return [w for w in _LETTERS.findall(fold(text)) if len(w) >= 2 and w not in STOPWORDS]


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def _related(a: str, b: str) -> bool:
    """Same stem, or one a prefix (of at least 4 letters) of the other."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long.startswith(short)


# Everyday words people use when asking, and the skills (s:) and interests (i:) they point to.
# Slugs are the curated ones of accounts/migrations/0003.
SYNONYMS: dict[str, list[str]] = {
    "s:diy": """klus klusje klussen lamp lampen ophangen hangen boren boor gordijn gordijnen
        rails plank planken kast kastje monteren in elkaar zetten ikea schilderen verven behang
        behangen kraan lekt lekkage repareren reparatie stopcontact schroef schroeven spijker
        deur slot fix hang drill shelf shelves curtain paint repair assemble furniture tap leak
        bulb light""",
    "s:shopping": """boodschap boodschappen supermarkt winkel winkelen apotheek medicijnen
        ophalen brood melk markt groceries shopping shop supermarket pharmacy errand errands""",
    "s:computer-help": """computer laptop telefoon mobiel smartphone tablet ipad internet wifi
        digid email mail whatsapp app apps printer printen wachtwoord inloggen online
        videobellen facetime phone mobile password login""",
    "s:company": """eenzaam eenzaamheid gezelschap praatje kletsen praten luisteren
        verdriet rouw overleden weduwe weduwnaar bezoek bezoekje lonely loneliness alone
        company chat talk visit grief widow""",
    "i:coffee": "koffie thee kopje coffee tea",
    "i:walking": "wandelen wandeling lopen rondje walk walking stroll",
    "s:garden-care": """tuin tuinen gras maaien grasmaaier heg snoeien onkruid planten bladeren
        hark garden lawn mow hedge weeds plants""",
    "s:paperwork": """formulier formulieren brief brieven belasting belastingdienst toeslag
        toeslagen aanvraag aanvragen administratie post papieren gemeente uitkering form forms
        letter letters tax taxes paperwork application""",
    "s:driving": """vervoer rijden auto lift brengen halen ziekenhuis dokter huisarts
        tandarts afspraak rolstoel ride drive car lift hospital doctor appointment""",
    "s:cooking-for-others": "koken kook maaltijd maaltijden eten soep cook cooking meal meals",
    "s:babysitting": """oppas oppassen kinderen kind baby peuter babysit babysitting childcare
        children child""",
    "s:bike-repair": "fiets fietsen band lekke ketting rem bike bicycle tyre tire puncture chain",
    "s:sewing": """naaien naaimachine broek knoop rits verstellen kleding sew sewing mend
        trousers button zip clothes""",
    "s:dutch-practice": """nederlands taal oefenen inburgering spreken dutch language practise
        practice speaking""",
    "s:tutoring": """huiswerk bijles wiskunde rekenen school toets examen homework tutoring
        maths math exam""",
    "s:pet-care": """hond honden kat katten uitlaten huisdier huisdieren konijn voeren dog dogs
        cat cats pet pets walk feed""",
    "s:music-lessons": "muziek piano gitaar zingen les music guitar singing lesson",
}


def stem_table(table: dict[str, str | list[str]]) -> dict[str, set[str]]:
    """stem → keys, from key → words."""
    out: dict[str, set[str]] = {}
    for key, value in table.items():
        text = value if isinstance(value, str) else " ".join(value)
        for w in _LETTERS.findall(fold(text)):
            out.setdefault(stem(w), set()).add(key)
    return out


_SYNONYM_STEMS = stem_table(SYNONYMS)


def _lookup(table: dict[str, set[str]], request_stems: set[str]) -> dict[str, set[str]]:
    """key → the request's stems that led to it."""
    found: dict[str, set[str]] = {}
    for s in request_stems:
        for key_stem, keys in table.items():
            if _related(s, key_stem):
                for key in keys:
                    found.setdefault(key, set()).add(s)
    return found


# --- interests and skills (the curated list) -------------------------------------------------


@dataclass(frozen=True)
class Thing:
    """A curated interest or skill, as matching needs it."""

    id: int
    slug: str
    kind: str  # "skill" or "interest"
    name_nl: str
    name_en: str

    @property
    def key(self) -> str:
        return f"{self.kind[0]}:{self.slug}"


VOCABULARY_KEY = "accounts:vocabulary:v1"


def vocabulary() -> dict[int, Thing]:
    """All interests and skills by id (one query, then from the cache for ten minutes)."""
    cached = cache.get(VOCABULARY_KEY)
    if cached is None:
        cached = [
            (i.pk, i.slug, i.kind, i.name_nl, i.name_en)
            for i in Interest.objects.all().order_by("pk")
        ]
        cache.set(VOCABULARY_KEY, cached, 600)
    return {row[0]: Thing(*row) for row in cached}


def things_for_stems(text_stems: set[str], things: dict[int, Thing]) -> dict[int, set[str]]:
    """The curated skills and interests a text points to (its stems, see :func:`stems`) →
    the stems that led there: the everyday words of :data:`SYNONYMS` ("lamp" → odd jobs) and
    the things' own names in both languages ("computerhulp", "tuinieren"). Used for help
    requests (``buurthulp.matching``) and for volunteer vacancies (``volunteering.matching``)."""
    by_key = {thing.key: thing for thing in things.values()}
    found: dict[int, set[str]] = {}
    for key, hits in _lookup(_SYNONYM_STEMS, text_stems).items():
        if key in by_key:
            found.setdefault(by_key[key].id, set()).update(hits)
    for thing in things.values():
        name_stems = stems(f"{thing.name_nl} {thing.name_en}")
        hits = {s for s in text_stems for n in name_stems if _related(s, n)}
        if hits:
            found.setdefault(thing.id, set()).update(hits)
    return found
