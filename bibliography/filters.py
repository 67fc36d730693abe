"""The search of sources: one FilterSet behind the page, the JSON view and the exports.

Keeping every filter and the ordering here means `/sources/`,
`/sources.json` and `/sources/export.<fmt>` cannot drift apart: they all
build `SourceFilter(request.GET).qs`.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import django_filters
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from bibliography.lib.skeleton import name_skeleton
from bibliography.models import (
    Article,
    Citation,
    Contributor,
    DoiMatch,
    MatchStatus,
    Person,
    Work,
    WorkType,
    title_sort_key,
)
from bibliography.search import MAX_QUERY_CHARS, is_fuzzy, parse_query

SORT_CHOICES = [
    ("relevance", "Relevance"),
    ("-cited", "Most cited"),
    ("-year", "Newest first"),
    ("year", "Oldest first"),
    ("title", "Title A–Z"),
]
# An author prefix matching more people than this is filtered per work (see filter_author).
AUTHOR_SET_LIMIT = 2000
# The DB input limit is generous; anything longer is refused with a message, not cut silently.
MAX_INPUT_CHARS = 10 * MAX_QUERY_CHARS
DOI_STATUS_CHOICES = [
    ("has_doi", "Has a DOI"),
    ("no_doi", "No DOI"),
    (MatchStatus.ACCEPTED.value, "DOI match accepted"),
    (MatchStatus.REVIEW.value, "DOI match needs review"),
    (MatchStatus.REJECTED.value, "DOI match rejected"),
    ("unmatched", "No DOI candidate yet"),
]


def sources_queryset() -> QuerySet[Work]:
    """Every canonical work: the base of every search.

    `merged_into IS NULL` is also the leading column of the sort indexes
    (work_canonical_cited, work_canonical_title), so SQLite picks them even
    without ANALYZE statistics.
    """
    return Work.objects.canonical()


def attach_cited_by(works: list[Work]) -> list[Work]:
    """Set `work.cited_by` (distinct citing articles) from the trigger-kept count: no query."""
    for work in works:
        work.cited_by = work.cited_by_count  # type: ignore[attr-defined]
    return works


LANGUAGES_SQL = """
WITH RECURSIVE languages(code) AS (
    SELECT MIN(language) FROM {table} WHERE language > ''
    UNION ALL
    SELECT (SELECT MIN(language) FROM {table} WHERE language > code) FROM languages WHERE code IS NOT NULL
)
SELECT code FROM languages WHERE code IS NOT NULL
"""


def language_choices() -> list[tuple[str, str]]:
    """Languages present in the library (ISO 639-1 codes).

    A loose index scan (one index seek per language) instead of a DISTINCT
    that reads the language of every work on each page view.
    """
    with connection.cursor() as cursor:
        cursor.execute(LANGUAGES_SQL.format(table=Work._meta.db_table))
        return [(code, code) for (code,) in cursor.fetchall()]


def article_choices(request: Any = None) -> QuerySet[Article]:
    """The articles offered in the "cited by" select (django-filter passes the request)."""
    return Article.objects.select_related("work").order_by("work__title")


def shorten(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


class SourceFilter(django_filters.FilterSet):
    """Free text, facets and ordering of the sources search."""

    q = django_filters.CharFilter(
        label="Search",
        method="filter_text",
        max_length=MAX_INPUT_CHARS,
        help_text="Title, author, journal, publisher or the reference as printed; any script.",
    )
    type = django_filters.ChoiceFilter(label="Type", choices=WorkType.choices, empty_label="Any type")
    year = django_filters.RangeFilter(field_name="issued_year", label="Year")
    language = django_filters.ChoiceFilter(label="Language", choices=language_choices, empty_label="Any language")
    doi = django_filters.ChoiceFilter(
        label="DOI", choices=DOI_STATUS_CHOICES, method="filter_doi", empty_label="Any DOI status"
    )
    cited_by = django_filters.ModelChoiceFilter(
        label="Cited by", queryset=article_choices, method="filter_cited_by", empty_label="Any article"
    )
    author = django_filters.CharFilter(label="Author", method="filter_author")
    container = django_filters.CharFilter(label="Journal or book", method="filter_container")
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="keep", empty_label=None, null_label=None
    )

    class Meta:
        model = Work
        fields: list[str] = []

    rank_text: bool | None = None
    # True while count_qs rebuilds the filters on PostgreSQL: a common author name then joins (filter_author).
    author_join = False

    def filter_text(self, queryset: QuerySet[Work], name: str, value: str) -> QuerySet[Work]:
        """Ranked only when ordered by relevance (or counted): another order reads the matches as a set."""
        rank = self.sort_key == "relevance" if self.rank_text is None else self.rank_text
        return queryset.search(value, rank=rank)  # type: ignore[attr-defined]

    def filter_doi(self, queryset: QuerySet[Work], name: str, value: str) -> QuerySet[Work]:
        """The candidate statuses as `id IN (few ids)`: an EXISTS per work would visit every work to count."""
        if value == "has_doi":
            return queryset.exclude(doi__isnull=True).exclude(doi="")
        if value == "no_doi":
            return queryset.filter(Q(doi__isnull=True) | Q(doi=""))
        if value == "unmatched":
            return queryset.filter(~Exists(DoiMatch.objects.filter(work=OuterRef("pk"))))
        return queryset.filter(pk__in=DoiMatch.objects.filter(status=value).values("work_id"))

    def filter_cited_by(self, queryset: QuerySet[Work], name: str, value: Article) -> QuerySet[Work]:
        """An article's reference list as `id IN (its work ids)`: a few dozen primary-key lookups."""
        return queryset.filter(pk__in=Citation.objects.filter(article=value).values("work_id"))

    def filter_author(self, queryset: QuerySet[Work], name: str, value: str) -> QuerySet[Work]:
        """Family or corporate name starting with the value, in any script: a range scan of the name-key index.

        A rare name becomes `id IN (the few works)`; a common one (at least
        AUTHOR_SET_LIMIT people) an EXISTS per work, so that the results can
        be read in sort-index order and stop after a page instead of
        collecting tens of thousands of work ids first. Counted on PostgreSQL
        (count_qs), a common name is a join instead (`first_contributions_named`),
        so that the capped count stops after about a thousand people.
        """
        key = name_skeleton(value)
        if not key:
            return queryset.none()
        named = prefix_condition("name_key", key)
        if not self.common_name(key):
            people = Person.objects.filter(named).order_by().values("pk")
            return queryset.filter(pk__in=Contributor.objects.filter(person__in=people).values("work_id"))
        if self.author_join:
            return first_contributions_named(queryset, key)
        by_name = Contributor.objects.filter(work=OuterRef("pk"), person__in=Person.objects.filter(named))
        return queryset.filter(Exists(by_name))

    @cached_property
    def common_names(self) -> dict[str, bool]:
        return {}

    def common_name(self, key: str) -> bool:
        """At least AUTHOR_SET_LIMIT people named so; asked once per request (qs and count_qs both filter)."""
        if key not in self.common_names:
            people = Person.objects.filter(prefix_condition("name_key", key)).order_by().values("pk")
            self.common_names[key] = people[:AUTHOR_SET_LIMIT].count() >= AUTHOR_SET_LIMIT
        return self.common_names[key]

    def filter_container(self, queryset: QuerySet[Work], name: str, value: str) -> QuerySet[Work]:
        return queryset.filter(container_title__icontains=value)

    def keep(self, queryset: QuerySet[Work], name: str, value: str) -> QuerySet[Work]:
        """Ordering is applied last, in filter_queryset, because relevance depends on `q`."""
        return queryset

    @property
    def article_options(self) -> list[tuple[str, str]]:
        """("", "Any article") then (id, short title) of every article, without building model instances."""
        rows = article_choices().values_list("pk", "work__title", "file_name")
        return [("", "Any article"), *((str(pk), shorten(title or name)) for pk, title, name in rows)]

    @property
    def language_options(self) -> list[tuple[str, str]]:
        return [("", "Any language"), *language_choices()]

    @property
    def fuzzy(self) -> bool:
        """True when nothing matched exactly and similar words were searched (PostgreSQL)."""
        return self.is_valid() and is_fuzzy(self.qs)

    @property
    def searching(self) -> bool:
        """True when the free text produced a full-text search (so relevance can rank)."""
        return self.is_valid() and not parse_query(self.form.cleaned_data.get("q") or "").empty

    @property
    def sort_key(self) -> str:
        chosen = self.form.cleaned_data.get("sort") if self.is_valid() else ""
        if chosen == "relevance" and not self.searching:
            chosen = ""
        return chosen or ("relevance" if self.searching else "-cited")

    def filter_queryset(self, queryset: QuerySet[Work]) -> QuerySet[Work]:
        return order_sources(super().filter_queryset(queryset), self.sort_key)

    @cached_property
    def count_qs(self) -> QuerySet[Work]:
        """The same works as `qs`, unordered and shaped for counting.

        A SQLite text search ordered by citations or title reads its matches
        as an `id IN (...)` set, which must be collected in full before the
        first row; counting up to a cap is cheaper with the join form, which
        stops at the cap. (On PostgreSQL both orders use the same form.)
        PostgreSQL counts a common author name as a join (see filter_author):
        it ran the per-work EXISTS as a hash of every contributor so named,
        the whole contributor table read before the first match (60 ms at
        100,000 works). SQLite keeps the EXISTS, which probes a list of the
        people's ids; its plan for the join ran the NOT EXISTS for every
        contributor of every work it walked (no faster for "Smirn", 2-3
        times slower for a less common "Смирнов").
        """
        if not self.is_valid():
            return self.qs.order_by()
        text_as_set = self.searching and self.sort_key != "relevance" and connection.vendor == "sqlite"
        author_join = bool(self.form.cleaned_data.get("author")) and connection.vendor == "postgresql"
        if not text_as_set and not author_join:
            return self.qs.order_by()
        self.rank_text = True if text_as_set else None
        self.author_join = author_join
        try:
            return super().filter_queryset(self.queryset.all()).order_by()
        finally:
            self.rank_text = None
            self.author_join = False


