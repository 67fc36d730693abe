"""The library: works, the people behind them, and who cites what.

Fields follow CSL-JSON (the interchange format of Zotero and pandoc) so that
parsing, export and Crossref enrichment all speak the same vocabulary.
Normalized keys (`title_key`, `author_key`, `search_text`) are stored
columns, computed once; dedup finds its candidates through the blocking keys
of `WorkKey`, not by rescanning the library. An index costs every import a
page write per row, so only indexes some query reads are kept.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Func, Q
from simple_history.models import HistoricalRecords

from bibliography import search as search_backend  # connects the full-text index's signal handlers
from bibliography.dedup.records import csl_name
from bibliography.lib.json_text import Utf8JSONEncoder

# Leading title characters the sort indexes hold: whole titles can outgrow a
# PostgreSQL b-tree entry (about 2.7 kB), 200 characters (at most 800 bytes) cannot.
TITLE_SORT_CHARS = 200
# The index dedup reads works' stamps through (see Work.Meta.indexes).
STAMP_INDEX = "work_stamp"


class TitleSortKey(Func):
    """`SUBSTR(title, 1, 200)` with the bounds written into the SQL.

    Django's Substr passes them as query parameters, and SQLite only uses an
    expression index when the query spells the indexed expression exactly.
    """

    function = "SUBSTR"
    template = f"%(function)s(%(expressions)s, 1, {TITLE_SORT_CHARS})"
    output_field = models.TextField()


def title_sort_key() -> TitleSortKey:
    """The indexed title prefix; ordering by it, then by the title, is ordering by the title."""
    return TitleSortKey(F("title"))


class WorkType(models.TextChoices):
    """The CSL item types the parser and exporters produce."""

    ARTICLE_JOURNAL = "article-journal", "Journal article"
    ARTICLE_MAGAZINE = "article-magazine", "Magazine article"
    ARTICLE_NEWSPAPER = "article-newspaper", "Newspaper article"
    BOOK = "book", "Book"
    CHAPTER = "chapter", "Book chapter"
    PAPER_CONFERENCE = "paper-conference", "Conference paper"
    THESIS = "thesis", "Thesis"
    REPORT = "report", "Report"
    WEBPAGE = "webpage", "Web page"
    LEGISLATION = "legislation", "Legislation"
    LEGAL_CASE = "legal_case", "Legal case"
    TREATY = "treaty", "Treaty"
    DATASET = "dataset", "Dataset"
    ENTRY_ENCYCLOPEDIA = "entry-encyclopedia", "Encyclopedia entry"
    MANUSCRIPT = "manuscript", "Manuscript"
    DOCUMENT = "document", "Document"
    ARTICLE = "article", "Article (unspecified)"


class WorkQuerySet(models.QuerySet["Work"]):
    """Query helpers shared by views, admin and commands."""

    def canonical(self) -> WorkQuerySet:
        """Works that have not been merged into another one."""
        return self.filter(merged_into__isnull=True)

    def search(self, query: str, rank: bool = True) -> WorkQuerySet:
        """Full-text search (SQLite FTS5 or PostgreSQL), cross-script; see bibliography/search.py.

        `rank=False` when the caller orders by something else than relevance (cheaper on SQLite).
        """
        return search_backend.search_works(self, query, rank=rank)  # type: ignore[return-value]


# The bibliographic columns of a Work in reading order (everything but its
# type, keys and bookkeeping): what a person edits, a merge fills and a
# detail page shows.
BIBLIOGRAPHIC_FIELDS = (
    "title",
    "original_title",
    "translated_title",
    "container_title",
    "collection_title",
    "issued_year",
    "volume",
    "issue",
    "page",
    "number_of_pages",
    "edition",
    "publisher",
    "publisher_place",
    "url",
    "accessed",
    "doi",
    "isbn",
    "issn",
    "language",
    "note",
)


class Work(models.Model):
    """One bibliographic item, cited or citing (an imported Article is a Work too)."""

    type = models.CharField(max_length=32, choices=WorkType.choices, default=WorkType.ARTICLE_JOURNAL)
    title = models.TextField(blank=True)
    original_title = models.TextField(blank=True, help_text="Title in the original script where a list gives both.")
    translated_title = models.TextField(blank=True, help_text="Title translated, e.g. the bracketed English title.")
    container_title = models.TextField(blank=True)
    collection_title = models.TextField(blank=True)
    issued_year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    volume = models.CharField(max_length=64, blank=True)
    issue = models.CharField(max_length=64, blank=True)
    page = models.CharField(max_length=64, blank=True)
    number_of_pages = models.CharField(max_length=32, blank=True)
    edition = models.CharField(max_length=64, blank=True)
    publisher = models.CharField(max_length=512, blank=True)
    publisher_place = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    accessed = models.DateField(null=True, blank=True)
    doi = models.CharField(
        max_length=255, null=True, blank=True, help_text="Normalized (lower-case, no resolver prefix)."
    )
    isbn = models.CharField(max_length=64, blank=True)
    issn = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=16, blank=True, db_index=True)
    note = models.TextField(blank=True)

    title_key = models.CharField(max_length=255, blank=True, help_text="Latin skeleton of the title.")
    # Not indexed: dedup blocks on `WorkKey` rows, and no query looks works up by it (migration 0015).
    author_key = models.CharField(max_length=64, blank=True, help_text="Skeleton of the first family name.")
    search_text = models.TextField(blank=True, help_text="Title, names, container and skeletons, for full-text search.")
    cited_by_count = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Distinct articles citing the work; kept by database triggers (bibliography/search.py).",
    )

    # Its own narrow index stays although the `work_canonical_*` indexes start with it: SQLite walks the
    # canonical works through it to count filtered results (dropping it made the author count 50% slower).
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_works"
    )
    curated_fields = models.JSONField(
        encoder=Utf8JSONEncoder, default=list, blank=True, help_text="Fields a person edited: never overwritten."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The history tables keep an index on the row id (each object's history)
    # and on the date; an index on every key copied from the model would
    # cost each import a page write per key and row, and nothing reads them.
    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at", "cited_by_count"],
        no_db_index=["issued_year", "language", "title_key", "author_key", "merged_into"],
    )
    objects = WorkQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"],
                condition=Q(doi__isnull=False) & ~Q(doi="") & Q(merged_into__isnull=True),
                name="unique_doi_per_canonical_work",
            ),
        ]
        indexes = [
            models.Index(fields=["doi"], name="work_doi"),
            # dedup's stamp check (`dedup.store.stamp_sql`): each candidate's validity read from this
            # narrow index instead of its row, which is ~1 kB wide and spread over the whole table.
            models.Index(fields=["id", "merged_into", "updated_at"], name=STAMP_INDEX),
            # web search: the canonical works in "most cited" and "title" order, read in
            # index order instead of sorting the library (see bibliography/filters.py).
            # Equally cited works follow in the order they came (id), not by title: a new work, cited
            # once, then joins the end of the once-cited ones, one page of the index, instead of a
            # page anywhere in it (measured: 30 works a transaction cost half as much to insert and
            # commit; docs/bench/import.md, session 11). It also keeps earlier pages still as works arrive.
            models.Index(F("merged_into"), F("cited_by_count").desc(), F("id"), name="work_canonical_cited"),
            models.Index(F("merged_into"), title_sort_key(), F("id"), name="work_canonical_title"),
            models.Index(
                F("merged_into"),
                F("language"),
                F("cited_by_count").desc(),
                F("id"),
                name="work_canonical_language_cited",
            ),
        ]

    def __str__(self) -> str:
        year = f" ({self.issued_year})" if self.issued_year else ""
        return f"{self.first_author_name()}{year} {self.title[:80]}".strip()

    def first_author_name(self) -> str:
        """Family name (or literal) of the first author, for lists and labels."""
        contributors = getattr(self, "ordered_authors", None)
        if contributors is None:
            contributors = list(self.contributors.filter(role=Role.AUTHOR).select_related("person")[:1])
        return contributors[0].person.display_name() if contributors else ""

    def merge_into(self, canonical: Work, reason: str = "", user: Any = None) -> MergeRecord:
        """Merge this work into `canonical` (see `bibliography.dedup.merge.merge_into`)."""
        from bibliography.dedup.merge import merge_into

        return merge_into(self, canonical, reason=reason, user=user)

    def canonical_work(self) -> Work:
        """Follow merge links to the work that now stands for this one."""
        work, seen = self, set()
        while work.merged_into_id and work.pk not in seen:
            seen.add(work.pk)
            work = work.merged_into  # type: ignore[assignment]
        return work


class Person(models.Model):
    """A person or a corporate body as named in references."""

    family = models.CharField(max_length=255, blank=True)
    given = models.CharField(max_length=255, blank=True)
    literal = models.CharField(max_length=512, blank=True, help_text="Corporate author, e.g. NATO.")
    name_key = models.CharField(
        max_length=64, blank=True, db_index=True, help_text="Latin skeleton of the family name."
    )

    history = HistoricalRecords(no_db_index=["name_key"])

    class Meta:
        ordering = ["family", "given", "literal"]
        # Also the import's exact-name lookup (`corpus_import.importer.existing_people`).
        indexes = [models.Index(fields=["family", "given", "literal"], name="person_full_name")]

    def __str__(self) -> str:
        return self.display_name(full=True)

    def display_name(self, full: bool = False) -> str:
        """`Family G.` style name (or the literal), as lists print it."""
        if self.literal:
            return self.literal
        if full and self.given:
            return f"{self.family}, {self.given}"
        return self.family

    def as_csl(self) -> dict[str, str]:
        """The CSL-JSON name object."""
        return csl_name({"family": self.family, "given": self.given, "literal": self.literal})


class Role(models.TextChoices):
    AUTHOR = "author", "Author"
    EDITOR = "editor", "Editor"
    TRANSLATOR = "translator", "Translator"


class Contributor(models.Model):
    """A person's place in a work's author or editor list."""

    # `work` is indexed as the first column of unique_contributor_position.
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="contributors", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(no_db_index=["work", "person"])

    class Meta:
        ordering = ["work", "role", "position"]
        constraints = [
            models.UniqueConstraint(fields=["work", "role", "position"], name="unique_contributor_position"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role} #{self.position + 1})"


class Article(models.Model):
    """An imported full text: the citing side of the library."""

    work = models.OneToOneField(Work, on_delete=models.CASCADE, related_name="article")
    file_name = models.CharField(max_length=512)
    sha256 = models.CharField(max_length=64, unique=True)
    text = models.TextField(blank=True)
    languages = models.JSONField(encoder=Utf8JSONEncoder, default=list, blank=True)
    import_report = models.JSONField(encoder=Utf8JSONEncoder, default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        ordering = ["file_name"]
        indexes = [models.Index(fields=["file_name"], name="article_file_name")]

    def __str__(self) -> str:
        return self.work.title or self.file_name


class Citation(models.Model):
    """One entry of an article's reference list, pointing at the cited work."""

    # Both indexed as first columns: article by unique_citation_position, work by citation_work_article.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="citations", db_index=False)
    work = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="citations", db_index=False)
    position = models.PositiveIntegerField(help_text="1-based place in the list.")
    label = models.CharField(max_length=255, blank=True, help_text='"17" or "Alimbekov, 2020".')
    raw_text = models.TextField(help_text="The entry exactly as printed.")
    raw_text_alt = models.TextField(blank=True, help_text="Its romanized twin, where the list has one.")
    parsed = models.JSONField(
        encoder=Utf8JSONEncoder, default=dict, blank=True, help_text="The parser's CSL-JSON item."
    )
    confidence = models.FloatField(default=0.0)

    history = HistoricalRecords(no_db_index=["article", "work"])

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_citation_position"),
        ]
        indexes = [models.Index(fields=["work", "article"], name="citation_work_article")]

    def __str__(self) -> str:
        return f"[{self.label or self.position}] {self.raw_text[:80]}"


