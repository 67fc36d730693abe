"""The work list and form: what curators search, filter, fix and merge from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from bibliography.admin import work_actions
from bibliography.admin.base import (
    DOI_STATUSES,
    CuratorAdmin,
    Unavailable,
    doi_status_filter,
    hook,
    pending_duplicate_exists,
    with_curation_columns,
)
from bibliography.csl import refresh_matching_keys
from bibliography.lib.skeleton import skeleton
from bibliography.models import BIBLIOGRAPHIC_FIELDS, Article, Citation, Contributor, Work

EDITABLE_FIELDS = ["type", *BIBLIOGRAPHIC_FIELDS]

CITATION_COLUMNS = ("article_link", "position", "label", "raw_text", "raw_text_alt", "confidence")


class ContributorInline(admin.TabularInline):
    """Authors and editors in list order; people picked by autocomplete, not a huge select."""

    model = Contributor
    fields = ["role", "position", "person"]
    autocomplete_fields = ["person"]
    ordering = ["role", "position"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contributor]:
        return super().get_queryset(request).select_related("person")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Removing a wrong author is an edit of the work, not a deletion of data."""
        return self.has_change_permission(request, obj)


class CitationInline(admin.TabularInline):
    """Where the work is cited, with the entry exactly as printed (read-only evidence)."""

    model = Citation
    fk_name = "work"
    fields = readonly_fields = CITATION_COLUMNS
    ordering = ["article", "position"]
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = "citations (as printed)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        return super().get_queryset(request).select_related("article__work").defer("article__text")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="article")
    def article_link(self, citation: Citation) -> str:
        url = reverse("admin:bibliography_article_change", args=[citation.article_id])
        return format_html('<a href="{}">{}</a>', url, citation.article)


class LibraryFileForm(forms.Form):
    file = forms.FileField(help_text="BibTeX (.bib), RIS (.ris) or CSL-JSON (.json), as Zotero exports them.")


class CanonicalFilter(admin.SimpleListFilter):
    """Merged works stay for undo and old links; the list hides them unless asked."""

    title = "merge state"
    parameter_name = "merged"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "Canonical only"), ("yes", "Merged away"), ("all", "All")]

    def value(self) -> str:
        return super().value() or "no"

    def choices(self, changelist: Any) -> Any:
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet[Work]) -> QuerySet[Work]:
        value = self.value()
        if value == "all":
            return queryset
        return queryset.filter(merged_into__isnull=value == "no")


class DoiStatusFilter(admin.SimpleListFilter):
    title = "DOI status"
    parameter_name = "doi_status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return list(DOI_STATUSES.items())

    def queryset(self, request: HttpRequest, queryset: QuerySet[Work]) -> QuerySet[Work]:
        value = self.value()
        return queryset.filter(doi_status_filter(value)) if value in DOI_STATUSES else queryset


class DuplicateFilter(admin.SimpleListFilter):
    title = "possible duplicates"
    parameter_name = "duplicates"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Pending review"), ("no", "None pending")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Work]) -> QuerySet[Work]:
        if self.value() == "yes":
            return queryset.filter(pending_duplicate_exists())
        if self.value() == "no":
            return queryset.filter(~Q(pending_duplicate_exists()))
        return queryset


class CitedByFilter(admin.SimpleListFilter):
    title = "cited by article"
    parameter_name = "cited_by"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        articles = Article.objects.select_related("work").only("id", "file_name", "work__title")
        return [(str(article.pk), str(article)[:60]) for article in articles]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Work]) -> QuerySet[Work]:
        value = self.value()
        if not value or not value.isdigit():
            return queryset
        return queryset.filter(Exists(Citation.objects.filter(work=OuterRef("pk"), article_id=int(value))))


