"""The neighbourhood's search: one page that asks every switched-on component what it finds
(``Component.search``, a tuple of ``SearchPart``) and shows it grouped by kind.

It also holds the one way a component makes its things findable, so every kind is searched
alike:

* A searched model has ``search_text`` (a ``TextField``: its words, lower-cased) and
  ``search_vector`` (a ``SearchVectorField``, PostgreSQL only), with a GIN index created by
  ``core.migration_ops.PostgreSQLOnlyAddIndex`` in the migration that adds them (which also
  fills both for the rows already there, :func:`fill_vectors`).
* The component's actions call :func:`store` after every save that changes those words.
* Its ``SearchPart.find`` narrows its own readable queryset with :func:`matching` and returns
  :func:`found`.

PostgreSQL: full-text search with the Dutch configuration on the stored vector; every word is
stemmed and matched as a prefix (so "fiets" finds "fietsenmaker", "schulden" finds
"schuldhulp"), or matched unstemmed as a prefix (the stemmer turns "schaak" into "schak",
which is no prefix of "schaakclub"; stop words only stemmed, as their unstemmed form is not in
the vectors); all words must fit, ranked. SQLite (embedded): every word must occur in
``search_text``, newest first.
"""

from __future__ import annotations

import json
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import (
    FETCH_RAISE,
    Count,
    Exists,
    F,
    IntegerField,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)

from buurtplein.core.components import (
    SearchFound,
    SearchHit,
    SearchPart,
    all_components,
    search_parts,
)
from buurtplein.core.permissions import Viewer, can
from buurtplein.core.text import shortened
from buurtplein.core.urls import nb_reverse

SEARCH_CONFIG = "dutch"
MAX_WORDS = 8
"""Words of a query that count (the rest is ignored)."""
MAX_QUERY = 200
"""Characters of a query that count."""
PER_KIND = 5
"""Hits shown per kind on the search page; "more" leads to the component's own page."""
COUNT_CAP = 100
"""More matches than this show as "100+"; a kind with thousands of matches (posts) counts only
up to this many and one more (:func:`found`)."""
_DUTCH_STOP_TEXT = """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
    hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest andere
"""
DUTCH_STOP_WORDS = frozenset(_DUTCH_STOP_TEXT.split())
"""PostgreSQL's ``dutch`` stop words (Snowball's list): not in any vector."""


def words(query: str) -> list[str]:
    """The words of ``query`` that are searched: letters and digits only, lower-cased, so no
    operator of PostgreSQL's query syntax survives."""
    return [word for word in re.findall(r"[^\W_]+", query[:MAX_QUERY].lower())][:MAX_WORDS]


def text_of(*parts) -> str:
    """The search words of a thing from its parts (empty parts left out), lower-cased."""
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip()).lower()


def store(obj, *parts) -> str:
    """Write the search words of ``obj`` (a saved row) from ``parts``: ``search_text``, and on
    PostgreSQL its Dutch ``search_vector``, in one UPDATE. Returns the text."""
    text = text_of(*parts)
    fields = {"search_text": text}
    if connection.vendor == "postgresql":
        fields["search_vector"] = SearchVector(
            Value(text, output_field=TextField()), config=SEARCH_CONFIG
        )
    type(obj)._base_manager.filter(pk=obj.pk).update(**fields)
    obj.search_text = text
    return text


def organisation_renamed(organisation) -> None:
    """After ``organisation``'s name changed (wherever: its club's page, the admin): every
    kind whose search words hold an organisation's name stores the words of that
    organisation's things again (``SearchPart.reindex_organisation``; every neighbourhood,
    whether the component is switched on there or not), so the new name finds them and the
    old one no longer does."""
    from django_scopes import scopes_disabled

    with scopes_disabled():
        for component in all_components():
            for part in component.search:
                if part.reindex_organisation is not None:
                    part.reindex_organisation(organisation)


def fill_vectors(model) -> None:
    """For a migration, after ``search_text`` is filled: compute every row's vector
    (PostgreSQL; a no-op elsewhere)."""
    if connection.vendor == "postgresql":
        model._base_manager.update(search_vector=SearchVector("search_text", config=SEARCH_CONFIG))


def _search_query(found: list[str]) -> SearchQuery:
    """PostgreSQL: every word of ``found`` must fit, stemmed or (not a stop word) unstemmed,
    as a prefix."""
    search = None
    for word in found:
        fits = SearchQuery(f"{word}:*", config=SEARCH_CONFIG, search_type="raw")
        if word not in DUTCH_STOP_WORDS:
            fits |= SearchQuery(f"{word}:*", config="simple", search_type="raw")
        search = fits if search is None else search & fits
    return search


