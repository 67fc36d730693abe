"""Run every benchmark in bench/ and collect their reports in docs/benchmarks.md.

Each `bench/bench_*.py` writes its own section to `docs/bench/<area>.md`;
this runner calls them one after another (so they do not compete for the
two cores) and joins the sections under a header naming the machine.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ROOT / "docs" / "bench"
REPORT = ROOT / "docs" / "benchmarks.md"
# Order: cheap and independent first, so a partial run still reports a lot.
ORDER = ["parse_speed", "parse", "import", "dedup", "crossref", "search", "export"]


def machine_description() -> str:
    """One line saying where the figures were measured."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def benchmark_scripts() -> list[Path]:
    """bench_*.py in the preferred order, unknown ones last."""
    scripts = sorted((ROOT / "bench").glob("bench_*.py"))
    rank = {name: index for index, name in enumerate(ORDER)}
    return sorted(scripts, key=lambda path: rank.get(path.stem.removeprefix("bench_"), len(ORDER)))


def run(script: Path) -> tuple[int, float]:
    """Run one benchmark, streaming its output; return exit code and seconds."""
    print(f"\n=== {script.name}", flush=True)
    started = time.perf_counter()
    code = subprocess.call([sys.executable, str(script)], cwd=ROOT)
    return code, time.perf_counter() - started


def write_report(results: list[tuple[Path, int, float]]) -> None:
    """Join the per-area sections into docs/benchmarks.md (with no results: sections from their last runs)."""
    lines = ["# Benchmarks", ""]
    if results:
        lines += [
            f"Measured by `make bench` on {machine_description()}.",
            "Each section below is written by its script in `bench/`; rerun one alone with",
            "`.venv/bin/python bench/<script>.py` (most take `--help`).",
            "",
            "| script | exit | seconds |",
            "| --- | --- | --- |",
        ]
        lines += [f"| `{script.name}` | {code} | {seconds:.1f} |" for script, code, seconds in results]
    else:
        lines += [
            "Collected by `bench/run_all.py --collect` from the sections each script in `bench/` wrote on its",
            "last run (each names its own command, machine and load); `make bench` reruns them all.",
        ]
    for section in sorted(SECTIONS.glob("*.md"), key=lambda p: ORDER.index(p.stem) if p.stem in ORDER else 99):
        lines += ["", section.read_text().strip()]
    REPORT.write_text("\n".join(lines) + "\n")


def main() -> int:
    if "--collect" in sys.argv[1:]:
        write_report([])
        print(f"wrote {REPORT.relative_to(ROOT)} from the existing sections")
        return 0
    results = []
    for script in benchmark_scripts():
        code, seconds = run(script)
        results.append((script, code, seconds))
    write_report(results)
    print(f"\nwrote {REPORT.relative_to(ROOT)}")
    return max((code for _, code, _ in results), default=0)


if __name__ == "__main__":
    sys.exit(main())
