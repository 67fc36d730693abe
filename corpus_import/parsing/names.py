"""Personal names: the author block at the head of a reference, editors, responsibility statements.

A name is tried in the shapes reference styles print it, most specific first:
1. `Family I.O.` / `Family, I. O.` (GOST, APA, Harvard);
2. `I.O. Family` (GOST responsibility area, IEEE);
3. `Family AB` (Vancouver, initials without dots);
4. `Family, Given M.` (APA with full names, Chicago);
5. `Family Given` for Chinese/Korean names (syllable check);
6. `Given M. Family` (printed given-first).
Shapes 4-6 carry no initials, so a block made only of them must end as a name
block does (a full stop and more text, or the year), otherwise the words are
taken for a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chars import LO, UP, YEAR
from .lexicon import COMMON_GIVEN, ORG_STEMS, ORG_WORDS, ROMANIZED_ORG_STEMS, words
from .patterns import EDITOR_PHRASE, HONORIFIC

Name = dict[str, str]

PARTICLE = (
    r"(?:(?:van|von|de|der|den|di|da|du|del|della|dos|das|la|le|ter|ten|bin|ibn|zu|af|av|St\.|Ó|Ní|"
    r"De|Van|Von|Di|Da|Du|Del|Della|Dos|Das|Le|La|Der|Den|Ter|Ten|Vander|Vanden|Van\sder|Van\sden|Mac|Mc|O'|"
    r"ван|фон|де|дер|ди|да|ле|ла|аль|эль|ибн|бен|Ван|Фон|Де|Ди|Ле|Ла)\s){0,3}"
)
# LC romanization marks the soft and hard signs with the modifier primes ʹ ʺ (`Bartolʹd`, `Podʺiachev`).
CORE = rf"(?:[{UP}]['’])?[{UP}][{LO}]+(?:[{UP}][{LO}]+)?(?:['’ʼʹʺ][{LO}]+){{0,2}}ʹ?"
SURNAME = rf"{PARTICLE}(?:(?:al|el|ad|as|ash|at|abu)-)?{CORE}(?:-(?:{CORE}|[{LO}]+)){{0,2}}"
CAPS_SURNAME = rf"[{UP}]{{2,}}(?:-[{UP}]{{2,}})?"
INIT = rf"(?:Shch|Sch|Dzh|Zh|Ch|Sh|Kh|Ts|Yu|Ya|Ye|Yo|Дж|[{UP}](?:-[{UP}])?)\."
INITS = rf"{INIT}(?:\s?-?\s?{INIT}){{0,3}}"
GIVEN = rf"[{UP}][{LO}]+(?:-[{UP}][{LO}]+)?"

FAMILY_INITIALS = re.compile(rf"(?:(?P<fam>{SURNAME}),?\s?|(?P<caps>{CAPS_SURNAME})(?:,\s?|\s))(?P<ini>{INITS})")
INITIALS_FAMILY = re.compile(rf"(?P<ini>{INITS})\s?(?P<fam>{SURNAME})")
# Vancouver initials without dots; romanized Cyrillic letters take two (`Yermekbayev YeS`, `Abenov ZhK`).
# and French/Chinese hyphenated given names keep their hyphen (`Ng-Chen M-L`, `Dupont J-P`).
VANCOUVER_LETTER = rf"(?:Zh|Ye|Yu|Ya|Yo|Sh|Kh|Ch|Ts|[{UP}])"
VANCOUVER_INITIALS = rf"{VANCOUVER_LETTER}(?:-?{VANCOUVER_LETTER}){{0,2}}"
VANCOUVER = re.compile(
    # Springer prints `Qadir M et al (eds)` / `Lee M et al (2019)`: `et al` without a comma or full stop ends it too
    rf"(?P<fam>{SURNAME})\s(?P<ini>{VANCOUVER_INITIALS})(?=[,.;:]|\s(?:and|&)\s|\s\((?:{YEAR}|[Ee]ds?\b|[Ee]ditors?\b)|\set\sal\b|$)"
)
NAME_END = r"(?:(?<=\.)(?=\s)|(?=[,.;:(]|\s[(&]|\sand\s|$))"
FAMILY_COMMA_GIVEN = re.compile(rf"(?P<fam>{SURNAME}),\s(?P<giv>{GIVEN}(?:\s(?:{INITS}|{GIVEN}))?){NAME_END}")
# `Jones Luong, Pauline, and Erika Weinthal`: a two-word family, trusted only before `, and` another name.
COMPOUND_FAMILY_GIVEN = re.compile(rf"(?P<fam>{CORE}\s{CORE}),\s(?P<giv>{GIVEN})(?=,\s(?:and|&)\s[{UP}])")
COMPOUND_FAMILY_INITIALS = re.compile(rf"(?P<fam>{CORE}\s{CORE}),\s?(?P<ini>{INITS})")
TWO_WORDS = re.compile(rf"(?P<fam>[{UP}][{LO}]+)\s(?P<giv>[{UP}][{LO}'’]+(?:-[{LO}]+)?)(?=[,.;]|\sand\s|$)")
GIVEN_FAMILY = re.compile(
    rf"(?P<giv>(?:{INIT}\s)?{GIVEN}(?:\s(?:{INITS}|{GIVEN}))?)\s(?P<fam>{SURNAME})(?=[,.;:(]|\s(?:and|&|\()|$)"
)
PATRONYMIC = r"(?:ович|евич|ьевич|ич|овна|евна|ьевна|ична|івна|ївна|ұлы|қызы|кызы|улы|uly|kyzy|ovich|evich|ovna|evna)"
FAMILY_GIVEN_PATRONYMIC = re.compile(
    rf"(?P<fam>{SURNAME})\s(?P<giv>[{UP}][{LO}]+\s[{UP}][{LO}]+{PATRONYMIC})(?=[,.;:]|\s|$)"
)
FAMILY_INITIAL_GIVEN = re.compile(rf"(?P<fam>{SURNAME}),\s(?P<giv>{INIT}\s{GIVEN})(?=\.\s(?:{YEAR}|\()|,\s(?:and|&)\s)")

# `отв. ред. Б.К. Султанов, науч. ред. М.Т. Лаумулин`, `под ред. проф. А.А. Громыко`: roles and titles between names.
HONORIFIC_RE = re.compile(HONORIFIC)
ROLE_AT = re.compile(EDITOR_PHRASE.pattern.removeprefix("^"))
INITIAL_IN_GIVEN = re.compile(rf"(?:^|\s){INIT}(?:\s|$)")
SEPARATOR = re.compile(r"\s?(?:[,;]\s?(?:and\s|&\s?|и\s)?|\s(?:and|&|и|та|і|und|és)\s)")
ET_AL = re.compile(
    r",?\s?(?:&\s)?(?:\[\s?)?(?:et\s?al\.?|and\sothers|и\s(?:др|соавт)\.?|та\sін\.?|және\sт\.б\.?|и\sсотр\.?|u\.\s?a\.|"
    r"и\sдруги|и\sколл\.?)(?:\s?\])?"
)
# APA 7 prints the first nineteen authors, an ellipsis, then the last: `Sato, S., . . . Zimmermann, Z.`
ELLIPSIS = re.compile(r",?\s?(?:\.\s?\.\s?\.|…)\s?(?:&\s)?")
EDITOR_MARK = re.compile(
    r"\s?\(\s?(?:eds?|Eds?|editors?|Editors?|ред|Hrsg|hrsg|éds?|coord)\.?\s?\)\.?,?|,\s(?:eds?\.|Eds?\.|editors?|Editors?)(?=[\s,.]|$)|"
    r"\s(?:eds?|Eds?)\.(?=\s\(?(?:1[5-9]|20)\d\d)"
)
NAME_FOLLOWS = re.compile(rf"\s(?:by\s)?[{UP}]")
ENDS_LIKE_NAMES = re.compile(r"\s?(?:[.:]\s|,?\s?\(?(?:1[5-9]\d\d|20\d\d)|,\s?[\"“«„]|$)")
LATIN_SYLLABLES = re.compile(
    r"^(?:(?:zh|ch|sh|ts|sy|[bpmfdtnlgkhjqxrzcswyv])?(?:[aeiouy]{1,3})(?:ng|n)?)+$",
)
CYRILLIC_SYLLABLES = re.compile(r"^(?:(?:цз|чж|[бпмфдтнлгкхцчшжзсвр])?(?:[аоэеиуыюяё]{1,2})(?:нь|н|й|ь)?)+$")


@dataclass
class NameBlock:
    """Names read from the head of a text and where the block ends."""

    names: list[Name]
    end: int
    editors: bool = False


def compact_initials(initials: str) -> str:
    """`S. A.` -> `S.A.` (the project's convention: printed initials, no spaces)."""
    return "".join(initials.split())  # str.split parts on the characters of the regex \s


def _chinese_like(family: str, given: str) -> bool:
    """Both words are strings of Chinese syllables (pinyin, Wade-Giles, Palladius or its romanization)."""
    words = [w.lower().replace("'", "").replace("’", "").replace("-", "") for w in (family, given)]
    if not all(2 <= len(w) <= 12 for w in words):
        return False
    pattern = LATIN_SYLLABLES if words[0].isascii() else CYRILLIC_SYLLABLES
    return all(pattern.match(w) for w in words)


def _person(match: re.Match[str], shape: str) -> Name:
    groups = match.groupdict()
    family = (groups.get("fam") or groups.get("caps") or "").strip()
    if shape in ("FI", "IF"):
        return {"family": family, "given": compact_initials(groups["ini"])}
    if shape == "V":
        return {"family": family, "given": groups["ini"]}
    return {"family": family, "given": groups["giv"].strip()}


def _match_name(text: str, pos: int, first_shape: str | None) -> tuple[Name, int, str] | None:
    """The name starting at `pos`, its end, and its shape code."""
    initials_block = first_shape in ("FI", "IF", "V")
    given_first = first_shape == "GF" or text[pos : pos + 12].split(" ")[0].lower() in COMMON_GIVEN
    if given_first:
        match = GIVEN_FAMILY.match(text, pos)
        if match and not _has_org_word(match.group(0)):
            return _person(match, "GF"), match.end(), "GF"
    match = FAMILY_GIVEN_PATRONYMIC.match(text, pos)
    if match:
        return _person(match, "FP"), match.end(), "FP"
    if not initials_block:
        match = FAMILY_INITIAL_GIVEN.match(text, pos)
        if match:
            return _person(match, "FG"), match.end(), "FG"
    if first_shape == "FG":
        # Chicago/MLA invert only the first name: `Allison, Roy, and Lena Jonson`.
        match = GIVEN_FAMILY.match(text, pos)
        if match and not _has_org_word(match.group(0)):
            return _person(match, "GF"), match.end(), "GF"
    for shape, pattern in (("FI", FAMILY_INITIALS), ("IF", INITIALS_FAMILY), ("V", VANCOUVER)):
        match = pattern.match(text, pos)
        if match and not _has_org_word(match.group("fam") or ""):
            if shape == "IF" and not initials_block:
                longer = _initial_given_family(text, pos, match.end())
                if longer:
                    return longer
            return _person(match, shape), match.end(), shape
    if initials_block:
        match = COMPOUND_FAMILY_INITIALS.match(text, pos)
        return (_person(match, "FI"), match.end(), "FI") if match else None
    match = FAMILY_COMMA_GIVEN.match(text, pos)
    if match and first_shape in (None, "FG"):
        return _person(match, "FG"), match.end(), "FG"
    match = COMPOUND_FAMILY_GIVEN.match(text, pos) if first_shape is None else None
    if match and not _has_org_word(match.group(0)):
        return _person(match, "FG"), match.end(), "FG"
    match = TWO_WORDS.match(text, pos)
    if match and _chinese_like(match.group("fam"), match.group("giv")):
        return _person(match, "CN"), match.end(), "CN"
    match = GIVEN_FAMILY.match(text, pos)
    if match and not _has_org_word(match.group(0)):
        return _person(match, "GF"), match.end(), "GF"
    return None


def _initial_given_family(text: str, pos: int, end: int) -> tuple[Name, int, str] | None:
    """`S. Frederick Starr`: an initial, a given name and the family, not `Frederick, S.` before a title.

    Taken only when the family word ends the name (a full stop, comma or `and` follows it).
    """
    match = GIVEN_FAMILY.match(text, pos)
    if not match or match.end() <= end or " " in text[end + 1 : match.end()]:
        return None
    if _has_org_word(match.group(0)):
        return None
    return _person(match, "GF"), match.end(), "GF"


def _has_org_word(text: str) -> bool:
    """A body or a title, not a person: an organization word, or a function word where a name would be."""
    return any(w.lower().strip(".,") in ORG_WORDS or w.lower().strip(",") in NOT_GIVEN for w in text.split())


NOT_GIVEN = words("the an of in on for and to from with by at this that new our")


FUNCTION_WORD = re.compile(r"^(?:[a-zа-яіїєёәғқңөұүһ]{1,3}|and|for|the|und|des|del)$")
ORG_STEM = re.compile("^(?:" + "|".join(sorted(ORG_STEMS)) + f")[{LO}]{{0,3}}$", re.IGNORECASE)
ORG_HEAD = re.compile("^(?:" + "|".join(sorted(ORG_STEMS)) + f")[{LO}]?$", re.IGNORECASE)
CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁёІіЇїЄєҐґӘәҒғҚқҢңӨөҰұҮүҺһ]")
ROMANIZED_ORG_HEAD = re.compile("^(?:" + "|".join(sorted(ROMANIZED_ORG_STEMS)) + ")[a-z]{0,2}$", re.IGNORECASE)