def _fitting(found: list[str]) -> Q:
    """The condition on a searched model's stored words that :func:`matching` filters with."""
    if connection.vendor == "postgresql":
        return Q(search_vector=_search_query(found))
    condition = Q()
    for word in found:
        condition &= Q(search_text__icontains=word)
    return condition


def matching(
    queryset: QuerySet, query: str, *, newest=("-created_at", "-id"), ranked: bool = True
) -> QuerySet:
    """The rows of ``queryset`` whose search words fit every word of ``query``, best first
    (PostgreSQL: ranked; SQLite: ``newest``). No words: nothing.

    ``ranked=False``: the same rows, newest first on both databases. For a kind whose matches
    run into the thousands (posts) in the search's overview of five: ranking reads and ranks
    every match (10–20 ms for "koffie" among 15,000 posts at S), the newest five are found by
    walking the newest rows (0.2 ms; ``bench/RESULTS.md``). The kind's own page ranks."""
    found = words(query)
    if not found:
        return queryset.none()
    if connection.vendor == "postgresql" and not ranked:
        return queryset.filter(search_vector=_search_query(found)).order_by(*newest)
    if connection.vendor == "postgresql":
        search = _search_query(found)
        return (
            queryset.filter(search_vector=search)
            .annotate(search_rank=SearchRank(F("search_vector"), search))
            .order_by("-search_rank", *newest)
        )
    return queryset.filter(_fitting(found)).order_by(*newest)


def kinds_with_words(neighbourhood, parts, query: str) -> set[str]:
    """The kinds among ``parts`` with a ``SearchPart.model`` of which some row of
    ``neighbourhood`` fits the words of ``query`` (whoever may read it): one query for all,
    ``EXISTS`` per kind. A kind not among them finds nothing for anyone, so the search need not
    build and run its readable query (``bench/RESULTS.md``: 2–10 ms each). Meant for kinds of
    at most a few thousand rows per neighbourhood: where nothing fits, ``EXISTS`` reads them
    all (posts, 15,000 in a neighbourhood at S, have no ``model``: their own query is cheaper
    then)."""
    checked = [part for part in parts if part.model]
    found = words(query)
    if not checked or not found:
        return set()
    if connection.vendor == "postgresql":
        models = [apps.get_model(part.model) for part in checked]
        row = _exists_on_postgresql(neighbourhood, models, found)
    else:
        condition = _fitting(found)
        exists = {
            f"has_{n}": Exists(
                apps.get_model(part.model)
                ._base_manager.filter(condition, neighbourhood_id=neighbourhood.pk)
                .values("pk")
            )
            for n, part in enumerate(checked)
        }
        row = (
            type(neighbourhood)
            ._base_manager.filter(pk=neighbourhood.pk)
            .annotate(**exists)
            .values_list(*exists)
            .get()
        )
    return {part.kind for part, has in zip(checked, row, strict=True) if has}


def _exists_on_postgresql(neighbourhood, models: list, found: list[str]) -> tuple[bool, ...]:
    """PostgreSQL: for each of ``models``, whether a row of ``neighbourhood`` fits the words:
    ``SELECT EXISTS (…), EXISTS (…), …`` with the full-text query compiled once. The same
    query as ``EXISTS`` subqueries built with the ORM, without building and compiling the
    condition once per kind (4–5 ms of the process's time per search at S, now ~0.5 ms)."""
    quote = connection.ops.quote_name
    compiler = type(neighbourhood)._base_manager.none().query.get_compiler(connection=connection)
    fits_sql, fits_params = compiler.compile(_search_query(found))
    selects, params = [], []
    for model in models:
        # Names from the models' own meta, quoted; every value a parameter.
        table = quote(model._meta.db_table)
        nb = quote(model._meta.get_field("neighbourhood").column)
        vector = quote(model._meta.get_field("search_vector").column)
        where = f"{nb} = %s AND {vector} @@ ({fits_sql})"
        selects.append(f"EXISTS (SELECT 1 FROM {table} WHERE {where})")  # noqa: S608
        params += [neighbourhood.pk, *fits_params]
    # The search index first: for a kind of thousands of rows (offers at S: 3,000 in a
    # neighbourhood) PostgreSQL walks the neighbourhood's index and reads every row to find
    # none (1.4 ms); the search index answers at once. 2.2–3.3 ms -> 0.3–1.0 ms a search
    # (bench/RESULTS.md, ninth round).
    with planned_without("enable_indexscan"), connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        return cursor.fetchone()


