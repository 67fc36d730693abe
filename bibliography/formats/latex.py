"""LaTeX escaping for BibTeX values, and decoding of what other tools wrote.

Values stay UTF-8 (biber and bibtexparser read it natively); only the
characters that mean something to TeX are escaped. `url` and `doi` are
verbatim fields in biblatex, so they are never escaped, only kept brace-safe.
"""

from __future__ import annotations

import re

from pylatexenc.latex2text import LatexNodes2Text

ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
SPECIAL = re.compile(r"[\\{}&%$#_~^]")
VERBATIM_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}
# Longest first, so `\textbackslash{}` is not read as `\t...`.
KNOWN_ESCAPES = sorted(((latex, char) for char, latex in ESCAPES.items()), key=lambda pair: -len(pair[0]))
EXTRA_ESCAPES = [(r"\textbackslash", "\\"), (r"\textasciitilde", "~"), (r"\textasciicircum", "^")]
# Private-use placeholders: survive pylatexenc untouched.
PLACEHOLDER_BASE = 0xE000
LATEX_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def escape(text: str) -> str:
    """A UTF-8 value with TeX specials escaped, on one line."""
    if not text:
        return text
    text = " ".join(text.split())
    return SPECIAL.sub(escape_match, text) if SPECIAL.search(text) else text


def escape_match(match: re.Match[str]) -> str:
    return ESCAPES[match.group()]


def verbatim(text: str) -> str:
    """A URL or DOI as biblatex reads it verbatim: untouched except brace-breaking characters."""
    return "".join(VERBATIM_UNSAFE.get(char, char) for char in text.strip())


def decode(value: str) -> str:
    """Plain UTF-8 text from a BibTeX value (escapes, accents, protective braces).

    1. Our own escapes (and a lone `%`, which TeX would treat as a comment)
       become placeholders, so nothing below can misread them.
    2. Remaining macros (`{\\'e}`, `\\"{o}`) go through pylatexenc; without any,
       only grouping braces and `~` ties are removed (fast path).
    3. Placeholders come back as the characters they stand for.
    """
    protected, table = protect(value)
    if "\\" in protected:
        text = LATEX_TO_TEXT.latex_to_text(protected)
    else:
        text = protected.replace("{", "").replace("}", "").replace("~", " ")
    for placeholder, char in table.items():
        text = text.replace(placeholder, char)
    return " ".join(text.split())


def protect(value: str) -> tuple[str, dict[str, str]]:
    """Replace known escapes and bare `%` with placeholders (step 1 of `decode`)."""
    table: dict[str, str] = {}
    for latex, char in [*KNOWN_ESCAPES, *EXTRA_ESCAPES, ("%", "%")]:
        if latex in value:
            placeholder = chr(PLACEHOLDER_BASE + len(table))
            table[placeholder] = char
            value = value.replace(latex, placeholder)
    return value, table


def decode_verbatim(value: str) -> str:
    """A URL/DOI as others write it (`10.1007/x{\\_}26`): escapes and braces removed."""
    for latex, char in KNOWN_ESCAPES:
        value = value.replace(latex, char)
    return value.replace("{", "").replace("}", "").strip()
