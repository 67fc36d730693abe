"""Public, read-only views of the library."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bibliography.models import Article, Citation, Work


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Landing page: what the library holds."""
    context = {
        "work_count": Work.objects.canonical().count(),
        "article_count": Article.objects.count(),
        "citation_count": Citation.objects.count(),
    }
    return render(request, "bibliography/home.html", context)
