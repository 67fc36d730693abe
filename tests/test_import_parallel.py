"""Many files at once: analysis in worker processes, writes in order, the same database as a serial import."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from bibliography.models import Article, Citation, Contributor, Mention, Person, Work
from corpus_import import pipeline
from corpus_import.analysis_pool import pool_context
from corpus_import.importer import BatchStats, import_many

pytestmark = pytest.mark.django_db

REFERENCES = [
    "Buzan B., Waever O. Regions and Powers: The Structure of International Security. Cambridge: CUP, 2003. 564 p.",
    "Allison R. Protective integration and security policy in Central Asia // The Pacific Review. 2018. "
    "Vol. 31, No. 3. P. 297-314. DOI: 10.1080/09512748.2017.1371211",
    "Cooley A. Great Games, Local Rules: The New Great Power Contest in Central Asia. Oxford: OUP, 2012. 280 p.",
    "Алимбеков К.Ж. Региональная безопасность в Центральной Азии // Вестник КазНУ. 2020. № 2. С. 15-27.",
    "Laruelle, M. (2021). Central Peripheries: Nationhood in Central Asia. London: UCL Press. "
    "https://doi.org/10.14324/111.9781787359468",
    "Султанов Б.К. Казахстан и ШОС: проблемы и перспективы. Алматы: КИСИ, 2019. 212 с.",
    "Aris S. Eurasian Regionalism: The Shanghai Cooperation Organisation. London: Palgrave, 2011.",
]


def generated_article(number: int) -> str:
    """A small article whose references overlap with the others' (shared DOIs and people)."""
    chosen = [REFERENCES[(number + step) % len(REFERENCES)] for step in range(3 + number % 4)]
    body = " ".join(f"Point {n} is argued [{n}]." for n in range(1, len(chosen) + 1))
    doi = f"https://doi.org/10.5555/GEN.{number}\n\n" if number % 2 else ""
    entries = "\n".join(f"{n}. {entry}" for n, entry in enumerate(chosen, start=1))
    return (
        f"UDC 327\n\n{doi}REGIONAL COOPERATION IN CENTRAL ASIA: CASE {number}\n\nA.B. Kim, C.D. Lee\n\n"
        f"Abstract. The case is studied.\n\nIntroduction\n\n{body}\n\nReferences\n\n{entries}\n"
    )


@pytest.fixture
def folder(tmp_path: Path, corpus_dir: Path) -> Path:
    """The sample articles plus generated ones, one an exact copy of another under a new name."""
    target = tmp_path / "articles"
    target.mkdir()
    for path in sorted(corpus_dir.glob("*.txt")):
        shutil.copy(path, target / path.name)
    for number in range(8):
        (target / f"gen_{number}.txt").write_text(generated_article(number), encoding="utf-8")
    shutil.copy(target / "gen_1.txt", target / "gen_1_copy.txt")
    return target


def work_key(work: Work) -> tuple[Any, ...]:
    people = [
        (c.role, c.position, c.person.family, c.person.given, c.person.literal)
        for c in work.contributors.select_related("person").order_by("role", "position")
    ]
    return (work.type, work.title, work.doi or "", work.language, work.merged_into_id is not None, tuple(people))


def id_free(dedup: dict[str, Any]) -> dict[str, Any]:
    """Dedup's report of one import, without the work ids its actions name."""
    actions = [(action.get("action"), action.get("score")) for action in dedup.get("actions", [])]
    return {**{key: value for key, value in dedup.items() if key != "actions"}, "actions": actions}


def snapshot() -> dict[str, Any]:
    """The database's import contents without ids (PostgreSQL does not roll back its sequences)."""
    articles: dict[str, tuple[Any, ...]] = {}
    for article in Article.objects.order_by("file_name"):
        citations = [
            (
                c.position,
                c.label,
                c.raw_text,
                c.raw_text_alt,
                c.parsed,
                c.confidence,
                work_key(c.work),
                sorted((m.marker, m.locator, m.sentence, m.offset) for m in c.mentions.all()),
            )
            for c in article.citations.order_by("position")
        ]
        report = dict(article.import_report)
        report["created_work_ids"] = len(report["created_work_ids"])
        report["warnings"] = [masked(warning) for warning in report["warnings"]]
        report["dedup"] = id_free(report.get("dedup") or {})
        own = work_key(article.work)
        articles[article.file_name] = (article.sha256, article.text, article.languages, own, report, citations)
    models: list[Any] = [Work, Person, Contributor, Citation, Mention, Article]
    return {
        "articles": articles,
        "rows": {model.__name__: model.objects.count() for model in models},
        "history": {model.__name__: model.history.count() for model in models if hasattr(model, "history")},
    }


def run_command(folder: Path, workers: int) -> tuple[list[dict[str, Any]], list[str]]:
    """JSON lines (article ids dropped) and progress lines (ids masked) of one import."""
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", str(folder), "--json", "--workers", str(workers), stdout=out, stderr=err)
    rows = [json.loads(masked(line)) for line in out.getvalue().splitlines()]
    for row in rows:
        row.pop("article_id")
    return rows, [masked(line) for line in err.getvalue().splitlines()]


