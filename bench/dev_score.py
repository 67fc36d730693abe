"""Field accuracy of `parse_reference` on the parser's own development set (tests/data/parse_dev/).

Usage: .venv/bin/python bench/dev_score.py [--dev DIR] [--errors N] [--field NAME]

The development set is written by the parser's owner to find and fix errors; the held-apart gold
set (tests/data/parse_gold/, bench/bench_parse.py) is only ever scored in aggregate. The comparison
rules are bench_parse.py's, imported by path so both sets are scored the same way. Prints the
per-field table and, on request, every disagreement (optionally on one field).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DEV_DIR = ROOT / "tests" / "data" / "parse_dev"


def load_bench() -> ModuleType:
    """bench_parse.py by path (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_parse", ROOT / "bench" / "bench_parse.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_parse"] = module
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV_DIR, help="folder of *.jsonl development files")
    parser.add_argument("--errors", type=int, default=0, help="list this many worst items")
    parser.add_argument("--field", help="with --errors: only items wrong on this field")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    bench = load_bench()
    from corpus_import.parsing import parse_reference

    records = bench.load_gold(args.dev)
    scores = bench.evaluate(records, parse_reference)
    f1 = bench.overall_f1(scores)
    print(f"dev set: {len(records)} references in {args.dev}")
    print("\n".join(bench.target_lines(f1)))
    print("\n".join(bench.field_table(scores)))
    print("\n".join(bench.file_table(scores)))
    if args.errors:
        if args.field:
            scores = [s for s in scores if any(m[0] == args.field for m in s.mismatches)]
        print("\n".join(bench.error_lines(scores, args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
