"""Bulk actions on selected works; each one tells the curator what it did.

The heavy lifting belongs to other areas (dedup merges, Crossref resolves,
formats render, the parser re-reads); these functions choose, confirm,
call and report.
"""

from __future__ import annotations

import inspect
from itertools import combinations
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from bibliography.admin.base import Unavailable, hook, ordered_contributors
from bibliography.admin.compare import compare_works, filled_count
from bibliography.csl import (
    names_from_csl,
    person_from_csl,
    refresh_matching_keys,
    work_fields_from_csl,
    work_to_csl,
)
from bibliography.models import Citation, Contributor, Decision, DuplicateCandidate, Work

MAX_PAIRWISE = 30
EXPORTS = {
    "bibtex": ("BibTeX", "application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("RIS", "application/x-research-info-systems; charset=utf-8", "ris"),
    "csljson": ("CSL-JSON", "application/vnd.citationstyles.csl+json; charset=utf-8", "json"),
}
REPARSED_FIELDS_EXCLUDED = {"doi"}


def suggested_canonical(works: list[Work]) -> Work:
    """Keep the work with a DOI, then the most cited, then the most complete, then the oldest."""
    return max(works, key=lambda w: (bool(w.doi), getattr(w, "citation_count", 0), filled_count(w), -w.pk))


@admin.action(description="Merge selected works…", permissions=["change"])
def merge_works(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Work]) -> HttpResponse | None:
    """Step 1 shows the works side by side to pick the one kept; step 2 (confirmed) merges."""
    works = list(queryset.filter(merged_into__isnull=True).prefetch_related(ordered_contributors()))
    if len(works) < 2:
        modeladmin.message_user(request, "Select at least two canonical works to merge.", messages.WARNING)
        return None
    if request.POST.get("confirm_merge"):
        confirm_merge(modeladmin, request, works)
        return None
    canonical = suggested_canonical(works)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Merge {len(works)} works",
        "opts": modeladmin.model._meta,
        "works": works,
        "rows": compare_works(works),
        "suggested": canonical.pk,
        "queryset": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "action_name": "merge_works",
    }
    return TemplateResponse(request, "admin/bibliography/work/merge_confirmation.html", context)


def confirm_merge(modeladmin: Any, request: HttpRequest, works: list[Work]) -> None:
    """Merge every other selected work into the chosen one, all or nothing."""
    by_id = {str(work.pk): work for work in works}
    canonical = by_id.get(request.POST.get("canonical", ""))
    if canonical is None:
        modeladmin.message_user(request, "Choose the work to keep.", messages.ERROR)
        return
    reason = (request.POST.get("reason") or "").strip() or "Merged in the admin"
    others = [work for work in works if work.pk != canonical.pk]
    try:
        merge_into = hook("bibliography.dedup.merge", "merge_into")
        with transaction.atomic():
            for work in others:
                merge_into(work, canonical, reason=reason, user=request.user)
    except Unavailable as error:
        modeladmin.message_user(request, f"Nothing merged: {error}", messages.ERROR)
        return
    except Exception as error:  # the merge is someone else's code: report, never 500
        modeladmin.message_user(request, f"Nothing merged: {error}", messages.ERROR)
        return
    ids = ", ".join(f"#{work.pk}" for work in others)
    modeladmin.message_user(
        request, f"Merged {len(others)} works ({ids}) into #{canonical.pk} “{canonical}”.", messages.SUCCESS
    )


@admin.action(description="Mark selected as not duplicates of each other", permissions=["change"])
def mark_not_duplicates(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Work]) -> None:
    """Every pair among the selection is remembered as distinct, so dedup never proposes it again."""
    ids = sorted(queryset.values_list("pk", flat=True))
    if len(ids) < 2 or len(ids) > MAX_PAIRWISE:
        modeladmin.message_user(request, f"Select between 2 and {MAX_PAIRWISE} works.", messages.WARNING)
        return
    marked = already = 0
    for a, b in combinations(ids, 2):
        candidate, _ = DuplicateCandidate.objects.get_or_create(
            work_a_id=a, work_b_id=b, defaults={"evidence": {"source": "curator"}}
        )
        if candidate.decision == Decision.NOT_DUPLICATE:
            already += 1
            continue
        decide_not_duplicate(candidate, request)
        marked += 1
    modeladmin.message_user(
        request, f"Marked {marked} pairs as not duplicates ({already} already were).", messages.SUCCESS
    )


def decide_not_duplicate(candidate: DuplicateCandidate, request: HttpRequest) -> None:
    """Through dedup's function when it exists; the decision itself is just a field."""
    try:
        hook("bibliography.dedup.merge", "mark_not_duplicate")(candidate, user=request.user)
    except Unavailable:
        candidate.decision = Decision.NOT_DUPLICATE
        candidate.decided_at = timezone.now()
        candidate._history_user = request.user  # type: ignore[attr-defined]
        candidate._change_reason = "Marked not a duplicate in the admin"  # type: ignore[attr-defined]
        candidate.save()


