"""Matching help requests to helpers: which neighbours fit, and why, in one line.

Two halves:

* **Loading** (:func:`load_pool`): every active helper of a neighbourhood whose membership is
  verified, with skills, interests, languages, availability, reach, place and stored embedding,
  in a constant number of queries (5), kept per neighbourhood in this process (see
  :class:`PoolCache`) so that ranking the next request costs one cache look-up and one query
  (recent load).
* **Ranking** (:func:`rank`): pure Python over the pool (NumPy only for the embedding product).

Signals, per candidate (weights in :data:`WEIGHTS`):

``skill``      the request asks for one of the helper's skills (from the topic, the skills' own
               Dutch and English names, and a small synonym table of everyday help words:
               lamp → klussen, telefoon → computerhulp, eenzaam → gezelschap, …)
``interest``   an interest of the helper fits (eenzaam → samen koffie drinken, wandelen)
``semantic``   e5 similarity of the request's text with what the helper offers, rescaled
               against the other candidates; only when both embeddings are stored and
               :func:`embeddings.available` (else the keyword signals carry the ranking)
``words``      keyword fallback on the helper's own words ("what I like to do"): the request's
               words, lowercased, stop words removed, lightly stemmed, prefix-matched
``distance``   closer is better; a helper beyond their own maximum distance is left out
``language``   speaks a language of the asker (more when the asker does not speak Dutch)
``available``  free on the days/parts of the day the request needs
``load``       suggestions in the last 14 days count against a helper: nobody gets every request

A candidate needs at least one topical signal (skill, interest, words or a clearly better
semantic fit) to be suggested at all. The top few come back with their reason as structured
parts (stored on the match) that :func:`reason_text` renders in the reader's language.
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from threading import Lock

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buurtplein.accounts.vocabulary import (
    TOPIC_WEIGHTS,
    Thing,
    stem_table,
    stems,
    things_for_stems,
    vocabulary,  # noqa: F401  (buurthulp reads the vocabulary through matching)
)
from buurtplein.core.cache import Generation
from buurtplein.core.geo import Point, distance_km

# Topics point to skills and interests as well.
TOPIC_SLUGS: dict[str, list[str]] = {
    "odd_jobs": ["s:diy"],
    "shopping": ["s:shopping"],
    "digital": ["s:computer-help"],
    "company": ["s:company", "i:coffee", "i:walking"],
    "transport": ["s:driving"],
    "garden": ["s:garden-care"],
    "paperwork": ["s:paperwork"],
    "money": ["s:paperwork"],
    "care": [],
    "safety": [],
    "other": [],
}

# Words that suggest neighbour help is not enough (money trouble, care, safety).
SENSITIVE_WORDS: dict[str, str] = {
    "money": """schuld schulden deurwaarder incasso aanmaning achterstand huurachterstand
        betalingsachterstand schuldhulp beslag afsluiting rood geldzorgen geldproblemen
        voedselbank debt debts bailiff arrears overdue eviction""",
    "care": """zorg verzorging verzorgen wassen douchen dementie
        mantelzorg mantelzorger verpleging thuiszorg wondverzorging incontinentie depressie suicide
        zelfmoord care nursing dementia medication carer caregiver depression""",
    "safety": """geweld bedreigd bedreiging bedreigen onveilig huiselijk mishandeling
        mishandeld intimidatie stalking stalker slaan geslagen inbraak violence threat
        threatened unsafe abuse abused harassment""",
}


_SENSITIVE_STEMS = stem_table(SENSITIVE_WORDS)


def sensitive_kinds(topic: str, text: str) -> set[str]:
    """{"money", "care", "safety"}: what in the request suggests a professional should look."""
    kinds = {topic} & set(SENSITIVE_WORDS)
    for s in stems(text):
        for key_stem, keys in _SENSITIVE_STEMS.items():
            # Stricter than the synonyms: the same word, or a longer word built on it
            # ("schuldhulp" on "schuld"), never a short key inside an unrelated word.
            if s == key_stem or (len(key_stem) >= 5 and s.startswith(key_stem)):
                kinds |= keys
    return kinds


# --- the request ------------------------------------------------------------------------------


@dataclass
class RequestFeatures:
    """What matching knows of a request."""

    stems: set[str]
    wanted: dict[int, set[str]]
    """Skill/interest ids the request points to → the words (or topic) that led there."""
    point: Point | None = None
    languages: set[str] = field(default_factory=set)
    slots: set[str] | None = None
    """Availability slots that suit the request; None: any time."""
    embedding: bytes | None = None
    exclude_user_ids: set[int] = field(default_factory=set)


def analyse(
    *,
    title: str,
    text: str,
    topic: str,
    things: dict[int, Thing],
) -> tuple[set[str], dict[int, set[str]]]:
    """The request's stems, and the skills and interests it asks for (with the reason)."""
    request_stems = stems(f"{title} {text}")
    by_key = {thing.key: thing for thing in things.values()}
    wanted: dict[int, set[str]] = {}
    for key in TOPIC_SLUGS.get(topic, []):
        if key in by_key:
            wanted.setdefault(by_key[key].id, set()).add(f"topic:{topic}")
    for thing_id, found in things_for_stems(request_stems, things).items():
        wanted.setdefault(thing_id, set()).update(found)
    return request_stems, wanted


DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PARTS = ["morning", "afternoon", "evening"]


def wanted_slots(when: str, dayparts: list[str], asked_at: datetime) -> set[str] | None:
    """The availability slots that suit a request: today and tomorrow for "as soon as
    possible", else any day; the chosen parts of the day, else any. None when anything goes."""
    parts = [p for p in dayparts if p in PARTS] or PARTS
    if when == "soon":
        today = asked_at.weekday()
        days = [DAYS[today], DAYS[(today + 1) % 7]]
    else:
        days = DAYS
    if len(days) == 7 and len(parts) == 3:
        return None
    return {f"{d}-{p}" for d in days for p in parts}


# --- the candidates ---------------------------------------------------------------------------


@dataclass
class Candidate:
    profile_id: int
    user_id: int
    skills: frozenset[int]
    interests: frozenset[int]
    languages: frozenset[str]
    availability: frozenset[str]
    max_km: float
    point: Point | None
    embedding_row: int | None = None


@dataclass
class Pool:
    """Every active helper of one neighbourhood, ready for ranking."""

    candidates: list[Candidate]
    matrix: object = None
    """(m, 384) float32 NumPy matrix of the stored embeddings (rows referenced by candidates)."""
    word_index: dict[str, list[int]] = field(default_factory=dict)
    """stem of the helpers' own words → candidate positions."""
    vocabulary_sorted: list[str] = field(default_factory=list)
    built_at: float = 0.0

    def positions_for(self, request_stems: set[str]) -> dict[int, set[str]]:
        """candidate position → the request stems found in their own words (prefix match)."""
        found: dict[int, set[str]] = {}
        vocab = self.vocabulary_sorted
        for s in request_stems:
            matches = []
            if s in self.word_index:
                matches.append(s)
            if len(s) >= 4:  # helper words that start with the request's word
                i = bisect_left(vocab, s)
                while i < len(vocab) and vocab[i].startswith(s):
                    if vocab[i] != s:
                        matches.append(vocab[i])
                    i += 1
                # and helper words the request's word starts with ("klus" in "klusjesman")
                for cut in range(4, len(s)):
                    if s[:cut] in self.word_index:
                        matches.append(s[:cut])
            for m in matches:
                for position in self.word_index[m]:
                    found.setdefault(position, set()).add(s)
        return found


def build_pool(rows: list[dict], skills: list[tuple], interests: list[tuple], points: dict):
    """A :class:`Pool` from plain rows (``load_pool`` reads them from the database)."""
    skills_of: dict[int, set[int]] = {}
    for profile_id, thing_id in skills:
        skills_of.setdefault(profile_id, set()).add(thing_id)
    interests_of: dict[int, set[int]] = {}
    for profile_id, thing_id in interests:
        interests_of.setdefault(profile_id, set()).add(thing_id)
    candidates, vectors, index = [], [], {}
    for row in rows:
        embedding = row.get("embedding")
        emb_row = None
        if embedding:
            emb_row = len(vectors)
            vectors.append(bytes(embedding))
        position = len(candidates)
        candidates.append(
            Candidate(
                profile_id=row["id"],
                user_id=row["user_id"],
                skills=frozenset(skills_of.get(row["id"], ())),
                interests=frozenset(interests_of.get(row["id"], ())),
                languages=frozenset(row.get("languages") or ()),
                availability=frozenset(row.get("availability") or ()),
                max_km=float(row.get("max_distance_km") or 1.0),
                point=points.get(row.get("postcode") or ""),
                embedding_row=emb_row,
            )
        )
        for s in stems(row.get("likes_to_do") or ""):
            index.setdefault(s, []).append(position)
    matrix = None
    if vectors:
        from buurtplein.buurthulp import embeddings

        try:
            matrix = embeddings.stack(vectors)
        except ImportError:  # no NumPy: no semantic signal
            matrix = None
    return Pool(
        candidates=candidates,
        matrix=matrix,
        word_index=index,
        vocabulary_sorted=sorted(index),
        built_at=time.monotonic(),
    )