def masked(text: str) -> str:
    """Article ids masked (they appear in progress lines and warnings)."""
    return re.sub(r"article \d+", "article N", text)


def test_parallel_and_serial_imports_write_identical_contents_and_output(folder: Path) -> None:
    with transaction.atomic():
        serial_output = run_command(folder, workers=0)
        serial = snapshot()
        transaction.set_rollback(True)
    assert Article.objects.count() == 0
    parallel_output = run_command(folder, workers=2)
    assert parallel_output == serial_output
    assert snapshot() == serial
    assert serial["rows"]["Article"] == 13 and serial["rows"]["Citation"] > 80
    files = [row["file"] for row in serial_output[0]]
    assert files == sorted(files) and [row["status"] for row in serial_output[0]].count("unchanged") == 1


def record_pids(monkeypatch: pytest.MonkeyPatch, log: Path, crash: str = "", explode: str = "") -> None:
    """Wrap the analysis: note the process running it and its priority; kill it or raise on the named files."""
    original: Callable[[str, bytes, bool], pipeline.ArticleAnalysis] = pipeline.analyse_article

    def analyse(name: str, data: bytes, with_index: bool = False) -> pipeline.ArticleAnalysis:
        with log.open("a") as handle:
            handle.write(f"{os.getpid()} {os.getpriority(os.PRIO_PROCESS, 0)}\n")
        if name == crash:
            os._exit(3)
        if name == explode:
            raise ValueError("a rule tripped")
        return original(name, data, with_index)

    monkeypatch.setattr(pipeline, "analyse_article", analyse)


def test_analysis_runs_in_worker_processes_and_skips_known_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if pool_context().get_start_method() != "fork":
        pytest.skip("the test double reaches the workers only when they are forked")
    log = folder.parent / "pids.log"
    record_pids(monkeypatch, log)
    paths = sorted(folder.glob("*.txt"))
    stats = BatchStats()
    results = list(import_many(paths, workers=2, stats=stats))
    assert [result.file for result in results] == [path.name for path in paths]
    pids = {line.split()[0] for line in log.read_text().splitlines()}
    assert stats.workers == 2 and stats.analysed == len(paths) - 1  # the copy is not analysed
    assert str(os.getpid()) not in pids and len(pids) >= 1
    log.unlink()
    again = BatchStats()
    assert {result.status for result in import_many(paths, stats=again)} == {"unchanged"}
    assert again.analysed == 0 and not log.exists()


def test_a_bad_file_or_a_dead_worker_fails_alone_and_the_rest_import(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if pool_context().get_start_method() != "fork":
        pytest.skip("the test double reaches the workers only when they are forked")
    (folder / "gen_2.txt").write_bytes(b"%PDF-1.7\x00\x01\x02 binary")
    record_pids(monkeypatch, folder.parent / "pids.log", crash="gen_4.txt", explode="gen_6.txt")
    paths = sorted(folder.glob("*.txt"))
    results = {result.file: result for result in import_many(paths, workers=2)}
    assert list(results) == [path.name for path in paths]
    failed = {name: result.error for name, result in results.items() if result.status == "failed"}
    assert failed == {
        "gen_2.txt": failed["gen_2.txt"],
        "gen_4.txt": "gen_4.txt: could not analyse the text (the analysis process died)",
        "gen_6.txt": "gen_6.txt: could not analyse the text (ValueError: a rule tripped)",
    }
    assert failed["gen_2.txt"].startswith("gen_2.txt: binary file")
    assert Article.objects.count() == len(paths) - 4  # three failures and the unchanged copy
    assert results["gen_1_copy.txt"].status == "unchanged"


def test_workers_option_rejects_a_negative_count(folder: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--workers"):
        call_command("import_articles", str(folder), "--workers", "-1")


def test_default_is_a_worker_per_core_and_none_for_one_file_or_core(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_import import analysis_pool

    monkeypatch.setattr(analysis_pool.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert [analysis_pool.default_workers(files) for files in (1, 2, 10)] == [0, 2, 4]
    monkeypatch.setattr(analysis_pool.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert analysis_pool.default_workers(10) == 0


def test_workers_yield_the_cpu_to_the_writer(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The analysis processes run below the writer's priority, so a waiting writer gets its core back."""
    if pool_context().get_start_method() != "fork":
        pytest.skip("the test double reaches the workers only when they are forked")
    log = folder.parent / "nice.log"
    record_pids(monkeypatch, log)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    list(import_many(sorted(folder.glob("gen_*.txt")), workers=2))
    priorities = {int(line.split()[1]) for line in log.read_text().splitlines()}
    assert priorities == {min(19, own + 10)}
    assert os.getpriority(os.PRIO_PROCESS, 0) == own
