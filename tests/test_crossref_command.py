"""`manage.py resolve_dois` and `resolve_dois_task`, end to end against the loopback server."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from bibliography.crossref.mock_server import Fault, MockCrossref
from bibliography.crossref.synthetic import parsed_item, render
from bibliography.csl import create_work_from_csl
from bibliography.models import Article, Citation, DoiResolution, Work
from bibliography.tasks import resolve_dois_task

KNOWN = ["10.1016/j.eng.2017.01.014", "10.1016/j.eng.2019.03.004"]
UNKNOWN_RAW = "Иванов А.А. Экологические проблемы Каспийского региона. – Алматы: Наука, 2015. – 320 с."

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(crossref_records: list[dict]) -> Article:
    """An imported article citing two works Crossref knows and one it does not."""
    records = {record["DOI"].lower(): record for record in crossref_records}
    own = Work.objects.create(title="Regional studies of widget ecosystems", issued_year=2024)
    article = Article.objects.create(work=own, file_name="sample.md", sha256="0" * 64)
    entries = [(parsed_item(records[doi]), "apa") for doi in KNOWN]
    for position, (item, style) in enumerate(entries, start=1):
        Citation.objects.create(
            article=article, work=create_work_from_csl(item), position=position, raw_text=render(item, style)
        )
    unknown = {
        "type": "book",
        "title": "Экологические проблемы Каспийского региона",
        "issued": {"date-parts": [[2015]]},
    }
    Citation.objects.create(article=article, work=create_work_from_csl(unknown), position=3, raw_text=UNKNOWN_RAW)
    return article


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("resolve_dois", *args, stdout=out)
    return out.getvalue()


def test_command_resolves_an_article_and_summarizes(
    crossref_client: Any, crossref_server: MockCrossref, article: Article
) -> None:
    output = run("--article", str(article.pk))
    assert "accepted: 2, review: 0, none: 2, errors: 0" in output
    assert "4/4" in output
    assert set(Work.objects.exclude(doi=None).values_list("doi", flat=True)) == set(KNOWN)


def test_second_run_skips_decided_works_and_makes_no_request(
    crossref_client: Any, crossref_server: MockCrossref, article: Article
) -> None:
    run()
    requests = len(crossref_server.log)
    assert "Nothing to resolve" in run()
    retried = run("--retry-failed")
    assert "none: 2" in retried and "0 requests" in retried
    assert len(crossref_server.log) == requests
    assert DoiResolution.objects.get(work=article.work).attempts == 2


def test_limit_and_resume_after_an_interruption(crossref_client: Any, article: Article) -> None:
    assert "(1 works;" in run("--limit", "1")
    assert DoiResolution.objects.count() == 1
    assert "(3 works;" in run()
    assert DoiResolution.objects.count() == 4


def test_errors_are_counted_then_retried(
    crossref_client: Any, crossref_server: MockCrossref, article: Article, settings: Any
) -> None:
    settings.CROSSREF_MAX_RETRIES = 0
    crossref_server.faults.extend([Fault(status=503)] * 50)
    assert "errors: 4" in run("--article", str(article.pk))
    assert all("HTTP 503" in failed.error for failed in DoiResolution.objects.filter(outcome="error"))
    crossref_server.faults.clear()
    assert "accepted: 2" in run("--retry-failed")
    assert not DoiResolution.objects.filter(outcome="error").exists()


def test_unknown_article_is_an_error(crossref_client: Any) -> None:
    with pytest.raises(CommandError):
        run("--article", "999999")


def test_background_task_runs_the_same_resolution(crossref_client: Any, article: Article) -> None:
    result = resolve_dois_task.enqueue(article_id=article.pk)
    assert result.return_value == {"accepted": 2, "review": 0, "none": 2, "errors": 0}
