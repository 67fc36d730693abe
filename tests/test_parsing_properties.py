"""No input crashes the parser: random and hostile strings always give a well-formed CSL item.

Hypothesis' deadline (not a timing assertion of ours) flags any input that
sends a regular expression into catastrophic backtracking.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus_import.parsing import parse_reference
from corpus_import.parsing.assemble import build_item

NAME_KEYS = {"family", "given", "literal"}
DATE_KEYS = ("issued", "accessed")
FRAGMENTS = [
    "Иванов И.И.", "Buzan B.,", "Gregory Gleason and", "Ян Юнмин,", "NATO.", " // ", ". – ", " – ", "Т. 51,",
    "№ 1.", "С. 59–79.", "Vol. 94, No. 6.", "P. 1249–1267", "pp.", "46 с.", "564 p.", "М.: Наука, 2011.",
    "Под ред. А. Богатурова.", "[Электронный ресурс].", "URL:", "http://x.kz/a- b", "<https://y.org/(a>",
    "(дата обращения: 05.03.2023)", "(date of treatment 11/27/2020)", "[in Russian]", "[The role of]", "(2022)",
    "12(3), 45-67", "2019;12(3):45-67", "*italic*", "**bold**", "\\_", "[t](https://u.v/w)", "- [1]", "1.",
    "Alimbekov, 2020 –", "HATO", "ISBN 978-5-00-000000-0", "doi:10.1000/xyz", "(", ")", "[", "]", "«", "»",
    "\"", "'", "/", ":", ";", ",", ".", "?", "—", "\u00a0", "\t", "\n", "\x00", "\ud7ff", "𝔘",
]  # fmt: skip


def assert_well_formed(item: Any) -> None:
    """The contract every caller (importer, command, exports) relies on."""
    assert isinstance(item, dict)
    assert isinstance(item["type"], str) and item["type"]
    assert 0.0 <= item["_confidence"] <= 1.0
    for role in ("author", "editor"):
        names = item.get(role, [])
        assert isinstance(names, list)
        for name in names:
            assert isinstance(name, dict) and name and set(name) <= NAME_KEYS
            assert all(isinstance(v, str) and v for v in name.values())
    for key in DATE_KEYS:
        if key in item:
            parts = item[key]["date-parts"]
            assert len(parts) == 1 and parts[0] and all(isinstance(p, int) for p in parts[0])
    if "_label_year" in item:
        assert isinstance(item["_label_year"], int)
    for key, value in item.items():
        if key not in ("author", "editor", *DATE_KEYS) and not key.startswith("_"):
            assert isinstance(value, str) and value, key


hostile = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
repeated = st.tuples(st.sampled_from(FRAGMENTS), st.integers(1, 400)).map(lambda t: t[0] * t[1])
PROPERTY = settings(max_examples=300, deadline=timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.text(max_size=600))
@example("")
@example("   ")
@example("(" * 3000)
@example("[x](" * 600)
@example("A. " * 1000)
@example("Иванов И.И., " * 400)
def test_any_text_gives_a_well_formed_item(text: str) -> None:
    assert_well_formed(parse_reference(text))


@PROPERTY
@given(hostile)
def test_reference_shaped_fragments_in_any_order_give_a_well_formed_item(text: str) -> None:
    assert_well_formed(parse_reference(text))


@PROPERTY
@given(repeated)
def test_long_repetitions_give_a_well_formed_item(text: str) -> None:
    assert_well_formed(parse_reference(text))


@PROPERTY
@given(st.one_of(st.text(max_size=400), hostile))
def test_the_rules_themselves_never_raise(text: str) -> None:
    """parse_reference hides a bug behind a low-confidence item; the rules must not need that."""
    assert_well_formed(build_item(text))


@PROPERTY
@given(st.binary(max_size=300))
def test_decoded_bytes_give_a_well_formed_item(data: bytes) -> None:
    assert_well_formed(parse_reference(data.decode("utf-8", errors="replace")))


def test_non_string_input_is_tolerated() -> None:
    assert_well_formed(parse_reference(None))  # type: ignore[arg-type]
    assert_well_formed(parse_reference(12345))  # type: ignore[arg-type]
