"""What the import-shape test modules (tests/test_import_shapes*.py) share.

Each module annotates a folder of invented articles by reading them; these read the same things back
from the analysis, so that every module compares its annotations with one definition of each.
"""

from __future__ import annotations

from pathlib import Path

from corpus_import.metadata import Metadata
from corpus_import.pipeline import ArticleAnalysis, analyse_article


def analyse_file(folder: Path, name: str) -> ArticleAnalysis:
    """The analysis of one annotated article file."""
    return analyse_article(name, (folder / name).read_bytes())


def counts(analysis: ArticleAnalysis) -> tuple[int, int]:
    """(reference entries, in-text mentions): what each article is annotated with."""
    return len(analysis.references), len(analysis.mentions)


def first_family(metadata: Metadata) -> str:
    """The first author's family name, "" when no author was read."""
    return metadata.authors[0]["family"] if metadata.authors else ""


def cited_labels(analysis: ArticleAnalysis) -> list[str]:
    """The label, or else the first word, of the entry each mention names, in text order."""
    references = analysis.references
    return [references[m.reference].label or references[m.reference].raw_text.split()[0] for m in analysis.mentions]
