"""Which vacancies suit a member, and why, in one line — on the shared vocabulary.

Nothing here is a second matcher: the words of a vacancy are read with the folding, stemming
and everyday-words table buurthulp reads help requests with
(:func:`buurtplein.accounts.vocabulary.things_for_stems`), the curated skills and interests
come from the same vocabulary (``vocabulary.vocabulary``), and the weights of the topical
signals are the same (``vocabulary.TOPIC_WEIGHTS``).

* **When a vacancy is saved** (:func:`topics_of`): its chosen skills and interests, plus the
  ones its title and task point to ("hulp bij de computerinloop" → Computerhulp), become
  :class:`~buurtplein.volunteering.models.VacancyTopic` rows, so that suggestions and the
  skill filter are one indexed query.
* **When suggesting** (:func:`rank`, pure): a member's skills and interests — and the ones
  their names point to ("Computers" → Computerhulp, at half weight) — are laid over the
  topics of the open vacancies. A chosen skill counts most (``skill``), a chosen interest
  less (``interest``), a skill found only in the text in between (``words``), an interest
  found only in the text half that; a vacancy needs at least the weight of one chosen
  interest (:data:`MIN_SCORE`) to be suggested. Ties: the newest vacancy first. Each
  suggestion carries the parts of its reason, which :func:`reason_text` writes in the
  reader's language ("Past bij je vaardigheid Computerhulp").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from buurtplein.accounts import vocabulary as shared
from buurtplein.accounts.vocabulary import Thing

SKILL = "skill"
INTEREST = "interest"
RELATED_FACTOR = 0.5
"""A vacancy topic reached through the name of one of the member's things, not the thing."""
EXTRA_FACTOR = 0.25
"""Every further topic that fits adds a quarter of its weight (as buurthulp's extra skills)."""
MIN_SCORE = shared.TOPIC_WEIGHTS["interest"]
"""A suggestion fits at least as well as one chosen interest: an interest that the text only
mentions in passing ("foto's sturen" → Fotografie) is not enough on its own."""


def vocabulary() -> dict[int, Thing]:
    """The curated skills and interests by id (buurthulp's cached vocabulary)."""
    return shared.vocabulary()


def topics_of(
    *, title: str, task: str, chosen: Iterable[int], things: dict[int, Thing]
) -> dict[int, tuple[bool, str]]:
    """interest id → (chosen by the poster, the words that led to it) for a vacancy."""
    found = shared.things_for_stems(shared.stems(f"{title} {task}"), things)
    topics: dict[int, tuple[bool, str]] = {
        thing_id: (False, " ".join(sorted(words))[:200]) for thing_id, words in found.items()
    }
    for thing_id in chosen:
        if thing_id in things:
            topics[thing_id] = (True, "")
    return topics


def related_things(mine: set[int], things: dict[int, Thing]) -> dict[int, int]:
    """Things the names of the member's own skills and interests point to → the member's
    thing that led there (interest "Computers" → skill "Computerhulp")."""
    related: dict[int, int] = {}
    for thing_id in sorted(mine):
        thing = things.get(thing_id)
        if thing is None:
            continue
        name_stems = shared.stems(f"{thing.name_nl} {thing.name_en}")
        for other in shared.things_for_stems(name_stems, things):
            if other not in mine:
                related.setdefault(other, thing_id)
    return related


@dataclass(frozen=True)
class TopicRow:
    """One topic of one open vacancy, as :func:`rank` needs it."""

    vacancy_id: int
    interest_id: int
    chosen: bool
    created_at: object  # datetime; for the tie-break (newest first)


@dataclass
class Suggestion:
    vacancy_id: int
    score: float
    reason: list[dict] = field(default_factory=list)


def _weight(thing: Thing, chosen: bool) -> float:
    weights = shared.TOPIC_WEIGHTS
    if not chosen:
        return weights["words"] * (1.0 if thing.kind == SKILL else 0.5)
    return weights["skill"] if thing.kind == SKILL else weights["interest"]


def rank(
    mine: set[int],
    rows: Iterable[TopicRow],
    things: dict[int, Thing],
    *,
    limit: int = 3,
) -> list[Suggestion]:
    """The ``limit`` best vacancies for a member with the skills and interests ``mine``, best
    first, each with the parts of its reason. Pure: no database."""
    related = related_things(mine, things)
    hits: dict[int, list[tuple[float, int]]] = {}
    newest: dict[int, object] = {}
    for row in rows:
        thing = things.get(row.interest_id)
        if thing is None:
            continue
        if row.interest_id in mine:
            weight, own = _weight(thing, row.chosen), row.interest_id
        elif row.interest_id in related:
            weight, own = RELATED_FACTOR * _weight(thing, row.chosen), related[row.interest_id]
        else:
            continue
        hits.setdefault(row.vacancy_id, []).append((weight, own))
        newest[row.vacancy_id] = row.created_at
    scored = []
    for vacancy_id, found in hits.items():
        found.sort(key=lambda pair: (-pair[0], pair[1]))
        best, *rest = found
        score = best[0] + EXTRA_FACTOR * sum(weight for weight, _own in rest)
        if score < MIN_SCORE:
            continue
        scored.append((round(score, 4), newest[vacancy_id], vacancy_id, best[1]))
    scored.sort(key=lambda item: (item[0], item[1], item[2]), reverse=True)
    return [
        Suggestion(vacancy_id=vacancy_id, score=score, reason=[_part(things[own])])
        for score, _created, vacancy_id, own in scored[:limit]
    ]


def _part(thing: Thing) -> dict:
    return {"kind": thing.kind, "nl": thing.name_nl, "en": thing.name_en}


def reason_text(parts: list[dict]) -> str:
    """One line in the active language: "Past bij je vaardigheid Computerhulp" / "Fits your
    skill Help with computers and phones"."""
    english = (get_language() or "nl").startswith("en")
    out = []
    for part in parts or []:
        name = part.get("en" if english else "nl", "")
        if not name:
            continue
        if part.get("kind") == SKILL:
            out.append(_("Fits your skill %(name)s") % {"name": name})
        elif part.get("kind") == INTEREST:
            out.append(_("Fits your interest %(name)s") % {"name": name})
    return " · ".join(out)
