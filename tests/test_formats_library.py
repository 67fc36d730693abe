"""Exports of works and imports of library files, through the database."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bibliography.csl import create_work_from_csl, unsaved_work_from_csl, work_draft_from_csl, work_to_csl
from bibliography.exports import article_work_ids, csl_items, export_queryset, streaming_response
from bibliography.formats import EXTENSIONS
from bibliography.library_import import fit_work, import_library_file
from bibliography.models import Article, Citation, Person, Work

pytestmark = pytest.mark.django_db

YEAR = {"date-parts": [[2013]]}
# Every Work field, every exported type, Cyrillic, corporate bodies, LaTeX specials.
LIBRARY: list[dict[str, Any]] = [
    {
        "type": "article-journal",
        "title": "Security & Defence: 50% of #1 {core} $costs_~^",
        "translated-title": "Безопасность и оборона",
        "original-title": "Sécurité",
        "author": [{"family": "Buzan", "given": "B."}, {"literal": "NATO"}, {"family": "Алимбеков", "given": "К.Ж."}],
        "editor": [{"family": "van der Berg", "given": "J."}],
        "translator": [{"family": "Smith", "given": "Gregory"}],
        "container-title": "Journal of Things",
        "collection-title": "Series A",
        "issued": YEAR,
        "volume": "51",
        "issue": "1",
        "page": "59-79",
        "DOI": "10.1000/a_b%c#d",
        "URL": "https://example.org/a_b%20c#frag",
        "accessed": {"date-parts": [[2023, 3, 5]]},
        "language": "ru",
        "ISSN": "1234-5678",
        "note": "In Russian",
    },
    {
        "type": "book",
        "title": "Regions and Powers",
        "author": [{"family": "Buzan", "given": "B."}, {"family": "Wæver", "given": "O."}],
        "issued": {"date-parts": [[2003]]},
        "number-of-pages": "564",
        "edition": "2",
        "publisher": "Cambridge University Press",
        "publisher-place": "Cambridge",
        "ISBN": "978-0-521-89111-4",
        "language": "en",
    },
    {
        "type": "chapter",
        "title": "Eurasian integration",
        "author": [{"family": "De Souza"}],
        "editor": [{"literal": "Ministry of Science and Education"}],
        "container-title": "Handbook",
        "publisher": "Наука",
        "publisher-place": "Алматы",
        "page": "10-20",
        "issued": YEAR,
        "language": "kk",
    },
    {"type": "paper-conference", "title": "Talk", "author": [{"family": "Lee", "given": "K."}], "issued": YEAR},
    {"type": "thesis", "title": "Диссертация", "author": [{"family": "Ибраев", "given": "С."}], "publisher": "КазНУ"},
    {"type": "report", "title": "Annual report", "author": [{"literal": "World Bank"}], "publisher": "World Bank"},
    {
        "type": "webpage",
        "title": "Strategic Concept 2022",
        "author": [{"literal": "NATO"}],
        "container-title": "NATO website",
        "URL": "https://www.nato.int/sc",
        "accessed": {"date-parts": [[2023, 3, 5]]},
    },
    {"type": "legislation", "title": "О безопасности", "issued": {"date-parts": [[2020]]}, "language": "uz"},
    {"type": "article", "title": "Regions and Powers", "author": [{"family": "Buzan", "given": "B."}], "issued": YEAR},
]


def make_library() -> list[Work]:
    return [create_work_from_csl(item) for item in LIBRARY]


def exported(fmt: str, queryset: Any = None) -> str:
    return "".join(export_queryset(queryset if queryset is not None else Work.objects.canonical(), fmt))


def without_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: value for key, value in item.items() if key != "id"} for item in items]


def clear_library() -> None:
    Work.objects.all().delete()
    Person.objects.all().delete()


def test_csljson_export_uses_work_ids_and_keeps_every_field() -> None:
    works = make_library()
    data = json.loads(exported("csljson"))
    assert [item["id"] for item in data] == [str(work.pk) for work in works]
    assert without_ids(data) == [{"type": item["type"], **item} for item in LIBRARY]


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csljson"])
def test_export_import_export_round_trip_loses_nothing(fmt: str) -> None:
    make_library()
    before = [work_to_csl(work) for work in Work.objects.order_by("pk")]
    first = exported(fmt)
    clear_library()
    report = import_library_file(f"library.{EXTENSIONS[fmt]}", data=first.encode())
    assert (report.imported, report.errors) == (len(LIBRARY), [])
    after = [work_to_csl(work) for work in Work.objects.order_by("pk")]
    assert without_ids(after) == without_ids(before)
    if fmt == "bibtex":
        assert exported(fmt) == first


def test_bibtex_export_of_the_library_parses_without_failed_blocks() -> None:
    make_library()
    library = bibtexparser.parse_string(exported("bibtex"))
    assert library.failed_blocks == []
    assert [entry.entry_type for entry in library.entries] == [
        "article", "book", "incollection", "inproceedings", "phdthesis", "report", "online", "misc", "misc",
    ]  # fmt: skip
    assert len({entry.key for entry in library.entries}) == len(LIBRARY)


def test_article_export_is_in_list_order_and_resolves_merged_works() -> None:
    works = make_library()
    citing = create_work_from_csl({"title": "Citing article"})
    article = Article.objects.create(work=citing, file_name="a.txt", sha256="0" * 64)
    merged = create_work_from_csl({"title": "Regions & powers", "author": [{"family": "Бузан"}]})
    merged.merged_into = works[1]
    merged.save()
    for position, work in enumerate([works[3], merged, works[0], works[1]], 1):
        Citation.objects.create(article=article, work=work, position=position, raw_text=f"ref {position}")
    assert article_work_ids(article) == [works[3].pk, works[1].pk, works[0].pk]
    out = io.StringIO()
    call_command("export_bibliography", "--format", "csljson", "--article", str(article.pk), stdout=out)
    assert [item["id"] for item in json.loads(out.getvalue())] == [str(works[i].pk) for i in (3, 1, 0)]


def test_export_command_writes_a_file_in_every_format(tmp_path: Path) -> None:
    make_library()
    for fmt, marker in (("bibtex", "@article{buzan2013security,"), ("ris", "TY  - JOUR"), ("csljson", '"id": ')):
        target = tmp_path / f"out.{fmt}"
        call_command("export_bibliography", "--format", fmt, "--output", str(target))
        assert marker in target.read_text(encoding="utf-8")


def test_export_command_rejects_an_unknown_article() -> None:
    with pytest.raises(CommandError, match="no article"):
        call_command("export_bibliography", "--article", "999999")


def test_library_export_skips_merged_works() -> None:
    works = make_library()
    works[8].merged_into = works[1]
    works[8].save()
    ids = [item["id"] for item in csl_items(Work.objects.canonical())]
    assert str(works[8].pk) not in ids and len(ids) == len(LIBRARY) - 1


def test_streaming_response_streams_bytes_with_a_filename() -> None:
    make_library()
    response = streaming_response(export_queryset(Work.objects.all(), "ris"), "ris", "sources")
    assert response["Content-Disposition"] == 'attachment; filename="sources.ris"'
    assert b"TY  - BOOK" in b"".join(response.streaming_content)  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (Debian package `biber`)")
def test_biber_accepts_every_exported_field_for_its_entry_type(tmp_path: Path) -> None:
    make_library()
    (tmp_path / "library.bib").write_text(exported("bibtex"), encoding="utf-8")
    run = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "library.bib"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    log = run.stdout + run.stderr
    assert run.returncode == 0 and "ERROR" not in log, log
    assert "Invalid field" not in log, log


def test_export_rows_give_exactly_the_items_of_work_to_csl() -> None:
    make_library()
    Work.objects.filter(title="Talk").update(accessed="2024-01-02", doi="10.9/x")
    expected = [work_to_csl(work) for work in Work.objects.order_by("pk")]
    assert list(csl_items(Work.objects.all(), chunk_size=4)) == expected


def test_both_importers_build_the_same_columns_and_the_library_import_says_what_it_cuts() -> None:
    """One place builds the columns (`csl.work_columns_from_csl`); the article import cuts an overlong
    value silently, the library import with a warning naming the field."""
    item = {"type": "book", "title": "A book", "publisher": "P" * 600, "author": [{"family": "Ivanov", "given": "A."}]}
    work, names = unsaved_work_from_csl(item)
    draft = work_draft_from_csl(item)
    assert len(work.publisher) == 600 and len(draft.fields["publisher"]) == 512
    assert {name: getattr(work, name) for name in draft.fields if name != "publisher"} == {
        name: value for name, value in draft.fields.items() if name != "publisher"
    }
    assert [(role, position) for role, position, _ in names] == [(n.role, n.position) for n in draft.names]
    assert fit_work(work) == ["publisher longer than 512 characters: cut"]
    assert work.publisher == draft.fields["publisher"]