@admin.register(Work)
class WorkAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = [
        "id",
        "type",
        "short_title",
        "first_author",
        "issued_year",
        "container",
        "doi_badge",
        "citations",
        "duplicate_flag",
    ]
    list_display_links = ["id", "short_title"]
    list_filter = [
        CanonicalFilter,
        "type",
        "issued_year",
        "language",
        DoiStatusFilter,
        DuplicateFilter,
        CitedByFilter,
    ]
    search_fields = [
        "title",
        "original_title",
        "translated_title",
        "container_title",
        "search_text",
        "citations__raw_text",
        "citations__raw_text_alt",
        "=doi",
    ]
    search_help_text = "Title, names, container, DOI or printed reference; Cyrillic and romanized spellings match."
    list_per_page = 100
    show_full_result_count = False
    inlines = [ContributorInline, CitationInline]
    readonly_fields = ["merged_into_link", "curated_fields", "title_key", "author_key", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["type", "title", "original_title", "translated_title", "language"]}),
        (
            "Publication",
            {
                "fields": [
                    "container_title",
                    "collection_title",
                    ("issued_year", "volume", "issue", "page"),
                    ("number_of_pages", "edition"),
                    ("publisher", "publisher_place"),
                ]
            },
        ),
        ("Identifiers and links", {"fields": ["doi", ("isbn", "issn"), "url", "accessed", "note"]}),
        (
            "Curation",
            {
                "fields": [
                    "merged_into_link",
                    "curated_fields",
                    ("title_key", "author_key"),
                    ("created_at", "updated_at"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = work_actions.ACTIONS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Work]:
        return with_curation_columns(super().get_queryset(request))

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.import_library_view)
        return [path("import-library/", view, name="bibliography_work_import_library"), *super().get_urls()]

    def import_library_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a .bib, .ris or CSL-JSON file into the library (the `import_library` command's path)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = LibraryFileForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = hook("bibliography.library_import", "import_library_file")(upload.name, data=upload)
            except Unavailable as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                level = messages.ERROR if report.rejected else messages.SUCCESS
                self.message_user(request, report.summary(), level)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import a library file",
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/bibliography/work/import_library.html", context)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """The widest page of the admin: give the columns the room the navigation sidebar takes."""
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Work], search_term: str
    ) -> tuple[QuerySet[Work], bool]:
        """The plain admin search, OR every skeleton word of the term in `search_text` (cross-script)."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        words = skeleton(search_term).split()
        if not words:
            return results, may_have_duplicates
        cross_script = queryset.filter(*[Q(search_text__icontains=word) for word in words])
        return results | cross_script, may_have_duplicates

    @admin.display(description="title", ordering="title")
    def short_title(self, work: Work) -> str:
        title = work.title or work.original_title or work.translated_title or "(untitled)"
        return title if len(title) <= 90 else f"{title[:88]}…"

    @admin.display(description="first author")
    def first_author(self, work: Work) -> str:
        return work.first_author_name()

    @admin.display(description="container", ordering="container_title")
    def container(self, work: Work) -> str:
        return work.container_title[:60]

    @admin.display(description="DOI", ordering="doi_status")
    def doi_badge(self, work: Work) -> str:
        status = getattr(work, "doi_status", "none")
        if status == "doi":
            return format_html('<a href="https://doi.org/{}" title="{}">DOI</a>', work.doi, work.doi)
        if status == "review":
            url = reverse("admin:bibliography_doireview_changelist") + f"?work={work.pk}"
            return format_html('<a href="{}">needs review</a>', url)
        return DOI_STATUSES[status]

    @admin.display(description="cited", ordering="citation_count")
    def citations(self, work: Work) -> int:
        return int(getattr(work, "citation_count", 0))

    @admin.display(description="dup?", ordering="has_duplicate")
    def duplicate_flag(self, work: Work) -> str:
        if not getattr(work, "has_duplicate", False):
            return ""
        url = reverse("admin:bibliography_duplicatereview_changelist") + f"?work={work.pk}"
        return format_html('<a href="{}" title="pending duplicate candidate">⚑ review</a>', url)

    @admin.display(description="merged into")
    def merged_into_link(self, work: Work) -> str:
        if not work.merged_into_id:
            return "—"
        url = reverse("admin:bibliography_work_change", args=[work.merged_into_id])
        return format_html('<a href="{}">{}</a>', url, work.merged_into)

    def save_model(self, request: HttpRequest, obj: Work, form: ModelForm, change: bool) -> None:
        """Remember which fields a person set, so the pipeline never overwrites them, and say why."""
        edited = [name for name in form.changed_data if name in EDITABLE_FIELDS]
        if edited:
            obj.curated_fields = sorted(set(obj.curated_fields or []) | set(edited))
        obj._change_reason = change_reason(request, edited, change)  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        """After the author list is saved: mark it curated if it changed, and refresh the matching keys."""
        super().save_related(request, form, formsets, change)
        work: Work = form.instance
        if any(formset.model is Contributor and formset.has_changed() for formset in formsets):
            work.curated_fields = sorted(set(work.curated_fields or []) | {"contributors"})
        refresh_matching_keys(work)
        Work.objects.filter(pk=work.pk).update(
            title_key=work.title_key,
            author_key=work.author_key,
            search_text=work.search_text,
            curated_fields=work.curated_fields,
        )


def change_reason(request: HttpRequest, edited: list[str], change: bool) -> str:
    """The history's "why" for a save from the admin (an edit, an addition or a revert)."""
    match = request.resolver_match
    if match is not None and (match.url_name or "").endswith("_simple_history"):
        return "Reverted in the admin to an earlier version"
    if not change:
        return "Added in the admin"
    return f"Edited in the admin: {', '.join(edited)}" if edited else "Saved in the admin (authors or no field change)"
