"""Parser speed: references per second on one core (target: at least 2,000).

Realistic strings, not synthetic ones: every reference-looking line of the
shipped corpus (`corpus/*.txt`: numbered, bracketed and author-year entries,
markdown debris included) and, when present, the 1,514 English references of
`../shared/training/anystyle-core.xml`, each set repeated up to `--size`
references. With `--generated N`, also N entries of the import benchmark's
generated corpus (bench/bench_import.py: sample entries with fresh authors,
titles, years and pages, a fifth of the Cyrillic ones romanized), which is what
the parser sees inside the import benchmark. Timing uses `time.process_time`
(CPU of this one process), best of `--repeat` runs, after a warm-up pass; the
table gives references/s and CPU milliseconds per reference.

    .venv/bin/python bench/bench_parse_speed.py [--size N] [--repeat R] [--generated N]

Writes docs/bench/parse_speed.md.
"""

from __future__ import annotations

import argparse
import itertools
import platform
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_import.parsing import parse_reference  # noqa: E402

ANYSTYLE = ROOT.parent / "shared" / "training" / "anystyle-core.xml"
OUTPUT = ROOT / "docs" / "bench" / "parse_speed.md"
NOTES = "<!-- notes: kept by bench_parse_speed.py -->"
REFERENCE_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?(?:\[\d{1,3}\]|\d{1,3}\.)\s*\S|^\s*[A-ZА-ЯЁ][\w'-]+,\s(?:1[5-9]|20)\d\d[a-z]?\s–\s"
)
EVIDENCE = re.compile(r"(?:1[5-9]|20)\d\d|https?://|//")


def corpus_references() -> list[str]:
    """Lines of the sample articles that look like reference-list entries."""
    lines = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if 30 <= len(line) <= 800 and REFERENCE_LINE.match(line) and EVIDENCE.search(line):
                lines.append(line)
    return lines


def anystyle_references() -> list[str]:
    if not ANYSTYLE.exists():
        return []
    root = ET.parse(ANYSTYLE).getroot()
    return [" ".join((c.text or "").strip() for c in seq) for seq in root.findall("sequence")]


def generated_references(count: int) -> list[str]:
    """Entries as bench_import.py generates them (needs Django: the templates come from the import pipeline)."""
    if count <= 0:
        return []
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_import

    generator = bench_import.Generator(seed=7, refs=30)
    refs = []
    for number in range(count):
        cyrillic = generator.random.random() < 0.4
        entry = generator.fresh_entry(cyrillic)[1]
        refs.append(f"{bench_import.translit(entry)} [in Russian]" if cyrillic and number % 5 == 0 else entry)
    return refs


def measure(refs: list[str], size: int, repeat: int) -> float:
    """Best references/second over `repeat` passes of `size` parses."""
    batch = list(itertools.islice(itertools.cycle(refs), size))
    for ref in refs:
        parse_reference(ref)
    best = 0.0
    for _ in range(repeat):
        start = time.process_time()
        for ref in batch:
            parse_reference(ref)
        elapsed = time.process_time() - start
        best = max(best, size / elapsed if elapsed else float("inf"))
    return best


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    return f"{cpu}; Python {platform.python_version()} ({platform.python_implementation()}); {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="references parsed per pass and set")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--generated", type=int, default=0, help="also time N generated import-benchmark entries")
    args = parser.parse_args()
    sets = {"corpus/*.txt reference lines": corpus_references(), "anystyle-core.xml (English)": anystyle_references()}
    sets["bench_import.py generated entries"] = generated_references(args.generated)
    rows = [(name, len(refs), measure(refs, args.size, args.repeat)) for name, refs in sets.items() if refs]
    table = ["| strings | distinct | refs/s (one core) | CPU ms/ref |", "|---|---:|---:|---:|"]
    table += [f"| {name} | {n} | {rate:,.0f} | {1000 / rate:.3f} |" for name, n, rate in rows]
    print("\n".join(table))
    command = f".venv/bin/python bench/bench_parse_speed.py --size {args.size} --repeat {args.repeat}"
    command += f" --generated {args.generated}" if args.generated else ""
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    old = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    notes = old.partition(NOTES)[2] if NOTES in old else ""
    OUTPUT.write_text(
        "## Reference parser speed\n\n"
        "Target: at least 2,000 references/second on one core. CPU time of one process "
        f"(`time.process_time`), best of {args.repeat} passes of {args.size} parses per set, after a warm-up.\n\n"
        + "\n".join(table)
        + f"\n\nMachine: {machine()}.  \nCommand: `{command}`\n"
        + (f"\n{NOTES}{notes}" if notes else ""),
        encoding="utf-8",
    )
    print(f"\nwritten {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