class Mention(models.Model):
    """One in-text citation of a reference-list entry."""

    citation = models.ForeignKey(Citation, on_delete=models.CASCADE, related_name="mentions")
    marker = models.CharField(max_length=255, blank=True, help_text='As printed: "[7, p.18]".')
    locator = models.CharField(max_length=64, blank=True, help_text='"p. 18"')
    sentence = models.TextField(blank=True)
    offset = models.PositiveIntegerField(default=0, help_text="Character offset in the article text.")

    class Meta:
        ordering = ["citation", "offset"]

    def __str__(self) -> str:
        return f"{self.marker} in {self.sentence[:60]}"


class MatchStatus(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REVIEW = "review", "Needs review"
    REJECTED = "rejected", "Rejected"


class DoiMatch(models.Model):
    """A Crossref candidate for a work, with the evidence that was weighed."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="doi_matches")
    doi = models.CharField(max_length=255)
    score = models.FloatField(default=0.0, help_text="Validation score in [0, 1].")
    crossref_score = models.FloatField(default=0.0, help_text="Crossref's relevance score.")
    evidence = models.JSONField(encoder=Utf8JSONEncoder, default=dict, blank=True)
    status = models.CharField(max_length=16, choices=MatchStatus.choices, default=MatchStatus.REVIEW, db_index=True)
    record = models.JSONField(encoder=Utf8JSONEncoder, default=dict, blank=True, help_text="The Crossref work record.")
    decided_by_person = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["record"])

    class Meta:
        verbose_name = "DOI match"
        verbose_name_plural = "DOI matches"
        ordering = ["work", "-score"]
        constraints = [models.UniqueConstraint(fields=["work", "doi"], name="unique_doi_match")]

    def __str__(self) -> str:
        return f"{self.doi} for work {self.work_id} ({self.status})"


class Decision(models.TextChoices):
    PENDING = "pending", "Pending"
    MERGED = "merged", "Merged"
    NOT_DUPLICATE = "not_duplicate", "Not a duplicate"


class DuplicateCandidate(models.Model):
    """A pair of works that may be one; `work_a` always has the smaller id."""

    work_a = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    work_b = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)
    evidence = models.JSONField(encoder=Utf8JSONEncoder, default=dict, blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["work_a", "work_b"], name="unique_duplicate_pair"),
            models.CheckConstraint(condition=Q(work_a__lt=models.F("work_b")), name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.work_a_id} ~ {self.work_b_id} ({self.score:.2f}, {self.decision})"


class MergeRecord(models.Model):
    """What a merge changed, so that it can be undone exactly."""

    canonical = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="merges_received")
    merged = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="merges_done")
    reason = models.CharField(max_length=255, blank=True)
    snapshot = models.JSONField(
        encoder=Utf8JSONEncoder, default=dict, help_text="Fields, moved rows and conflicts before the merge."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.merged_id} -> {self.canonical_id}"


# --- admin area: review queues as their own admin pages ---------------------
class DuplicateReview(DuplicateCandidate):
    """Pending duplicate pairs, as the curators' review queue in the admin."""

    class Meta:
        proxy = True
        verbose_name = "duplicate to review"
        verbose_name_plural = "duplicates to review"


class DoiReview(DoiMatch):
    """Crossref matches that need a person's decision, as an admin queue."""

    class Meta:
        proxy = True
        verbose_name = "DOI match to review"
        verbose_name_plural = "DOI matches to review"


# --- crossref area: one row per resolution attempt outcome -------------------
class ResolutionOutcome(models.TextChoices):
    ACCEPTED = "accepted", "DOI accepted"
    REVIEW = "review", "Needs review"
    NONE = "none", "No DOI"
    ERROR = "error", "Error"


class DoiResolution(models.Model):
    """Where Crossref resolution of a work ended, so a rerun can skip it.

    DoiMatch rows hold the candidates; this row also remembers the works that
    ended with no candidate at all and the ones that failed (with the reason).
    """

    work = models.OneToOneField(Work, on_delete=models.CASCADE, related_name="doi_resolution")
    outcome = models.CharField(max_length=16, choices=ResolutionOutcome.choices, db_index=True)
    query = models.TextField(blank=True, help_text="The query.bibliographic string sent.")
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["work"]

    def __str__(self) -> str:
        return f"work {self.work_id}: {self.outcome}"


# --- dedup area: blocking keys ------------------------------------------------
class WorkKey(models.Model):
    """A blocking key of a work (`bibliography.dedup.blocking`).

    Dedup compares a new work only with the works that share one of its keys,
    found through this index, so an import never rescans the library. Only
    canonical works hold keys: a merge hands the merged work's keys to the
    canonical one (each key once per work), so blocks count distinct works.
    """

    # Read by key (the blocks) and by work (merges, undo): the unique constraint's index
    # serves the second, a (key, work) index the first without visiting the table.
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="match_keys", db_index=False)
    key = models.CharField(max_length=120)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work", "key"], name="unique_work_key")]
        indexes = [models.Index(fields=["key", "work"], name="workkey_block")]

    def __str__(self) -> str:
        return f"{self.key} -> {self.work_id}"


class StoredRecord(models.Model):
    """A work's dedup record as last built (`dedup.records.Record`, pickled), and the work's stamp then.

    Dedup scores each new work against about twenty works of its blocks, spread over the whole
    library; building their records again from their rows (fields, names, skeletons, keys) was
    most of an import's dedup time once the library outgrew the in-process cache. A stored
    record whose stamp no longer matches the work's `updated_at` is rebuilt and stored again.
    """

    work = models.OneToOneField(Work, on_delete=models.CASCADE, primary_key=True, related_name="+")
    stamp = models.CharField(max_length=80)  # `store.RECORD_VERSION` and the work's `updated_at`
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"record of work {self.work_id}"
