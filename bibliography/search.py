"""Full-text search of works: SQLite FTS5 by default, PostgreSQL full-text search at scale.

`Work.objects.search(query)` is the one entry point (views, the JSON view,
exports and the benchmark all go through it). The query a person types is
never handed to the database's query language: it is cut into words, and
each word becomes a quoted term, so FTS syntax (`NEAR(`, `*`, quotes,
unbalanced parentheses) is searched for as text and can never raise.

Every word is looked for twice: as typed and as its Latin skeleton
(`bibliography.lib.skeleton`), which is what makes `Voronovich` find
`Воронович` and the reverse.

SQLite: one FTS5 row per work (rowid = work id) with three columns,
1. `doc`: titles, container, publisher, place, names, DOI, ISBN;
2. `skel`: the skeleton of `doc`;
3. `cited`: the words of every reference text that cites the work (as
   printed, romanized, and as skeleton) that the first two columns lack:
   a word is indexed once per work, not up to six times (`cited_text`).
The rows are kept in sync by triggers on works, contributors, people and
citations rather than by a refresh called after imports: triggers see every
write path (ORM saves, `bulk_create`, `QuerySet.update`, the admin, merges,
scripts), a refresh helper only the ones that remember to call it. The
skeleton is a Python function registered on every SQLite connection Django
opens. Django rebuilds a SQLite table when a later migration alters it, which
drops its triggers (and fails while triggers elsewhere name the missing
table), so a `pre_migrate` handler drops them when migrations are pending
and a `post_migrate` handler re-creates missing triggers and rebuilds the
index.

PostgreSQL: a stored tsvector per work, GIN-indexed, of its own fields and
`Work.search_text` (which the importers fill with the text and its
skeletons, weight A) and of every reference citing it (weight D), kept by
triggers on works and citations; when nothing matches, the words most
similar (pg_trgm) to each query word, taken from a vocabulary table of the
vectors' lexemes, are searched instead, which catches typos.

This module imports no models at load time: `bibliography.models` imports it
to connect the signal handlers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import F, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_migrate, pre_migrate

from bibliography.lib.bound_lists import SQLITE_IN_LIST, sqlite_list
from bibliography.lib.skeleton import skeleton, word_skeleton

if TYPE_CHECKING:
    from django.apps import AppConfig

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
PREFIX_MIN_CHARS = 3
WORD = re.compile(r"[^\W_]+")
DOI_IN_QUERY = re.compile(r"\b10\.\d{4,9}/\S+")

FTS_TABLE = "bibliography_work_fts"
# Prefix indexes for 3 to 12 characters: a query word of PREFIX_MIN_CHARS or more is a
# prefix query, and without an index for its length FTS5 gathers the doclists of every
# term it starts into a temporary one, for each query and again to rank (20 ms for a
# word in a fifth of the library; 1 ms with the index, which is 2.5x larger). No query
# is a two-letter prefix, so there is no index for one: that index, a few huge doclists
# rewritten by every merge, made a third of what inserting a row cost (3.34 against
# 2.24 ms for 30 works; docs/bench/import.md, session 11).
FTS_OPTIONS = (
    f"tokenize = 'unicode61 remove_diacritics 2', prefix = '{' '.join(str(n) for n in range(PREFIX_MIN_CHARS, 13))}'"
)
# FTS5 merges a level's segments once this many have piled up (its default is 4). Each
# commit writes a small segment, and every merge rewrites the rows again: with 16, a row
# is rewritten about half as often. Writes (30 works per transaction) cost 25% less at
# 60,000 works and 25% less on average up to 600,000, while queries read the same (a
# micro-benchmark on the import's own rows, not kept; docs/bench/import.md).
FTS_AUTOMERGE = 16
WORK_TABLE = "bibliography_work"
CONTRIBUTOR_TABLE = "bibliography_contributor"
PERSON_TABLE = "bibliography_person"
CITATION_TABLE = "bibliography_citation"
SKELETON_FUNCTION = "bib_skeleton"
CITED_FUNCTION = "bib_cited_text"
DEFER_FUNCTION = "bib_fts_defer"
FUZZY_MARKER = "search_fuzzy"
# bm25 weights of doc, skel, cited: a word in a work's own fields counts more
# than the same word somewhere in a reference that cites it.
BM25_WEIGHTS = "4.0, 2.0, 1.0"


@dataclass(frozen=True)
class Term:
    """One searched word: as typed (lower-cased) and its Latin skeleton."""

    text: str
    skeleton: str


@dataclass(frozen=True)
class ParsedQuery:
    """What a free-text query turned into, and what was dropped on the way."""

    terms: tuple[Term, ...]
    truncated: bool

    @property
    def empty(self) -> bool:
        return not self.terms


def parse_query(query: str) -> ParsedQuery:
    """Cut a query into at most MAX_TERMS distinct words (letters and digits only)."""
    text = unicodedata.normalize("NFC", query[:MAX_QUERY_CHARS]).lower()
    words = list(dict.fromkeys(WORD.findall(text)))
    terms = tuple(Term(word, word_skeleton(word)) for word in words[:MAX_TERMS])
    return ParsedQuery(terms, truncated=len(query) > MAX_QUERY_CHARS or len(words) > MAX_TERMS)


def search_works(queryset: QuerySet[Any], query: str, rank: bool = True) -> QuerySet[Any]:
    """Works matching every word of `query`, with `search_rank` to order by (higher is better).

    A query with no words leaves the queryset as it is (the caller tells the
    person why). A query holding a DOI searches for that DOI: the work's own
    DOI, and on SQLite also a DOI printed in a citing reference.

    `rank=False` is for callers that order by something else: on SQLite the
    matches are then an `id IN (...)` set, which lets an index give the order
    (most cited, title) instead of sorting every match; ranking needs the
    join, which drives the query from the full-text index.
    """
    doi = _doi_in(query)
    parsed = parse_query(doi or query)
    if parsed.empty:
        return queryset
    if _vendor(queryset) != "postgresql":
        return _sqlite_search(queryset, parsed) if rank else _sqlite_match_set(queryset, parsed)
    from django.contrib.postgres.search import SearchQuery, SearchRank

    if doi:
        return queryset.filter(doi=doi).alias(search_rank=Value(1.0))
    exact = _expanded_tsquery(queryset, parsed)
    vector = RawSQL(PG_VECTOR_COLUMN, [], output_field=_search_vector_field())
    if exact is not None:
        tsquery = SearchQuery(exact, search_type="raw", config="simple")
        return queryset.alias(document=vector).filter(document=tsquery).alias(search_rank=SearchRank(vector, tsquery))
    similar = _similar_words_tsquery(queryset, parsed)
    if similar is None:
        return queryset.none().alias(search_rank=Value(0.0))
    fuzzy = SearchQuery(similar, search_type="raw", config="simple")
    return (
        queryset.alias(document=vector)
        .filter(document=fuzzy)
        .alias(search_rank=SearchRank(vector, fuzzy), **{FUZZY_MARKER: Value(True)})
    )


def newest_matches(queryset: QuerySet[Any], limit: int) -> list[tuple[int, float]] | None:
    """(id, rank) of the first `limit` matches of a search ordered by rank, newest (highest id) first; else None.

    SQLite's FTS5 index hands matches over newest first; PostgreSQL walks
    the primary key backwards checking the GIN-indexed vector (or, for a few
    matches, sorts their ids). Either way this is about as cheap as counting
    up to `limit`: the search page uses it for both its capped count and the
    relevance window (`ranked_ids`). Each id comes with its rank, scored
    while the match is at hand; ranking the window in a second query cost
    the same scoring plus a second search (FTS5 ran the MATCH again,
    PostgreSQL fetched the window's rows by id), 1-2 ms per ranked page.
    """
    if tuple(queryset.query.order_by[:1]) != ("-search_rank",):
        return None
    if FTS_TABLE in queryset.query.extra_tables:
        newest = queryset.extra(order_by=[f"-{FTS_TABLE}.rowid"]).values_list("pk", "search_rank")
    elif "search_rank" in queryset.query.annotations and _vendor(queryset) == "postgresql":
        ranked = queryset.annotate(window_rank=F("search_rank"))
        newest = ranked.order_by("-pk").values_list("pk", "window_rank")
    else:
        return None
    return list(newest[:limit])


def ranked_ids(window: list[tuple[int, float]]) -> list[int]:
    """The ids of a window from `newest_matches` in relevance order: rank descending, then id.

    The order `order_sources` gives a ranked search (`-search_rank`, `id`),
    applied to the ranks the database computed, so the pages are the ones it
    would have sorted. Ranking only a window is like a search engine's
    capped top-N: bm25 and ts_rank read each match's term positions, so
    scoring every match of a word found in a fifth of the library costs
    tens of milliseconds before the first page. The window is the most
    recently added matches, because the indexes yield them without scoring.
    Only for the pages a person looks at: exports and the JSON view keep the
    full, exact order.
    """
    return [pk for pk, _rank in sorted(window, key=lambda pair: (-pair[1], pair[0]))]


def is_fuzzy(queryset: QuerySet[Any]) -> bool:
    """Whether a searched queryset fell back to similar words (nothing matched exactly)."""
    return FUZZY_MARKER in queryset.query.annotations


def _vendor(queryset: QuerySet[Any]) -> str:
    from django.db import connections

    return connections[queryset.db].vendor


def _doi_in(query: str) -> str:
    from bibliography.csl import normalize_doi

    match = DOI_IN_QUERY.search(query)
    return normalize_doi(match.group(0)) if match else ""


# SQLite FTS5 ---------------------------------------------------------------


def fts5_expression(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression: every word required, as typed or as skeleton."""
    groups = []
    for term in parsed.terms:
        alternatives = dict.fromkeys(_fts5_phrase(word) for word in (term.text, term.skeleton) if word)
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


def _sqlite_match_set(queryset: QuerySet[Any], parsed: ParsedQuery) -> QuerySet[Any]:
    """Works whose FTS5 row matches, as `+id IN (SELECT rowid ...)`: the set is read once, then probed.

    Not a correlated EXISTS: each FTS5 lookup by rowid rebuilds the matching
    doclists (milliseconds per work for a common word). The unary `+` keeps
    the set a filter, never the driving loop, so the works are read in the
    order's index and the query stops after a page; with ANALYZE statistics
    SQLite would otherwise look up all matches and sort them.
    """
    table = queryset.model._meta.db_table
    matches = f'+"{table}"."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)'
    return queryset.extra(where=[matches], params=[fts5_expression(parsed)])


def _fts5_phrase(word: str) -> str:
    """A quoted FTS5 string (prefix query from PREFIX_MIN_CHARS letters): syntax-free by construction."""
    star = "*" if len(word) >= PREFIX_MIN_CHARS else ""
    return '"' + word.replace('"', '""') + '"' + star


def _sqlite_search(queryset: QuerySet[Any], parsed: ParsedQuery) -> QuerySet[Any]:
    """Join the FTS5 table: the MATCH drives the query, works follow by primary key; rank is minus bm25.

    A join, not `id IN (...)` plus a correlated rank: FTS5 re-runs the whole
    MATCH for every correlated lookup, which is quadratic on common words.
    The unary `+` on the FTS5 rowid keeps the planner from that plan (works
    first, then one MATCH per work) even when an index on works looks cheap.
    """
    table = queryset.model._meta.db_table
    return queryset.extra(
        select={"search_rank": f"-bm25({FTS_TABLE}, {BM25_WEIGHTS})"},
        tables=[FTS_TABLE],
        where=[f'+{FTS_TABLE}.rowid = "{table}"."id"', f"{FTS_TABLE} MATCH %s"],
        params=[fts5_expression(parsed)],
    )


# The work columns the FTS5 row holds; updating any other column (a citation
# count, merged_into, timestamps) leaves the index alone.
WORK_TEXT_COLUMNS = (
    "title",
    "original_title",
    "translated_title",
    "container_title",
    "collection_title",
    "publisher",
    "publisher_place",
    "isbn",
)
WORK_DOC_COLUMNS = ("id", *WORK_TEXT_COLUMNS, "doi")
# A merged work has no row (searches list canonical works only): a merge, or its undo, re-indexes.
WORK_INDEXED_COLUMNS = (*WORK_DOC_COLUMNS, "merged_into_id")
# The citing references whose words a work's row holds: the first ones by id. Past a few
# renderings a new one adds hardly a word (`cited_text` keeps only unseen words), and
# re-reading all of them made re-indexing a popular work cost more with every citation.
MAX_CITED_TEXTS = 25


def _doc_sql(alias: str) -> str:
    """SQL text of a work's own searchable fields and names."""
    fields = " || ' ' || ".join(f"{alias}.{column}" for column in WORK_TEXT_COLUMNS)
    names = (
        f"(SELECT group_concat(p.family || ' ' || p.given || ' ' || p.literal, ' ') "
        f"FROM {CONTRIBUTOR_TABLE} c JOIN {PERSON_TABLE} p ON p.id = c.person_id WHERE c.work_id = {alias}.id)"
    )
    return f"{fields} || ' ' || ifnull({alias}.doi, '') || ' ' || ifnull({names}, '')"


def _cited_sql(alias: str) -> str:
    return (
        f"ifnull((SELECT group_concat(text, ' ') FROM (SELECT c.raw_text || ' ' || c.raw_text_alt AS text "
        f"FROM {CITATION_TABLE} c WHERE c.work_id = {alias}.id ORDER BY c.id LIMIT {MAX_CITED_TEXTS})), '')"
    )


def _refresh_sql(where: str) -> str:
    """Statements that re-index the works selected by `where` (on alias w): canonical ones get a row."""
    return (
        f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT w.id FROM {WORK_TABLE} w WHERE {where});\n"
        f"INSERT INTO {FTS_TABLE}(rowid, doc, skel, cited) {_rows_sql(where)};"
    )


