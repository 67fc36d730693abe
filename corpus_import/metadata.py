"""Step 2 of the pipeline: the article's own title, authors, DOI, languages.

The header of a converted article is a handful of short lines: codes (UDC,
IRSTI), a DOI link, the title, the author line, affiliations, e-mails, then
the abstract. The abstract (or, without one, the first author line) anchors
the search: the title is the best-scoring line just before it, the authors
are the name lines around the title. A file that is a whole journal issue
has its board and contents before the article; anchoring on the first
abstract skips them, since a board has no abstract.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from corpus_import.sections import END_MARKER

UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"
INITIALS = rf"(?:[{UPPER}][{LOWER}]?\.\s?){{1,3}}"
SURNAME = rf"[{UPPER}][{LOWER}'’]+(?:-[{UPPER}]?[{LOWER}'’]+)?"
NAME = re.compile(rf"(?P<a>{INITIALS})\s*(?P<b>{SURNAME})\.?|(?P<c>{SURNAME})\s+(?P<d>{INITIALS})")
SEPARATOR = re.compile(r"^[\s,;*·]*(?:(?:and|и|және|&)\s+)?")
ABSTRACT = re.compile(r"^\s*(?:abstract|annotation|summary|аннотация|аңдатпа|андатпа|түйіндеме|резюме)\s*[.:—–-]", re.I)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
HEADER_WINDOW = 25
AUTHOR_WINDOW = 10
NOT_TITLE = re.compile(
    r"@|\b(?:UDC|УДК|IRSTI|МРНТИ|ГРНТИ|ISSN|ISBN|DOI|ORCID|E-mail|Email|e-mail)\b|https?://|"
    r"\b(?:universit\w*|университет\w*|университеті|institute|институт\w*|academy|академи\w*|faculty|факультет\w*"
    r"|department|кафедр\w*|scientific article|research article|original article|научная статья|ғылыми мақала"
    r"|received|accepted|published)\b",
    re.IGNORECASE,
)
KAZAKH = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)


@dataclass
class Metadata:
    """What the article says about itself."""

    title: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    doi: str = ""
    languages: list[str] = field(default_factory=list)
    title_line: int | None = None


def clean(line: str) -> str:
    return re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰*]+", "", line).strip()


def abstract_line(lines: Sequence[str]) -> int | None:
    return next((index for index, line in enumerate(lines) if ABSTRACT.match(line)), None)


def parse_names(line: str) -> list[dict[str, str]]:
    """The names an author line opens with, in printed order; [] if it opens otherwise."""
    names, rest = [], clean(line)
    while rest:
        rest = SEPARATOR.sub("", rest, count=1)
        match = NAME.match(rest)
        if not match:
            break
        given = match.group("a") or match.group("d")
        family = match.group("b") or match.group("c")
        names.append({"family": family.rstrip("."), "given": re.sub(r"\s+", "", given)})
        rest = rest[match.end() :]
    return names


def is_author_line(line: str) -> bool:
    text = clean(line)
    return 0 < len(text) < 250 and "@" not in text and bool(parse_names(text)) and not END_MARKER.match(text)


def title_score(lines: Sequence[str], index: int, anchor: int) -> float:
    """How much a header line looks like the article title."""
    text = clean(lines[index])
    words = text.split()
    if len(text) < 15 or len(words) < 3 or len(text) > 400 or NOT_TITLE.search(text) or is_author_line(text):
        return -1.0
    if re.fullmatch(r"[\d\s.,:;()\-–/№]+", text) or END_MARKER.match(text) or ABSTRACT.match(text):
        return -1.0
    letters = [char for char in text if char.isalpha()]
    score = 1.0 + (2.0 if letters and all(char.isupper() for char in letters) else 0.0)
    score += 1.0 if len(words) >= 5 else 0.0
    score += (
        2.0 if any(index != other and lines[other].strip().endswith(text) for other in window(lines, anchor)) else 0
    )
    score -= 0.05 * (anchor - index)
    score -= 3.0 if text.endswith(".") and len(words) > 25 else 0.0
    return score


def window(lines: Sequence[str], anchor: int) -> range:
    return range(max(0, anchor - HEADER_WINDOW), anchor)


def find_title(lines: Sequence[str], anchor: int) -> int | None:
    scored = [(title_score(lines, index, anchor), index) for index in window(lines, anchor) if lines[index].strip()]
    scored = [(score, index) for score, index in scored if score > 0]
    return max(scored)[1] if scored else None


def find_authors(lines: Sequence[str], title: int | None, anchor: int) -> list[dict[str, str]]:
    """Names on the author lines after the title, else on those just above it."""
    if title is None:
        return names_in(lines, range(max(0, anchor - AUTHOR_WINDOW), anchor))
    below = names_in(lines, range(title + 1, min(anchor, title + AUTHOR_WINDOW)))
    return below or names_in(lines, range(max(0, title - AUTHOR_WINDOW), title))


def names_in(lines: Sequence[str], indexes: range) -> list[dict[str, str]]:
    authors: list[dict[str, str]] = []
    for index in indexes:
        if is_author_line(lines[index]):
            authors += [name for name in parse_names(lines[index]) if name not in authors]
    return authors


def find_doi(lines: Sequence[str], anchor: int) -> str:
    """The DOI printed in the header (before the abstract or within 40 lines)."""
    for line in lines[: max(anchor, 40)]:
        match = DOI.search(line)
        if match:
            return match.group(1).rstrip(".,;)")
    return ""


def line_language(line: str) -> str | None:
    if KAZAKH.search(line) and CYRILLIC.search(line):
        return "kk"
    cyrillic, latin = len(CYRILLIC.findall(line)), len(LATIN.findall(line))
    if cyrillic + latin < 20:
        return None
    return "ru" if cyrillic > latin else "en"


def detect_languages(lines: Sequence[str], exclude: Sequence[range] = ()) -> list[str]:
    """Languages with a real share of the running text, the main one first."""
    weights: dict[str, int] = {}
    for index, line in enumerate(lines):
        if any(index in span for span in exclude):
            continue
        language = line_language(line)
        if language:
            weights[language] = weights.get(language, 0) + len(line)
    total = sum(weights.values()) or 1
    ranked = sorted(weights.items(), key=lambda item: -item[1])
    return [language for language, weight in ranked if weight >= 0.03 * total]


def extract_metadata(lines: Sequence[str], exclude: Sequence[range] = ()) -> Metadata:
    """Title, authors, DOI and languages of the article in `lines`."""
    anchor = abstract_line(lines)
    if anchor is None:
        anchor = next((index for index, line in enumerate(lines) if is_author_line(line)), min(len(lines), 30))
        anchor = first_paragraph_after(lines, anchor)
    title = find_title(lines, anchor)
    return Metadata(
        title=clean(lines[title]) if title is not None else "",
        authors=find_authors(lines, title, anchor),
        doi=find_doi(lines, anchor),
        languages=detect_languages(lines, exclude),
        title_line=title,
    )


def first_paragraph_after(lines: Sequence[str], start: int) -> int:
    """Without an abstract, the header ends at the first long paragraph."""
    for index in range(start, len(lines)):
        if len(lines[index]) > 300:
            return index
    return len(lines)