class PoolCache:
    """Pools per neighbourhood in this process, valid while the neighbourhood's token in the
    shared cache is unchanged and for at most ``ttl`` seconds.

    The token changes (:func:`invalidate`) whenever a helper profile is saved, switched on or
    off, or gets its embedding; the time limit catches what happens elsewhere (a member moving
    to another postcode, leaving, or losing their verification). Across processes the shared
    cache (Redis in production) carries the token, so every worker rebuilds after a change.
    """

    def __init__(self, size: int = 32, ttl: float = 300.0):
        self.size, self.ttl = size, ttl
        self._pools: OrderedDict[int, tuple[str, Pool]] = OrderedDict()
        self._lock = Lock()

    generation = Generation("buurthulp:pool")

    def token(self, neighbourhood_id: int) -> str:
        return self.generation.token(neighbourhood_id)

    def get(self, neighbourhood_id: int, token: str) -> Pool | None:
        with self._lock:
            entry = self._pools.get(neighbourhood_id)
            if entry is None:
                return None
            stored_token, pool = entry
            if stored_token != token or time.monotonic() - pool.built_at > self.ttl:
                del self._pools[neighbourhood_id]
                return None
            self._pools.move_to_end(neighbourhood_id)
            return pool

    def put(self, neighbourhood_id: int, token: str, pool: Pool) -> None:
        with self._lock:
            self._pools[neighbourhood_id] = (token, pool)
            self._pools.move_to_end(neighbourhood_id)
            while len(self._pools) > self.size:
                self._pools.popitem(last=False)

    def invalidate(self, neighbourhood_id: int) -> None:
        self.generation.changed(neighbourhood_id)
        with self._lock:
            self._pools.pop(neighbourhood_id, None)


POOLS = PoolCache()


def invalidate_pool(neighbourhood_id: int) -> None:
    POOLS.invalidate(neighbourhood_id)


def load_pool(neighbourhood, *, use_cache: bool = True) -> Pool:
    """Every active helper of the neighbourhood (inside its scope), in 5 queries when not
    cached: verified helpers' postcodes, profiles, skills, interests, postcode centres."""
    from buurtplein.buurthulp.models import HelperProfile
    from buurtplein.core.geo import points_for_postcodes
    from buurtplein.core.models import Membership

    token = POOLS.token(neighbourhood.pk) if use_cache else ""
    if use_cache:
        pool = POOLS.get(neighbourhood.pk, token)
        if pool is not None:
            return pool
    profiles = HelperProfile.objects.filter(neighbourhood_id=neighbourhood.pk, active=True)
    # Where verified helpers live: one plain join (a correlated subquery per helper was slow on
    # PostgreSQL at thousands of helpers).
    postcodes = dict(
        Membership.objects.filter(
            neighbourhood_id=neighbourhood.pk,
            status=Membership.Status.VERIFIED,
            user_id__in=profiles.values("user_id"),
        ).values_list("user_id", "postcode")
    )
    rows = [
        {**row, "postcode": postcodes[row["user_id"]]}
        for row in profiles.order_by("pk").values(
            "id",
            "user_id",
            "languages",
            "availability",
            "max_distance_km",
            "likes_to_do",
            "embedding",
        )
        if row["user_id"] in postcodes
    ]
    ids = [row["id"] for row in rows]
    skills = list(
        HelperProfile.skills.through.objects.filter(
            helperprofile__neighbourhood_id=neighbourhood.pk, helperprofile__active=True
        ).values_list("helperprofile_id", "interest_id")
    )
    interests = list(
        HelperProfile.interests.through.objects.filter(
            helperprofile__neighbourhood_id=neighbourhood.pk, helperprofile__active=True
        ).values_list("helperprofile_id", "interest_id")
    )
    known = set(ids)
    skills = [pair for pair in skills if pair[0] in known]
    interests = [pair for pair in interests if pair[0] in known]
    points = points_for_postcodes(sorted({row["postcode"] for row in rows if row["postcode"]}))
    pool = build_pool(rows, skills, interests, points)
    if use_cache:
        POOLS.put(neighbourhood.pk, token, pool)
    return pool


