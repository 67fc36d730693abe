"""Step 1 of the pipeline: bytes -> clean text.

Article texts arrive as PDF-to-markdown conversions: UTF-8 mostly, cp1251
from older Windows tools, and full of markdown debris (`**`, `<sup>`, `\\_`,
`<url>`, `[text](url)`). The cleanup works line by line and never joins or
splits lines, so a line number in the cleaned text is a line number in the
file, and error messages can point at it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable


class ReadError(ValueError):
    """The file is not article text (binary, undecodable, empty)."""


# Control characters other than tab, newline, carriage return, form feed.
NUL = b"\x00"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CP1251_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєЎў]")


def line_of(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1251; binary data is refused.

    cp1251 maps almost every byte to some character, so it is accepted only
    when the result reads like text: few control characters and some letters.
    """
    if not data.strip():
        raise ReadError("the file is empty")
    if NUL in data:
        raise ReadError(f"binary file (NUL byte at line {line_of(data, data.index(NUL))})")
    try:
        return strip_bom(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise ReadError(not_text_message(data, utf8_error)) from None
    if not looks_like_text(text):
        raise ReadError(not_text_message(data, utf8_error))
    return text


def strip_bom(text: str) -> str:
    return text[1:] if text.startswith("\ufeff") else text


def looks_like_text(text: str) -> bool:
    """Plain prose: letters dominate and control characters are rare."""
    letters = sum(1 for char in text if char.isalpha())
    controls = len(CONTROL.findall(text))
    return letters >= 0.4 * len(text.strip()) and controls <= 0.01 * len(text)


def not_text_message(data: bytes, error: UnicodeDecodeError) -> str:
    line = line_of(data, error.start)
    return f"not UTF-8 or cp1251 text (byte 0x{data[error.start]:02x} at line {line}); binary?"


# Markdown debris, applied in this order.
MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\((https?://[^\s]*?|www\.[^\s]*?)\)(?=[\s.,;:!?)\]]|$)")
AUTOLINK = re.compile(r"<((?:https?://|www\.)[^\s<>]+)>")
# `^1^`, `^*^`: pandoc's superscript.
SUPERSCRIPT = re.compile(r"<sup>.*?</sup>|\^\{[^{}\n]*\}|\^[^\^\s]{1,12}\^", re.IGNORECASE)
# `word<sup>2,3</sup>`: a citation or footnote number after a word; kept as Unicode superscripts
# (`word²,³`) so that mentions can read it, while affiliation marks at a line start still go.
# ACS and other chemistry styles print a range with the minus sign (`<sup>4−6</sup>`).
SUPERSCRIPT_NUMBER = re.compile(
    r"(?<=\S)(?:<sup>\s*(\d{1,3}(?:\s*[,;–—−-]\s*\d{1,3})*)\s*</sup>|\^(\d{1,3}(?:[,;–—−-]\d{1,3})*)\^)",
    re.IGNORECASE,
)
TO_SUPERSCRIPT = str.maketrans("0123456789-–—−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻⁻")
HTML_TAG = re.compile(r"</?(?:u|b|i|em|strong|span|br|sub|p|div)\b[^>\n]*>", re.IGNORECASE)
# `<br>` inside a table cell or list item parts words (`steppe.<br>Agric.`): it is a space, not nothing.
LINE_BREAK_TAG = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
# A setext heading's underline (`=====`, `-----` under `References`), a horizontal rule and a table's rule
# (`|-----|:---|`) are no text.
RULE_LINE = re.compile(r"^\s{0,3}(?:=+|-+|\*+|_+)\s*$|^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# A reference list printed as a table (docling, marker): `| 1 | Author. Title. Journal 2012, 32, 1–5. |` is the
# numbered entry `1. Author. ...`; only a row of a number and one long cell, so that data tables stay as they are.
TABLE_ENTRY = re.compile(r"^\s*\|\s*\[?(\d{1,3})[.\]]?\s*\|\s*([^|]{20,}?)\s*\|\s*$")
ESCAPE = re.compile(r"\\+([_*\[\]()#$.\-!<>&`~|+{}'\"])")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
BULLET_STAR = re.compile(r"^(\s*)\*(\s+)")
EMPHASIS = re.compile(r"\*+")
SUPERSCRIPT_DIGITS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


def unescape(text: str) -> str:
    return ESCAPE.sub(r"\1", text)


def replace_link(match: re.Match[str]) -> str:
    """Keep the URL as printed; a titled link keeps its title and its URL."""
    label, target = unescape(match.group(1)).strip(), match.group(2)
    if not label or label == target or re.match(r"(?:https?://|www\.)", label):
        return label or target
    return f"{label} ({target})"


# A character every pattern of `clean_markup` needs (`|` a table, `<` a tag, `^` a superscript, `]` a link, `#` a
# heading, `*` emphasis, a backslash an escape): most lines have none, and skip its ten substitutions (the costliest
# part of reading an article, measured).
MARKUP = re.compile(r"[|<^\]#*\\]")


def clean_line(line: str) -> str:
    """Markdown debris removed from one line; URLs kept intact."""
    line = line.replace("\f", "").rstrip("\r")
    if RULE_LINE.match(line) and len(line.strip()) >= 3:
        return ""
    if MARKUP.search(line):
        line = clean_markup(line)
    return unspaced(line.rstrip())


def clean_markup(line: str) -> str:
    """Tables, tags, links, superscripts, headings, bullets and emphasis removed, in this order."""
    line = TABLE_ENTRY.sub(r"\1. \2", line)
    line = LINE_BREAK_TAG.sub(" ", line)
    line = MD_LINK.sub(replace_link, line)
    line = AUTOLINK.sub(r"\1", line)
    line = SUPERSCRIPT_NUMBER.sub(
        lambda match: re.sub(r"\s+", "", match.group(1) or match.group(2)).translate(TO_SUPERSCRIPT), line
    )
    line = SUPERSCRIPT.sub("", line)
    line = HTML_TAG.sub("", line)
    line = HEADING.sub("", line)
    line = BULLET_STAR.sub(r"\1-\2", line)
    return protect_urls(line, lambda part: EMPHASIS.sub("", unescape(part)))


# `A B S T R A C T`, `A R T I C L E  I N F O`: a heading set in spaced capitals (Elsevier's first page), whose
# letters the conversion keeps apart; one space parts letters, two or more part words.
LETTER_SPACED = re.compile(r"^\s*[^\W\d_](?: [^\W\d_]){3,}(?: {2,}[^\W\d_](?: [^\W\d_])+)*\s*$")


def unspaced(line: str) -> str:
    """A line of letters set apart one by one, read as its words: `A B S T R A C T` -> `ABSTRACT`."""
    if not LETTER_SPACED.match(line):
        return line
    return " ".join(word.replace(" ", "") for word in re.split(r" {2,}", line.strip()))


URL = re.compile(r"(?:https?://|www\.)\S+")
URL_ESCAPE = re.compile(r"\\+([_()\[\]])")


def protect_urls(line: str, clean: Callable[[str], str]) -> str:
    """Apply `clean` to the text between URLs; URLs only lose markdown escapes."""
    parts, last = [], 0
    for match in URL.finditer(line):
        parts.append(clean(line[last : match.start()]))
        parts.append(URL_ESCAPE.sub(r"\1", match.group(0)))
        last = match.end()
    parts.append(clean(line[last:]))
    return "".join(parts)


# Typesetting characters a PDF keeps and a reader does not see: ligatures (`ﬁ` in `ﬁndings`, `ﬃ` in `Griﬃn`) are
# their letters, no-break and narrow spaces are spaces, zero-width characters are nothing, so that names and
# words in the text and in the list compare equal.
TYPESET = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u2060": "",
        "\ufeff": "",
    }
)
# `str.translate` with a mapping looks every character of the text up in it (0.6 ms of an article's 30 ms,
# measured); the few characters concerned are found by one regex scan, and most texts have none.
TYPESET_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in TYPESET) + "]")
# A soft hyphen marks where the typesetter may break a word: at a line end it is the hyphen of a word broken
# there (`экономиче-` / `ской`, joined back by entries.join_lines); anywhere else it is invisible.
SOFT_HYPHEN_AT_END = re.compile(r"\u00ad[ \t]*$", re.MULTILINE)


def untypeset(text: str) -> str:
    """`text.translate(TYPESET)`, without a table lookup for every character."""
    return TYPESET_CHARS.sub(lambda match: TYPESET[ord(match.group())], text)


def clean_text(text: str) -> str:
    """The whole text cleaned, with the same number of lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = SOFT_HYPHEN_AT_END.sub("-", untypeset(text)).replace("\u00ad", "")
    return "\n".join(clean_line(line) for line in text.split("\n"))


def read_article(data: bytes) -> str:
    """Decoded and cleaned article text; raises ReadError for non-text."""
    text = clean_text(decode(data))
    if not text.strip():
        raise ReadError("the file has no text")
    return text
