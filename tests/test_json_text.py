"""JSON columns hold UTF-8 text, not `\\uXXXX` escapes (`bibliography.lib.json_text`)."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from bibliography.models import Article, Citation, Work
from corpus_import.bulk import insert_values

pytestmark = pytest.mark.django_db

PARSED = {"type": "book", "title": "Казахстанский путь", "author": [{"family": "Назарбаев", "given": "Н.А."}]}


def stored_text(citation_id: int) -> str:
    """The `parsed` column as the database holds it, read without the ORM's decoding."""
    cast = "parsed::text" if connection.vendor == "postgresql" else "parsed"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cast} FROM bibliography_citation WHERE id = %s", [citation_id])
        return str(cursor.fetchone()[0])


@pytest.fixture
def article() -> Article:
    return Article.objects.create(work=Work.objects.create(title="Citing"), file_name="a.txt", sha256="0" * 64)


def test_a_saved_parse_keeps_its_cyrillic_letters(article: Article) -> None:
    citation = Citation.objects.create(
        article=article, work=Work.objects.create(title="Cited"), position=1, raw_text="x", parsed=PARSED
    )
    text = stored_text(citation.pk)
    assert "Казахстанский путь" in text and "\\u04" not in text
    citation.refresh_from_db()
    assert citation.parsed == PARSED


def test_the_importers_bulk_insert_writes_utf8_too(article: Article) -> None:
    work = Work.objects.create(title="Cited")
    row = {"article_id": article.pk, "work_id": work.pk, "position": 1, "raw_text": "x", "parsed": PARSED}
    [citation_id] = insert_values(Citation, [row])
    assert "Назарбаев" in stored_text(citation_id)
    assert Citation.objects.get(pk=citation_id).parsed == PARSED


def test_rows_written_with_escapes_read_back_the_same(article: Article) -> None:
    citation = Citation.objects.create(article=article, work=Work.objects.create(title="Cited"), position=1)
    escaped = json.dumps(PARSED)  # what the column held before the encoder changed
    placeholder = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE bibliography_citation SET parsed = {placeholder} WHERE id = %s", [escaped, citation.pk])
    assert "\\u04" in escaped
    assert Citation.objects.get(pk=citation.pk).parsed == PARSED