def _rows_sql(where: str) -> str:
    """`SELECT id, doc, skel, cited`: the index rows of the canonical works selected by `where`."""
    return (
        f"SELECT id, doc, skel, {CITED_FUNCTION}(cited, doc || ' ' || skel) FROM "
        f"(SELECT id, doc, {SKELETON_FUNCTION}(doc) AS skel, cited FROM "
        f"(SELECT w.id AS id, {_doc_sql('w')} AS doc, {_cited_sql('w')} AS cited "
        f"FROM {WORK_TABLE} w WHERE ({where}) AND w.merged_into_id IS NULL))"
    )


def index_texts(fields: Mapping[str, Any], people: Iterable[Mapping[str, str]], citing: Iterable[str]) -> IndexRow:
    """A work's FTS5 columns computed in Python, as `_refresh_sql` computes them in SQL.

    For writers that already hold the values (the import, in its analysis
    workers): the skeletons are the costly part, and this way they are
    computed off the writing process. `citing` is each citing reference's
    text followed by its romanized twin.
    """
    own = " ".join(str(fields.get(column) or "") for column in WORK_TEXT_COLUMNS)
    names = " ".join(f"{person['family']} {person['given']} {person['literal']}" for person in people)
    doc = f"{own} {fields.get('doi') or ''} {names}"
    skel = skeleton(doc)
    # The skeleton holds only words of [a-z0-9] parted by single spaces: its split is its words.
    return IndexRow(doc, skel, unseen_words(" ".join(citing), {*WORD.findall(doc.lower()), *skel.split()}))


