"""The write step and the command: one transaction per article, re-imports, bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bibliography.models import Article, Citation, Contributor, Mention, Person, Work
from corpus_import import importer
from corpus_import.importer import ImportResult, import_file

pytestmark = pytest.mark.django_db

ARTICLE = """UDC 327

https://doi.org/10.5555/TEST.2024.1

A STUDY OF REGIONAL SECURITY IN CENTRAL ASIA

A.B. Kim, C.D. Lee

Abstract. The paper studies security.

Introduction

Security is studied [1], with a page [2, p. 5], and twice [1; 3].

References

1. Buzan B., Waever O. Regions and Powers. Cambridge: CUP, 2003. 564 p.
2. Allison R. China, Russia and the Post-Western World Order // International Affairs. 2018. DOI: 10.1093/ia/iiy220
3. Cooley A. Great Games, Local Rules. Oxford, 2012.
"""


def parsed_item(text: str) -> dict[str, Any]:
    """A stand-in parser: family name, title and DOI, enough to exercise the writes."""
    family, _, rest = text.partition(" ")
    item: dict[str, Any] = {"type": "book", "title": rest[:60], "author": [{"family": family, "given": "X."}]}
    if "DOI: " in text:
        item["DOI"] = text.split("DOI: ")[1].strip()
    item["_confidence"] = 0.75
    return item


def article_of(result: ImportResult) -> Article:
    assert result.article_id is not None, result.error
    return Article.objects.get(pk=result.article_id)


@pytest.fixture(autouse=True)
def stand_in_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("corpus_import.parsing.parse_reference", parsed_item)


def test_import_writes_article_work_citations_and_mentions() -> None:
    result = import_file("study.txt", ARTICLE.encode())
    assert (result.status, result.references, result.mentions, result.warnings) == ("created", 3, 4, [])
    article = article_of(result)
    assert article.work.title == "A STUDY OF REGIONAL SECURITY IN CENTRAL ASIA"
    assert article.work.type == "article-journal" and article.work.doi == "10.5555/test.2024.1"
    assert [str(c.person) for c in article.work.contributors.order_by("position")] == ["Kim, A.B.", "Lee, C.D."]
    citations = list(article.citations.order_by("position"))
    assert [(c.position, c.label, c.confidence) for c in citations] == [(1, "1", 0.75), (2, "2", 0.75), (3, "3", 0.75)]
    assert citations[1].work.doi == "10.1093/ia/iiy220"
    assert "_confidence" not in citations[0].parsed
    assert citations[0].work.contributors.get().person.family == "Buzan"
    locators = sorted((m.citation.position, m.locator) for m in Mention.objects.filter(citation__article=article))
    assert locators == [(1, ""), (1, ""), (2, "p. 5"), (3, "")]


def test_reimporting_the_same_bytes_changes_nothing_and_says_so() -> None:
    first = import_file("study.txt", ARTICLE.encode())
    counts = (Work.objects.count(), Citation.objects.count(), Mention.objects.count(), Work.history.count())
    again = import_file("renamed.txt", ARTICLE.encode())
    assert (again.status, again.article_id, again.references, again.mentions) == ("unchanged", first.article_id, 3, 4)
    assert (Work.objects.count(), Citation.objects.count(), Mention.objects.count(), Work.history.count()) == counts


def test_changed_file_replaces_citations_and_keeps_curated_and_shared_works() -> None:
    first = import_file("study.txt", ARTICLE.encode())
    article = article_of(first)
    curated = article.citations.get(position=1).work
    curated.curated_fields = ["title"]
    curated.save()
    orphan = article.citations.get(position=3).work
    changed = ARTICLE.replace("3. Cooley A. Great Games, Local Rules. Oxford, 2012.", "3. Rumer E. NATO. 2020.")
    changed = changed.replace("1. Buzan B.", "1. Buzan Barry B.")
    result = import_file("study.txt", changed.encode())
    assert (result.status, result.article_id, result.references) == ("replaced", first.article_id, 3)
    assert Article.objects.count() == 1
    assert Work.objects.filter(pk=curated.pk).exists()
    assert not Work.objects.filter(pk=orphan.pk).exists()
    assert not Person.objects.filter(family="Cooley").exists()
    assert article.citations.get(position=3).raw_text == "Rumer E. NATO. 2020."
    assert Mention.objects.filter(citation__article=article).count() == 4


def test_a_cited_doi_already_in_the_library_is_reused() -> None:
    existing = Work.objects.create(title="China, Russia and the Post-Western World Order", doi="10.1093/ia/iiy220")
    result = import_file("study.txt", ARTICLE.encode())
    assert article_of(result).citations.get(position=2).work == existing
    assert Work.objects.filter(doi="10.1093/ia/iiy220").count() == 1


def test_bulk_written_rows_get_their_creation_history() -> None:
    article = article_of(import_file("study.txt", ARTICLE.encode()))
    work_ids = list(article.citations.values_list("work_id", flat=True))
    assert Work.history.filter(id__in=work_ids, history_type="+").count() == 3
    created = Citation.history.filter(article_id=article.pk, history_type="+")
    assert {row.history_change_reason for row in created} == {"import study.txt"} and created.count() == 3
    assert Contributor.history.filter(history_type="+").count() == Contributor.objects.count()
    assert Person.history.filter(history_type="+").count() == Person.objects.count()


def test_article_takes_over_the_work_already_holding_its_doi() -> None:
    cited = Work.objects.create(title="", doi="10.5555/test.2024.1")
    article = article_of(import_file("study.txt", ARTICLE.encode()))
    cited.refresh_from_db()
    assert article.work_id == cited.pk and cited.title == "A STUDY OF REGIONAL SECURITY IN CENTRAL ASIA"
    assert [c.person.family for c in cited.contributors.order_by("position")] == ["Kim", "Lee"]


def test_people_with_identical_names_are_shared_between_works() -> None:
    import_file("one.txt", ARTICLE.encode())
    other_book = ARTICLE.replace("Regions and Powers", "People, States and Fear").replace("2003. 564", "1991. 393")
    import_file("two.txt", other_book.replace("A STUDY OF", "ANOTHER STUDY OF").replace("10.5555", "10.6666").encode())
    assert Person.objects.filter(family="Buzan").count() == 1
    assert Contributor.objects.filter(person__family="Buzan").count() == 2


def test_a_reference_printed_alike_cites_the_work_already_in_the_library() -> None:
    first = article_of(import_file("one.txt", ARTICLE.encode()))
    again = ARTICLE.replace("A STUDY OF", "ANOTHER STUDY OF").replace("10.5555", "10.6666")
    second = import_file("two.txt", again.encode())
    book = first.citations.get(position=1).work
    assert article_of(second).citations.get(position=1).work == book
    assert Work.objects.filter(title__contains="Regions and Powers").count() == 1
    assert second.merged == 0 and Work.objects.get(pk=book.pk).cited_by_count == 2


def test_a_reference_printed_otherwise_is_a_new_work_left_to_dedup() -> None:
    first = article_of(import_file("one.txt", ARTICLE.encode()))
    otherwise = ARTICLE.replace("CUP,", "C.U.P.,").replace("10.5555", "10.6666")
    second = article_of(import_file("two.txt", otherwise.encode()))
    created = Work.objects.filter(pk__in=second.import_report["created_work_ids"], title__contains="C.U.P.")
    assert len(created) == 1 and created[0] != first.citations.get(position=1).work


def test_a_bare_title_printed_alike_is_not_taken_for_one_work() -> None:
    bare = ARTICLE.replace("Buzan B., Waever O. Regions and Powers. Cambridge: CUP, 2003. 564 p.", "Introduction.")
    first = article_of(import_file("one.txt", bare.encode()))
    second = article_of(import_file("two.txt", bare.replace("10.5555", "10.6666").encode()))
    assert first.citations.get(position=1).raw_text == "Introduction."
    assert second.citations.get(position=1).work != first.citations.get(position=1).work


def test_new_works_are_handed_to_dedup_inside_the_import(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[int], Any]] = []

    def record(ids: list[int], created: Any = None) -> dict[str, Any]:
        seen.append((list(ids), created))
        return {}

    monkeypatch.setattr(importer.dedup, "process_new_works", record)
    result = import_file("study.txt", ARTICLE.encode())
    article = article_of(result)
    cited = list(article.citations.values_list("work_id", flat=True))
    assert sorted(seen[0][0]) == sorted([article.work_id, *cited])
    assert sorted(seen[0][1]) == sorted(cited)  # the cited works were created here; the article's was too, but
    # its record (an imported article) is read back from the database


def test_failure_while_writing_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(ids: list[int], created: Any = None) -> dict[str, Any]:
        raise RuntimeError("dedup is down")

    monkeypatch.setattr(importer.dedup, "process_new_works", explode)
    result = import_file("study.txt", ARTICLE.encode())
    assert result.status == "failed" and result.error == "study.txt: could not save (RuntimeError: dedup is down)"
    assert (Article.objects.count(), Work.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_binary_file_fails_with_its_name() -> None:
    result = import_file("scan.txt", b"%PDF-1.7\x00\x01\x02")
    assert result.status == "failed" and result.error.startswith("scan.txt: binary file")


def test_article_without_references_imports_with_a_warning() -> None:
    result = import_file("note.txt", b"A NOTE ON SECURITY IN ASIA\n\nAbstract. Nothing is cited here.\n")
    assert (result.status, result.references, result.warnings) == ("created", 0, ["no reference list found"])


# --- the command -------------------------------------------------------------------------------------------


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_command_json_one_line_per_file_and_bad_files_do_not_stop_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a.txt", ARTICLE.encode())
    write(tmp_path, "b.md", ARTICLE.replace("10.5555", "10.7777").replace("A STUDY", "B STUDY").encode("cp1251"))
    write(tmp_path, "c.txt", b"\x00\x01binary")
    write(tmp_path, "README.md", b"# not an article")
    write(tmp_path, "skip.pdf", b"%PDF")
    call_command("import_articles", str(tmp_path), str(tmp_path / "missing.txt"), "--json")
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["file"], row["status"], row["references"]) for row in rows] == [
        ("a.txt", "created", 3),
        ("b.md", "created", 3),
        ("c.txt", "failed", 0),
        ("missing.txt", "failed", 0),
    ]
    assert all({"file", "article_id", "references", "warnings"} <= row.keys() for row in rows)
    assert "c.txt: binary file" in rows[2]["error"]
    assert "[3/4] c.txt: FAILED" in err and "Traceback" not in err
    assert "4 files: 2 articles (2 created, 0 replaced, 0 unchanged), 2 failed; 6 references, 8 mentions" in err
    # b cites a's works again, printed alike: all three are the library's works, and said so
    assert [(row["known"], row["merged"]) for row in rows[:2]] == [(0, 0), (3, 0)]
    assert "[2/4] b.md: created" in err and "8 mentions, 3 already in the library, 0 warnings" in err


def test_command_progress_and_unchanged_rerun(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    call_command("import_articles", str(path))
    call_command("import_articles", str(path))
    out = capsys.readouterr().out
    assert "[1/1] a.txt: created article" in out
    assert "[1/1] a.txt: unchanged article" in out
    assert "1 files: 1 articles (0 created, 0 replaced, 1 unchanged)" in out


def test_command_fails_only_when_every_file_failed(tmp_path: Path) -> None:
    write(tmp_path, "bad.txt", b"\x00")
    with pytest.raises(CommandError, match="no file could be imported"):
        call_command("import_articles", str(tmp_path / "bad.txt"), str(tmp_path / "nope.txt"))


def test_command_imports_the_sample_corpus(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_articles", str(corpus_dir), "--json")
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {row["file"]: row["references"] for row in rows} == {
        "000_ea43db7e61330016.txt": 19,
        "001_01154a80a1a890ff.txt": 28,
        "002_53fded65e5fbe7f9.txt": 9,
        "003_15f913d50bd3e9b4.txt": 16,
        "004_2122a0281a7b0c7f.txt": 12,
    }
    twin = Citation.objects.get(article__file_name="001_01154a80a1a890ff.txt", position=10)
    assert twin.raw_text.startswith("Асанов") and twin.raw_text_alt.startswith("Asanov")


def test_an_imported_name_reuses_only_the_person_with_exactly_that_name() -> None:
    same = Person.objects.create(family="Buzan", given="X.", name_key="buzan")  # as the stand-in parser names him
    Person.objects.create(family="Buzan", given="T.", name_key="buzan")  # same family, another person
    corporate = Person.objects.create(literal="NATO", name_key="nato")
    Person.objects.create(family="", given="", literal="NATO Defense College", name_key="natodefensecollege")
    keys = [("Buzan", "X.", ""), ("", "", "NATO"), ("Cooley", "X.", "")]
    assert importer.existing_people(keys) == {keys[0]: same.pk, keys[1]: corporate.pk}
    article = article_of(import_file("study.txt", ARTICLE.encode()))
    buzan = article.citations.get(position=1).work.contributors.get(position=0).person
    assert buzan.pk == same.pk and Person.objects.filter(family="Buzan").count() == 2
    assert Person.objects.filter(family="Cooley").count() == 1


def test_the_earliest_of_two_identically_named_people_is_reused() -> None:
    first = Person.objects.create(family="Kim", given="A.B.", name_key="kim")
    Person.objects.create(family="Kim", given="A.B.", name_key="kim")
    assert importer.existing_people([("Kim", "A.B.", "")]) == {("Kim", "A.B.", ""): first.pk}


ROUND_TRIP_FOLDERS = (
    "corpus",
    "tests/data/import_shapes",
    "tests/data/import_shapes_2",
    "tests/data/import_shapes_3",
    "tests/data/import_shapes_4",
    "tests/data/import_shapes_5",
    "tests/data/import_shapes_6",
    "tests/data/import_shapes_7",
    "tests/data/import_shapes_8",
    "tests/data/import_shapes_9",
)


def test_dedup_records_built_from_the_drafts_equal_those_read_back_from_the_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The import hands dedup records it built in its analysis instead of reading the works back.

    Over every reference of the samples and the shape probes (all scripts, names, editors, empty
    fields), each must be the record `build_records` makes from the rows that were written.
    """
    from bibliography.dedup.store import build_records

    handed: dict[int, Any] = {}

    def keep(ids: list[int], created: Any = None) -> dict[str, Any]:
        handed.update(created or {})
        return {}

    monkeypatch.setattr(importer.dedup, "process_new_works", keep)
    root = Path(__file__).resolve().parent.parent
    for folder in ROUND_TRIP_FOLDERS:
        for path in sorted((root / folder).glob("*.txt")):
            assert import_file(path.name, path.read_bytes()).status == "created", path
    read_back = build_records(handed)
    assert len(handed) > 350 and read_back.keys() == handed.keys()
    assert [pk for pk in handed if read_back[pk] != handed[pk]] == []
    # the derived fields are compared too (equality leaves them out): the blocking keys came with the copy
    assert [
        pk for pk in handed if (read_back[pk].keys, read_back[pk].probes) != (handed[pk].keys, handed[pk].probes)
    ] == []
