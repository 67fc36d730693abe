"""Export benchmark: N generated works in a fresh SQLite database, streamed per format.

For each size (default 10,000 and 100,000) a fresh database is migrated and
filled with generated works (Latin and Cyrillic names, corporate authors,
every CSL type the exporters map, DOIs, URLs, access dates). Then each format
is exported by `export_bibliography` logic (`bibliography.exports.export_library`)
to a file, each in its own process so that peak memory (ru_maxrss growth over
the process's state before the export) belongs to that export alone.
Flat memory means the 100k peak is close to the 10k peak.

Usage: .venv/bin/python bench/bench_export.py [--size N] [--small N] [--formats bibtex,ris,csljson]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORT = ROOT / "docs" / "bench" / "export.md"
FORMATS = ("bibtex", "ris", "csljson")
TARGET_SECONDS = 10.0
NOTES = [
    "Works are read in keyset pages of 2,000 value rows (no model instances) with their names in one query per",
    "page, and written per batch of 256, so memory does not follow the library size. The one structure that",
    "grows is BibTeX's set of citation keys already given (needed for the a/b/c suffixes): about 120 bytes",
    "per work, which is the BibTeX difference between the two sizes.",
]
TYPES = ["article-journal"] * 6 + ["book", "chapter", "paper-conference", "thesis", "report", "webpage", "legislation"]
FAMILIES = [
    "Buzan",
    "Acharya",
    "Cooley",
    "Allison",
    "Charap",
    "Воронович",
    "Ибраев",
    "Алимбеков",
    "Әлімбеков",
    "Жақыпов",
    "van",
    "der",
    "Berg",
]
WORDS = [
    "security",
    "regional",
    "cooperation",
    "policy",
    "Eurasia",
    "безопасность",
    "сотрудничество",
    "&",
    "50%",
    "of_the",
    "#1",
    "{core}",
]


def setup_django(database: Path) -> None:
    """Point Django at the benchmark database before anything imports models."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def generate(database: Path, size: int, seed: int = 7) -> dict[str, Any]:
    """Migrate a fresh database and bulk-insert `size` works with 1-4 contributors each."""
    setup_django(database)
    from django.core.management import call_command

    from bibliography.models import Contributor, Person, Work

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    started = time.perf_counter()
    for start in range(0, size, 5000):
        count = min(5000, size - start)
        works = Work.objects.bulk_create([generated_work(rng, start + offset) for offset in range(count)])
        people = [generated_person(rng) for _ in range(3 * count)]
        Person.objects.bulk_create(people)
        Contributor.objects.bulk_create(contributors(works, people, rng))
    return {"seconds": time.perf_counter() - started, "contributors": Contributor.objects.count()}


def generated_work(rng: random.Random, number: int) -> Any:
    """One unsaved Work with realistic field shapes."""
    from bibliography.models import Work

    csl_type = rng.choice(TYPES)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9))).capitalize()
    return Work(
        type=csl_type,
        title=title,
        container_title=f"Journal of {rng.choice(WORDS).title()}" if csl_type == "article-journal" else "",
        issued_year=rng.randrange(1950, 2025),
        volume=str(rng.randrange(1, 80)),
        issue=str(rng.randrange(1, 12)),
        page=f"{(first := rng.randrange(1, 400))}-{first + rng.randrange(1, 40)}",
        publisher="Наука" if csl_type in ("book", "thesis", "report") else "",
        publisher_place="Алматы" if csl_type == "book" else "",
        url=f"https://example.org/{number}?a=1&b=%20#x" if csl_type == "webpage" else "",
        accessed=None,
        doi=f"10.5555/bench.{number}" if number % 3 == 0 else None,
        language=rng.choice(["ru", "en", "kk"]),
    )


def generated_person(rng: random.Random) -> Any:
    """A person, sometimes a corporate body."""
    from bibliography.models import Person

    if rng.random() < 0.05:
        return Person(literal="World Health Organization")
    return Person(family=rng.choice(FAMILIES), given=rng.choice(["B.", "К.Ж.", "Gregory", "A.B."]))


def contributors(works: list[Any], people: list[Any], rng: random.Random) -> list[Any]:
    """Spread the people over the works as ordered authors (some editors)."""
    from bibliography.models import Contributor

    result, index = [], 0
    for work in works:
        for position in range(1 + rng.randrange(3)):
            if index >= len(people):
                break
            role = "editor" if position == 2 else "author"
            result.append(Contributor(work=work, person=people[index], role=role, position=position))
            index += 1
    return result