@admin.action(description="Resolve DOIs of selected works (background)", permissions=["change"])
def resolve_dois(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Work]) -> None:
    """Crossref is slow and rate-limited: queue the work, never block the request on it."""
    ids = list(queryset.values_list("pk", flat=True))
    try:
        result = selected_works_task().enqueue(work_ids=ids)
    except Unavailable as error:
        modeladmin.message_user(request, f"DOI resolution not queued: {error}", messages.ERROR)
        return
    task_id = getattr(result, "id", "")
    modeladmin.message_user(request, f"Queued DOI resolution of {len(ids)} works (task {task_id}).", messages.SUCCESS)


def selected_works_task() -> Any:
    """The Crossref area's task if it takes `work_ids`, else the admin's own wrapper of `resolve_works`."""
    try:
        task = hook("bibliography.tasks", "resolve_dois_task")
    except Unavailable:
        task = None
    function = getattr(task, "func", None)
    if function is not None and "work_ids" in inspect.signature(function).parameters:
        return task
    return hook("bibliography.admin.tasks", "resolve_selected_works_task")


def export_action(fmt: str) -> Any:
    """One admin action per export format, each a download of the selected works."""

    @admin.action(description=f"Export selected as {EXPORTS[fmt][0]}")
    def export(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Work]) -> HttpResponse | None:
        works = queryset.order_by("pk").prefetch_related(ordered_contributors())
        items = [work_to_csl(work, work.contributors.all()) for work in works]
        try:
            text = "".join(hook("bibliography.formats", "render_items")(items, fmt))
        except (Unavailable, NotImplementedError) as error:
            modeladmin.message_user(request, f"Export as {fmt} is not available yet ({error}).", messages.ERROR)
            return None
        _, content_type, extension = EXPORTS[fmt]
        response = HttpResponse(text, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="works.{extension}"'
        return response

    export.__name__ = f"export_{fmt}"
    return export


@admin.action(description="Re-parse selected from the printed text", permissions=["change"])
def reparse_from_printed_text(modeladmin: Any, request: HttpRequest, queryset: QuerySet[Work]) -> None:
    """Run the current parser on each work's first printed entry; curated fields stay as a person set them."""
    try:
        parse = hook("corpus_import.parsing", "parse_reference")
    except Unavailable as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    changed_works = changed_fields = no_text = 0
    for work in queryset.prefetch_related(ordered_contributors()):
        citation = Citation.objects.filter(work=work).order_by("article_id", "position").first()
        if citation is None or not citation.raw_text.strip():
            no_text += 1
            continue
        count = reparse_work(work, parse(citation.raw_text), request)
        changed_works += bool(count)
        changed_fields += count
    modeladmin.message_user(
        request,
        f"Re-parsed {changed_works} works ({changed_fields} fields changed); "
        f"{no_text} had no printed text; curated fields were kept.",
    )


@transaction.atomic
def reparse_work(work: Work, item: dict[str, Any], request: HttpRequest) -> int:
    """Apply a fresh parse to the fields nobody curated; returns how many fields changed."""
    curated = set(work.curated_fields or [])
    changes = 0
    for field, value in work_fields_from_csl(item).items():
        if field in curated or field in REPARSED_FIELDS_EXCLUDED or value in (None, ""):
            continue
        if getattr(work, field) != value:
            setattr(work, field, value)
            changes += 1
    if "contributors" not in curated:
        changes += replace_names(work, item)
    if changes:
        refresh_matching_keys(work)
        work._history_user = request.user  # type: ignore[attr-defined]
        work._change_reason = "Re-parsed from the printed text in the admin"  # type: ignore[attr-defined]
        work.save()
    return changes


def replace_names(work: Work, item: dict[str, Any]) -> int:
    """Swap the author/editor list for the parsed one when they differ (1 change) or not (0)."""
    parsed = names_from_csl(item)
    current = [(c.role, c.position, c.person.as_csl()) for c in work.contributors.all()]
    if not parsed or sorted(parsed, key=str) == sorted(current, key=str):
        return 0
    Contributor.objects.filter(work=work).delete()
    for role, position, name in parsed:
        person = person_from_csl(name)
        person.save()
        Contributor.objects.create(work=work, person=person, role=role, position=position)
    return 1


ACTIONS = [
    merge_works,
    mark_not_duplicates,
    resolve_dois,
    export_action("bibtex"),
    export_action("ris"),
    export_action("csljson"),
    reparse_from_printed_text,
]
