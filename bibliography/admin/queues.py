"""The two review queues: duplicate pairs and Crossref matches awaiting a person.

Each queue is a proxy model so that it sits in the admin index under its own
name, with its own permissions; its list is a page of cards (both records
side by side, the evidence, one-click decisions) rather than a table, since
a decision needs the whole record in view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bibliography.admin.base import CuratorAdmin, Unavailable, hook, ordered_contributors
from bibliography.admin.compare import compare, compare_works, csl_values, evidence_rows, filled_count, work_values
from bibliography.admin.work_actions import decide_not_duplicate
from bibliography.models import (
    Citation,
    Decision,
    DoiMatch,
    DoiReview,
    DuplicateCandidate,
    DuplicateReview,
    MatchStatus,
    Work,
)

PAGE_SIZE = 20


def printed_citations(prefix: str = "") -> Prefetch:
    """Each work's citations with their article (not its full text), in list order."""
    queryset = Citation.objects.select_related("article__work").defer("article__text", "article__work__search_text")
    return Prefetch(f"{prefix}citations", queryset=queryset.order_by("article_id", "position"))


class ReviewQueueAdmin(CuratorAdmin):
    """A queue page of cards plus POST endpoints, one per decision."""

    queue_template = "admin/bibliography/review/queue.html"
    decisions: dict[str, str] = {}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(require_POST(self.decision_view(name))),
                name="{}_{}_{}".format(*info, name.replace("-", "_")),
            )
            for name in self.decisions
        ]
        return urls + super().get_urls()

    def decision_view(self, name: str) -> Callable[..., HttpResponse]:
        def view(request: HttpRequest, object_id: str) -> HttpResponse:
            if not self.has_change_permission(request):
                raise PermissionDenied
            pending = get_object_or_404(self.get_queryset(request), pk=object_id)
            obj = self.concrete(pending)
            handler = getattr(self, self.decisions[name])
            try:
                level, message = handler(request, obj)
            except Unavailable as error:
                level, message = messages.ERROR, f"Nothing done: {error}"
            self.message_user(request, message, level)
            return HttpResponseRedirect(self.next_url(request))

        return view

    def concrete(self, obj: Any) -> Any:
        """The same row as its concrete model: signals (history) and other areas expect that class."""
        model = self.opts.concrete_model
        assert model is not None
        return model._default_manager.select_related(*self.related).get(pk=obj.pk)

    def next_url(self, request: HttpRequest) -> str:
        """Back to where the button was pressed (the queue page), never off-site."""
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return target
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        queryset = self.get_queryset(request)
        work = request.GET.get("work", "")
        if work.isdigit():
            queryset = self.for_work(queryset, int(work))
        page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))
        return self.render_queue(request, page.object_list, page=page, work=work)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None) -> Any:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj = self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        if obj is None:
            self.message_user(request, "That item is no longer waiting for review.", messages.WARNING)
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        return self.render_queue(request, [obj], page=None, work="")

    def render_queue(self, request: HttpRequest, items: Any, page: Any, work: str) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(self.opts.verbose_name_plural).capitalize(),
            "cards": [self.card(item) for item in items],
            "card_template": self.card_template,
            "page": page,
            "work": work,
            "can_decide": self.has_change_permission(request),
            "total": page.paginator.count if page else len(items),
        }
        return TemplateResponse(request, self.queue_template, context)

    card_template = ""
    related: tuple[str, ...] = ()

    def for_work(self, queryset: QuerySet[Any], work_id: int) -> QuerySet[Any]:
        raise NotImplementedError

    def card(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError


@admin.register(DuplicateReview)
class DuplicateReviewAdmin(ReviewQueueAdmin):
    card_template = "admin/bibliography/review/duplicate_card.html"
    decisions = {"merge": "merge", "not-duplicate": "not_duplicate"}
    related = ("work_a", "work_b")

    def get_queryset(self, request: HttpRequest) -> QuerySet[DuplicateReview]:
        """Pending pairs of two canonical works, strongest evidence first."""
        return (
            super()
            .get_queryset(request)
            .filter(
                decision=Decision.PENDING,
                work_a__merged_into__isnull=True,
                work_b__merged_into__isnull=True,
            )
            .select_related("work_a", "work_b")
            .prefetch_related(
                Prefetch("work_a__contributors", queryset=ordered_contributors().queryset),
                Prefetch("work_b__contributors", queryset=ordered_contributors().queryset),
                printed_citations("work_a__"),
                printed_citations("work_b__"),
            )
            .order_by("-score", "pk")
        )

    def for_work(self, queryset: QuerySet[Any], work_id: int) -> QuerySet[Any]:
        return queryset.filter(Q(work_a_id=work_id) | Q(work_b_id=work_id))

    def card(self, candidate: DuplicateReview) -> dict[str, Any]:
        works = [candidate.work_a, candidate.work_b]
        keep = max(works, key=lambda w: (bool(w.doi), len(w.citations.all()), filled_count(w), -w.pk))
        return {
            "obj": candidate,
            "works": works,
            "rows": compare_works(works),
            "printed": [list(work.citations.all()[:3]) for work in works],
            "evidence": evidence_rows(candidate.evidence),
            "keep": keep,
            "other": works[1] if keep is works[0] else works[0],
        }

    def merge(self, request: HttpRequest, candidate: DuplicateCandidate) -> tuple[int, str]:
        """Merge the pair into the side the curator kept (the suggested one by default)."""
        pair = {str(candidate.work_a_id): candidate.work_a, str(candidate.work_b_id): candidate.work_b}
        canonical = pair.get(request.POST.get("canonical", ""))
        if canonical is None:
            return messages.ERROR, "Choose which of the two works to keep."
        merged = candidate.work_b if canonical.pk == candidate.work_a_id else candidate.work_a
        merge_into = hook("bibliography.dedup.merge", "merge_into")
        reason = f"Duplicate candidate #{candidate.pk} (score {candidate.score:.2f}) merged in review"
        with transaction.atomic():
            merge_into(merged, canonical, reason=reason, user=request.user)
            self.record_merged(candidate, request)
        return messages.SUCCESS, f"Merged #{merged.pk} into #{canonical.pk} “{canonical}”."

    def record_merged(self, candidate: DuplicateCandidate, request: HttpRequest) -> None:
        """Close the pair even if the merge function left its decision alone."""
        candidate.refresh_from_db(fields=["decision"])
        if candidate.decision == Decision.PENDING:
            candidate.decision = Decision.MERGED
            candidate.decided_at = timezone.now()
            candidate._history_user = request.user  # type: ignore[attr-defined]
            candidate._change_reason = "Merged in the duplicate review queue"  # type: ignore[attr-defined]
            candidate.save()

    def not_duplicate(self, request: HttpRequest, candidate: DuplicateCandidate) -> tuple[int, str]:
        decide_not_duplicate(candidate, request)
        return messages.SUCCESS, f"#{candidate.work_a_id} and #{candidate.work_b_id} are remembered as different works."


@admin.register(DoiReview)
class DoiReviewAdmin(ReviewQueueAdmin):
    card_template = "admin/bibliography/review/doi_card.html"
    decisions = {"accept": "accept", "reject": "reject"}
    related = ("work",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[DoiReview]:
        """Matches Crossref found but the validation could not vouch for, best first."""
        return (
            super()
            .get_queryset(request)
            .filter(status=MatchStatus.REVIEW)
            .select_related("work")
            .prefetch_related(
                Prefetch("work__contributors", queryset=ordered_contributors().queryset),
                printed_citations("work__"),
            )
            .order_by("-score", "pk")
        )

    def for_work(self, queryset: QuerySet[Any], work_id: int) -> QuerySet[Any]:
        return queryset.filter(work_id=work_id)

    def card(self, match: DoiReview) -> dict[str, Any]:
        work: Work = match.work
        return {
            "obj": match,
            "work": work,
            "rows": compare([work_values(work), csl_values(match.record or {})]),
            "printed": list(work.citations.all()[:3]),
            "evidence": evidence_rows(match.evidence),
        }

    def accept(self, request: HttpRequest, match: DoiMatch) -> tuple[int, str]:
        hook("bibliography.crossref", "accept_match")(match, user=request.user)
        return messages.SUCCESS, f"Accepted DOI {match.doi} for #{match.work_id} “{match.work}”."

    def reject(self, request: HttpRequest, match: DoiMatch) -> tuple[int, str]:
        hook("bibliography.crossref", "reject_match")(match, user=request.user)
        return messages.SUCCESS, f"Rejected DOI {match.doi} for #{match.work_id}."