def is_organization(text: str, sentence_case: bool = False) -> bool:
    """A corporate body's name (`Міністерство закордонних справ України`, `ҚР Статистика агенттігі`).

    Why: without initials a name-like sentence is either a body or a title; bodies name an institution
    with a known word or stem and capitalize most of their content words (function words aside). Cyrillic
    names are printed in sentence case, so there the institution word must lead (`Бюро национальной
    статистики`, `Евразийская экономическая комиссия`), in its nominative form; callers allow that only
    where a body is expected anyway (`sentence_case`: after ` / `, or before the title of a web page),
    because a book title may begin the same way (`Шанхайская организация сотрудничества: ...`).
    """
    words = [w.strip('(),.«»"') for w in text.split()]
    words = [w for w in words if w]
    if not words or len(words) > 12:
        return False
    if sentence_case and CYRILLIC_WORD.match(words[0]) and any(ORG_HEAD.match(w) for w in words[:2]):
        return True
    if sentence_case and ROMANIZED_ORG_HEAD.match(words[0]) and len(words) > 1:
        return True
    org = any(w.lower() in ORG_WORDS or ORG_STEM.match(w) for w in words)
    content = [w for w in words if not FUNCTION_WORD.match(w)]
    capitalised = sum(w[:1].isupper() for w in content)
    return org and bool(content) and capitalised >= len(content) / 2


