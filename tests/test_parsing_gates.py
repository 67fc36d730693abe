"""The parser's speed-ups change nothing it finds.

Gated patterns (`corpus_import.parsing.gates`) skip the regex when none of their hint words occurs; the
property tests below draw strings the pattern matches and require the gate to let each of them through.
The other fast paths (whitespace, dashes, script counts, look-alike repair, comma splitting) are checked
against the slower formulation they replaced.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_import.parsing import csltype, web
from corpus_import.parsing.chars import CYR_LO, CYR_UP, LAT_LO, LAT_UP, count_scripts
from corpus_import.parsing.elements import _split_outside_brackets, comma_parts
from corpus_import.parsing.gates import Gated
from corpus_import.parsing.normalize import tidy
from corpus_import.parsing.script import _repair_word, repair_lookalikes

GATED = {
    f"{m.__name__.rsplit('.', 1)[1]}.{k}": v for m in (web, csltype) for k, v in vars(m).items() if isinstance(v, Gated)
}
WORD = re.compile(f"[{LAT_UP}{LAT_LO}{CYR_UP}{CYR_LO}]+")
TEXT = st.text(
    alphabet=st.sampled_from(list("abcxyz ABCHKOPTX .,;:-–—()[]«»\"'\u00a0\u2009\tавсекморхуАВСЕНКМОРТХыіә0123"))
)


def test_every_expensive_pattern_of_the_web_and_type_stages_is_gated() -> None:
    assert {"web.ACCESSED", "web.URL_LEADS", "web.CONTENT_AREA", "csltype.THESIS", "csltype.LEGISLATION"} <= set(GATED)


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_gate_lets_through_every_string_its_pattern_matches(name: str) -> None:
    gate = GATED[name]
    possible = web.lead_possible if gate is web.URL_LEADS else gate.possible
    # One space where the pattern allows a run: hints are words, and nested `(\s*...)+` runs make the
    # generator's own matching backtrack without end (the parser only sees single spaces).
    tamed = re.compile(gate.pattern.pattern.replace(r"\s*", r"\s?").replace(r"\s+", r"\s"), gate.pattern.flags)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(tamed))
    def check(text: str) -> None:
        assert possible(text), text

    check()


@pytest.mark.parametrize(
    ("gate", "text"),
    [
        (web.ACCESSED, "Available at: https://x.kz (дата обращения: 05.03.2023)."),
        (web.ACCESSED, "URL: http://x.kz (data obrashcheniya: 12.05.2020)."),
        (csltype.THESIS, "Название : автореф. дис. ... канд. ист. наук"),
        (csltype.LEGISLATION, "Про освіту : закон України від 05.09.2017 № 2145-VIII"),
    ],
)
def test_gated_search_finds_what_the_plain_pattern_finds(gate: Gated, text: str) -> None:
    found, plain = gate.search(text), gate.pattern.search(text)
    assert found is not None and plain is not None and found.span() == plain.span()


@given(TEXT)
def test_whitespace_and_dashes_are_tidied_as_the_regex_did(text: str) -> None:
    spaced = re.sub(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text).strip()
    expected = re.sub("[–—−‒―]", "–", spaced)
    assert tidy(text).replace(" – ", "").replace("-", "") == tidy(expected).replace(" – ", "").replace("-", "")
    assert " ".join(text.split()) == spaced


@given(TEXT)
def test_script_counts_equal_counting_every_letter(text: str) -> None:
    cyr = len(re.findall(f"[{CYR_UP}{CYR_LO}]", text))
    lat = len(re.findall(f"[{LAT_UP}{LAT_LO}]", text))
    assert count_scripts(text) == (cyr, lat)


@given(TEXT)
def test_look_alike_repair_visits_the_same_words_as_before(text: str) -> None:
    cyr, lat = count_scripts(text)
    if not cyr:
        assert repair_lookalikes(text) == text
        return
    context = cyr > lat
    marked = re.sub(r"(?<![\w.])([CT])\.(?=\s?\d)", lambda m: {"C": "С", "T": "Т"}[m.group(1)] + ".", text)
    expected = WORD.sub(lambda m: _repair_word(m.group(0), context), marked if context else text)
    assert repair_lookalikes(text) == expected


@given(st.text(alphabet=st.sampled_from(list("ab ,.–01"))))
def test_comma_split_fast_path_equals_the_bracket_aware_scan(text: str) -> None:
    assert text.split(", ") == _split_outside_brackets(text)
    assert comma_parts(text) == comma_parts(text + "")