def cited_text(printed: str, own: str = "") -> str:
    """The `cited` column: the words of the citing text, as printed and as skeleton, that `own` lacks.

    `own` is the work's doc and skel columns. Every query word is matched in
    any column, so a word indexed there already, or twice here, adds nothing
    a query could find; leaving it out keeps the index, which costs an
    import more than anything else it writes, less than half the size. What
    remains are the words the parsed fields do not hold: years, volumes,
    pages, a misparsed word, another article's spelling, the other script.
    """
    return unseen_words(printed, set(WORD.findall(own.lower())))


def unseen_words(printed: str, known: set[str]) -> str:
    """`cited_text` given the words the work's own columns hold (`known`, which this extends)."""
    words = [word for word in dict.fromkeys(WORD.findall(printed.lower())) if word not in known]
    known.update(words)
    words += [word for word in dict.fromkeys(skeleton(printed).split()) if word not in known]
    return " ".join(words)


@dataclass(frozen=True)
class IndexRow:
    """The three FTS5 columns of one work."""

    doc: str
    skel: str
    cited: str


def row_with_citations(row: IndexRow, texts: Sequence[str]) -> IndexRow | None:
    """The row once these citing texts are added (the same words as a rebuild), or None if it gains none."""
    known = {*WORD.findall(row.doc.lower()), *row.skel.split(), *row.cited.split()}
    extra = unseen_words(" ".join(texts), known)
    if not extra:
        return None
    return IndexRow(row.doc, row.skel, f"{row.cited} {extra}" if row.cited else extra)


def _triggers() -> dict[str, str]:
    """name -> CREATE TRIGGER statement; one per write that changes a work's searchable text.

    The insert and update triggers step aside inside `search_index_deferred`
    (their WHEN hands the work ids to the deferral instead), so a bulk import
    indexes each work once at the end rather than once per contributor,
    citation and dedup merge. Deletes stay immediate.
    """
    by_id = "w.id = {ref}"
    refresh_new, refresh_old = (
        _refresh_sql(by_id.format(ref="NEW.work_id")),
        _refresh_sql(by_id.format(ref="OLD.work_id")),
    )
    person_works = f"w.id IN (SELECT work_id FROM {CONTRIBUTOR_TABLE} WHERE person_id = NEW.id)"
    bodies = {
        "work_ai": (
            f"AFTER INSERT ON {WORK_TABLE} {_unless_deferred('NEW.id')}",
            _refresh_sql(by_id.format(ref="NEW.id")),
        ),
        "work_au": (
            f"AFTER UPDATE OF {', '.join(WORK_INDEXED_COLUMNS)} ON {WORK_TABLE} {_unless_deferred('NEW.id')}",
            _refresh_sql(by_id.format(ref="NEW.id")),
        ),
        "work_ad": (f"AFTER DELETE ON {WORK_TABLE}", f"DELETE FROM {FTS_TABLE} WHERE rowid = OLD.id;"),
        "person_au": (f"AFTER UPDATE ON {PERSON_TABLE}", _refresh_sql(person_works)),
    }
    for prefix, table in (("contributor", CONTRIBUTOR_TABLE), ("citation", CITATION_TABLE)):
        bodies[f"{prefix}_ai"] = (f"AFTER INSERT ON {table} {_unless_deferred('NEW.work_id')}", refresh_new)
        bodies[f"{prefix}_au"] = (
            f"AFTER UPDATE ON {table} {_unless_deferred('OLD.work_id', 'NEW.work_id')}",
            refresh_old + "\n" + refresh_new,
        )
        bodies[f"{prefix}_ad"] = (f"AFTER DELETE ON {table}", refresh_old)
    return {
        f"{FTS_TABLE}_{name}": f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_{name} {event} BEGIN\n{body}\nEND"
        for name, (event, body) in bodies.items()
    }