def _credible(block: list[tuple[Name, str]], text: str, end: int) -> bool:
    """A block without printed initials must look like a name block, not a title."""
    shapes = {shape for _, shape in block}
    if shapes & {"FI", "IF", "V", "FP"}:
        return True
    after_stop = text[end - 1 : end + 1] == ". "
    with_initial = any(INITIAL_IN_GIVEN.search(name.get("given", "")) for name, _ in block)
    comma_title = with_initial and text[end : end + 2] == ", " and text[end + 2 : end + 3].isupper()
    ends = after_stop or comma_title or ENDS_LIKE_NAMES.match(text, end)
    if not ends or (end >= len(text) - 2 and "CN" not in shapes):
        return False
    if shapes == {"GF"}:
        first_given = block[0][0]["given"].split()[0].lower()
        return len(block) > 1 or first_given in COMMON_GIVEN or with_initial
    return True


def _read_block(text: str, pos: int, hint: str | None) -> tuple[list[tuple[Name, str]], int]:
    """The names from `pos` on, and where they end.

    A separator is taken only if a name follows it; that name, once matched, is the next one read
    (matching every name twice cost a tenth of the parser's name reading).
    """
    block: list[tuple[Name, str]] = []
    end = pos
    found = _match_name(text, end, hint)
    for _ in range(60):
        if not found:
            break
        name, name_end, shape = found
        block.append((name, shape))
        end = name_end
        et_al = ET_AL.match(text, end)
        if et_al:
            end = et_al.end()
            break
        sep = ELLIPSIS.match(text, end) or SEPARATOR.match(text, end)
        if not sep:
            break
        found = _match_name(text, sep.end(), block[0][1])
        if not found:
            break
        end = sep.end()
    return block, end


