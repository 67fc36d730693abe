"""Benchmark: DOI matching quality and politeness against the loopback Crossref.

Reference strings are rendered from the real recorded Crossref records
(APA-like, GOST with `//`, Vancouver-like; typos and missing fields mixed in).
Negatives are strings whose work the server does not hold: records held out
of the index, look-alikes of indexed records (other year and pages), and
Russian/Kazakh references. Every string goes through the production path
(`resolve.fetch`: search, then validation) over real HTTP with the polite
limits of 2026 advertised (10 requests/s, 3 concurrent).

Two passes over the same strings:
1. "record fields": the parsed fields come from the record (what a good
   parser would extract), so validation is measured on its own;
2. "parse_reference": the fields come from `corpus_import.parsing.parse_reference`
   (served from the response cache: zero requests).

Usage: .venv/bin/python bench/bench_crossref.py [--size N] [--seed S] [--latency SECONDS]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from bibliography.crossref.client import CrossrefClient  # noqa: E402
from bibliography.crossref.mock_server import POLITE, PUBLIC, MockCrossref, max_in_window  # noqa: E402
from bibliography.crossref.records import first, record_year  # noqa: E402
from bibliography.crossref.resolve import Job, fetch  # noqa: E402
from bibliography.crossref.synthetic import STYLES, noisy, parsed_item, render, unknown_references  # noqa: E402
from bibliography.crossref.validation import ACCEPTED, REVIEW, Reference  # noqa: E402
from corpus_import.parsing import parse_reference  # noqa: E402

RECORDS = ROOT / "tests" / "data" / "crossref" / "works.jsonl"
OUTPUT = ROOT / "docs" / "bench" / "crossref.md"


@dataclass
class Case:
    """One reference string and its right answer (None: not in the index)."""

    raw: str
    item: dict[str, Any]
    gold: str | None
    kind: str


def load_records() -> list[dict[str, Any]]:
    import json

    with RECORDS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def eligible(record: dict[str, Any]) -> bool:
    """Records a reference could cite: a title and a year."""
    return bool(first(record.get("title"))) and record_year(record) is not None


def positive(record: dict[str, Any], rng: random.Random) -> Case:
    item = parsed_item(record, rng, drop=0.25 if rng.random() < 0.4 else 0.0)
    printed = noisy(item, rng) if rng.random() < 0.3 else item
    return Case(render(printed, rng.choice(STYLES)), item, record["DOI"].lower(), "in index")


def lookalike(record: dict[str, Any], rng: random.Random) -> Case:
    """An indexed work's title, but another year and other pages: a different work."""
    item = parsed_item(record, rng)
    item["issued"] = {"date-parts": [[(record_year(record) or 2000) + rng.choice([-5, -3, 2, 4])]]}
    item["page"] = f"{rng.randint(700, 900)}-{rng.randint(901, 990)}"
    return Case(render(item, rng.choice(STYLES)), item, None, "look-alike")


def held_out(record: dict[str, Any], rng: random.Random) -> Case:
    item = parsed_item(record, rng)
    return Case(render(item, rng.choice(STYLES)), item, None, "not in index")


def build_cases(size: int, seed: int) -> tuple[list[dict[str, Any]], list[Case]]:
    """(records the server holds, cases): 70% positives, 15% held out, 15% look-alikes, plus ru/kk strings."""
    rng = random.Random(seed)
    records = [record for record in load_records() if eligible(record)]
    rng.shuffle(records)
    cut = int(len(records) * 0.8)
    indexed, outside = records[:cut], records[cut:]
    positives = [positive(rng.choice(indexed), rng) for _ in range(int(size * 0.7))]
    negatives = [held_out(record, rng) for record in outside[: int(size * 0.15)]]
    negatives += [lookalike(rng.choice(indexed), rng) for _ in range(size - len(positives) - len(negatives))]
    unknown = [
        Case(raw, {"type": "article-journal", "title": raw}, None, "ru/kk unknown") for raw in unknown_references()
    ]
    return indexed, positives + negatives + unknown


def resolve_all(cases: list[Case], client: CrossrefClient, fields: str) -> list[tuple[str | None, bool]]:
    """(accepted DOI or None, went to review) per case, through the production fetch + validation."""

    def one(case: Case) -> tuple[str | None, bool]:
        item = case.item if fields == "record" else parse_reference(case.raw)
        job = Job(0, Reference.from_csl(item, case.raw), case.raw, [])
        verdicts = fetch(job, client, {}).verdicts
        accepted = [verdict.doi for verdict in verdicts if verdict.status == ACCEPTED]
        return (accepted[0] if accepted else None), any(verdict.status == REVIEW for verdict in verdicts)

    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(one, cases))


def show_misses(cases: list[Case], answers: list[tuple[str | None, bool]], label: str) -> None:
    for case, (doi, _) in zip(cases, answers, strict=True):
        if doi != case.gold:
            print(f"[{label}] {case.kind}: gold={case.gold} got={doi}\n    {case.raw}", file=sys.stderr)


