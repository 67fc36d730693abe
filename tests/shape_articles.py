"""What the import-shape test modules (tests/test_import_shapes*.py) share.

Each module annotates a folder of invented articles by reading them; these read the same things back
from the analysis, so that every module compares its annotations with one definition of each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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


def first_word(text: str) -> str:
    """The first word of a text, without a trailing comma ("" for none)."""
    return text.split()[0].rstrip(",") if text else ""


def labels(analysis: ArticleAnalysis) -> list[str]:
    """The label of the entry each mention names, in text order."""
    return [analysis.references[m.reference].label for m in analysis.mentions]


def by_citation(analysis: ArticleAnalysis, keys: bool = False) -> list[list[str]]:
    """The first words of the entries (of their labels with `keys`) each citation names, sorted, citation by
    citation in text order."""
    groups: dict[tuple[int, str], list[str]] = {}
    for m in analysis.mentions:
        reference = analysis.references[m.reference]
        groups.setdefault((m.offset, m.marker), []).append(first_word(reference.label if keys else reference.raw_text))
    return [sorted(words) for _, words in sorted(groups.items())]


def annotation_tests(
    folder: Path, annotated: dict[str, tuple[int, int]], headers: dict[str, tuple[str, str]]
) -> tuple[Callable[..., None], ...]:
    """The checks every module makes of its annotations: the folder holds the annotated files, each file has
    its annotated (entries, mentions), and its title and first author's family name are read. A module binds
    them to names starting with `test_` so that pytest collects them."""

    def test_annotations_cover_the_folder() -> None:
        assert sorted(path.name for path in folder.glob("*.txt")) == sorted(annotated)

    @pytest.mark.parametrize("name", sorted(annotated))
    def test_article_has_the_annotated_number_of_entries_and_mentions(name: str) -> None:
        assert counts(analyse_file(folder, name)) == annotated[name]

    @pytest.mark.parametrize("name", sorted(headers))
    def test_article_title_and_first_author_are_read(name: str) -> None:
        metadata = analyse_file(folder, name).metadata
        assert (metadata.title, first_family(metadata)) == headers[name]

    return (
        test_annotations_cover_the_folder,
        test_article_has_the_annotated_number_of_entries_and_mentions,
        test_article_title_and_first_author_are_read,
    )
