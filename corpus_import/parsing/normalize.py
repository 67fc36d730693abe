"""Cleanup of one printed reference before any field is read.

PDF-to-text leaves markdown debris (`*italic*`, `\\_`, `<url>`, `[text](url)`,
`<sup>`), list labels (`1.`, `[1]`, `- [1]`, `Alimbekov, 2020 –`), odd spaces
and several dash characters. Every later pattern assumes one space, one dash
(`–`) and no markup, so this runs first and only once.
"""

from __future__ import annotations

import re
import unicodedata

from .chars import DASHES, LETTER, LO, UP, YEAR

MAX_LENGTH = 3000

# A regex, not str.translate: translate looks every character of a Cyrillic string up in a dict (15x slower).
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
HTML_TAG = re.compile(r"</?(?:sup|sub|u|b|i|em|strong|span|br|small|a)\b[^<>]{0,200}>", re.IGNORECASE)
SUPERSCRIPT = re.compile(r"<sup>[^<]{0,20}</sup>", re.IGNORECASE)
ANGLE_URL = re.compile(r"<((?:https?|ftp)://[^<>\s]+|www\.[^<>\s]+)>")
ESCAPE = re.compile(r"\\+([_*\[\]()#.\-!`<>&+~|{}])")
EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
STRAY_STARS = re.compile(r"\*{1,3}")
HEADING = re.compile(r"^#{1,6}\s+")
DASH_RUN = re.compile(f"[{DASHES}]")
SPACED_HYPHEN = re.compile(r"(?<=\S) -{1,2} (?=\S)")
# `регионе.-Алматы:Білім, 2008.-200 с.`: GOST areas printed without spaces around their dash.
GLUED_AREA = re.compile(rf"(?<=[{LO}\d]{{2}})\.[-–](?=[{UP}\d])")
BROKEN_WORD = re.compile(f"(?<=[{LO}])- (?=[{LO}])")
DOUBLE_BRACKET = re.compile(r"\[\s*\[")
NUMBER_LABEL = re.compile(r"^(?:[-*•·]\s*)?(?:\[\s*\d{1,4}[a-z]?\s*\]|\(\d{1,4}\)|\d{1,3}[.)](?![\d.]))\s*")
BULLET = re.compile(r"^[-*•·]\s+")
AUTHOR_YEAR_LABEL = re.compile(
    rf"^[{UP}][{LETTER}'’\-]+(?:\s(?:et al\.|и др\.|and [{UP}][{LETTER}'’\-]+|& [{UP}][{LETTER}'’\-]+))?,?\s"
    rf"({YEAR})[a-zа-я]?\s*–\s+(?=\S)"
)
MD_LINK_START = re.compile(r"\[([^\[\]]{0,600})\]\(")


def _link_end(text: str, start: int, label: str) -> int:
    """Index after the `)` closing a link target; a URL label is matched literally (its parentheses may not pair)."""
    if label and text.startswith(label, start) and text[start + len(label) : start + len(label) + 1] == ")":
        return start + len(label) + 1
    depth, end = 1, start
    while end < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    return -1 if depth else end


def _replace_links(text: str) -> str:
    """`[text](url)` -> url (or `text url`), matching parentheses inside the url."""
    out: list[str] = []
    pos = 0
    for _ in range(50):
        match = MD_LINK_START.search(text, pos)
        if not match:
            break
        label = match.group(1)
        label_plain = ESCAPE.sub(r"\1", label).strip()
        end = _link_end(text, match.end(), label_plain)
        if end < 0:
            break
        target = text[match.end() : end - 1]
        target = ESCAPE.sub(r"\1", target).strip()
        same = label_plain.rstrip("/") == target.rstrip("/") or label_plain.startswith(("http", "www."))
        out.append(text[pos : match.start()])
        out.append(target if same else f"{label} {target}")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def strip_markup(text: str) -> str:
    """Remove markdown/HTML debris, keep the printed words and URLs.

    Each pass runs only when its marker character occurs: most references carry no markup at all.
    """
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if "<" in text:
        text = SUPERSCRIPT.sub("", text) if "<sup>" in text.lower() else text
        text = ANGLE_URL.sub(r"\1", text)
        text = HTML_TAG.sub("", text)
    if "](" in text:
        text = _replace_links(text)
    if "\\" in text:
        text = ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = EMPHASIS.sub(r"\2", text)
        text = STRAY_STARS.sub("", text)
    return text


def tidy(text: str) -> str:
    """One space, one dash character, rejoined line-break hyphenation, TeX quotes as typographic ones.

    `str.split` splits on exactly the characters `\\s` matches (every Unicode space, no-break ones too).
    """
    text = " ".join(text.split())
    if "``" in text:
        text = text.replace("``", "“").replace("''", "”")
    text = DASH_RUN.sub("–", text)
    if " -" in text:
        text = SPACED_HYPHEN.sub(" – ", text)
    if ".-" in text or ".–" in text:
        text = GLUED_AREA.sub(". – ", text)
    if "- " in text:
        text = BROKEN_WORD.sub("-", text)
    return DOUBLE_BRACKET.sub("[", text) if "[" in text else text


def strip_label(text: str) -> tuple[str, int | None]:
    """Drop a leading list label; return the text and the year an author-year label carries."""
    text = HEADING.sub("", text)
    for _ in range(2):
        stripped = NUMBER_LABEL.sub("", text, count=1)
        stripped = BULLET.sub("", stripped, count=1)
        if stripped == text:
            break
        text = stripped
    match = AUTHOR_YEAR_LABEL.match(text)
    if match and len(text) > match.end() + 10:
        return text[match.end() :], int(match.group(1))
    return text, None


def normalize(text: str) -> tuple[str, int | None]:
    """The cleaned reference and the year of its author-year label, if any."""
    text = tidy(strip_markup(text[:MAX_LENGTH]))
    text, label_year = strip_label(text)
    return text.strip(" ,;"), label_year
