"""Import benchmark: a generated corpus into a fresh database, articles/s and references/s.

The corpus is built from the sample articles' own reference entries, shuffled
and perturbed (authors, years, pages, title words), in the shapes the samples
show: numbered `1.`, `- [1]`, `- 1.` Cyrillic GOST, author-year blocks, a
Cyrillic list with its romanized twin, and a trailing list with no heading.
Each article has a header, a body citing its entries, and 30 references.

Default: 0.1x and 1x of `--size` articles (2,000 = 60,000 references) to give
the growth ratio quickly; `--scale 10` runs 1x and 10x. `--database-url`
selects PostgreSQL (a fresh database is created and dropped on that server).
Each size runs in its own process on a fresh database and imports through
`importer.import_many`, as `import_articles` does: the analysis (reading,
sections, entries, parser, mentions, work drafts) in `--workers` processes
beside the importing one (default: one per core), the writes in the
importing process. The timing covers all of it; dedup
(`process_new_works`) only with `--with-dedup`, since it has its own benchmark.
CPU time counts the analysis workers too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPORT = ROOT / "docs" / "bench" / "import.md"
NOTES = "<!-- notes: kept by bench_import.py -->"


def words(text: str, empty: str = "") -> list[str]:
    """A word list written as one string; `empty` stands for an empty entry."""
    return ["" if word == empty else word for word in text.split()]


ONSETS = words("ka ba nur sul tan as ibr er mar dos ken tal gul ras zhan sau ak bol kur sei mu da ze ra li be ol ash")
MIDDLES = words("ra li mo ta ne ki sa ba ru de ga lo zi mi na ko ur al")
ENDINGS = words("ov ev ova eva bekov bekova uly in ina enko sky yev ayev iyeva bayev")
LATIN_TO_CYRILLIC = [
    ("zh", "ж"),
    ("sh", "ш"),
    ("kh", "х"),
    ("ch", "ч"),
    ("ya", "я"),
    ("yu", "ю"),
    ("ye", "е"),
    ("y", "й"),
    *zip("abvgdezijklmnoprstufh", "абвгдезийклмнопрстуфх", strict=True),
]
EN_WORDS = words(
    """security cooperation regional policy Eurasian strategy institutional alliance balance power integration
Central Asia Kazakhstan China Russia border terrorism extremism diplomacy multilateral organization transformation
order multipolar architecture partnership economic energy transport development governance sovereignty military
exercises confidence measures conflict settlement dialogue interests neighbours transit water resources migration
identity legitimacy norms institutions summit declaration charter analysis prospects challenges evolution"""
)
RU_WORDS = words(
    """безопасность сотрудничество региональная политика евразийская стратегия институциональный союз баланс