def quality(cases: list[Case], answers: list[tuple[str | None, bool]]) -> dict[str, float]:
    tp = sum(1 for case, (doi, _) in zip(cases, answers, strict=True) if doi and doi == case.gold)
    fp = sum(1 for case, (doi, _) in zip(cases, answers, strict=True) if doi and doi != case.gold)
    fn = sum(1 for case, (doi, _) in zip(cases, answers, strict=True) if case.gold and doi != case.gold)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    review = sum(1 for _, (doi, flagged) in zip(cases, answers, strict=True) if not doi and flagged)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1, "review": review}


def politeness(server: MockCrossref, elapsed: float) -> dict[str, float]:
    starts = sorted(entry.start for entry in server.log)
    limits = server.pools["polite"]
    span = starts[-1] - starts[0] if len(starts) > 1 else elapsed
    advertised = limits.limit / limits.interval
    rate = (len(starts) - 1) / span if span else 0.0
    return {
        "requests": len(starts),
        "rate": rate,
        "advertised": advertised,
        "share": rate / advertised,
        "max_window": max_in_window(starts, limits.interval),
        "over_limit": server.over_limit,
        "over_concurrency": server.over_concurrency,
        "max_concurrent": max((entry.concurrent for entry in server.log), default=0),
        "throttled": sum(1 for entry in server.log if entry.status == 429),
    }


def run(size: int, seed: int, latency: float, misses: bool = False) -> str:
    indexed, cases = build_cases(size, seed)
    with (
        tempfile.TemporaryDirectory() as cache_dir,
        MockCrossref(indexed, public=PUBLIC, polite=POLITE, latency=latency) as server,
    ):
        client = CrossrefClient(server.url, mailto="bench@example.org", cache_dir=cache_dir)
        started = time.monotonic()
        by_record = resolve_all(cases, client, "record")
        elapsed = time.monotonic() - started
        polite = politeness(server, elapsed)
        before = len(server.log)
        by_parser = resolve_all(cases, client, "parser")
        parser_requests = len(server.log) - before
    if misses:
        show_misses(cases, by_record, "record")
        show_misses(cases, by_parser, "parser")
    return report(size, seed, latency, cases, by_record, by_parser, polite, elapsed, parser_requests)


def report(
    size: int,
    seed: int,
    latency: float,
    cases: list[Case],
    by_record: list[tuple[str | None, bool]],
    by_parser: list[tuple[str | None, bool]],
    polite: dict[str, float],
    elapsed: float,
    parser_requests: int,
) -> str:
    kinds = {kind: sum(1 for case in cases if case.kind == kind) for kind in dict.fromkeys(c.kind for c in cases)}
    lines = [
        "## Crossref matching (bench/bench_crossref.py)",
        "",
        f"Command: `.venv/bin/python bench/bench_crossref.py --size {size} --seed {seed} --latency {latency}`  ",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}  ",
        f"Cases: {len(cases)} strings ({', '.join(f'{n} {k}' for k, n in kinds.items())}); "
        f"styles APA-like, GOST `//`, Vancouver-like; 30% with typos, 40% with fields dropped.  ",
        "Server: loopback mock, real records (80% indexed, 20% held out as negatives), polite pool "
        f"{POLITE.limit}/{POLITE.interval:g}s, {POLITE.concurrency} concurrent, {latency * 1000:.0f} ms latency.",
        "",
        "| parsed fields from | TP | FP | FN | precision | recall | F1 | to review (no DOI) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label, answers in (("the record (validation alone)", by_record), ("parse_reference", by_parser)):
        q = quality(cases, answers)
        lines.append(
            f"| {label} | {q['tp']} | {q['fp']} | {q['fn']} | {q['precision']:.3f} | {q['recall']:.3f} "
            f"| {q['f1']:.3f} | {q['review']} |"
        )
    lines += [
        "",
        "| requests | reached rate | advertised | share | max in any 1 s | max concurrent | over limit | 429s |",
        "|---|---|---|---|---|---|---|---|",
        f"| {polite['requests']} | {polite['rate']:.2f}/s | {polite['advertised']:.0f}/s | {polite['share']:.1%} "
        f"| {polite['max_window']} | {polite['max_concurrent']} | {polite['over_limit'] + polite['over_concurrency']} "
        f"| {polite['throttled']} |",
        "",
        f"First pass {elapsed:.1f} s; the parse_reference pass made {parser_requests} requests (response cache).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=240, help="number of generated strings (before ru/kk ones)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--latency", type=float, default=0.02, help="seconds the server adds to every answer")
    parser.add_argument("--misses", action="store_true", help="print every wrong or missed string")
    args = parser.parse_args()
    text = run(args.size, args.seed, args.latency, args.misses)
    print(text)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