def _unless_deferred(*work_ids: str) -> str:
    """The WHEN of a deferrable trigger: every work id is noted (a sum, so none is skipped) while a scope is open."""
    return "WHEN NOT (" + " + ".join(f"{DEFER_FUNCTION}({work_id})" for work_id in work_ids) + ")"


class _DeferredWorks:
    """One connection's deferral: how deep the open scopes are and which works wait for their index rows."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.depth = 0
        self.work_ids: set[int] = set()
        self.watchers: list[set[int]] = []

    def index(self, rows: Mapping[int, IndexRow]) -> None:
        """Write these works' FTS5 rows now (computed by `index_texts`); the end of the block skips them.

        Only for works inserted inside the block, which have no row yet.
        Outside a deferral block (or on PostgreSQL) it does nothing: the
        triggers have indexed them already.
        """
        if not self.depth or self.connection.vendor != "sqlite" or not rows:
            return
        with self.connection.cursor() as cursor:
            _write_rows(cursor, rows)
        self.work_ids.difference_update(rows)

    def add_citations(self, citing: Mapping[int, Sequence[str]]) -> None:
        """Give works indexed before this block the words of the references it made cite them.

        `citing`: work -> the texts (printed, then romanized twin) of its new citations, in id
        order, for works this block changed in no other way. Their rows differ from before only
        by the unseen words of those texts, and only while the work has fewer than
        `MAX_CITED_TEXTS` citing references: the words are added to the stored row (or nothing
        is written) instead of rebuilding it from all its citing texts. A work without a row is
        left to the refresh at the end of the block.
        """
        if not self.depth or self.connection.vendor != "sqlite" or not citing:
            return
        ids = sqlite_list(citing)
        with self.connection.cursor() as cursor:
            stored = _stored_rows(cursor, ids)
            counted = f"SELECT work_id, count(*) FROM {CITATION_TABLE} WHERE work_id {SQLITE_IN_LIST} GROUP BY work_id"
            cursor.execute(counted, [ids])
            counts = dict(cursor.fetchall())
            changed = {}
            for pk, row in stored.items():
                texts = citing[pk]
                room = MAX_CITED_TEXTS - (counts.get(pk, 0) - len(texts))
                self.work_ids.discard(pk)
                if room > 0 and (extra := row_with_citations(row, texts[:room])) is not None:
                    changed[pk] = extra
            _write_rows(cursor, changed, stale=changed)

    def defer(self, work_id: int | None) -> int:
        """Called by the deferrable triggers: 1 (skip the refresh) while a scope is open, after noting the work."""
        if not self.depth or work_id is None:
            return 0
        self.work_ids.add(work_id)
        for touched in self.watchers:
            touched.add(work_id)
        return 1

    @contextmanager
    def watching(self) -> Iterator[set[int]]:
        """The works whose index rows the writes inside this block make due (filled as they run).

        An index row computed before the block is stale for them: the import
        computes each new work's row in its analysis, then dedup may merge the
        work away or give it more citations.
        """
        touched: set[int] = set()
        self.watchers.append(touched)
        try:
            yield touched
        finally:
            self.watchers.remove(touched)


def _deferred_works(connection: BaseDatabaseWrapper) -> _DeferredWorks:
    state = getattr(connection, "_bibliography_deferred_works", None)
    if state is None:
        state = _DeferredWorks(connection)
        connection._bibliography_deferred_works = state  # type: ignore[attr-defined]
    return state


@contextmanager
def search_index_deferred(using: str = "default") -> Iterator[_DeferredWorks]:
    """Index the works inserted or newly cited inside this block once, when it ends (SQLite).

    Row triggers would rewrite a work's FTS5 row for its insert and again for
    every contributor and citation added to it: five rewrites for a typical
    cited work, each deleting and re-adding every token in twelve prefix
    indexes. Inside the block the insert and update triggers only note the
    work ids (dedup's merges, run inside the import's block, update the rows
    just inserted); deletes stay immediate. Use it inside the transaction that
    does the writes, so readers never see the rows without their index. On
    an exception nothing is refreshed: the transaction is rolling back.
    PostgreSQL's triggers are per statement already, so there it does nothing.
    The block receives the deferral, whose `index` writes rows the caller
    computed itself (`index_texts`).
    """
    from django.db import connections

    connection = connections[using]
    state = _deferred_works(connection)
    if connection.vendor != "sqlite":
        yield state
        return
    state.depth += 1
    try:
        yield state
    except BaseException:
        state.depth -= 1
        if not state.depth:
            state.work_ids.clear()
        raise
    state.depth -= 1
    if not state.depth:
        refresh_sqlite_works(connection, sorted(state.work_ids))
        state.work_ids.clear()


def refresh_sqlite_works(connection: BaseDatabaseWrapper, work_ids: list[int], batch: int = 500) -> None:
    """Bring the FTS5 rows of these works up to date, `batch` ids at a time; rewrite only those that differ.

    FTS5 deletes a row by removing each of its tokens from every prefix index,
    then adds them back: as costly as the first insert, for a row that most
    often comes out the same. A merge moves a citation whose words the
    canonical work's row mostly holds already (`cited_text` keeps unseen words
    only), so the rows are computed first and compared with the stored ones.
    """
    for start in range(0, len(work_ids), batch):
        ids = sqlite_list(work_ids[start : start + batch])
        with connection.cursor() as cursor:
            cursor.execute(_rows_sql(f"w.id {SQLITE_IN_LIST}"), [ids])
            wanted = {pk: IndexRow(doc, skel, cited) for pk, doc, skel, cited in cursor.fetchall()}
            stored = _stored_rows(cursor, ids)
            changed = {pk: row for pk, row in wanted.items() if stored.get(pk) != row}
            stale = [pk for pk in stored if pk in changed or pk not in wanted]  # rewritten, or merged away
            _write_rows(cursor, changed, stale)


def _stored_rows(cursor: Any, ids: str) -> dict[int, IndexRow]:
    """The FTS5 rows of the works `ids` (a JSON array, `sqlite_list`), as stored."""
    cursor.execute(f"SELECT rowid, doc, skel, cited FROM {FTS_TABLE} WHERE rowid {SQLITE_IN_LIST}", [ids])
    return {pk: IndexRow(doc, skel, cited) for pk, doc, skel, cited in cursor.fetchall()}


def _write_rows(cursor: Any, rows: Mapping[int, IndexRow], stale: Collection[int] = ()) -> None:
    """Delete the `stale` rows, then insert `rows`: FTS5 changes a row only by deleting it and adding it again."""
    if stale:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid {SQLITE_IN_LIST}", [sqlite_list(stale)])
    if rows:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, doc, skel, cited) VALUES (%s, %s, %s, %s)",
            [(pk, row.doc, row.skel, row.cited) for pk, row in rows.items()],
        )


def _run_refresh(connection: BaseDatabaseWrapper, where: str) -> None:
    """Run `_refresh_sql(where)`, one statement at a time (the driver takes one per call)."""
    with connection.cursor() as cursor:
        for statement in _refresh_sql(where).split(";\n"):
            cursor.execute(statement.rstrip(";"))


def register_sqlite_functions(connection: BaseDatabaseWrapper) -> None:
    """Make `bib_skeleton`, `bib_cited_text` and `bib_fts_defer` callable from SQL (the triggers use them).

    Once per connection: SQLite refuses to replace a function once FTS5 has
    written through that connection (it keeps its statements prepared).
    """
    if connection.vendor == "sqlite" and connection.connection is not None:
        registered = f"SELECT 1 FROM pragma_function_list WHERE name = '{DEFER_FUNCTION}'"
        if connection.connection.execute(registered).fetchone():
            return
        connection.connection.create_function(SKELETON_FUNCTION, 1, _sql_skeleton, deterministic=True)
        connection.connection.create_function(CITED_FUNCTION, 2, _sql_cited_text, deterministic=True)
        connection.connection.create_function(DEFER_FUNCTION, 1, _deferred_works(connection).defer)


def _sql_skeleton(text: str | None) -> str:
    return skeleton(text) if text else ""


def _sql_cited_text(text: str | None, own: str | None) -> str:
    return cited_text(text, own or "") if text else ""


def _sqlite_objects(connection: BaseDatabaseWrapper, kind: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = %s", [kind])
        return {row[0] for row in cursor.fetchall()}


def install_sqlite_index(connection: BaseDatabaseWrapper) -> bool:
    """Create the FTS5 table and triggers where missing; rebuild the index if anything was. Idempotent."""
    connection.ensure_connection()
    register_sqlite_functions(connection)
    triggers = _triggers()
    missing = FTS_TABLE not in _sqlite_objects(connection, "table") or bool(
        set(triggers) - _sqlite_objects(connection, "trigger")
    )
    if not missing:
        return False
    create_sqlite_table(connection)
    with connection.cursor() as cursor:
        for statement in triggers.values():
            cursor.execute(statement)
    rebuild_sqlite_index(connection)
    return True


def create_sqlite_table(connection: BaseDatabaseWrapper) -> None:
    """The FTS5 table (empty until `rebuild_sqlite_index`), if missing."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(doc, skel, cited, {FTS_OPTIONS})")
    configure_sqlite_merging(connection)


