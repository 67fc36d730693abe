"""The held-apart gold set of reference strings (tests/data/parse_gold/) and the parser's floor on it.

The gold files are checked first (well-formed, CSL conventions of tests/data/parse_gold/README.md, size per family),
then the scorer of bench/bench_parse.py, then the parser's overall field F1 against a floor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench_scripts import load_bench_script

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "parse_gold"
CORPUS_DIR = ROOT / "corpus"

# FLOOR: the targets of the parser issue, which the parser met in session 2 (0.955 and 0.971).
# The lead raises these as the parser improves (targets: 0.95 Cyrillic/GOST, 0.97 English).
F1_FLOOR = {"cyrillic": 0.95, "english": 0.97, "all": 0.96}

REQUIRED_KEYS = {"id", "text", "shape", "script", "lang", "source", "csl"}
SCRIPTS = {"cyrillic", "latin", "mixed"}
LANGS = {"ru", "kk", "uk", "bg", "en"}
CSL_TYPES = {
    "article-journal",
    "article-newspaper",
    "book",
    "chapter",
    "paper-conference",
    "thesis",
    "report",
    "webpage",
    "legislation",
}
STRING_FIELDS = {
    "title",
    "translated-title",
    "container-title",
    "collection-title",
    "volume",
    "issue",
    "page",
    "number-of-pages",
    "publisher",
    "publisher-place",
    "URL",
    "DOI",
    "ISBN",
    "language",
    "type",
}
INITIALS = re.compile(r"^(?:[^\W\d_]{1,3}\.\s*-?)+$")


bench = load_bench_script("bench_parse")


def gold_records() -> list[dict[str, Any]]:
    return bench.load_gold(GOLD_DIR)


RECORDS = gold_records()


def test_every_gold_line_is_a_json_object_with_the_required_keys() -> None:
    for path in GOLD_DIR.glob("*.jsonl"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            record = json.loads(line)
            assert record.keys() >= REQUIRED_KEYS, f"{path.name}:{number}"
            assert record["script"] in SCRIPTS and record["lang"] in LANGS, f"{path.name}:{number}"
            assert record["text"] == record["text"].strip() and record["text"], f"{path.name}:{number}"


def test_gold_ids_are_unique_across_files() -> None:
    duplicates = [i for i, n in Counter(r["id"] for r in RECORDS).items() if n > 1]
    assert duplicates == []


def test_gold_set_is_large_enough_in_both_families() -> None:
    families = Counter(bench.family(r) for r in RECORDS)
    assert len(RECORDS) >= 300
    assert families["cyrillic"] >= 150 and families["english"] >= 150


def test_gold_covers_every_shape_and_type_the_issue_names() -> None:
    shapes = {r["shape"] for r in RECORDS}
    types = {r["csl"]["type"] for r in RECORDS}
    assert {"gost", "gost-web", "romanized", "web", "author-year", "apa", "chicago", "vancouver"} <= shapes
    assert {"article-journal", "book", "chapter", "paper-conference", "thesis", "webpage", "legislation"} <= types
    assert {r["lang"] for r in RECORDS} == LANGS


def test_corpus_entries_are_printed_text_from_their_sample_file() -> None:
    samples = [r for r in RECORDS if r["source"].startswith("corpus/")]
    assert len(samples) >= 100
    for record in samples:
        text = (ROOT / record["source"]).read_text(encoding="utf-8")
        assert record["text"] in text, record["id"]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r["id"])
def test_gold_annotation_follows_the_csl_conventions(record: dict[str, Any]) -> None:
    csl = record["csl"]
    assert set(csl) <= set(bench.FIELDS), set(csl) - set(bench.FIELDS)
    assert csl["type"] in CSL_TYPES
    assert csl.get("language") == record["lang"]
    for key in STRING_FIELDS & csl.keys():
        assert isinstance(csl[key], str) and csl[key] == csl[key].strip() and csl[key], key
    assert_names(csl)
    assert_dates(csl)
    assert_locators(csl)
    assert_clean_strings(csl)


def assert_names(csl: dict[str, Any]) -> None:
    for role in ("author", "editor"):
        for name in csl.get(role, []):
            assert isinstance(name, dict) and (name.get("family") or name.get("literal")), name
            given = name.get("given", "")
            if INITIALS.match(given):
                assert " " not in given, f"initials with spaces: {given!r}"


def assert_dates(csl: dict[str, Any]) -> None:
    for key in ("issued", "accessed"):
        if key in csl:
            parts = csl[key]["date-parts"][0]
            assert all(isinstance(p, int) for p in parts), parts
            assert 1800 < parts[0] < 2100 and (len(parts) < 2 or 1 <= parts[1] <= 12)
            assert len(parts) < 3 or 1 <= parts[2] <= 31
    if "accessed" in csl:
        assert len(csl["accessed"]["date-parts"][0]) == 3


def assert_locators(csl: dict[str, Any]) -> None:
    if "page" in csl:
        assert re.fullmatch(r"[0-9A-Za-z]+(-[0-9A-Za-z]+)?(, [0-9]+)*", csl["page"]), csl["page"]
    for key in ("volume", "issue", "number-of-pages"):
        if key in csl:
            assert re.fullmatch(r"[0-9IVXLC]+(/[0-9]+)?", csl[key]), (key, csl[key])
    if "DOI" in csl:
        assert csl["DOI"].startswith("10.") and not csl["DOI"].endswith(".")
    if "URL" in csl:
        url = csl["URL"]
        assert url.startswith("http") and " " not in url and "\\" not in url
        assert not url.endswith((".", ",")) and (not url.endswith(")") or url.count("(") == url.count(")"))


def assert_clean_strings(csl: dict[str, Any]) -> None:
    for key in ("title", "container-title", "translated-title", "publisher"):
        if key in csl:
            value = csl[key]
            assert "*" not in value and not value.endswith((",", ";", ":")), (key, value)
            assert not (value.endswith(".") and key == "title" and not value.endswith("г.")), (key, value)
            assert not re.search(r"(?i)электронный ресурс|electronic resource", value), (key, value)


def test_look_alike_latin_letters_are_corrected_in_the_annotation() -> None:
    mixed = [r for r in RECORDS if re.search(r"\b[HAOTCMEKPXB]{2,}\b", r["text"]) and r["script"] == "mixed"]
    assert len(mixed) >= 3
    for record in mixed:
        for key in ("title", "publisher", "container-title"):
            value = record["csl"].get(key, "")
            assert not any(re.search("[A-Za-z]", w) and re.search("[А-Яа-я]", w) for w in value.split()), value


def test_a_prediction_equal_to_the_gold_scores_one() -> None:
    scores = [bench.score_item(r, r["csl"]) for r in RECORDS]
    assert all(not s.mismatches for s in scores)
    assert bench.overall_f1(scores)["all"] == 1.0


def test_scorer_forgives_typography_but_not_content() -> None:
    record = {"id": "x", "shape": "gost", "script": "cyrillic", "csl": {"title": "Роль СВМДА", "page": "59-79"}}
    same = bench.score_item(record, {"title": "*Роль  СВМДА*.", "page": "59–79", "_debug": 1})
    assert same.mismatches == []
    wrong = bench.score_item(record, {"title": "Роль ШОС", "page": "59"})
    assert {m[0] for m in wrong.mismatches} == {"title", "page"}


def test_scorer_counts_one_miss_per_missing_author_not_the_rest_of_the_list() -> None:
    gold = [{"family": "Buzan", "given": "B."}, {"family": "Wæver", "given": "O."}, {"family": "de Wilde"}]
    counts = bench.compare_field("author", gold, [{"family": "Buzan", "given": "Barry"}, {"family": "de Wilde"}])
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 1)


def test_scorer_compares_dates_on_their_parts() -> None:
    gold = {"date-parts": [[2020, 11, 27]]}
    assert bench.compare_field("accessed", gold, {"date-parts": [["2020", "11", "27"]]}).tp == 1
    assert bench.compare_field("accessed", gold, {"date-parts": [[2020, 27, 11]]}).fn == 1


def test_parser_field_f1_on_the_gold_set_stays_above_the_floor() -> None:
    from corpus_import.parsing import parse_reference

    f1 = bench.overall_f1(bench.evaluate(RECORDS, parse_reference))
    for group, floor in F1_FLOOR.items():
        assert f1[group] >= floor, f"{group}: F1 {f1[group]:.3f} fell below the floor {floor}"


def test_written_gold_references_appear_in_no_parser_or_training_file() -> None:
    """The set is held apart: a written reference copied into rules, fixtures or training data would inflate F1."""
    sources = [
        p
        for p in (ROOT / "corpus_import").rglob("*")
        if p.is_file() and p.suffix in {".py", ".json", ".xml", ".txt", ".jsonl"}
    ]
    training = ROOT.parent / "shared" / "training" / "anystyle-core.xml"
    sources += [training] if training.exists() else []
    haystack = " ".join(re.sub(r"\s+", " ", p.read_text(encoding="utf-8", errors="ignore")) for p in sources)
    leaked = [r["id"] for r in RECORDS if r["source"] == "written" and re.sub(r"\s+", " ", r["text"])[:60] in haystack]
    assert leaked == []