сил интеграция Центральная Азия Казахстан Китай Россия граница терроризм экстремизм дипломатия многосторонний
организация трансформация порядок многополярный архитектура партнерство экономический энергетика транспорт
развитие суверенитет военный учения доверие меры конфликт урегулирование диалог интересы соседи миграция"""
)
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        words("a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y ' e yu ya a g q n o u u h i", "-"),
        strict=True,
    )
)
LEADING_NAME = re.compile(r"^(?:[^\W\d_][\w'’\-]+,?\s+(?:[^\W\d_]{1,2}\.\s?){1,3},?\s*)+")
POPULAR_WORKS = 1000  # per script: works many articles cite, for dedup to find
POPULAR_SHARE = 0.2
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
PAGES = re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,3})\b")
SENTENCES = [
    "Regional organizations have become central to the security architecture of Eurasia",
    "The literature on confidence-building measures stresses transparency and predictability",
    "Joint exercises increase interoperability but raise questions among neighbouring states",
    "Kazakhstan pursues a multi-vector foreign policy balancing the interests of major powers",
    "The institutional design of the organization favours consensus over binding commitments",
    "Counter-terrorism cooperation remains the most developed dimension of the partnership",
]


def translit(text: str) -> str:
    """A rough romanization, as journals print their twin lists."""
    out = []
    for char in text:
        latin = TRANSLIT.get(char.lower())
        out.append(char if latin is None else (latin.capitalize() if char.isupper() else latin))
    return "".join(out)


def is_cyrillic(text: str) -> bool:
    return len(re.findall(r"[а-яёәғқңөұүһі]", text, re.I)) > len(re.findall(r"[a-z]", text, re.I))


def sample_templates() -> tuple[list[str], list[str]]:
    """Entry bodies (leading author names stripped) from the sample corpus, by script.

    Only the pure steps that find the entries (no parser, no Django).
    """
    from corpus_import.reading import read_article
    from corpus_import.sections import find_sections
    from corpus_import.twins import combine

    latin: list[str] = []
    cyrillic: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        references, _ = combine(find_sections(read_article(path.read_bytes()).split("\n")))
        for reference in references:
            body = LEADING_NAME.sub("", reference.text).strip()
            (cyrillic if is_cyrillic(body) else latin).append(body)
    return latin, cyrillic


class Generator:
    """Deterministic article texts in the sample shapes."""

    def __init__(self, seed: int, refs: int) -> None:
        self.random = random.Random(seed)
        self.refs = refs
        self.latin, self.cyrillic = sample_templates()
        self.popular = {flag: [self.fresh_entry(flag) for _ in range(POPULAR_WORKS)] for flag in (False, True)}

    def surname(self, cyrillic: bool) -> str:
        parts = [self.random.choice(ONSETS)] + [self.random.choice(MIDDLES) for _ in range(self.random.randint(0, 2))]
        latin = "".join(parts) + self.random.choice(ENDINGS)
        if cyrillic:
            for source, target in LATIN_TO_CYRILLIC:
                latin = latin.replace(source, target)
        return latin.capitalize()

    def author(self, cyrillic: bool) -> tuple[str, str]:
        letters = "АБВГДЕЖКЛМНОПРСТ" if cyrillic else "ABCDEFGHIKLMNOPRST"
        initials = "".join(f"{self.random.choice(letters)}." for _ in range(self.random.choice((1, 2))))
        return self.surname(cyrillic), initials

    def title(self, cyrillic: bool) -> str:
        words = self.random.sample(RU_WORDS if cyrillic else EN_WORDS, self.random.randint(4, 9))
        return " ".join(words).capitalize()

    def perturb(self, body: str) -> str:
        body = YEAR.sub(lambda m: str(self.random.randint(1995, 2024)), body)
        return PAGES.sub(lambda m: f"{int(m.group(1)) + self.random.randint(1, 40)}-{int(m.group(2)) + 60}", body)

    def entry(self, cyrillic: bool) -> tuple[str, str]:
        """(surname, entry text): a popular work (cited by many articles) or a fresh one."""
        if self.random.random() < POPULAR_SHARE:
            return self.random.choice(self.popular[cyrillic])
        return self.fresh_entry(cyrillic)

    def fresh_entry(self, cyrillic: bool) -> tuple[str, str]:
        surname, initials = self.author(cyrillic)
        body = self.perturb(self.random.choice(self.cyrillic if cyrillic else self.latin))
        return surname, f"{surname} {initials} {self.title(cyrillic)}. {body}"

    def header(self, number: int) -> str:
        surname, initials = self.author(False)
        other, other_initials = self.author(False)
        doi = f"https://doi.org/10.99999/bench.{number}\n\n" if number % 3 == 0 else ""
        return (
            f"UDC 327\n\n{doi}REGIONAL SECURITY AND COOPERATION IN CENTRAL ASIA: CASE {number}\n\n"
            f"{initials} {surname}, {other_initials} {other}\n\nUniversity of International Relations, Almaty\n\n"
            "Abstract. The article examines regional security cooperation.\n\nKeywords: security, SCO\n\n"
            "Introduction\n\n"
        )

    def body(self, markers: list[str]) -> str:
        paragraphs, per = [], max(1, len(markers) // 8)
        for start in range(0, len(markers), per):
            sentences = [f"{self.random.choice(SENTENCES)} {marker}." for marker in markers[start : start + per]]
            paragraphs.append(" ".join(sentences))
        return "\n\n".join(paragraphs) + "\n\n"

    def article(self, number: int) -> str:
        shape = number % 6
        cyrillic = [shape in (2, 4) or self.random.random() < 0.2 for _ in range(self.refs)]
        entries = [self.entry(flag) for flag in cyrillic]
        if shape == 3:
            return self.author_year(number, entries)
        markers = [f"[{n}]" if n % 3 else f"[{n}, p. {self.random.randint(2, 300)}]" for n in range(1, self.refs + 1)]
        text = self.header(number) + self.body(markers)
        if shape == 0:
            return text + "References\n\n" + "\n".join(f"{n}. {e}" for n, (_, e) in enumerate(entries, 1)) + "\n"
        if shape == 1:
            return text + "REFERENCES\n\n" + "\n".join(f"- [{n}] {e}" for n, (_, e) in enumerate(entries, 1)) + "\n"
        if shape == 2:
            return text + "References:\n\n" + "\n".join(f"- {n}. {e}" for n, (_, e) in enumerate(entries, 1)) + "\n"
        if shape == 4:
            original = "\n".join(f"{n}. {e}" for n, (_, e) in enumerate(entries, 1))
            romanized = "\n".join(f"{n}. {translit(e)} [in Russian]" for n, (_, e) in enumerate(entries, 1))
            return text + f"Список литературы\n\n{original}\n\nReferences\n\n{romanized}\n"
        listing = "\n\n".join(f"{n}. {e}" for n, (_, e) in enumerate(entries, 1))
        return text + listing + "\n\nSubscribe to the journal. All rights reserved.\n"

    def author_year(self, number: int, entries: list[tuple[str, str]]) -> str:
        years = [self.random.randint(1995, 2024) for _ in entries]
        markers = [f"(A.B. {surname}, {year})" for (surname, _), year in zip(entries, years, strict=True)]
        blocks = [f"{surname}, {year} – {entry}" for (surname, entry), year in zip(entries, years, strict=True)]
        return self.header(number) + self.body(markers) + "Literature:\n\n" + "\n\n".join(blocks) + "\n"


def generate(folder: Path, articles: int, refs: int) -> None:
    generator = Generator(seed=articles, refs=refs)
    for number in range(articles):
        (folder / f"bench_{number:06d}.txt").write_text(generator.article(number), encoding="utf-8")


def worker(corpus: Path, database_url: str, dedup: bool, workers: int | None) -> dict[str, Any]:
    """Run in a child process: migrate a fresh database and import every file."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "0"  # as in production: no per-query logging
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from corpus_import import importer

    call_command("migrate", verbosity=0)
    if not dedup:
        importer.dedup.process_new_works = lambda work_ids, created=None: {}  # type: ignore[assignment,misc]
    timers = {"dedup": 0.0}
    wrap(importer.dedup, "process_new_works", timers, "dedup")
    files = sorted(corpus.glob("*.txt"))
    totals = {"articles": 0, "references": 0, "mentions": 0, "failed": 0, "warnings": 0}
    stats = importer.BatchStats()
    started, cpu, children = time.perf_counter(), time.process_time(), children_cpu()
    for result in importer.import_many(files, workers, stats):
        totals["failed" if result.status == "failed" else "articles"] += 1
        totals["references"] += result.references
        totals["mentions"] += result.mentions
        totals["warnings"] += len(result.warnings)
    seconds, main_cpu = time.perf_counter() - started, time.process_time() - cpu
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return {
        **totals,
        "workers": stats.workers,
        "seconds": seconds,
        "cpu_seconds": main_cpu + children_cpu() - children,
        "main_cpu_seconds": main_cpu,
        "analyse_seconds": stats.analyse_cpu_seconds,
        "load": load,
        **{f"{k}_seconds": v for k, v in timers.items()},
    }