def configure_sqlite_merging(connection: BaseDatabaseWrapper) -> None:
    """Store FTS_AUTOMERGE in the FTS5 table's own configuration (it persists with the table)."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('automerge', %s)", [FTS_AUTOMERGE])


def recreate_sqlite_table(connection: BaseDatabaseWrapper) -> None:
    """Replace the FTS5 table by an empty one with the current FTS_OPTIONS, triggers dropped.

    For a migration that changes the options; the post_migrate handler then
    re-creates the triggers and fills the index.
    """
    uninstall_sqlite_triggers(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    create_sqlite_table(connection)


def recreate_sqlite_table_in_migration(apps: Any, schema_editor: Any) -> None:
    """A migration's step (forwards and backwards) for a change of FTS_OPTIONS: see `recreate_sqlite_table`."""
    if schema_editor.connection.vendor == "sqlite":
        recreate_sqlite_table(schema_editor.connection)


def rebuild_sqlite_index(connection: BaseDatabaseWrapper) -> None:
    """Re-index every work (after a restore, or when triggers were missing)."""
    register_sqlite_functions(connection)
    _run_refresh(connection, "1 = 1")


def uninstall_sqlite_index(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for name in _triggers():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def uninstall_sqlite_triggers(connection: BaseDatabaseWrapper) -> None:
    """Drop the FTS5 and citation-count triggers, keeping the index (installing them again rebuilds it)."""
    with connection.cursor() as cursor:
        for name in [*_triggers(), *_sqlite_count_triggers()]:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


# PostgreSQL ------------------------------------------------------------------

# Work fields in the stored tsvector: the own fields (so edits count at once) and search_text (names, skeletons).
PG_WORK_FIELDS = ("title", "original_title", "translated_title", "container_title", "publisher", "search_text")
PG_VECTOR_COLUMN = "search_vector"
PG_INDEXES = {
    "work_search_vector_gin": f"ON {WORK_TABLE} USING gin ({PG_VECTOR_COLUMN})",
}
# Replaced: the citations' full-text index by the cited text inside each work's vector (migration 0006),
# the trigram index on search_text by the vocabulary table of the typo fallback (migration 0010).
PG_LEGACY_INDEXES = ("citation_raw_text_fts", "work_search_text_trgm")


def _pg_vector_sql(row: str, work_id: str) -> str:
    """A work's tsvector: its own fields (weight A) and the references citing it, as printed (weight D).

    The first `MAX_CITED_TEXTS` citing references, as on SQLite: re-reading
    every one made each new citation of a popular work cost more.

    One vector per work, like the SQLite FTS5 row: a query is one GIN-indexed
    condition the planner can read in any order (by id, by citation count),
    every word may be found in either part, and ts_rank weighs a work's own
    fields above the references to it.
    """
    own = " || ' ' || ".join(f"COALESCE({row}{field}, '')" for field in PG_WORK_FIELDS)
    cited = (
        "(SELECT string_agg(text, ' ') FROM (SELECT COALESCE(c.raw_text, '') || ' ' || COALESCE(c.raw_text_alt, '') "
        f"AS text FROM {CITATION_TABLE} c WHERE c.work_id = {work_id} ORDER BY c.id LIMIT {MAX_CITED_TEXTS}) AS first)"
    )
    return (
        f"setweight(to_tsvector('simple'::regconfig, {own}), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, COALESCE({cited}, '')), 'D')"
    )


def install_postgres_indexes(connection: BaseDatabaseWrapper) -> None:
    """A stored tsvector column kept by a trigger, and its GIN index.

    Stored, not an expression index: ranking needs the vector of every match,
    and recomputing to_tsvector per row made broad queries slow. A trigger,
    not a generated column: PostgreSQL refuses to change the type of a column
    a generated column reads, which would block later migrations of Work.
    """
    statements = [
        f"ALTER TABLE {WORK_TABLE} ADD COLUMN IF NOT EXISTS {PG_VECTOR_COLUMN} tsvector",
        *_pg_vector_trigger_sql(),
        f"UPDATE {WORK_TABLE} SET {PG_VECTOR_COLUMN} = {_pg_vector_sql('', f'{WORK_TABLE}.id')}",
    ]
    statements += [f"CREATE INDEX IF NOT EXISTS {name} {definition}" for name, definition in PG_INDEXES.items()]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_postgres_vector_trigger(connection: BaseDatabaseWrapper) -> None:
    """(Re)create the tsvector trigger; it fires only when a column the vector reads changes."""
    with connection.cursor() as cursor:
        for statement in _pg_vector_trigger_sql():
            cursor.execute(statement)


def _pg_vector_trigger_sql() -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {WORK_TABLE}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.{PG_VECTOR_COLUMN} := {_pg_vector_sql("NEW.", "NEW.id")}; RETURN NEW; END $$""",
        f"DROP TRIGGER IF EXISTS {WORK_TABLE}_search_vector ON {WORK_TABLE}",
        f"""CREATE TRIGGER {WORK_TABLE}_search_vector BEFORE INSERT OR UPDATE OF {", ".join(PG_WORK_FIELDS)}
            ON {WORK_TABLE} FOR EACH ROW EXECUTE FUNCTION {WORK_TABLE}_search_vector()""",
    ]


def uninstall_postgres_indexes(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for name in (*PG_INDEXES, *PG_LEGACY_INDEXES):
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {WORK_TABLE}_search_vector ON {WORK_TABLE}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {WORK_TABLE}_search_vector()")
        cursor.execute(f"ALTER TABLE {WORK_TABLE} DROP COLUMN IF EXISTS {PG_VECTOR_COLUMN}")


def pg_tsquery(parsed: ParsedQuery) -> str:
    """A raw tsquery: every word required, as typed or as skeleton; lexemes quoted."""
    groups = []
    for term in parsed.terms:
        alternatives = dict.fromkeys(_pg_lexeme(word) for word in (term.text, term.skeleton) if word)
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


def _pg_lexeme(word: str, prefix: bool = True) -> str:
    star = ":*" if prefix and len(word) >= PREFIX_MIN_CHARS else ""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + star


def _search_vector_field() -> Any:
    from django.contrib.postgres.search import SearchVectorField

    return SearchVectorField()


def _expanded_tsquery(queryset: QuerySet[Any], parsed: ParsedQuery) -> str | None:
    """The tsquery with each prefix spelled out as the indexed words it starts; None if a word starts none.

    GIN answers a prefix (`'polic':*`) by scanning every lexeme it starts and
    merging their posting lists, on each query (12 ms for a word in a fifth
    of the library); the same words listed exactly are plain index lookups.
    The vocabulary holds every lexeme of every vector, so the list is
    complete; past MAX_EXPANSION words the prefix is kept. A word that starts
    no indexed word cannot match (a typo): the caller falls back to similar
    words, without reading the works to find that out.
    """
    expansions = _vocabulary_words(queryset, parsed)
    groups = []
    for term, words in zip(parsed.terms, expansions, strict=True):
        if len(term.text) < PREFIX_MIN_CHARS or len(words) > MAX_EXPANSION:
            alternatives = dict.fromkeys(_pg_lexeme(word) for word in (term.text, term.skeleton) if word)
        elif not words:
            return None
        else:
            alternatives = dict.fromkeys(_pg_lexeme(word, prefix=False) for word in words)
        groups.append("(" + " | ".join(alternatives) + ")")
    return " & ".join(groups)


def _vocabulary_words(queryset: QuerySet[Any], parsed: ParsedQuery) -> list[list[str]]:
    """Per query word (PREFIX_MIN_CHARS or longer): up to MAX_EXPANSION + 1 indexed words it or its skeleton starts."""
    from django.db import connections

    selects: list[str] = []
    params: list[str | int] = []
    for index, term in enumerate(parsed.terms):
        if len(term.text) >= PREFIX_MIN_CHARS:
            selects.append(f"(SELECT {index}, word FROM {PG_WORDS_TABLE} WHERE word LIKE %s OR word LIKE %s LIMIT %s)")
            params += [_like_prefix(term.text), _like_prefix(term.skeleton), MAX_EXPANSION + 1]
    words: list[list[str]] = [[] for _ in parsed.terms]
    if selects:
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for index, word in cursor.fetchall():
                words[index].append(word)
    return words


def _like_prefix(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _similar_words_tsquery(queryset: QuerySet[Any], parsed: ParsedQuery) -> str | None:
    """Typo-tolerant fallback: a tsquery of the indexed words most similar (pg_trgm) to each query word.

    The candidates come from the vocabulary table (one row per distinct
    lexeme of the work vectors, kept by a trigger), whose words are short:
    comparing the query with a few thousand words costs a millisecond,
    where comparing it with the full text of a few thousand works cost
    fifty. None when a word has no similar word (so nothing can match).
    """
    from django.db import connections

    groups = []
    with connections[queryset.db].cursor() as cursor:
        for term in parsed.terms:
            words = dict.fromkeys(_similar_words(cursor, term))
            if not words:
                return None
            groups.append("(" + " | ".join(_pg_lexeme(word, prefix=False) for word in words) + ")")
    return " & ".join(groups)


def _similar_words(cursor: Any, term: Term) -> list[str]:
    """The word itself when too short to compare, else up to SIMILAR_WORDS vocabulary words like it or its skeleton.

    One trigram-indexed `word % form` per distinct form, united, rather than
    `word % text OR word % skeleton`: PostgreSQL costs the OR's two index
    scans above a sequential scan of a vocabulary of a few thousand words,
    and that scan computes similarity() for every word (9 ms, against 0.3 ms
    through the index).
    """
    if len(term.text) < PREFIX_MIN_CHARS:
        return [term.text]
    forms = [form for form in dict.fromkeys((term.text, term.skeleton)) if form]
    candidates = " UNION ".join([f"SELECT word FROM {PG_WORDS_TABLE} WHERE word %% %s"] * len(forms))
    likeness = ", ".join(["similarity(word, %s)"] * len(forms))
    cursor.execute(
        f"SELECT word FROM ({candidates}) AS candidates ORDER BY greatest({likeness}) DESC, word LIMIT %s",
        [*forms, *forms, SIMILAR_WORDS],
    )
    return [row[0] for row in cursor.fetchall()]


# The vocabulary of the search vectors, for the typo fallback: a row per distinct lexeme.
PG_WORDS_TABLE = "bibliography_search_word"
SIMILAR_WORDS = 8
# Prefixes starting more indexed words than this stay prefixes in the tsquery.
MAX_EXPANSION = 16
PG_WORDS_FUNCTION = f"{PG_WORDS_TABLE}_collect"
PG_WORDS_FROM = "SELECT DISTINCT w.lexeme FROM {rows} r, unnest(r.{column}) w WHERE length(w.lexeme) >= 3"


def _pg_words_sql() -> list[str]:
    """The vocabulary table, its trigram index, statement triggers adding new lexemes, and the initial fill.

    Words are only added: a word no work uses any more just finds nothing
    when suggested. Statement-level, so a bulk insert of works or a
    citation trigger touching many works adds their words in one statement.
    """
    new_words = PG_WORDS_FROM.format(rows="new_rows", column=PG_VECTOR_COLUMN)
    all_words = PG_WORDS_FROM.format(rows=WORK_TABLE, column=PG_VECTOR_COLUMN)
    statements = [
        f"CREATE TABLE IF NOT EXISTS {PG_WORDS_TABLE} (word text PRIMARY KEY)",
        f"CREATE INDEX IF NOT EXISTS {PG_WORDS_TABLE}_trgm ON {PG_WORDS_TABLE} USING gin (word gin_trgm_ops)",
        f"""CREATE OR REPLACE FUNCTION {PG_WORDS_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN INSERT INTO {PG_WORDS_TABLE}(word) {new_words} ON CONFLICT DO NOTHING; RETURN NULL; END $$""",
        f"INSERT INTO {PG_WORDS_TABLE}(word) {all_words} ON CONFLICT DO NOTHING",
    ]
    for event in ("INSERT", "UPDATE"):
        name = f"{PG_WORDS_FUNCTION}_{event.lower()}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {WORK_TABLE}",
            f"CREATE TRIGGER {name} AFTER {event} ON {WORK_TABLE} REFERENCING NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_WORDS_FUNCTION}()",
        ]
    return statements


def install_postgres_words(connection: BaseDatabaseWrapper) -> None:
    """Create and fill the vocabulary of the typo fallback; drop the trigram index on full texts it replaces."""
    with connection.cursor() as cursor:
        for statement in _pg_words_sql():
            cursor.execute(statement)
        cursor.execute("DROP INDEX IF EXISTS work_search_text_trgm")


def uninstall_postgres_words(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for event in ("insert", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS {PG_WORDS_FUNCTION}_{event} ON {WORK_TABLE}")
        cursor.execute(f"DROP FUNCTION IF EXISTS {PG_WORDS_FUNCTION}()")
        cursor.execute(f"DROP TABLE IF EXISTS {PG_WORDS_TABLE}")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS work_search_text_trgm ON {WORK_TABLE} USING gin (search_text gin_trgm_ops)"
        )


# Citation counts ---------------------------------------------------------------
#
# `Work.cited_by_count` (distinct citing articles) is what "most cited" sorts
# by and what every result shows. Database triggers keep it, for the same
# reason as the FTS5 rows: imports use bulk_create and merges move citations
# with QuerySet.update, neither of which runs Python hooks. Every trigger
# recounts the touched works from the (work, article) index rather than
# adding or subtracting one, so duplicates of an article in a list, bulk
# statements and reruns cannot drift it. A guard on the work row itself
# recounts whenever something else writes the column: `Work.save()` writes
# every field, and an instance loaded before its citations were added would
# otherwise put back its stale count.

COUNT_TRIGGER_PREFIX = "bibliography_citation_count"
COUNT_COLUMN = "cited_by_count"


def _count_sql(work_id: str) -> str:
    return f"(SELECT COUNT(DISTINCT article_id) FROM {CITATION_TABLE} WHERE work_id = {work_id})"


def _sqlite_recount(work_id: str) -> str:
    count = _count_sql(work_id)
    return f"UPDATE {WORK_TABLE} SET {COUNT_COLUMN} = {count} WHERE id = {work_id} AND {COUNT_COLUMN} IS NOT {count};"


def _sqlite_count_triggers() -> dict[str, str]:
    """name -> CREATE TRIGGER: citations inserted, deleted or moved; a work row written with another count."""
    stale = f"WHEN NEW.{COUNT_COLUMN} IS NOT {_count_sql('NEW.id')}"
    bodies = {
        "citation_ai": (f"AFTER INSERT ON {CITATION_TABLE}", _sqlite_recount("NEW.work_id")),
        "citation_ad": (f"AFTER DELETE ON {CITATION_TABLE}", _sqlite_recount("OLD.work_id")),
        "citation_au": (
            f"AFTER UPDATE OF work_id, article_id ON {CITATION_TABLE}",
            _sqlite_recount("OLD.work_id") + "\n" + _sqlite_recount("NEW.work_id"),
        ),
        "work_ai": (f"AFTER INSERT ON {WORK_TABLE} {stale}", _sqlite_recount("NEW.id")),
        "work_au": (f"AFTER UPDATE OF {COUNT_COLUMN} ON {WORK_TABLE} {stale}", _sqlite_recount("NEW.id")),
    }
    return {
        f"{COUNT_TRIGGER_PREFIX}_{name}": f"CREATE TRIGGER IF NOT EXISTS {COUNT_TRIGGER_PREFIX}_{name} {event} "
        f"BEGIN\n{body}\nEND"
        for name, (event, body) in bodies.items()
    }


def pg_refresh_sql(work_ids: str) -> str:
    """Statement re-counting and re-indexing the works whose ids the subquery `work_ids` yields.

    `= ANY(ARRAY(...))`, not `IN (...)`: the subquery reads a transition
    table, which has no statistics, and with `IN` the planner may join it to
    a scan of every work; an array is probed through the primary key.
    """
    return (
        f"UPDATE {WORK_TABLE} w SET {COUNT_COLUMN} = {_count_sql('w.id')}, "
        f"{PG_VECTOR_COLUMN} = {_pg_vector_sql('w.', 'w.id')} WHERE w.id = ANY(ARRAY({work_ids}));"
    )


PG_CHANGED_CITATIONS = (
    "SELECT {side}.work_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE "
    "(o.work_id, o.article_id, o.raw_text, o.raw_text_alt) IS DISTINCT FROM "
    "(n.work_id, n.article_id, n.raw_text, n.raw_text_alt)"
)


def _pg_count_sql() -> list[str]:
    """Statement-level triggers on citations and a row guard on works.

    PostgreSQL keeps the cited text in each work's vector too, so the
    citation triggers refresh both, once per touched work per statement
    (transition tables), whether a bulk insert, a merge's update or a delete.
    """
    changed = PG_CHANGED_CITATIONS.format(side="o") + " UNION " + PG_CHANGED_CITATIONS.format(side="n")
    cleared = f"{PG_VECTOR_COLUMN} = {_pg_vector_sql('', f'{WORK_TABLE}.id')}"
    citations_function = f"""CREATE OR REPLACE FUNCTION {COUNT_TRIGGER_PREFIX}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN {pg_refresh_sql("SELECT work_id FROM new_rows")}
            ELSIF TG_OP = 'DELETE' THEN {pg_refresh_sql("SELECT work_id FROM old_rows")}
            ELSIF TG_OP = 'UPDATE' THEN {pg_refresh_sql(changed)}
            ELSE UPDATE {WORK_TABLE} SET {COUNT_COLUMN} = 0, {cleared} WHERE {COUNT_COLUMN} <> 0;
            END IF;
            RETURN NULL;
        END $$"""
    guard_function = f"""CREATE OR REPLACE FUNCTION {COUNT_TRIGGER_PREFIX}_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$ BEGIN NEW.{COUNT_COLUMN} := {_count_sql("NEW.id")}; RETURN NEW; END $$"""
    on_citations = {
        "insert": "AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT",
        "delete": "AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT",
        "update": "AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT",
        "truncate": "AFTER TRUNCATE ON {table} FOR EACH STATEMENT",
    }
    statements = [citations_function, guard_function]
    for name, event in on_citations.items():
        statements += _pg_trigger(f"{COUNT_TRIGGER_PREFIX}_{name}", event.format(table=CITATION_TABLE), "")
    statements += _pg_trigger(
        f"{COUNT_TRIGGER_PREFIX}_work_insert", f"BEFORE INSERT ON {WORK_TABLE} FOR EACH ROW", "_guard"
    )
    statements += _pg_trigger(
        f"{COUNT_TRIGGER_PREFIX}_work_update",
        f"BEFORE UPDATE OF {COUNT_COLUMN} ON {WORK_TABLE} FOR EACH ROW "
        f"WHEN (NEW.{COUNT_COLUMN} IS DISTINCT FROM OLD.{COUNT_COLUMN})",
        "_guard",
    )
    return statements


def _pg_trigger(name: str, event: str, function_suffix: str) -> list[str]:
    table = event.split(" ON ", 1)[1].split()[0]
    return [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"CREATE TRIGGER {name} {event} EXECUTE FUNCTION {COUNT_TRIGGER_PREFIX}{function_suffix}()",
    ]


def recount_citations(connection: BaseDatabaseWrapper) -> None:
    """Set every work's citation count from its citations (after installing the triggers, or to repair)."""
    count = _count_sql(f"{WORK_TABLE}.id")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {WORK_TABLE} SET {COUNT_COLUMN} = {count} WHERE {COUNT_COLUMN} <> {count}")


def install_postgres_count_functions(connection: BaseDatabaseWrapper) -> None:
    """(Re)create the PostgreSQL count and refresh triggers and functions, without recounting."""
    with connection.cursor() as cursor:
        for statement in _pg_count_sql():
            cursor.execute(statement)


def install_citation_counts(connection: BaseDatabaseWrapper) -> bool:
    """Create the count triggers where missing and recount if any were. Idempotent; True if it changed anything."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in PG_LEGACY_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
            cursor.execute(pg_refresh_sql(f"SELECT work_id FROM {CITATION_TABLE}"))
            for statement in _pg_count_sql():
                cursor.execute(statement)
        return True
    triggers = _sqlite_count_triggers()
    missing = set(triggers) - _sqlite_objects(connection, "trigger")
    if not missing:
        return False
    with connection.cursor() as cursor:
        for name in missing:
            cursor.execute(triggers[name])
    recount_citations(connection)
    return True


def uninstall_citation_counts(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in ("insert", "delete", "update", "truncate"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {COUNT_TRIGGER_PREFIX}_{name} ON {CITATION_TABLE}")
            for name in ("work_insert", "work_update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {COUNT_TRIGGER_PREFIX}_{name} ON {WORK_TABLE}")
            cursor.execute(f"DROP FUNCTION IF EXISTS {COUNT_TRIGGER_PREFIX}()")
            cursor.execute(f"DROP FUNCTION IF EXISTS {COUNT_TRIGGER_PREFIX}_guard()")
            return
        for name in _sqlite_count_triggers():
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def _has_count_column(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, WORK_TABLE)
    return any(column.name == COUNT_COLUMN for column in columns)


# Signals ---------------------------------------------------------------------


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    register_sqlite_functions(connection)


def _on_pre_migrate(sender: AppConfig, using: str = "default", plan: Any = None, **kwargs: Any) -> None:
    """Drop the SQLite triggers before migrations run; post_migrate puts them back.

    A migration that rebuilds the work table (SQLite's way to add a NOT NULL
    column or alter one) ends with `ALTER TABLE ... RENAME`, which SQLite
    refuses while a trigger on another table (people, contributors,
    citations) names the work table that is, at that moment, missing.
    """
    from django.db import connections

    connection = connections[using]
    if sender.label != "bibliography" or connection.vendor != "sqlite" or not plan:
        return
    uninstall_sqlite_triggers(connection)


def _on_post_migrate(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Heal the triggers a SQLite table rebuild dropped (only once our migrations created them)."""
    from django.db import connections

    connection = connections[using]
    if sender.label != "bibliography" or connection.vendor != "sqlite":
        return
    if FTS_TABLE in _sqlite_objects(connection, "table"):
        install_sqlite_index(connection)
    if _has_count_column(connection):
        install_citation_counts(connection)


connection_created.connect(_on_connection_created, dispatch_uid="bibliography.search.functions")
pre_migrate.connect(_on_pre_migrate, dispatch_uid="bibliography.search.drop_triggers")
post_migrate.connect(_on_post_migrate, dispatch_uid="bibliography.search.heal_triggers")
