"""Development check of the reference parser on AnyStyle's tagged English references.

`../shared/training/anystyle-core.xml` (BSD-2, 1,514 references, almost all
English, many styles) is NOT the project's gold corpus: its tags follow
AnyStyle's conventions (the title keeps its trailing period, `volume` holds
`Vol. 3, Part A,`), so both sides are normalized before comparison and the
figure is a rough, style-diverse sanity check, not the accuracy target.

    .venv/bin/python bench/dev_anystyle.py [--xml PATH] [--show FIELD] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus_import.parsing import parse_reference  # noqa: E402

DEFAULT_XML = ROOT.parent / "shared" / "training" / "anystyle-core.xml"
FIELDS = ("author", "title", "container-title", "year", "volume", "page", "publisher", "publisher-place")


def norm(text: str) -> str:
    """Lower case, no punctuation or markup, one space: what both sides are compared on."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"^(?:in:?|retrieved from)\s+", "", text.strip())
    text = re.sub(r"[\W_]+", " ", text)
    return text.strip()


def gold_fields(seq: ET.Element) -> dict[str, str]:
    """The comparable gold values of one `<sequence>`."""
    tags: dict[str, str] = {}
    for child in seq:
        tags.setdefault(child.tag, child.text or "")
    gold: dict[str, str] = {}
    if "author" in tags:
        gold["author"] = tags["author"]
    if "title" in tags:
        gold["title"] = norm(tags["title"])
    container = tags.get("journal") or tags.get("container-title")
    if container:
        gold["container-title"] = norm(container)
    year = re.search(r"(1[5-9]\d\d|20\d\d)", tags.get("date", ""))
    if year:
        gold["year"] = year.group(1)
    volume = re.search(r"\d+", tags.get("volume", ""))
    if volume:
        gold["volume"] = volume.group(0)
    pages = re.search(r"\d+(?:\s*[-–—]+\s*\d+)?", tags.get("pages", ""))
    if pages and not re.search(r"\d+\s*(?:pp|p|pages)\b\.?\s*$", tags.get("pages", "")):
        gold["page"] = re.sub(r"\s*[-–—]+\s*", "-", pages.group(0))
    for tag, key in (("publisher", "publisher"), ("location", "publisher-place")):
        if tags.get(tag):
            gold[key] = norm(tags[tag])
    return gold


def predicted_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The same keys from a parsed item."""
    pred: dict[str, Any] = {}
    if item.get("author"):
        pred["author"] = item["author"]
    for key in ("title", "container-title", "publisher", "publisher-place"):
        if item.get(key):
            pred[key] = norm(item[key])
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    if parts[0]:
        pred["year"] = str(parts[0][0])
    if item.get("volume"):
        match = re.search(r"\d+", item["volume"])
        if match:
            pred["volume"] = match.group(0)
    if item.get("page"):
        pred["page"] = item["page"]
    return pred


def authors_agree(predicted: list[dict[str, str]], gold: str) -> bool:
    """Every predicted family name is in the gold author string, and the first comes first."""
    gold_norm = norm(gold)
    families = [norm(n.get("family") or n.get("literal") or "") for n in predicted]
    if not families or not all(f and f in gold_norm for f in families):
        return False
    words = [w for w in gold_norm.split() if len(w) > 1 and w not in ("and", "et", "al", "van", "von", "de")]
    return bool(words) and families[0].split()[0] in words[:3]


def score(xml_path: Path, show: str | None, limit: int | None) -> dict[str, Counter[str]]:
    """Per-field true positives, false positives, false negatives."""
    counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    sequences = ET.parse(xml_path).getroot().findall("sequence")[:limit]
    for seq in sequences:
        raw = " ".join((child.text or "").strip() for child in seq)
        gold = gold_fields(seq)
        pred = predicted_fields(parse_reference(raw))
        for field in FIELDS:
            g, p = gold.get(field), pred.get(field)
            ok = authors_agree(p, g) if field == "author" and g and p else (g is not None and g == p)
            if ok:
                counts[field]["tp"] += 1
                continue
            if p:
                counts[field]["fp"] += 1
            if g:
                counts[field]["fn"] += 1
            if show == field and (g or p):
                print(f"{raw}\n   gold={g!r}\n   pred={p!r}\n")
    return counts


def prf(c: Counter[str]) -> tuple[float, float, float]:
    precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--xml", type=Path, default=DEFAULT_XML)
    parser.add_argument("--show", choices=FIELDS, help="print the disagreements on one field")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    counts = score(args.xml, args.show, args.limit)
    total: Counter[str] = Counter()
    print(f"{'field':<16} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for field in FIELDS:
        total.update(counts[field])
        p, r, f = prf(counts[field])
        print(f"{field:<16} {p:6.3f} {r:6.3f} {f:6.3f} {counts[field]['tp'] + counts[field]['fn']:6d}")
    p, r, f = prf(total)
    print(f"{'overall':<16} {p:6.3f} {r:6.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