def children_cpu() -> float:
    """CPU seconds of this process's finished children (the analysis workers, once the pool is closed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrap(owner: Any, name: str, timers: dict[str, float], key: str) -> None:
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            timers[key] += time.perf_counter() - started
            timers[f"{key}_cpu"] = timers.get(f"{key}_cpu", 0.0) + time.process_time() - cpu

    setattr(owner, name, timed)


def fresh_database(base_url: str | None, folder: Path, label: str) -> tuple[str, Any]:
    """URL of an empty database, and a function that drops it afterwards."""
    if not base_url:
        return f"sqlite:///{folder / f'{label}.sqlite3'}", lambda: None
    import psycopg

    name = f"bench_import_{label}_{os.getpid()}"
    admin_url = re.sub(r"/[^/]*$", "/postgres", base_url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return re.sub(r"/[^/]*$", f"/{name}", base_url), drop


def run_size(
    articles: int, refs: int, base_url: str | None, folder: Path, dedup: bool, workers: int | None
) -> dict[str, Any]:
    corpus = folder / f"corpus_{articles}"
    corpus.mkdir()
    started = time.perf_counter()
    generate(corpus, articles, refs)
    print(f"  generated {articles} articles in {time.perf_counter() - started:.1f} s", flush=True)
    url, drop = fresh_database(base_url, folder, str(articles))
    try:
        output = subprocess.run(
            [sys.executable, __file__, "--worker", str(corpus), "--database-url", url]
            + (["--with-dedup"] if dedup else [])
            + (["--workers", str(workers)] if workers is not None else []),
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        drop()
    return json.loads(output.strip().splitlines()[-1])


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| articles | references | mentions | failed | workers | wall s | CPU s | main CPU s | articles/s "
        "| references/s | analyse s | dedup s | load |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['articles']:,} | {row['references']:,} | {row['mentions']:,} | {row['failed']} | "
            f"{row['workers']} | {row['seconds']:.1f} | {row['cpu_seconds']:.1f} | {row['main_cpu_seconds']:.1f} | "
            f"{row['articles'] / row['seconds']:.1f} | "
            f"{row['references'] / row['seconds']:,.0f} | {row['analyse_seconds']:.1f} | {row['dedup_seconds']:.1f} | "
            f"{row['load']:.1f} |"
        )
    return lines


def machine_drift(rows: list[dict[str, Any]]) -> str:
    """How the machine's speed moved between the two runs, read off the analysis.

    The analysis of an article never touches the library, so its CPU per
    article should not change with the size; when it does, the machine ran
    faster or slower (shared host, clock), and the growth ratios move with it.
    """
    first, last = (row["analyse_seconds"] / row["articles"] for row in (rows[0], rows[-1]))
    return (
        f"Yardstick: the analysis, which does not depend on the library's size, took {1000 * first:.1f} and "
        f"{1000 * last:.1f} ms of CPU per article ({last / first - 1:+.1%}): the machine's own drift "
        "(and, at small sizes, the workers' start-up)."
    )


def write_report(
    rows: list[dict[str, Any]], command: str, backend: str, ratios: tuple[float, float], size_ratio: float, dedup: bool
) -> None:
    lines = [
        "## Import (`bench/bench_import.py`)",
        "",
        f"Generated articles (30 references each, six list shapes incl. romanized twins) imported into a fresh "
        f"{backend} database through `importer.import_many` (as `import_articles`): the analysis in `workers` "
        "processes, the writes in the importing process, one transaction per article "
        f"(`analyse s` = CPU of read + sections + entries + parser + mentions, summed over the workers; "
        f"`dedup s` = `process_new_works`"
        f"{', included' if dedup else ', stubbed out unless `--with-dedup`: dedup has its own benchmark'}). "
        "`CPU s` counts every process, `main CPU s` the importing one. Wall time depends on the machine's load "
        "(column `load`, the 1-minute load average at the end).",
        "",
        *table(rows),
        "",
        f"Growth: {size_ratio:.0f}x the articles took {ratios[0]:.2f}x the wall time "
        f"and {ratios[1]:.2f}x the CPU time. {machine_drift(rows)}",
        "",
        f"Machine: {machine()}. Command: `{command}`.",
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    notes = REPORT.read_text().partition(NOTES)[2] if REPORT.exists() and NOTES in REPORT.read_text() else ""
    REPORT.write_text("\n".join(lines) + "\n" + (f"\n{NOTES}{notes}" if notes else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="articles at 1x (default 2000 = 60,000 references)")
    parser.add_argument("--refs", type=int, default=30, help="references per article")
    parser.add_argument("--scale", type=float, default=None, help="also run this multiple of --size (e.g. 10)")
    parser.add_argument("--database-url", default=None, help="PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument(
        "--with-dedup", action="store_true", help="include bibliography.dedup.process_new_works (stubbed by default)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="analysis processes beside the writer (default: one per core; 0: in-process)",
    )
    parser.add_argument("--worker", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.database_url, args.with_dedup, args.workers)))
        return 0
    sizes = [args.size, int(args.size * args.scale)] if args.scale else [max(1, args.size // 10), args.size]
    backend = "PostgreSQL" if args.database_url else "SQLite"
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        for articles in sizes:
            print(f"{backend}: {articles} articles x {args.refs} references", flush=True)
            rows.append(run_size(articles, args.refs, args.database_url, Path(tmp), args.with_dedup, args.workers))
            print("\n".join(table(rows[-1:])), flush=True)
    ratio = rows[1]["seconds"] / rows[0]["seconds"]
    cpu_ratio = rows[1]["cpu_seconds"] / rows[0]["cpu_seconds"]
    size_ratio = sizes[1] / sizes[0]
    print("\n".join(table(rows)))
    print(f"growth: {size_ratio:.0f}x the articles took {ratio:.2f}x the wall time, {cpu_ratio:.2f}x the CPU time")
    print(machine_drift(rows))
    command = "python bench/bench_import.py " + " ".join(sys.argv[1:])
    if args.database_url:
        command = command.replace(args.database_url, "postgres://...")
    write_report(rows, command.strip(), backend, (ratio, cpu_ratio), size_ratio, args.with_dedup)
    return 0


if __name__ == "__main__":
    sys.exit(main())