def export(database: Path, fmt: str) -> dict[str, Any]:
    """Stream one format to a file; time it and measure the peak memory it added."""
    setup_django(database)
    from bibliography.exports import export_library
    from bibliography.models import Work

    Work.objects.exists()
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    size = 0
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=f".{fmt}") as output:
        for chunk in export_library(fmt):
            output.write(chunk)
            size += len(chunk)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"format": fmt, "seconds": seconds, "cpu": cpu, "peak_mb": (peak - baseline) / 1024, "chars": size}


def child(arguments: list[str]) -> dict[str, Any]:
    """Run this script in a fresh process and read its JSON answer."""
    run = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, check=True, cwd=ROOT
    )  # fmt: skip
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def run_size(size: int, formats: list[str], folder: Path) -> list[dict[str, Any]]:
    """Generate one database, then export every format from it."""
    database = folder / f"export_{size}.sqlite3"
    made = child(["--child", "generate", "--database", str(database), "--size", str(size)])
    print(f"generated {size:,} works ({made['contributors']:,} contributors) in {made['seconds']:.1f} s", flush=True)
    rows = []
    for fmt in formats:
        row = child(["--child", "export", "--database", str(database), "--format", fmt])
        row["works"] = size
        rows.append(row)
        print(f"  {fmt:8} {row['seconds']:6.2f} s (CPU {row['cpu']:.2f} s)  peak +{row['peak_mb']:.1f} MB", flush=True)
    return rows


def machine() -> str:
    """Where the figures were measured."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown CPU",
    )
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def write_report(rows: list[dict[str, Any]], command: str) -> list[str]:
    """docs/bench/export.md: the table, the verdicts and how to rerun."""
    sizes = sorted({row["works"] for row in rows})
    lines = [
        "## Export (BibTeX, RIS, CSL-JSON)",
        "",
        f"Machine: {machine()}. SQLite, fresh database per size. Command: `{command}`",
        f"Load average when the run ended: {os.getloadavg()[0]:.1f} (the machine is shared; CPU seconds are the",
        "export process's own time and move less with the load than wall-clock seconds).",
        "",
        "| works | format | seconds | CPU seconds | works/s | output MB | peak memory added (MB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['works']:,} | {row['format']} | {row['seconds']:.2f} | {row['cpu']:.2f} "
            f"| {row['works'] / row['seconds']:,.0f} "
            f"| {row['chars'] / 1e6:.1f} | {row['peak_mb']:.1f} |"
        )
    lines += ["", *verdicts(rows, sizes), "", *NOTES, ""]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    return lines


def verdicts(rows: list[dict[str, Any]], sizes: list[int]) -> list[str]:
    """Target (< 10 s at the largest size) and memory growth between the two sizes."""
    largest = [row for row in rows if row["works"] == sizes[-1]]
    lines = [
        f"- {row['format']}: {row['seconds']:.1f} s wall, {row['cpu']:.1f} s CPU for {sizes[-1]:,} works "
        f"(target {TARGET_SECONDS:.0f} s: wall {verdict(row['seconds'])}, CPU {verdict(row['cpu'])})"
        for row in largest
    ]
    if len(sizes) > 1:
        small = {row["format"]: row for row in rows if row["works"] == sizes[0]}
        for row in largest:
            lines.append(
                f"- {row['format']} memory: +{small[row['format']]['peak_mb']:.1f} MB at {sizes[0]:,} works, "
                f"+{row['peak_mb']:.1f} MB at {sizes[-1]:,} ({sizes[-1] // sizes[0]}x the works)"
            )
    return lines


def verdict(seconds: float) -> str:
    return "meets" if seconds < TARGET_SECONDS else "misses"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=0, help="smaller size for the memory comparison (size/10)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--child", choices=["generate", "export"], help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "generate":
        print(json.dumps(generate(args.database, args.size)))
        return 0
    if args.child == "export":
        print(json.dumps(export(args.database, args.format)))
        return 0
    formats = [fmt for fmt in args.formats.split(",") if fmt]
    sizes = sorted({args.small or max(args.size // 10, 1), args.size})
    with tempfile.TemporaryDirectory(prefix="bench_export_") as tmp:
        rows = [row for size in sizes for row in run_size(size, formats, Path(tmp))]
    command = "python bench/bench_export.py " + " ".join(sys.argv[1:])
    print("\n".join(write_report(rows, command.strip())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
