"""Pieces every curation admin shares: permissions, lazy hooks, work prefetches.

Other areas (dedup, Crossref, importer, formats, parser) land in parallel, so
their functions are imported when an action runs, never at import time: the
admin must load whatever state the rest of the tree is in.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.contrib import admin
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from bibliography.models import Citation, Contributor, Decision, DoiMatch, DuplicateCandidate, MatchStatus, Role, Work


class Unavailable(RuntimeError):
    """Another area's function is not in the tree yet."""


def hook(module: str, name: str) -> Any:
    """Import `module.name` now; raise `Unavailable` with a readable message if it is missing."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        raise Unavailable(f"{module}.{name} is not available yet ({error}).") from error


class CuratorAdmin(admin.ModelAdmin):
    """Curators view, add and change through their group; only superusers delete."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


def ordered_contributors() -> Prefetch:
    """All contributors of a work in CSL order, with their people, in one query."""
    return Prefetch("contributors", queryset=Contributor.objects.select_related("person").order_by("role", "position"))


def first_authors() -> Prefetch:
    """Only the first author, into `ordered_authors` (what `Work.first_author_name` reads)."""
    return Prefetch(
        "contributors",
        queryset=Contributor.objects.filter(role=Role.AUTHOR).select_related("person").order_by("position"),
        to_attr="ordered_authors",
    )


def pending_duplicate_exists() -> Exists:
    """True when the work is on either side of a pending duplicate candidate."""
    return Exists(
        DuplicateCandidate.objects.filter(
            Q(work_a=OuterRef("pk")) | Q(work_b=OuterRef("pk")), decision=Decision.PENDING
        )
    )


def match_exists(status: str, work_ref: str = "pk") -> Exists:
    return Exists(DoiMatch.objects.filter(work=OuterRef(work_ref), status=status))


DOI_STATUSES = {
    "doi": "DOI",
    "review": "needs review",
    "rejected": "rejected",
    "none": "no match",
}


def doi_status_expression(work_ref: str = "pk", doi_path: str = "doi") -> Case:
    """`doi` when the work has one, else the state of its Crossref matches.

    `work_ref`/`doi_path` point at the work from another model (a citation: "work", "work__doi").
    """
    return Case(
        When(Q(**{f"{doi_path}__isnull": False}) & ~Q(**{doi_path: ""}), then=Value("doi")),
        When(match_exists(MatchStatus.REVIEW, work_ref), then=Value("review")),
        When(match_exists(MatchStatus.REJECTED, work_ref), then=Value("rejected")),
        default=Value("none"),
        output_field=CharField(),
    )


def doi_status_filter(status: str) -> Q:
    """The same states as `doi_status_expression`, as a filter that needs no annotation."""
    has_doi = Q(doi__isnull=False) & ~Q(doi="")
    review = Q(match_exists(MatchStatus.REVIEW))
    rejected = Q(match_exists(MatchStatus.REJECTED))
    return {
        "doi": has_doi,
        "review": ~has_doi & review,
        "rejected": ~has_doi & ~review & rejected,
        "none": ~has_doi & ~review & ~rejected,
    }[status]


def count_of(model: type[Model], fk: str) -> Coalesce:
    """Rows of `model` pointing here, as a correlated subquery.

    A plain Count() would GROUP BY every column of the outer row and drop Meta.ordering.
    """
    counts = model._default_manager.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n")), 0)


def citation_count() -> Coalesce:
    return count_of(Citation, "work")


def with_curation_columns(queryset: QuerySet[Work]) -> QuerySet[Work]:
    """Annotations a work list shows without a query per row."""
    return queryset.annotate(
        citation_count=citation_count(),
        has_duplicate=pending_duplicate_exists(),
        doi_status=doi_status_expression(),
    ).prefetch_related(first_authors())