def _names_follow(text: str, pos: int) -> bool:
    """`..., ed. John Smith`: the mark introduces the names after it (`In: Laruelle M., ed. China's Belt` does not)."""
    follows = NAME_FOLLOWS.match(text, pos)
    return follows is not None and bool(_read_block(text, follows.end() - 1, None)[0])


def read_name_block(text: str, pos: int = 0, loose: bool = False, hint: str | None = None) -> NameBlock:
    """Read consecutive names from `pos`; `loose` accepts given-first names without end checks.

    `Alon Y. Levy, Divesh Srivastava` also reads as `Family I.` + title; when
    the given-first reading yields more names, it wins.
    """
    block, end = _read_block(text, pos, hint)
    if len(block) == 1 and block[0][1] == "FI":
        alternative, alt_end = _read_block(text, pos, "GF")
        if len(alternative) > 1 and {s for _, s in alternative} == {"GF"} and _credible(alternative, text, alt_end):
            block, end = alternative, alt_end
    editor = EDITOR_MARK.match(text, end) if block else None
    if editor and loose and "(" not in editor.group(0) and _names_follow(text, editor.end()):
        editor = None
    if not block or not (loose or editor or _credible(block, text, end)):
        return NameBlock([], pos)
    if editor:
        end = editor.end()
    return NameBlock([n for n, _ in block], end, editors=bool(editor))


