"""Parser speed: references per second on one core (target: at least 2,000).

Realistic strings, not synthetic ones: every reference-looking line of the
shipped corpus (`corpus/*.txt`: numbered, bracketed and author-year entries,
markdown debris included) and, when present, the 1,514 English references of
`../shared/training/anystyle-core.xml`, each set repeated up to `--size`
references. Timing uses `time.process_time` (CPU of this one process), best
of `--repeat` runs, after a warm-up pass.

    .venv/bin/python bench/bench_parse_speed.py [--size N] [--repeat R]

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
    args = parser.parse_args()
    sets = {"corpus/*.txt reference lines": corpus_references(), "anystyle-core.xml (English)": anystyle_references()}
    rows = [(name, len(refs), measure(refs, args.size, args.repeat)) for name, refs in sets.items() if refs]
    table = ["| strings | distinct | refs/s (one core) |", "|---|---:|---:|"]
    table += [f"| {name} | {n} | {rate:,.0f} |" for name, n, rate in rows]
    print("\n".join(table))
    command = f".venv/bin/python bench/bench_parse_speed.py --size {args.size} --repeat {args.repeat}"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(
        "## Reference parser speed\n\n"
        "Target: at least 2,000 references/second on one core. CPU time of one process "
        f"(`time.process_time`), best of {args.repeat} passes of {args.size} parses per set, after a warm-up.\n\n"
        + "\n".join(table)
        + f"\n\nMachine: {machine()}.  \nCommand: `{command}`\n",
        encoding="utf-8",
    )
    print(f"\nwritten {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
