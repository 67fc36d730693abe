"""Field-level accuracy of `parse_reference` on the held-apart gold set in tests/data/parse_gold/.

Usage: .venv/bin/python bench/bench_parse.py [--errors] [--size N] [--gold DIR]

Each gold line holds one printed reference (`text`) and its hand-made CSL-JSON annotation (`csl`).
The parser is run on `text` and every evaluated field is compared with the annotation. Counts are
micro-averaged per field, per family (Cyrillic/GOST vs English), per file, and overall.

Families: a reference is Cyrillic/GOST when its script is cyrillic or mixed, or its shape is
`romanized` or starts with `gost` (Latin-script entries printed with GOST punctuation count here);
everything else is English.

Comparison rules (both sides are normalized the same way):
1. Evaluated fields: type, author, editor, title, translated-title, container-title, collection-title,
   issued, volume, issue, page, number-of-pages, publisher, publisher-place, URL, accessed, DOI, ISBN,
   language. Other keys (genre, note, id, ...) and any key starting with "_" are ignored.
2. Strings: Unicode NFC, markdown asterisks and backslash escapes removed, every dash -> "-",
   typographic quotes -> ASCII quotes, whitespace collapsed, no space before , ; : . ! ? ),
   a GOST field separator ". - " read as ". ", casefold, surrounding punctuation/quotes/brackets stripped.
   Empty strings, None and empty lists count as absent.
3. Names (author, editor): compared as ordered lists; each name is reduced to family (or literal) plus
   the first letter of the given name; TP = longest common subsequence of the two lists, so one
   missing author costs one FN, not the rest of the list. literal vs family is not distinguished.
4. issued, accessed: the first `date-parts` entry compared exactly as integers (a full date in the
   gold needs the full date; a year needs just the year).
5. URL: percent-decoding and a trailing "/" do not matter; a trailing ")" or "." does.
   DOI: casefold. ISBN: digits and X only. type and language: casefold.
6. Scalars: equal -> TP; both present but different -> FP + FN; only predicted -> FP; only gold -> FN.
Targets (issue 4): overall F1 >= 0.95 on Cyrillic/GOST and >= 0.97 on English.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "parse_gold"
REPORT = ROOT / "docs" / "bench" / "parse_accuracy.md"
FIELDS = [
    "type",
    "author",
    "editor",
    "title",
    "translated-title",
    "container-title",
    "collection-title",
    "issued",
    "volume",
    "issue",
    "page",
    "number-of-pages",
    "publisher",
    "publisher-place",
    "URL",
    "accessed",
    "DOI",
    "ISBN",
    "language",
]
NAME_FIELDS = {"author", "editor"}
DATE_FIELDS = {"issued", "accessed"}
TARGETS = {"cyrillic": 0.95, "english": 0.97}
FAMILIES = ("cyrillic", "english")
DASHES = re.compile(r"[\u2010-\u2015\u2212\u2E3A\u2E3B]")
DQUOTES = re.compile(r"[«»“”„‟″〝〞]")
SQUOTES = re.compile(r"[‘’‚‛′`ʼ]")
STRIP = " \t.,;:!?/-\"'()[]<>"


@dataclass
class Counts:
    """True positives, false positives, false negatives of one field (or a sum of them)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; an empty denominator scores 1.0 (nothing to find, nothing wrong)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class ItemScore:
    """One gold item's comparison: per-field counts and the fields that disagree."""

    record: dict[str, Any]
    counts: dict[str, Counts]
    mismatches: list[tuple[str, Any, Any]] = field(default_factory=list)
    crashed: str = ""

    def total(self) -> Counts:
        total = Counts()
        for counts in self.counts.values():
            total.add(counts)
        return total


def family(record: dict[str, Any]) -> str:
    """Cyrillic/GOST family or English, by the rule in the module docstring."""
    shape = record.get("shape", "")
    if record.get("script") in ("cyrillic", "mixed") or shape == "romanized" or shape.startswith("gost"):
        return "cyrillic"
    return "english"


def load_gold(gold_dir: Path = GOLD_DIR) -> list[dict[str, Any]]:
    """Every gold record, each tagged with the file it came from."""
    records = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append({**json.loads(line), "file": path.name})
    return records


def norm_text(value: Any) -> str:
    """A printed string reduced to what a reader would call 'the same text'."""
    s = unicodedata.normalize("NFC", str(value))
    s = s.replace("*", "")
    s = re.sub(r"\\(.)", r"\1", s)
    s = DASHES.sub("-", s)
    s = DQUOTES.sub('"', s)
    s = SQUOTES.sub("'", s)
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\.\s*-\s+", ". ", s)
    s = re.sub(r"\s+([,;:.!?)])", r"\1", s)
    s = re.sub(r"\(\s+", "(", s)
    return s.casefold().strip(STRIP)


def norm_locator(value: Any) -> str:
    """Volume, issue, pages: text rules plus no spaces around a range hyphen."""
    return re.sub(r"\s*-\s*", "-", norm_text(value))