GENITIVE_ENDINGS = (
    ("ского", "ский"), ("цкого", "цкий"), ("ського", "ський"), ("цького", "цький"), ("ской", "ская"),
    ("цкой", "цкая"), ("овой", "ова"), ("евой", "ева"), ("иной", "ина"), ("ової", "ова"), ("евої", "ева"),
    ("ова", "ов"), ("ева", "ев"), ("ёва", "ёв"), ("єва", "єв"), ("ина", "ин"), ("ына", "ын"), ("іна", "ін"),
    ("ая", "ай"), ("ея", "ей"), ("ovoi", "ova"), ("evoi", "eva"), ("inoi", "ina"), ("ova", "ov"), ("eva", "ev"),
    ("ina", "in"), ("yna", "yn"), ("енка", "енко"), ("ля", "ль"),
)  # fmt: skip
CONSONANT_A = re.compile("[бвгджзклмнпрстфхцчшщ]а$")


def nominative(family: str) -> str:
    """Russian/Ukrainian surname after `под ред.` (genitive) back to the nominative."""
    lower = family.lower()
    for ending, replacement in GENITIVE_ENDINGS:
        if lower.endswith(ending) and len(family) > len(ending) + 1:
            return family[: -len(ending)] + replacement
    if CONSONANT_A.search(lower) and len(family) > 4:
        return family[:-1]
    return family


def parse_name_list(text: str, genitive: bool = False, given_first: bool = False) -> list[Name]:
    """Every name in a responsibility statement or editor phrase (`А.Б. Иванова, В.Г. Петрова`).

    `given_first`: English `edited by Roald Z. Sagdeev and S. Frederick Starr` prints every name given-first.
    """
    names: list[Name] = []
    pos = 0
    text = text.strip(" ,;.:")
    for _ in range(30):
        while pos < len(text) and not text[pos].isalpha():
            pos += 1
        role = ROLE_AT.match(text, pos) or HONORIFIC_RE.match(text, pos)
        pos = role.end() if role and role.end() > pos else pos
        block = read_name_block(text, pos, loose=True, hint="GF" if given_first else None)
        if not block.names:
            break
        names.extend(block.names)
        pos = block.end
    if genitive:
        for name in names:
            name["family"] = nominative(name["family"])
    return names