# --- ranking ----------------------------------------------------------------------------------

WEIGHTS = {
    **TOPIC_WEIGHTS,
    "semantic": 2.0,
    "distance": 1.0,
    "language": 0.75,
    "available": 0.5,
    "load": 0.4,
}
LOAD_CAP = 6
SEMANTIC_GATE = 0.5
"""A semantic fit counts as topical from half-way between the median candidate and the best."""
SEMANTIC_MARGIN = 0.02
"""…and only when the raw cosine is this much above the median (e5 scores bunch together)."""
NEAR_KM = 3.0
"""Distances up to this are worth mentioning in the reason."""


@dataclass
class Suggestion:
    candidate: Candidate
    score: float
    reason: list[dict]


def _semantic(features: RequestFeatures, pool: Pool, semantic: bool):
    """(relative, raw − anchor) per embedding row, as two lists, or None without the signal.
    Vectorised: one matrix product and one partial sort for the whole pool."""
    if not (semantic and features.embedding and pool.matrix is not None):
        return None
    from buurtplein.buurthulp import embeddings

    return embeddings.relative_with_margin(features.embedding, pool.matrix)


def rank(
    features: RequestFeatures,
    pool: Pool,
    *,
    load: dict[int, int] | None = None,
    things: dict[int, Thing] | None = None,
    semantic: bool = False,
    limit: int = 5,
) -> list[Suggestion]:
    """The best ``limit`` helpers for a request, best first, each with the parts of its reason.

    Pure: no database, no model. ``load`` is the number of recent suggestions per user id.
    Two passes: every candidate gets a score (no allocations beyond a tuple), and only the
    best ``limit`` get their reason written out.
    """
    load = load or {}
    things = things or {}
    wanted = set(features.wanted)
    by_words = pool.positions_for(features.stems)
    sem = _semantic(features, pool, semantic)
    rel_of, margin_of = sem if sem else ((), ())
    request_languages = features.languages
    foreign = bool(request_languages) and "nl" not in request_languages
    slots = features.slots
    here = features.point
    excluded = features.exclude_user_ids
    w_skill, w_interest, w_semantic, w_words = (
        WEIGHTS["skill"],
        WEIGHTS["interest"],
        WEIGHTS["semantic"],
        WEIGHTS["words"],
    )
    w_distance, w_language, w_available, w_load = (
        WEIGHTS["distance"],
        WEIGHTS["language"],
        WEIGHTS["available"],
        WEIGHTS["load"],
    )
    scored: list[tuple[float, int, int, float | None, float]] = []
    for position, c in enumerate(pool.candidates):
        if c.user_id in excluded:
            continue
        skill_count = len(c.skills & wanted)
        interest_hit = not c.interests.isdisjoint(wanted)
        word_count = len(by_words.get(position, ()))
        row = c.embedding_row
        if sem and row is not None:
            rel, margin = rel_of[row], margin_of[row]
        else:
            rel = margin = 0.0
        semantic_fit = rel if (rel >= SEMANTIC_GATE and margin >= SEMANTIC_MARGIN) else 0.0
        if not (skill_count or interest_hit or word_count or semantic_fit):
            continue
        km = distance_km(c.point, here)
        if km is not None and km > c.max_km:
            continue
        score = 0.0
        if skill_count:
            score += w_skill * (1 + 0.25 * (skill_count - 1))
        if semantic_fit:
            score += w_semantic * semantic_fit
        elif rel:  # below the gate it still orders the topical candidates a little
            score += 0.5 * w_semantic * rel
        if interest_hit:
            score += w_interest
        if word_count:
            score += w_words * min(1.0, 0.5 * word_count)
        score += w_distance * 0.3 if km is None else w_distance / (1.0 + km)
        if request_languages:
            shares_other = not (request_languages & c.languages).issubset({"nl"})
            if foreign:
                if shares_other or not request_languages.isdisjoint(c.languages):
                    score += w_language
                else:
                    score -= w_language * 1.5
            elif shares_other:
                score += w_language * 0.5
        if slots is not None:
            if not c.availability:
                score += w_available * 0.3
            elif not c.availability.isdisjoint(slots):
                score += w_available
            else:
                score -= w_available
        score -= w_load * min(load.get(c.user_id, 0), LOAD_CAP)
        scored.append((-round(score, 4), c.profile_id, position, km, semantic_fit))
    best = heapq.nsmallest(limit, scored)
    return [
        Suggestion(
            candidate=pool.candidates[position],
            score=-negative,
            reason=_reason(
                pool.candidates[position], features, wanted, by_words.get(position, set()),
                km, semantic_fit, things,
            ),
        )
        for negative, _profile_id, position, km, semantic_fit in best
    ]  # fmt: skip


