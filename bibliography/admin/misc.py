"""People and the supporting tables: plain lists with search, history and autocompletes."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from bibliography.admin.base import CuratorAdmin, Unavailable, count_of, hook
from bibliography.models import (
    Citation,
    Contributor,
    DoiMatch,
    DoiResolution,
    DuplicateCandidate,
    Mention,
    MergeRecord,
    Person,
)


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = ["family", "given", "literal", "works"]
    search_fields = ["family", "given", "literal", "name_key"]
    readonly_fields = ["name_key"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return super().get_queryset(request).annotate(n_works=count_of(Contributor, "person"))

    @admin.display(description="works", ordering="n_works")
    def works(self, person: Person) -> int:
        return int(getattr(person, "n_works", 0))


@admin.register(Contributor)
class ContributorAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = ["work", "role", "position", "person"]
    list_filter = ["role"]
    list_select_related = ["work", "person"]
    autocomplete_fields = ["work", "person"]
    search_fields = ["person__family", "person__literal", "work__title"]


@admin.register(Citation)
class CitationAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = ["article", "position", "label", "raw_text", "work", "confidence"]
    list_select_related = ["article__work", "work"]
    list_filter = ["article"]
    search_fields = ["raw_text", "raw_text_alt", "label"]
    autocomplete_fields = ["work", "article"]
    readonly_fields = ["parsed"]


@admin.register(Mention)
class MentionAdmin(CuratorAdmin):
    list_display = ["marker", "locator", "citation", "sentence"]
    list_select_related = ["citation"]
    search_fields = ["marker", "sentence"]
    autocomplete_fields = ["citation"]


@admin.register(DoiMatch)
class DoiMatchAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = ["doi", "work", "status", "score", "crossref_score", "decided_by_person", "updated_at"]
    list_filter = ["status", "decided_by_person"]
    list_select_related = ["work"]
    search_fields = ["doi", "work__title"]
    autocomplete_fields = ["work"]
    readonly_fields = ["record", "evidence"]


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(SimpleHistoryAdmin, CuratorAdmin):
    """Every pair ever proposed, decided or not; the pending ones are reviewed in their queue."""

    list_display = ["id", "work_a", "work_b", "score", "decision", "decided_at", "review_link"]
    list_filter = ["decision"]
    list_select_related = ["work_a", "work_b"]
    autocomplete_fields = ["work_a", "work_b"]
    readonly_fields = ["evidence", "created_at"]

    @admin.display(description="review")
    def review_link(self, candidate: DuplicateCandidate) -> str:
        if candidate.decision != "pending":
            return ""
        url = reverse("admin:bibliography_duplicatereview_change", args=[candidate.pk])
        return format_html('<a href="{}">review</a>', url)


@admin.register(MergeRecord)
class MergeRecordAdmin(CuratorAdmin):
    """The trace a merge leaves; read-only, undone through the dedup area's `undo_merge`."""

    list_display = ["id", "merged", "canonical", "reason", "created_at", "undone_at"]
    list_select_related = ["merged", "canonical"]
    readonly_fields = ["canonical", "merged", "reason", "snapshot", "created_at", "undone_at"]

    actions = ["undo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Undo selected merges", permissions=["change"])
    def undo(self, request: HttpRequest, queryset: QuerySet[MergeRecord]) -> None:
        try:
            undo_merge = hook("bibliography.dedup.merge", "undo_merge")
        except Unavailable as error:
            self.message_user(request, f"Nothing undone: {error}", messages.ERROR)
            return
        done = 0
        for record in queryset.filter(undone_at__isnull=True).order_by("-created_at"):
            undo_merge(record)
            done += 1
        self.message_user(request, f"Undid {done} merges (newest first); already undone ones were skipped.")


@admin.register(DoiResolution)
class DoiResolutionAdmin(CuratorAdmin):
    """Where Crossref resolution ended for each work (written by the Crossref area, read here)."""

    list_display = ["work", "outcome", "attempts", "checked_at", "error"]
    list_filter = ["outcome"]
    list_select_related = ["work"]
    search_fields = ["work__title", "query", "error"]
    readonly_fields = ["work", "outcome", "query", "error", "attempts", "checked_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
