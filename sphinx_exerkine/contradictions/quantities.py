"""Numeric ranges with units, in Japanese and English writing, and their comparison with glossary ranges.

Recognised forms (digits may be full-width): ``30-150nm``, ``30〜150 nm``, ``30～150nm``, ``30–150 nm``,
``30 nm - 150 nm``, ``30から150ナノメートルまで``, ``between 30 and 100 nm``, ``from 30 to 100 nm``, single
values (``直径約100 nm``, ``about 100 nm``) and bounds (``<200 nm``, ``100 nm以下``, ``up to 1 µm``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..model import Range
from ..normalize import fold_width
from ..lazyre import lazy

#: unit spelling -> (canonical unit, dimension, factor to the dimension's base unit)
_UNITS: dict[str, tuple[str, str, float]] = {}
for _names, _canon, _dim, _factor in (
    (("nm", "ナノメートル", "ナノメーター", "nanometers", "nanometres", "nanometer", "nanometre"), "nm", "length", 1.0),
    (("µm", "μm", "um", "マイクロメートル", "マイクロメーター", "ミクロン", "micrometers", "micrometres",
      "micrometer", "micrometre", "microns", "micron"), "µm", "length", 1000.0),
    (("nt", "塩基", "ヌクレオチド", "nucleotides", "nucleotide", "bases", "base"), "nt", "sequence", 1.0),
    (("bp", "塩基対", "base pairs", "base pair", "base-pairs"), "bp", "sequence", 1.0),
    (("kDa", "キロダルトン", "kilodaltons", "kilodalton"), "kDa", "mass", 1.0),
    (("aa", "アミノ酸", "アミノ酸残基", "残基", "amino acids", "amino acid", "residues"), "aa", "residues", 1.0),
):
    for _name in _names:
        _UNITS[_name.lower()] = (_canon, _dim, _factor)

_UNIT = "(?:" + "|".join(re.escape(u).replace(r"\ ", r"\s") for u in sorted(_UNITS, key=len, reverse=True)) + ")"
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_SEP = r"(?:-|~|〜|～|–|—|−|‐|‑|から|to|and|ー)"

#: a number with a unit, starting at its first digit (fast to search: most positions fail at once)
QUANTITY = lazy(
    rf"""
    (?<![\d.,])(?P<a>{_NUM})
    (?:\s*(?P<ua>{_UNIT})?\s*{_SEP}\s*(?P<b>{_NUM}))?
    \s*(?P<unit>{_UNIT})(?![A-Za-z])
    (?:\s*(?:(?P<le>以下|未満|以内|まで|より小さ|を下回)|(?P<ge>以上|超|より大き|を超え|を上回)|(?P<about>程度|前後|くらい|ぐらい|ほど)))?
    """,
    re.X | re.I,
)
#: words that may stand before the number, read backwards from it: (word, meaning)
_PREFIX_WORDS: tuple[tuple[str, str], ...] = (
    ("between", "range"), ("from", "range"),
    ("less than", "below"), ("smaller than", "below"), ("no more than", "below"), ("no larger than", "below"),
    ("up to", "below"), ("at most", "below"), ("under", "below"), ("below", "below"), ("<", "below"),
    ("≤", "below"), ("≦", "below"),
    ("more than", "above"), ("larger than", "above"), ("greater than", "above"), ("at least", "above"),
    ("exceeding", "above"), ("over", "above"), ("above", "above"), (">", "above"), ("≥", "above"), ("≧", "above"),
    ("approximately", "approx"), ("approx.", "approx"), ("approx", "approx"), ("about", "approx"),
    ("around", "approx"), ("roughly", "approx"), ("ca.", "approx"), ("約", "approx"), ("およそ", "approx"),
    ("おおよそ", "approx"), ("ほぼ", "approx"), ("~", "approx"),
)


def _prefix(text: str, pos: int, floor: int) -> tuple[int, str | None, bool]:
    """Read "about", "<", "between" ... backwards from ``pos``: (start, bound kind, approximate)."""
    start, bound, approximate = pos, None, False
    cut = pos
    for _ in range(3):
        before = text[max(floor, cut - 16):cut].rstrip()
        lowered = before.lower()
        for word, meaning in _PREFIX_WORDS:
            if lowered.endswith(word) and (not word[0].isalpha() or word[0] > "\u3000"
                                           or len(lowered) == len(word) or not lowered[-len(word) - 1].isalpha()):
                break
        else:
            break
        cut = cut - (len(text[max(floor, cut - 16):cut]) - len(before)) - len(word)
        start = cut
        if meaning == "approx":
            approximate = True
        elif meaning in ("below", "above") and bound is None:
            bound = meaning
    return start, bound, approximate


#: a digit followed by what may start a unit: the cheap test before the full pattern
_WIDE = lazy(r"[\uff01-\uff5e]")
_DIGIT = lazy(r"[0-9０-９][\s0-9０-９.,~〜～\-–ーから]*(?:[nNｎµμuｕbBｂkKｋaAａ]|ナノ|マイクロ|ミクロン|塩基|ヌクレ|キロ|アミノ|残基)")


def may_hold_quantity(text: str) -> bool:
    """The cheap test :func:`find_quantities` starts with: a text it fails holds no quantity."""
    return _DIGIT.search(text) is not None


#: words before a quantity that say which fact it measures
SIZE_WORDS = lazy(r"直径|大きさ|サイズ|粒径|径|diameter|size|wide|across", re.I)
LENGTH_WORDS = lazy(r"長さ|塩基長|鎖長|length|long", re.I)


class Quantity(NamedTuple):
    """A stated amount, in the unit it was written in."""

    #: lower and upper value in ``unit``
    low: float
    high: float
    #: canonical unit as written (nm, µm, nt, bp, kDa, aa)
    unit: str
    #: ``range``, ``value``, ``below`` (an upper bound) or ``above`` (a lower bound)
    kind: str
    approximate: bool
    #: offsets in the text the quantity was found in
    start: int
    end: int

    @property
    def dimension(self) -> str:
        return _UNITS[self.unit.lower()][1]

    def describe(self) -> str:
        if self.kind == "range":
            return f"{fmt(self.low)}–{fmt(self.high)} {self.unit}"
        if self.kind == "below":
            return f"below {fmt(self.high)} {self.unit}"
        if self.kind == "above":
            return f"above {fmt(self.low)} {self.unit}"
        return f"{'about ' if self.approximate else ''}{fmt(self.low)} {self.unit}"


@lru_cache(maxsize=256)
def unit_info(spelling: str) -> tuple[str, str, float] | None:
    return _UNITS.get(re.sub(r"\s+", " ", spelling).lower())


def dimension(unit: str) -> str | None:
    info = unit_info(unit)
    return info[1] if info else None


def convert(value: float, unit: str, to: str) -> float:
    """``value`` in ``unit`` expressed in ``to`` (same dimension)."""
    src, dst = unit_info(unit), unit_info(to)
    assert src and dst and src[1] == dst[1], (unit, to)
    return value * src[2] / dst[2]


def fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity with a unit in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    if not _DIGIT.search(text, start, end):
        return []
    folded = fold_width(text) if _WIDE.search(text, start, end) else text
    found: list[Quantity] = []
    for m in QUANTITY.finditer(folded, start, end):
        unit = unit_info(m.group("unit"))
        if unit is None:
            continue
        begin, bound, approximate = _prefix(folded, m.start(), start)
        canon = unit[0]
        a = _number(m.group("a"))
        approximate = approximate or bool(m.group("about"))
        if m.group("b") is not None:
            b = _number(m.group("b"))
            if m.group("ua"):
                first = unit_info(m.group("ua"))
                if first is None or first[1] != unit[1]:
                    continue
                a = a * first[2] / unit[2]
            low, high = min(a, b), max(a, b)
            kind = "range"
        else:
            low = high = a
            kind = "value"
        closes_range = kind == "range" and m.group("le") == "まで"  # 「30から150 nmまで」
        if bound == "below" or m.group("le") and not closes_range:
            kind, low = "below", 0.0
        elif bound == "above" or m.group("ge"):
            kind, high = "above", float("inf")
        found.append(Quantity(low, high, canon, kind, approximate, begin, m.end()))
    return found


# ------------------------------------------------------------------------------------------ comparison

#: relative slack allowed at each end of a glossary range (rounding in texts); doubled for "about"
TOLERANCE = 0.1


@lru_cache(maxsize=512)
def accepted_intervals(fact: Range) -> list[tuple[float, float]]:
    """The glossary range and its reported ranges, in the fact's unit, merged where they overlap."""
    spans = [(fact.min, fact.max)]
    for r in fact.reported:
        if dimension(r.unit) == dimension(fact.unit):
            spans.append((convert(r.min, r.unit, fact.unit), convert(r.max, r.unit, fact.unit)))
    spans.sort()
    merged: list[tuple[float, float]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def contradicts(q: Quantity, fact: Range) -> bool:
    """True when ``q`` is incompatible with ``fact`` (and its reported ranges); False when consistent or
    not comparable (another dimension)."""
    if dimension(fact.unit) != q.dimension:
        return False
    low = convert(q.low, q.unit, fact.unit)
    high = convert(q.high, q.unit, fact.unit) if q.high != float("inf") else q.high
    tol = TOLERANCE * (2 if q.approximate else 1)
    spans = accepted_intervals(fact)
    if q.kind == "below":  # "< X": wrong only when nothing in the glossary range is below X
        return high < spans[0][0] * (1 - tol)
    if q.kind == "above":  # "> X": wrong only when nothing in the glossary range is above X
        return low > spans[-1][1] * (1 + tol)
    return not any(low >= lo * (1 - tol) and high <= hi * (1 + tol) for lo, hi in spans)


def describe_fact(fact: Range) -> str:
    """``30–150 nm; source: ...`` with the reported ranges that differ from the main one."""
    text = f"{_span(fact)}; source: {fact.source or 'not given'}"
    others = [r for r in fact.reported if (r.min, r.max, r.unit) != (fact.min, fact.max, fact.unit)]
    if others:
        text += "; also reported: " + ", ".join(
            f"{_span(r)} ({r.source})" if r.source else _span(r) for r in others)
    return text


def _span(r: Range) -> str:
    if r.min == r.max:
        return f"{fmt(r.min)} {r.unit}"
    return f"{fmt(r.min)}–{fmt(r.max)} {r.unit}"