def _reason(c: Candidate, features, wanted, word_hits, km, semantic_fit, things) -> list[dict]:
    """The parts of a suggestion's one-line reason (see :func:`reason_text`)."""
    skill_hits = sorted(c.skills & wanted)
    interest_hits = sorted(c.interests & wanted)
    parts: list[dict] = []
    if skill_hits:
        parts.append(_thing_part("skill", things.get(skill_hits[0])))
    if interest_hits:
        parts.append(_thing_part("interest", things.get(interest_hits[0])))
    if word_hits and not skill_hits:
        parts.append({"kind": "words"})
    if semantic_fit and not skill_hits and not word_hits:
        parts.append({"kind": "similar"})
    if km is not None and km <= NEAR_KM:
        parts.append({"kind": "distance", "m": _rounded_metres(km)})
    shared = sorted((features.languages & c.languages) - {"nl"})
    if shared:
        parts.append({"kind": "language", "code": shared[0]})
    if features.slots is not None and not c.availability.isdisjoint(features.slots):
        parts.append({"kind": "available"})
    return parts


def _rounded_metres(km: float) -> int:
    """Distances between postcode centres are rough: 100 m steps, at least 100 m."""
    return max(100, round(km * 10) * 100)


def _thing_part(kind: str, thing: Thing | None) -> dict:
    if thing is None:
        return {"kind": kind}
    return {"kind": kind, "slug": thing.slug, "nl": thing.name_nl, "en": thing.name_en}


# --- the reason, in words ---------------------------------------------------------------------

_KEEP_CAPITAL = ("Nederlands", "Dutch", "Engels", "English", "Bridge")


def _lower_first(name: str) -> str:
    if not name or name.startswith(_KEEP_CAPITAL) or name[:2].isupper():
        return name
    return name[0].lower() + name[1:]


def _distance(metres: int) -> str:
    if metres < 1000:
        return _("%(m)s m from you") % {"m": max(metres, 50)}
    km = formats.number_format(round(metres / 1000, 1), decimal_pos=1)
    return _("%(km)s km from you") % {"km": km}


def reason_text(parts: list[dict], *, for_helper: bool = False) -> str:
    """One line, in the active language: "Can help with odd jobs · 400 m from you · speaks
    Arabic". ``for_helper`` phrases it for the helper reading why they were asked."""
    from buurtplein.accounts.models import LANGUAGE_CHOICES

    language_names = dict(LANGUAGE_CHOICES)
    english = (get_language() or "nl").startswith("en")
    out = []
    for part in parts or []:
        kind = part.get("kind")
        name = _lower_first(part.get("en" if english else "nl", ""))
        if kind == "skill" and name:
            # A skill's name is a label ("Help with computers and phones", "Klussen"), not
            # the end of a sentence: it follows a colon.
            out.append(
                (_("Your skill: %(skill)s") if for_helper else _("Skill: %(skill)s"))
                % {"skill": name}
            )
        elif kind == "interest" and name:
            out.append(
                (_("You like %(thing)s too") if for_helper else _("Also likes %(thing)s"))
                % {"thing": name}
            )
        elif kind == "words":
            out.append(
                _("Fits what you like to do") if for_helper else _("Mentions this in their offer")
            )
        elif kind == "similar":
            out.append(
                _("Fits what you like to do")
                if for_helper
                else _("What they like to do fits your question")
            )
        elif kind == "distance" and isinstance(part.get("m"), int):
            out.append(_distance(part["m"]))
        elif kind == "language" and part.get("code") in language_names:
            out.append(
                (_("You speak %(language)s") if for_helper else _("speaks %(language)s"))
                % {"language": language_names[part["code"]]}
            )
        elif kind == "available":
            out.append(_("You are free then") if for_helper else _("has time when you need it"))
        elif kind == "professional":
            organisation = part.get("organisation") or ""
            out.append(
                _("Professional at %(organisation)s") % {"organisation": organisation}
                if organisation
                else _("Professional in this neighbourhood")
            )
        elif kind == "connector":
            out.append(_("Suggested by a buurtverbinder"))
    text = " · ".join(out)
    return text[:1].upper() + text[1:] if text else ""


def recent_since(now: datetime) -> datetime:
    return now - timedelta(days=14)