class _CountOf(Subquery):
    """The number of rows of a (sliced) subquery: ``(SELECT COUNT(*) FROM (…))``. Without
    outer references it is computed once per query (PostgreSQL: an InitPlan)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


RARE_MATCHES = 8_000
"""For a kind with many rows (``found(…, many=True, query=…)``): when PostgreSQL estimates at
most this many rows of the whole table for the query's words together (each word on its own,
added up), the search index is asked first (:func:`_index_first`)."""


def _rare_everywhere(model, query: str) -> bool:
    """PostgreSQL: whether every word of ``query`` is rare in ``model``'s whole table, by the
    planner's estimate of the rows each word fits (its statistics of the stored words; one
    ``EXPLAIN``, nothing read), added up.

    Why: PostgreSQL estimates the rows a query fits well, but prices a prefix match (``word:*``)
    in the search index as if each looked up a hundred words. For a query of a few words it
    therefore walks all the neighbourhood's rows, newest first, to find none (posts at S:
    10–17 ms for "ik kan de huur niet betalen"), where the index answers in 0.3 ms. The index
    is fast only when each word is rare in the whole table, though: it gathers every row of
    every neighbourhood with a word before it combines them (a common word: 20–200 ms), which
    is why the estimate is asked per word, not for the words together (they often go
    together: "repair café"). Also for one word: PostgreSQL walks the newest rows for a rare
    word too (posts at S: 11–12 ms for "yoga", which fits none, against 3.4 ms index first;
    a common word's estimate, 130,000–360,000 rows for "koffie" or "fiets", is far above
    :data:`RARE_MATCHES`). ``bench/RESULTS.md``, fifth and ninth rounds.

    The estimate of a set of words is kept in this process for :data:`ESTIMATE_SECONDS`
    (:func:`_estimated_rows`): it only chooses how PostgreSQL is asked, never what is found,
    and the planner's statistics change slowly (0.5–1.5 ms of ``EXPLAIN`` saved a search).
    """
    found_words = list(dict.fromkeys(w for w in words(query) if w not in DUTCH_STOP_WORDS))
    if connection.vendor != "postgresql" or not found_words:
        return False
    return _estimated_rows(model, tuple(found_words)) <= RARE_MATCHES


ESTIMATE_SECONDS = 600
"""How long this process keeps the planner's estimate of a set of words
(:func:`_rare_everywhere`)."""
_ESTIMATES: dict[tuple, tuple[float, int]] = {}
_ESTIMATES_KEPT = 2_000
"""At most this many sets of words are kept; then the oldest half goes."""


def _estimated_rows(model, found_words: tuple[str, ...]) -> int:
    """The planner's estimate of the rows of ``model``'s whole table that each of
    ``found_words`` fits, added up: one ``EXPLAIN`` of a ``UNION ALL`` (nothing read), kept
    for :data:`ESTIMATE_SECONDS`."""
    key = (connection.alias, model._meta.label, found_words)
    now = time.monotonic()
    kept = _ESTIMATES.get(key)
    if kept is not None and now - kept[0] < ESTIMATE_SECONDS:
        return kept[1]
    estimates = None
    for word in found_words:
        one = model._base_manager.filter(search_vector=_search_query([word])).values("pk")
        estimates = one if estimates is None else estimates.union(one, all=True)
    rows = json.loads(estimates.explain(format="json"))[0]["Plan"]["Plan Rows"]
    if len(_ESTIMATES) >= _ESTIMATES_KEPT:
        kept_now = list(_ESTIMATES.items())  # a copy: another thread may add meanwhile
        kept_now.sort(key=lambda item: item[1][0])
        for old, _ in kept_now[: _ESTIMATES_KEPT // 2]:
            _ESTIMATES.pop(old, None)
    _ESTIMATES[key] = (now, rows)
    return rows


PLANNER_SWITCHES = frozenset({"enable_seqscan", "enable_indexscan"})
"""The planner settings :func:`planned_without` may switch off."""


@contextmanager
def planned_without(setting: str, using: str = DEFAULT_DB_ALIAS):
    """PostgreSQL: the queries run inside are planned with ``setting`` (one of
    :data:`PLANNER_SWITCHES`) off, for reading only.

    Each query goes to PostgreSQL in one message with ``SET LOCAL <setting> = off`` before it:
    Django's psycopg cursor binds parameters on the client and sends the text as a simple query,
    whose statements run as one (implicit) transaction, so the setting ends with the query, and
    it costs no round trip. (Inside an explicit transaction a ``SET LOCAL … = DEFAULT`` follows
    in the same message.) A cursor that binds on the server cannot send two statements: then
    the old way, ``SET LOCAL`` in a savepoint rolled back after the block (three statements
    more). ``bench/RESULTS.md``, seventh round."""
    if setting not in PLANNER_SWITCHES:
        raise ValueError(f"Not a planner switch: {setting}")
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    from psycopg import ClientCursor

    connection.ensure_connection()
    if isinstance(connection.connection.cursor_factory, type) and issubclass(
        connection.connection.cursor_factory, ClientCursor
    ):

        def one_message(execute, sql, params, many, context):
            text = f"SET LOCAL {setting} = off; {sql}"
            if connection.in_atomic_block:
                text += f"; SET LOCAL {setting} = DEFAULT"
            result = execute(text, params, many, context)
            context["cursor"].cursor.nextset()  # the query's rows, not the SET's
            return result

        with connection.execute_wrapper(one_message):
            yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {setting} = off")
        yield
        transaction.set_rollback(True, using=using)


def _index_first(queryset: QuerySet) -> list:
    """The rows of ``queryset`` with PostgreSQL told not to walk an ordinary index (so it asks
    the search index): :func:`planned_without` ``enable_indexscan``."""
    with planned_without("enable_indexscan", queryset.db):
        return list(queryset)


def found(
    queryset: QuerySet, limit: int, hit, *, many: bool = False, query: str = ""
) -> SearchFound:
    """The first ``limit`` rows of a matching queryset as hits (``hit(row) -> SearchHit``) and
    how many there are: one query. ``hit`` may read only what the query read (Django's
    ``FETCH_RAISE``), so a part can narrow its rows with ``only`` and stay at one query.

    The total is a window count beside the rows (the match set is worked out once); the page
    shows more than :data:`COUNT_CAP` as "100+". ``many``: for a kind whose matches run into
    the thousands (posts), count them only up to :data:`COUNT_CAP` + 1 in a subquery instead,
    so the database ranks them for the first rows but never carries them all to a count.
    (Measured at S, ``bench/RESULTS.md``: the capped count is the cheaper for posts, the window
    for kinds whose match itself is the expensive part, such as neighbours by interest.)
    With ``many``, pass the ``query`` too: when its words are rare in the whole table
    (:func:`_rare_everywhere`, one ``EXPLAIN`` more), the search index is asked first
    (:func:`_index_first`) and the count is the window's, as the matches are few; what is
    found is the same either way."""
    index_first = many and bool(query) and _rare_everywhere(queryset.model, query)
    if many and not index_first:
        capped = queryset.order_by().values("pk")[: COUNT_CAP + 1]
        total = _CountOf(capped)
    else:
        # Rare words: the search index gathers the few matches once, for the rows and the count
        # together (a capped count would gather them a second time).
        total = Window(Count("pk"))
    # The hits are made of these rows alone: reading a field or relation the query left out
    # (``only``, ``select_related``) raises instead of costing a query per hit.
    first = queryset.annotate(search_total=total).fetch_mode(FETCH_RAISE)[:limit]
    rows = _index_first(first) if index_first else list(first)
    return SearchFound(hits=[hit(row) for row in rows], total=rows[0].search_total if rows else 0)


# --- the page -----------------------------------------------------------------------------------


LINE_CHARS = 160
"""A hit's line is shortened to this many characters (with "…") on the page."""


