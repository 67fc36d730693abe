"""Imported articles: upload a text, read its reference list as imported, re-import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from bibliography.admin.base import DOI_STATUSES, CuratorAdmin, Unavailable, count_of, doi_status_expression, hook
from bibliography.models import Article, Citation

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
REFERENCE_COLUMNS = ("position", "label", "raw_text", "cited_work", "parse_confidence", "doi_status")


class ReferenceInline(admin.TabularInline):
    """The reference list in printed order: the text, what it became, and how sure the parser was."""

    model = Citation
    fk_name = "article"
    fields = readonly_fields = REFERENCE_COLUMNS
    ordering = ["position"]
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name = "reference"
    verbose_name_plural = "references (in list order)"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Citation]:
        return (
            super()
            .get_queryset(request)
            .select_related("work")
            .defer("work__search_text")
            .annotate(work_doi_status=doi_status_expression("work", "work__doi"))
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="cited work")
    def cited_work(self, citation: Citation) -> str:
        url = reverse("admin:bibliography_work_change", args=[citation.work_id])
        return format_html('<a href="{}">#{} {}</a>', url, citation.work_id, citation.work)

    @admin.display(description="parse")
    def parse_confidence(self, citation: Citation) -> str:
        return f"{citation.confidence:.2f}"

    @admin.display(description="DOI")
    def doi_status(self, citation: Citation) -> str:
        status = getattr(citation, "work_doi_status", "none")
        return citation.work.doi if status == "doi" and citation.work.doi else DOI_STATUSES[status]


class UploadForm(forms.Form):
    file = forms.FileField(help_text="An article as plain text or markdown (UTF-8 or cp1251).")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"Files over {MAX_UPLOAD_BYTES // 1024 // 1024} MB are not articles.")
        return upload


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin, CuratorAdmin):
    list_display = ["file_name", "title", "languages", "reference_count", "imported_at"]
    search_fields = ["file_name", "work__title", "work__original_title"]
    list_select_related = ["work"]
    readonly_fields = ["work_link", "file_name", "sha256", "languages", "imported_at", "import_report", "text"]
    fieldsets = [
        (None, {"fields": ["work_link", "file_name", "languages", "imported_at", "sha256"]}),
        ("Import report", {"fields": ["import_report"]}),
        ("Full text", {"fields": ["text"], "classes": ["collapse"]}),
    ]
    inlines = [ReferenceInline]
    actions = ["reimport"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(n_references=count_of(Citation, "article"))

    def get_urls(self) -> list[URLPattern]:
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name="bibliography_article_upload")
        return [upload, *super().get_urls()]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        """An article is created by importing its text, never typed in."""
        return HttpResponseRedirect(reverse("admin:bibliography_article_upload"))

    @admin.display(description="title", ordering="work__title")
    def title(self, article: Article) -> str:
        return article.work.title[:90]

    @admin.display(description="references", ordering="n_references")
    def reference_count(self, article: Article) -> int:
        return int(getattr(article, "n_references", 0))

    @admin.display(description="work")
    def work_link(self, article: Article) -> str:
        url = reverse("admin:bibliography_work_change", args=[article.work_id])
        return format_html('<a href="{}">#{} {}</a>', url, article.work_id, article.work)

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        """The import command's pipeline and report, for one uploaded file."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = run_import(upload.name, upload.read())
            level = messages.ERROR if report.get("error") else messages.SUCCESS
            self.message_user(request, summary(report), level)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import an article",
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/bibliography/article/upload.html", context)

    @admin.action(description="Re-import selected (re-run the pipeline on the stored text)", permissions=["change"])
    def reimport(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        for article in queryset.select_related(None).only("pk", "file_name", "sha256", "text"):
            report = reimport_article(article)
            self.message_user(request, summary(report), messages.ERROR if report.get("error") else messages.INFO)


def run_import(name: str, data: bytes) -> dict[str, Any]:
    """Call the importer and turn its result into a plain dict the template and messages read."""
    try:
        import_file = hook("corpus_import.importer", "import_file")
        result = import_file(name, data)
    except Unavailable as error:
        return failure(name, "unavailable", str(error))
    except Exception as error:  # one bad file is a report, never a 500
        return failure(name, "failed", f"{type(error).__name__}: {error}")
    return result_dict(name, result)


def reimport_article(article: Article) -> dict[str, Any]:
    """Re-run analysis and writing on the stored text (after a parser fix), keeping the file's identity.

    `import_file` alone would answer "unchanged" (same sha256), so the two halves it chains are
    called directly; the original file's sha256 is kept so importing that file again stays a no-op.
    """
    try:
        analyse = hook("corpus_import.pipeline", "analyse_article")
        write = hook("corpus_import.importer", "write_article")
        analysis = analyse(article.file_name, article.text.encode("utf-8"))
        analysis.sha256 = article.sha256
        with transaction.atomic():
            result = write(analysis)
    except Unavailable as error:
        return failure(article.file_name, "unavailable", str(error))
    except Exception as error:
        return failure(article.file_name, "failed", f"{type(error).__name__}: {error}")
    return result_dict(article.file_name, result)


def failure(name: str, status: str, error: str) -> dict[str, Any]:
    return {"file": name, "status": status, "error": error, "warnings": []}


def result_dict(name: str, result: Any) -> dict[str, Any]:
    keys = ("file", "article_id", "references", "mentions", "warnings", "status", "error")
    report = {key: getattr(result, key, None) for key in keys}
    report["file"] = report["file"] or name
    report["warnings"] = list(report["warnings"] or [])
    return report


def summary(report: dict[str, Any]) -> str:
    if report.get("error"):
        return f"{report['file']}: {report.get('status') or 'failed'}: {report['error']}"
    warnings = f", {len(report['warnings'])} warnings" if report["warnings"] else ""
    return (
        f"{report['file']}: {report.get('status') or 'imported'} as article #{report.get('article_id')}, "
        f"{report.get('references')} references, {report.get('mentions')} mentions{warnings}."
    )
