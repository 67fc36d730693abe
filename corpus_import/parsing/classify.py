"""What each segment of a reference body is: locators, editors, an edition, a genre, an event, or text.

A segment is classified on its own, before the walk decides where text goes (`assemble`): a locator
segment is one whose tokens the locator grammar consumes entirely; an editor statement opens with a
role phrase (`под ред.`, `edited by`, `за ред.`); compilers are recognised only to be left out; an
event's place and date in parentheses date the item but are neither pages nor a publisher.
"""

from __future__ import annotations

import re

from .chars import YEAR
from .draft import Part
from .locators import MONTH_NAMES, MONTHS, Locators, read_locators, split_trailing
from .names import parse_name_list
from .patterns import COMPILER_PHRASE, EDITOR_PHRASE, GENITIVE_EDITOR
from .segments import PAPER_GENRE, Segment

EDITION_IN_PAREN = re.compile(r"^(?:\d+(?:st|nd|rd|th)|[Rr]ev\.|[Rr]evised)\s(?:ed|edn)\.?,\s")

PAREN_GENRE = re.compile(PAPER_GENRE)

EVENT_DATE = re.compile(
    rf"\d{{1,2}}(?:\s?[–-]\s?\d{{1,2}})?\s{MONTHS}\.?\s{YEAR}|{MONTH_NAMES}\s\d{{1,2}}(?:\s?[–-]\s?\d{{1,2}})?,\s{YEAR}"
)

PAREN_NUMBER = re.compile(r"^(?:Publication|Order|Document|Accession|UMI|ProQuest)\s(?:No\.?|Number)\s?\S+$")

EDITION = re.compile(
    r"^(?:\d+(?:-?е|-?ге|-?є|-?те|-?тє|st|nd|rd|th)?\s?(?:изд|вид|ed|Aufl|édition|басылым)\.?|(?:Изд|изд|Вид|вид)\.\s?\d+-?е?)"
    r"[\w\s.,-]{0,40}$"
)

GENRE_START = re.compile(
    r"^(?:дис+\.|дис+ертация|автореф|дисертац|abstract\sof\s(?:a\s|the\s)?dissertation|dissertation|Ph\.?D\.?\s"
    r"(?:thesis|diss)|thesis|master'?s\sthesis|doctoral\sthesis|диссертация|монография|учебник|учеб\.\sпособие|"
    r"учебное\sпособие|monograph|textbook|technical\sreport|tech\.\s?rep(?:ort)?\.?|working\spaper|research\sreport|"
    r"discussion\spaper|policy\sbrief|preprint|internet-draft|dis+\.\s?(?:\.\.\.|…|kand|d-ra|dokt)|avtoref\.|"
    # RSCI twins: `Cand. Diss.`, `Dr. Diss.`, `Diss. kand. ist. nauk`
    # and with the field between (`Cand. polit. sci. diss.`, `Dr. econ. sci. diss.`)
    r"(?:cand|dr|doct?)\.?\s(?:[a-z]{2,8}\.\s){0,2}diss(?:\.|$)|diss\.\s(?:kand|dokt|d-ra|cand)|"
    r"(?:extended\s)?abstract\sof\s(?:the\s)?(?:cand|dr|doct|candidate|doctoral|ph\.?\s?d)\w*\.?\s)",
    re.IGNORECASE,
)

YEAR_WORD = re.compile(rf"\b{YEAR}\b")
LEADING_EDITION = re.compile(
    r"^((?:\d+(?:st|nd|rd|th|-?е|-?ге|-?є|-?те)?\s?|(?:[Rr]ev(?:ised)?|[Ss]econd|[Tt]hird|[Nn]ew|[Ee]xpanded)\.?\s)"
    r"(?:ed|edn|edition|изд|вид|басылым)\.?),\s(?=\S)"
)


def classify(seg: Segment) -> Part:
    text = seg.text
    if seg.sep == "bracket":
        return Part("bracket", text, seg.sep)
    if seg.sep == "paren" and PAREN_GENRE.search(text):
        return Part("genre", text, seg.sep)
    if seg.sep == "paren" and PAREN_NUMBER.match(text):
        return Part("note", text, seg.sep)  # `(Publication No. 10823512)`: a database number, not an issue
    if seg.sep == "paren" and EVENT_DATE.search(text):
        return Part("loc", text, seg.sep, _event_date(text))
    if seg.sep == "paren":
        text = EDITION_IN_PAREN.sub("", text)
    loc = read_locators(text)
    if loc:
        return Part("loc", text, seg.sep, loc)
    match = EDITOR_PHRASE.match(text)
    if match:
        names = parse_name_list(text[match.end() :], genitive=bool(GENITIVE_EDITOR.match(text)))
        if names:
            return Part("editor", text, seg.sep, names=names)
    match = COMPILER_PHRASE.match(text)
    if match and parse_name_list(text[match.end() :]):
        return Part("compiler", text, seg.sep)
    if EDITION.match(text):
        return Part("edition", text, seg.sep)
    if GENRE_START.match(text):
        return Part("genre", text, seg.sep)
    head, tail = split_trailing(text)
    return Part("text", head, seg.sep, tail, raw=text)


def _event_date(text: str) -> Locators | None:
    """`(Бишкек, 15–16 мая 2018 г.)`: where and when an event was held. Its date may date the item (a speech,
    an address); its day range is not a page range and its place is not the publisher's."""
    loc = read_locators(text) or split_trailing(text)[1]
    if loc:
        loc.volume = loc.issue = loc.page = loc.count = ""
        loc.bare = []
    return loc


def edition_first(seg: Segment) -> list[Segment]:
    """`Rev. ed., Verso, 2006` / `2nd ed., London: Routledge, 2001`: the edition, then the imprint on its own.

    Why: read as one segment, the edition phrase swallows the imprint that follows it after a comma.
    """
    match = LEADING_EDITION.match(seg.text)
    if not match or seg.sep in ("bracket", "paren") or not YEAR_WORD.search(seg.text, match.end()):
        return [seg]  # `2-е изд., испр. и доп.`: the rest qualifies the edition
    return [Segment(match.group(1), seg.sep), Segment(seg.text[match.end() :], seg.sep)]
