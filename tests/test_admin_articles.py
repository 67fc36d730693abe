"""Articles in the admin: upload a text, read its references as imported, re-import."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bibliography.models import Article, Citation, DoiMatch, MatchStatus

pytestmark = pytest.mark.django_db
ARTICLES = "/admin/bibliography/article/"
UPLOAD = f"{ARTICLES}upload/"
TEXT = """# Small powers and the balance of threat

Ivanov I.I.

Abstract. We read two classics of the field [1] and a later critique [2, p. 18].

## References

1. Walt S.M. The Origins of Alliances. Ithaca: Cornell University Press, 1987. 321 p.
2. Waltz K.N. Theory of International Politics. Reading: Addison-Wesley, 1979. 251 p.
"""


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, content_type="text/plain")})


def test_upload_imports_the_file_and_shows_the_report(curator_client: Client) -> None:
    response = upload(curator_client, "small.txt", TEXT.encode())
    report = response.context["report"]
    article = Article.objects.get(file_name="small.txt")
    assert (report["status"], report["article_id"], report["references"]) == ("created", article.pk, 2)
    body = response.content.decode()
    assert f"{ARTICLES}{article.pk}/change/" in body
    assert article.citations.count() == 2


def test_uploading_the_same_file_again_changes_nothing_and_says_so(curator_client: Client) -> None:
    upload(curator_client, "small.txt", TEXT.encode())
    report = upload(curator_client, "small.txt", TEXT.encode()).context["report"]
    assert report["status"] == "unchanged"
    assert Article.objects.count() == 1


def test_binary_upload_is_reported_not_imported(curator_client: Client) -> None:
    report = upload(curator_client, "scan.pdf", b"%PDF-1.4\x00\x01\x02\xff" * 50).context["report"]
    assert report["error"] and report["status"] == "failed"
    assert not Article.objects.exists()


def test_article_add_button_leads_to_the_upload_form(curator_client: Client) -> None:
    assert curator_client.get(f"{ARTICLES}add/")["Location"] == UPLOAD
    assert UPLOAD in curator_client.get(ARTICLES).content.decode()


def test_article_page_lists_references_in_order_with_confidence_and_doi_status(
    curator_client: Client, make_work: Any
) -> None:
    article = Article.objects.create(work=make_work("Citing"), file_name="a.txt", sha256="a" * 64)
    second = make_work("Second cited", doi="10.1/second")
    first = make_work("First cited")
    DoiMatch.objects.create(work=first, doi="10.1/maybe", status=MatchStatus.REVIEW)
    Citation.objects.create(article=article, work=second, position=2, raw_text="Entry two", confidence=0.5)
    Citation.objects.create(article=article, work=first, position=1, raw_text="Entry one", confidence=0.91)
    body = curator_client.get(f"{ARTICLES}{article.pk}/change/").content.decode()
    assert body.index("Entry one") < body.index("Entry two")
    assert "0.91" in body and "needs review" in body and "10.1/second" in body


def test_reimport_reruns_the_pipeline_on_the_stored_text(curator_client: Client) -> None:
    upload(curator_client, "small.txt", TEXT.encode())
    article = Article.objects.get()
    sha = article.sha256
    article.citations.all().delete()
    response = curator_client.post(ARTICLES, {"action": "reimport", ACTION_CHECKBOX_NAME: [article.pk]}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any("replaced" in m and "2 references" in m for m in messages), messages
    article.refresh_from_db()
    assert article.citations.count() == 2
    assert article.sha256 == sha
    assert upload(curator_client, "small.txt", TEXT.encode()).context["report"]["status"] == "unchanged"


def test_curator_cannot_delete_an_article(curator_client: Client, make_work: Any) -> None:
    article = Article.objects.create(work=make_work("Citing"), file_name="a.txt", sha256="a" * 64)
    assert curator_client.post(f"{ARTICLES}{article.pk}/delete/", {"post": "yes"}).status_code == 403


def test_library_file_upload_imports_bibtex_entries(curator_client: Client) -> None:
    from bibliography.models import Work

    bib = b"@book{waltz1979, author = {Waltz, Kenneth N.}, title = {Theory of International Politics}, year = {1979}}"
    response = curator_client.post(
        "/admin/bibliography/work/import-library/", {"file": SimpleUploadedFile("lib.bib", bib)}, follow=True
    )
    assert "1 imported" in response.content.decode()
    assert Work.objects.filter(title="Theory of International Politics", issued_year=1979).exists()
    assert (
        "/admin/bibliography/work/import-library/" in curator_client.get("/admin/bibliography/work/").content.decode()
    )