def prefix_condition(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, as an index range (`>= "smirn" AND < "smiro"`) when the bound is plain.

    A LIKE prefix cannot use the index on SQLite (LIKE is case-insensitive
    there); the range can, on both databases, as long as the bound stays
    within letters or digits.
    """
    last = prefix[-1]
    if last.isascii() and last.isalnum() and last not in "z9":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix[:-1] + chr(ord(last) + 1)})
    return Q(**{f"{field}__startswith": prefix})


def first_contributions_named(queryset: QuerySet[Work], key: str) -> QuerySet[Work]:
    """Works with a contributor whose name key starts with `key`, each once: a join for counting.

    The join keeps one row per work, its first (lowest id) contributor so
    named; a work by two Smirnovs would otherwise count twice. Unlike
    EXISTS per work it can start from the people: a capped count reads
    about as many contributors as the cap, not every so-named contributor
    (PostgreSQL hashed them all) nor every work up to the cap-th match.
    One filter() call, so that the NOT EXISTS refers to the joined row.
    """
    earlier = Contributor.objects.filter(
        prefix_condition("person__name_key", key),
        work=OuterRef("contributors__work"),
        pk__lt=OuterRef("contributors__pk"),
    )
    return queryset.filter(prefix_condition("contributors__person__name_key", key) & ~Exists(earlier))


def order_sources(queryset: QuerySet[Work], key: str) -> QuerySet[Work]:
    """Order by one of SORT_CHOICES (most cited when unknown); years missing go last either way.

    Citation count and title orders are the keys of the sort indexes
    (work_canonical_cited, work_canonical_title), so the first pages are read
    from an index, not sorted. They start with `merged_into`, constant (NULL)
    among canonical works: PostgreSQL does not treat `IS NULL` as fixing the
    leading index column, and only uses the index for an order that names it.
    Equally cited works keep the order they were added in (see the index).
    """
    if key == "relevance":
        return queryset.order_by("-search_rank", "id")
    if key in ("-year", "year"):
        year = F("issued_year").desc(nulls_last=True) if key == "-year" else F("issued_year").asc(nulls_last=True)
        return queryset.order_by(year, "title", "id")
    if key == "title":
        return queryset.order_by("merged_into_id", title_sort_key(), "title", "id")
    return queryset.order_by("merged_into_id", F("cited_by_count").desc(), "id")
