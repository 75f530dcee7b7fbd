"""Numbers with units as written in Japanese and English texts, and their comparison with glossary ranges."""

from __future__ import annotations

import pytest

from sphinx_exerkine.contradictions.quantities import (accepted_intervals, contradicts, describe_fact,
                                                       find_quantities)
from sphinx_exerkine.model import Range

# text -> (low, high, unit, kind)
PARSED = [
    ("直径30〜150 nmの小胞", (30, 150, "nm", "range")),
    ("直径30～150nmの小胞", (30, 150, "nm", "range")),
    ("３０〜１５０ｎｍ", (30, 150, "nm", "range")),
    ("30–150 nm", (30, 150, "nm", "range")),
    ("30-100nm程度", (30, 100, "nm", "range")),
    ("30 nm - 150 nm", (30, 150, "nm", "range")),
    ("30から150ナノメートルまで", (30, 150, "nm", "range")),
    ("30から 100ナノメーター", (30, 100, "nm", "range")),
    ("between 30 and 100 nm", (30, 100, "nm", "range")),
    ("from 50 to 80 nanometres", (50, 80, "nm", "range")),
    ("1〜5 µm", (1, 5, "µm", "range")),
    ("1-5 μm", (1, 5, "µm", "range")),
    ("1–5 um", (1, 5, "µm", "range")),
    ("0.5〜2マイクロメートル", (0.5, 2, "µm", "range")),
    ("直径約100 nm", (100, 100, "nm", "value")),
    ("about 100 nm", (100, 100, "nm", "value")),
    ("<200 nm", (0, 200, "nm", "below")),
    ("100 nm以下", (0, 100, "nm", "below")),
    ("up to 1 µm", (0, 1, "µm", "below")),
    ("1000 nm以上", (1000, float("inf"), "nm", "above")),
    ("larger than 500 nm", (500, float("inf"), "nm", "above")),
    ("20-25塩基", (20, 25, "nt", "range")),
    ("21〜23 nt", (21, 23, "nt", "range")),
    ("22 nucleotides", (22, 22, "nt", "value")),
    ("約70塩基対", (70, 70, "bp", "value")),
    ("112アミノ酸", (112, 112, "aa", "value")),
    ("26 kDa", (26, 26, "kDa", "value")),
]


@pytest.mark.parametrize("text, expected", PARSED)
def test_a_quantity_is_read_with_its_range_unit_and_kind(text, expected):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert (q.low, q.high, q.unit, q.kind) == expected


@pytest.mark.parametrize("text", ["2003年に提唱された", "図1と表2", "IL-6とIL-15", "n = 12", "CD63", "1,000人を対象に"])
def test_numbers_without_a_unit_are_not_quantities(text):
    assert find_quantities(text) == []


def test_the_span_of_a_quantity_is_what_was_written():
    text = "エクソソームは直径 400〜900 nm の小胞"
    (q,) = find_quantities(text)
    assert text[q.start:q.end] == "400〜900 nm"


EXOSOME = Range(30, 150, "nm", source="A", reported=(Range(30, 100, "nm", source="B"), Range(20, 200, "nm", "C")))
STRICT = Range(30, 150, "nm", source="A")


@pytest.mark.parametrize("text, wrong", [
    ("30〜150 nm", False),
    ("30〜100 nm", False),
    ("約100 nm", False),
    ("0.03〜0.1 µm", False),
    ("<200 nm", False),
    ("100 nm以下", False),
    ("50 nm以上", False),
    ("400〜900 nm", True),
    ("1〜5 µm", True),
    ("10 nm", True),
    ("<20 nm", True),
    ("1000 nm以上", True),
    ("20 nt", False),  # another dimension: not comparable
])
def test_a_stated_range_inside_the_glossary_range_is_consistent_and_one_outside_contradicts(text, wrong):
    (q,) = find_quantities(text)
    assert contradicts(q, STRICT) is wrong


def test_reported_ranges_widen_what_is_accepted():
    (q,) = find_quantities("20〜200 nm")
    assert contradicts(q, STRICT)
    assert not contradicts(q, EXOSOME)
    assert accepted_intervals(EXOSOME) == [(20, 200)]


def test_the_description_of_a_fact_quotes_its_sources():
    assert describe_fact(STRICT) == "30–150 nm; source: A"
    assert describe_fact(EXOSOME) == "30–150 nm; source: A; also reported: 30–100 nm (B), 20–200 nm (C)"
