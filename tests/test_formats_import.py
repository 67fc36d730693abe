"""Importing library files: bad files, encodings, limits, transactions, real third-party files."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.core.management.base import CommandError

from bibliography import library_import
from bibliography.csl import work_to_csl
from bibliography.exports import export_queryset
from bibliography.formats.decoding import decode_bytes
from bibliography.library_import import import_library_file
from bibliography.models import Article, Contributor, Work

pytestmark = pytest.mark.django_db

FORMATS_DIR = Path(__file__).resolve().parent / "data" / "formats"
THIRD_PARTY_BIB = sorted(FORMATS_DIR.glob("bibtexparser_*.bib"))
THIRD_PARTY_RIS = sorted(FORMATS_DIR.glob("rispy_*.ris"))
BROKEN_BIB = """@article{good1,
  author = {Ибраев, С.},
  title = {Многовекторная политика},
  journal = {Central Asia's Affairs},
  year = {2021}
}

@article{broken2,
  title = {Unclosed {brace},
  year = {2020}

@book{good3, author = {Buzan, B.}, title = {Regions and Powers}, year = {2003}}
@strange{odd4, title = {A strange entry type}, year = {1999}}
"""


def exported(fmt: str) -> str:
    return "".join(export_queryset(Work.objects.canonical(), fmt))


def canonical_items() -> list[dict[str, Any]]:
    return [dict(work_to_csl(work), id="") for work in Work.objects.canonical().order_by("pk")]


def clear_library() -> None:
    Article.objects.all().delete()
    Work.objects.all().delete()


def test_broken_braces_and_unknown_types_import_in_part_with_entry_and_line() -> None:
    report = import_library_file("broken.bib", data=BROKEN_BIB.encode())
    assert (report.imported, report.skipped, report.rejected) == (3, 1, False)
    assert report.errors == [{"entry": "@article{broken2}", "line": 8, "message": report.errors[0]["message"]}]
    assert "Unexpected block start" in report.errors[0]["message"]
    assert {key: report.warnings[0][key] for key in ("entry", "line")} == {"entry": "odd4", "line": 13}
    assert sorted(Work.objects.values_list("title", flat=True)) == [
        "A strange entry type", "Regions and Powers", "Многовекторная политика",
    ]  # fmt: skip


def test_cp1251_file_is_detected_and_reported() -> None:
    report = import_library_file("old.bib", data=BROKEN_BIB.encode("cp1251", errors="replace"))
    assert report.encoding == "cp1251"
    assert Work.objects.filter(title="Многовекторная политика").exists()
    assert any("not UTF-8" in warning["message"] for warning in report.warnings)


@pytest.mark.parametrize(
    ("raw", "text", "encoding"),
    [
        ("Jean César".encode("latin-1"), "Jean César", "latin-1"),
        (b"\xef\xbb\xbfTY  - JOUR", "TY  - JOUR", "utf-8-sig"),
        ("Ибраев С.".encode("cp1251"), "Ибраев С.", "cp1251"),
        ("Müller, Ærø".encode(), "Müller, Ærø", "utf-8"),
    ],
)
def test_encodings_are_detected(raw: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(raw) == (text, encoding)


def test_a_file_over_the_limit_is_rejected_without_being_read(tmp_path: Path, settings: Any) -> None:
    big = tmp_path / "huge.bib"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    report = import_library_file("huge.bib", path=big)
    assert report.rejected and report.imported == 0
    assert "100.0 MB, over the 50 MB limit" in report.errors[0]["message"]
    settings.LIBRARY_IMPORT_MAX_BYTES = 10
    assert import_library_file("x.bib", data=io.BytesIO(BROKEN_BIB.encode())).rejected
    assert Work.objects.count() == 0


def test_a_failed_import_leaves_the_library_untouched(monkeypatch: pytest.MonkeyPatch) -> None:
    import_library_file("first.bib", data=BROKEN_BIB.encode())
    before = (Work.objects.count(), Contributor.objects.count())

    def failing_dedup(work_ids: list[int]) -> dict[str, Any]:
        raise RuntimeError("dedup exploded")

    monkeypatch.setattr(library_import, "process_new_works", failing_dedup)
    report = import_library_file("second.ris", data=b"TY  - JOUR\nTI  - New\nAU  - Doe, J.\nER  - \n")
    assert report.rejected and report.imported == 0 and "dedup exploded" in report.errors[0]["message"]
    assert (Work.objects.count(), Contributor.objects.count()) == before


def test_known_dois_are_skipped_not_duplicated() -> None:
    text = b"TY  - JOUR\nTI  - A\nDO  - 10.1/X\nER  - \nTY  - JOUR\nTI  - B\nDO  - https://doi.org/10.1/x\nER  - \n"
    first = import_library_file("a.ris", data=text)
    assert (first.imported, first.skipped) == (1, 1)
    second = import_library_file("b.ris", data=text)
    assert (second.imported, second.skipped) == (0, 2)
    assert "already in the library" in second.errors[0]["message"]


def test_unrecognised_content_is_rejected() -> None:
    report = import_library_file("notes.txt", data=b"just some words")
    assert report.rejected and "not BibTeX, RIS or CSL-JSON" in report.errors[0]["message"]


def test_import_command_prints_report_and_fails_on_rejection(tmp_path: Path) -> None:
    good = tmp_path / "good.bib"
    good.write_text(BROKEN_BIB, encoding="utf-8")
    out = io.StringIO()
    call_command("import_library", str(good), stdout=out)
    assert "good.bib: 3 imported, 1 skipped" in out.getvalue()
    assert "error: line 8 @article{broken2}" in out.getvalue()
    bad = tmp_path / "bad.txt"
    bad.write_text("nothing here", encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad\.txt"):
        call_command("import_library", str(bad), stdout=io.StringIO())


@pytest.mark.parametrize("path", THIRD_PARTY_BIB + THIRD_PARTY_RIS, ids=lambda path: path.name)
def test_third_party_files_import_and_round_trip(path: Path) -> None:
    report = import_library_file(path.name, path=path)
    assert report.imported >= 1 and not report.rejected
    before = canonical_items()
    for fmt, extension in (("bibtex", "bib"), ("ris", "ris"), ("csljson", "json")):
        text = exported(fmt)
        clear_library()
        assert import_library_file(f"again.{extension}", data=text.encode()).imported == len(before)
        assert canonical_items() == before


def test_third_party_fields_are_read() -> None:
    import_library_file("m.bib", path=FORMATS_DIR / "bibtexparser_messy_bibfile_excerpt.bib")
    gehring = work_to_csl(Work.objects.get(doi="10.1038/ncomms9795"))
    assert gehring["author"][1] == {"family": "Händchen", "given": "Vitus"}
    assert gehring["title"].startswith("Implementation of Continuous-Variable")
    liu = Work.objects.get(title="Privacy Amplification in the Isolated Qubits Model")
    assert (liu.doi, liu.collection_title, liu.page) == ("10.1007/978-3-662-46803-6_26", "LNCS", "785-814")
    import_library_file("e.ris", path=FORMATS_DIR / "rispy_example_endnote.ris")
    endnote = Work.objects.get(doi="10.1234/endnote.joke.2024")
    assert (endnote.language, endnote.issn, endnote.container_title) == (
        "en",
        "0000-0000",
        "Journal of Reference Management",
    )


def test_sample_corpus_library_exports_parse_cleanly(corpus_dir: Path) -> None:
    call_command("import_articles", str(corpus_dir), stdout=io.StringIO())
    if not Work.objects.exists():
        pytest.skip("the article importer produced no works")
    count = Work.objects.canonical().count()
    library = bibtexparser.parse_string(exported("bibtex"))
    assert library.failed_blocks == [] and len(library.entries) == count
    assert len(rispy.loads(exported("ris"))) == count
    before = canonical_items()
    for fmt, extension in (("bibtex", "bib"), ("ris", "ris"), ("csljson", "json")):
        text = exported(fmt)
        clear_library()
        report = import_library_file(f"corpus.{extension}", data=text.encode())
        assert (report.imported, report.errors) == (count, [])
        assert Work.objects.count() == count
        assert [dict(work_to_csl(work), id="") for work in Work.objects.order_by("pk")] == before


def run_biber(text: str, directory: Path) -> str:
    """biber's tool-mode validation log for a .bib text (its rewrite lands in library_bibertool.bib)."""
    (directory / "library.bib").write_text(text, encoding="utf-8")
    run = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "library.bib"],
        cwd=directory, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed (Debian package `biber`)")
def test_exported_bibtex_of_third_party_files_validates_in_biber(tmp_path: Path) -> None:
    for path in THIRD_PARTY_BIB + THIRD_PARTY_RIS:
        import_library_file(path.name, path=path)
    log = run_biber(exported("bibtex"), tmp_path)
    assert "ERROR" not in log
    rewritten = bibtexparser.parse_file(str(tmp_path / "library_bibertool.bib"))
    assert len(rewritten.entries) == Work.objects.count()