def norm_url(value: Any) -> str:
    """URLs equal up to percent-encoding, case and a trailing slash."""
    s = unicodedata.normalize("NFC", unquote(str(value).strip()))
    return s.rstrip("/").casefold()


def norm_isbn(value: Any) -> str:
    return re.sub(r"[^0-9X]", "", str(value).upper())


def norm_plain(value: Any) -> str:
    return str(value).strip().casefold()


NORMALIZERS: dict[str, Callable[[Any], str]] = {
    "volume": norm_locator,
    "issue": norm_locator,
    "page": norm_locator,
    "number-of-pages": norm_locator,
    "URL": norm_url,
    "DOI": norm_plain,
    "ISBN": norm_isbn,
    "type": norm_plain,
    "language": norm_plain,
}


def name_key(name: Any) -> str:
    """Family (or literal) plus first initial: how a citation is recognised by its author."""
    if not isinstance(name, dict):
        return norm_text(name)
    family_name = norm_text(name.get("family") or name.get("literal") or "")
    given = norm_text(name.get("given") or "")
    initial = next((ch for ch in given if ch.isalpha()), "")
    return f"{family_name}|{initial}"


def lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (name lists are short)."""
    row = [0] * (len(b) + 1)
    for x in a:
        diagonal = 0
        for j, y in enumerate(b, start=1):
            above = row[j]
            row[j] = diagonal + 1 if x == y else max(above, row[j - 1])
            diagonal = above
    return row[-1]


def date_key(value: Any) -> tuple[int, ...] | None:
    """First date-parts entry as ints; anything unreadable is None (and then wrong)."""
    try:
        parts = value["date-parts"][0]
        return tuple(int(p) for p in parts)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def present(value: Any) -> bool:
    return value not in (None, "", [], {})


def compare_names(gold: Any, pred: Any) -> Counts:
    g = [name_key(n) for n in gold] if present(gold) else []
    p = [name_key(n) for n in pred] if isinstance(pred, list) else ([] if not present(pred) else ["?"])
    tp = lcs(g, p)
    return Counts(tp, len(p) - tp, len(g) - tp)


def compare_scalar(name: str, gold: Any, pred: Any) -> Counts:
    has_g, has_p = present(gold), present(pred)
    if not has_g and not has_p:
        return Counts()
    if has_g and not has_p:
        return Counts(fn=1)
    if has_p and not has_g:
        return Counts(fp=1)
    if name in DATE_FIELDS:
        same = date_key(gold) is not None and date_key(gold) == date_key(pred)
    else:
        normalize = NORMALIZERS.get(name, norm_text)
        same = normalize(gold) == normalize(pred)
    return Counts(tp=1) if same else Counts(fp=1, fn=1)


def compare_field(name: str, gold: Any, pred: Any) -> Counts:
    """Counts for one field of one item, by the rules in the module docstring."""
    if name in NAME_FIELDS:
        return compare_names(gold, pred)
    return compare_scalar(name, gold, pred)


def score_item(record: dict[str, Any], pred: dict[str, Any], crashed: str = "") -> ItemScore:
    gold = record["csl"]
    score = ItemScore(record, {}, crashed=crashed)
    for name in FIELDS:
        counts = compare_field(name, gold.get(name), pred.get(name))
        score.counts[name] = counts
        if counts.fp or counts.fn:
            score.mismatches.append((name, gold.get(name), pred.get(name)))
    return score


def run_parser(parse: Callable[[str], dict[str, Any]], text: str) -> tuple[dict[str, Any], str]:
    """The prediction without "_" keys; a crash is scored as an empty item and reported."""
    try:
        item = parse(text)
    except Exception as exc:  # the issue forbids crashes: count them, do not stop
        return {}, f"{type(exc).__name__}: {exc}"
    if not isinstance(item, dict):
        return {}, f"returned {type(item).__name__}"
    return {k: v for k, v in item.items() if not str(k).startswith("_")}, ""


def evaluate(records: list[dict[str, Any]], parse: Callable[[str], dict[str, Any]]) -> list[ItemScore]:
    scores = []
    for record in records:
        pred, crashed = run_parser(parse, record["text"])
        scores.append(score_item(record, pred, crashed))
    return scores


def aggregate(scores: Iterable[ItemScore], key: Callable[[ItemScore], str]) -> dict[str, dict[str, Counts]]:
    """group -> field -> summed counts (plus an "overall" pseudo-field)."""
    table: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    for score in scores:
        group = table[key(score)]
        for name, counts in score.counts.items():
            group[name].add(counts)
            group["overall"].add(counts)
    return table


def overall_f1(scores: list[ItemScore]) -> dict[str, float]:
    """Micro-averaged F1 per family and for everything (used by the floor test)."""
    by_family = aggregate(scores, lambda s: family(s.record))
    result = {fam: by_family[fam]["overall"].prf()[2] for fam in FAMILIES if fam in by_family}
    result["all"] = aggregate(scores, lambda s: "all")["all"]["overall"].prf()[2]
    return result


def fmt(counts: Counts) -> str:
    p, r, f = counts.prf()
    return f"{p:.3f} {r:.3f} {f:.3f}"


def field_table(scores: list[ItemScore]) -> list[str]:
    """Markdown rows: per field, gold count and P/R/F1 for each family and for all."""
    by_family = aggregate(scores, lambda s: family(s.record))
    overall = aggregate(scores, lambda s: "all")["all"]
    head = "| field | " + " | ".join(f"{g} n | {g} P R F1" for g in (*FAMILIES, "all")) + " |"
    rows = [head, "|" + " --- |" * 7]
    for name in [*FIELDS, "overall"]:
        cells = []
        for group in (*(by_family[f] for f in FAMILIES), overall):
            counts = group[name]
            cells += [str(counts.tp + counts.fn), fmt(counts)]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


def file_table(scores: list[ItemScore]) -> list[str]:
    by_file = aggregate(scores, lambda s: s.record["file"])
    rows = ["| file | items | P R F1 |", "| --- | --- | --- |"]
    sizes = Counter(s.record["file"] for s in scores)
    for name in sorted(by_file):
        rows.append(f"| {name} | {sizes[name]} | {fmt(by_file[name]['overall'])} |")
    return rows


def short(value: Any, width: int = 70) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= width else text[: width - 1] + "…"


def worst(scores: list[ItemScore], n: int = 15) -> list[ItemScore]:
    """Lowest item F1 first, then the most wrong fields."""
    ranked = sorted(scores, key=lambda s: (s.total().prf()[2], -len(s.mismatches)))
    return [s for s in ranked if s.mismatches or s.crashed][:n]


def error_lines(scores: list[ItemScore], n: int = 15) -> list[str]:
    lines = []
    for s in worst(scores, n):
        f1 = s.total().prf()[2]
        lines.append(f"- `{s.record['id']}` ({s.record['file']}, F1 {f1:.2f}): {short(s.record['text'], 110)}")
        if s.crashed:
            lines.append(f"    - CRASH {s.crashed}")
        for name, gold, pred in s.mismatches:
            lines.append(f"    - {name}: gold {short(gold)} | got {short(pred)}")
    return lines


def throughput(parse: Callable[[str], dict[str, Any]], texts: list[str], size: int) -> float:
    """References per second on one core, cycling through the gold texts."""
    started = time.perf_counter()
    for i in range(size):
        try:
            parse(texts[i % len(texts)])
        except Exception:  # crashes are reported by the accuracy pass
            continue
    return size / (time.perf_counter() - started)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        cpu = next((ln.split(":", 1)[1].strip() for ln in info.read_text().splitlines() if "model name" in ln), cpu)
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def target_lines(f1: dict[str, float]) -> list[str]:
    lines = []
    for fam in FAMILIES:
        ok = "met" if f1.get(fam, 0.0) >= TARGETS[fam] else "NOT met"
        lines.append(f"- {fam}: overall F1 **{f1.get(fam, 0.0):.3f}** (target {TARGETS[fam]:.2f}: {ok})")
    lines.append(f"- all: overall F1 {f1['all']:.3f}")
    return lines


def report(scores: list[ItemScore], speed: float, size: int, with_errors: bool) -> list[str]:
    """The markdown section (also printed)."""
    f1 = overall_f1(scores)
    crashes = sum(1 for s in scores if s.crashed)
    counts = Counter(family(s.record) for s in scores)
    rules = (__doc__ or "").split("Comparison rules", 1)[1].split("Targets", 1)[0]
    lines = [
        "## Reference parser: field accuracy on the held-apart gold set",
        "",
        f"Command: `.venv/bin/python bench/bench_parse.py --size {size}` on {machine()}.",
        f"Gold: {len(scores)} references in `tests/data/parse_gold/` ({counts['cyrillic']} Cyrillic/GOST, "
        f"{counts['english']} English); crashes: {crashes}. Throughput: {speed:,.0f} references/s "
        f"({size} calls, one core).",
        "",
        *target_lines(f1),
        "",
        *field_table(scores),
        "",
        *file_table(scores),
        "",
        "Comparison rules" + rules.rstrip(),
    ]
    if with_errors:
        lines += ["", "### Worst 15 items", "", *error_lines(scores)]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from corpus_import.parsing import parse_reference

    records = load_gold(args.gold)
    scores = evaluate(records, parse_reference)
    speed = throughput(parse_reference, [r["text"] for r in records], args.size)
    lines = report(scores, speed, args.size, args.errors)
    print("\n".join(lines))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nwrote {REPORT.relative_to(ROOT)}")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list the 15 worst items with their wrong fields")
    parser.add_argument("--size", type=int, default=5000, help="parse calls for the throughput figure")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of *.jsonl gold files")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