@dataclass(frozen=True)
class Result:
    hit: SearchHit
    url: str
    line: str
    """The hit's line, shortened (``core.text.shortened``, once here instead of Django's
    ``truncatechars`` per result in the template)."""


@dataclass(frozen=True)
class Group:
    part: SearchPart
    results: list[Result]
    total: int
    """How many there are (a kind with many counts only up to :data:`COUNT_CAP` + 1)."""
    more_url: str

    @property
    def capped(self) -> bool:
        """More than :data:`COUNT_CAP` found (shown as "100+")."""
        return self.total > COUNT_CAP

    @property
    def shown_total(self) -> int:
        """The count to show: the total, or the cap when there are more."""
        return min(self.total, COUNT_CAP)


def search(viewer: Viewer, query: str, *, request=None, limit: int = PER_KIND) -> list[Group]:
    """What every switched-on component finds for ``query`` that the viewer may see, grouped
    by kind (kinds without hits left out)."""
    if not words(query):
        return []
    neighbourhood = viewer.neighbourhood
    parts = [
        part for part in search_parts(neighbourhood) if not part.perm or can(viewer, part.perm)
    ]
    with_words = kinds_with_words(neighbourhood, parts, query)
    groups = []
    for part in parts:
        if part.model and part.kind not in with_words:
            continue
        result = part.find(viewer, query, limit)
        if not result.hits:
            continue
        more_url = ""
        if part.more_url and result.total > len(result.hits):
            more_url = nb_reverse(part.more_url, neighbourhood, request=request)
            if part.more_query:
                more_url += "?" + urlencode({"q": query[:MAX_QUERY]})
        groups.append(
            Group(
                part=part,
                results=[
                    Result(
                        hit,
                        nb_reverse(
                            hit.url_name, neighbourhood, request=request, kwargs=hit.url_kwargs
                        ),
                        shortened(hit.line, LINE_CHARS),
                    )
                    for hit in result.hits
                ],
                total=result.total,
                more_url=more_url,
            )
        )
    return groups
