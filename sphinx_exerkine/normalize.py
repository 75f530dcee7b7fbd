"""Normalization with an offset map back to the original text.

Two tools:

* :data:`WIDTH_TABLE` — a length-preserving ``str.translate`` table (full-width ASCII to ASCII, dash and
  hyphen look-alikes to ``-``), applied to whole texts before Latin and mixed-script matching, so offsets
  do not move at all.
* :func:`normalize_kana` — for short katakana runs: NFKC (half-width katakana), voiced marks written
  separately (``カ゛``, ``ｶﾞ``, combining U+3099), look-alike long-vowel marks (dashes, minus signs, bars,
  half-width ``ｰ``, the kanji 一) and hiragana or kanji look-alikes inside katakana words. It returns the
  normalized string and, for each normalized character, the span of original characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# ----------------------------------------------------------------------------- whole-text, same length


def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "  # ideographic space
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212\uff0d":
        table[ord(dash)] = "-"
    return table


#: full-width ASCII -> ASCII, hyphen look-alikes -> "-"; every mapping is one character to one character
WIDTH_TABLE = _width_table()


_FOLDABLE_CHAR = "[" + re.escape("".join(sorted(chr(cp) for cp in WIDTH_TABLE))) + "]"
#: ``[c][c]*`` rather than ``[c]+``: starting with a single character class lets the regex engine search
#: for the first character in C (twice as fast over a long text)
_FOLDABLE = re.compile(_FOLDABLE_CHAR + _FOLDABLE_CHAR + "*")


def has_foldable(text: str) -> bool:
    """Would :func:`fold_width` change ``text``? (Every character it folds becomes another one.)"""
    return _FOLDABLE.search(text) is not None


def _fold_run(match: re.Match) -> str:
    return match.group().translate(WIDTH_TABLE)


def fold_width(text: str) -> str:
    """Same-length folding for Latin matching: ``ＩＬ－６`` -> ``IL-6``.

    Only the runs of foldable characters are translated (five times faster than translating every
    character of a long Japanese text)."""
    return _FOLDABLE.sub(_fold_run, text)


# ----------------------------------------------------------------------------- katakana runs

#: characters read as the long-vowel mark after a katakana character (the matcher's run pattern only lets
#: ASCII "-" and the kanji 一 in when another katakana character follows)
LONG_VOWEL_LOOKALIKES = "\u30fc\uff70\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d\u2500\u2501\u4e00-"
#: hiragana that look like katakana (identical or nearly identical glyphs)
HIRAGANA_LOOKALIKES = {"へ": "ヘ", "べ": "ベ", "ぺ": "ペ", "り": "リ", "か": "カ", "も": "モ"}
#: kanji that look like katakana, when written between katakana
KANJI_LOOKALIKES = {"力": "カ", "口": "ロ", "工": "エ", "夕": "タ", "卜": "ト", "八": "ハ", "二": "ニ"}
#: separate voiced / semi-voiced sound marks (spacing, half-width and combining)
VOICED_MARKS = {"\u309b": "\u3099", "\uff9e": "\u3099", "\u3099": "\u3099",
                "\u309c": "\u309a", "\uff9f": "\u309a", "\u309a": "\u309a"}
#: characters that may split a word: middle dots and spaces
JOINERS = "・･ \u3000"


def is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch in "ーヽヾ"


def is_halfwidth_katakana(ch: str) -> bool:
    return "\uff66" <= ch <= "\uff9d"


class Normalized(NamedTuple):
    """A normalized string; ``starts[i]``/``ends[i]`` give the original span of character ``i``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: the characters that were changed (for messages: "half-width", "look-alike", ...)
    changes: frozenset[str]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original span of normalized characters ``i..j`` (exclusive), offsets relative to the input."""
        return self.starts[i], self.ends[j - 1]


def normalize_kana(run: str) -> Normalized:
    """Normalize a katakana run (see the module docstring); offsets are relative to ``run``."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    changes: set[str] = set()
    n = len(run)
    for i, ch in enumerate(run):
        if ch in "\r\n" or ch in " \t\u3000" and _next_to_newline(run, i):
            continue  # a word wrapped at the end of a line is still one word
        mark = VOICED_MARKS.get(ch)
        if mark is not None and chars:
            composed = unicodedata.normalize("NFC", chars[-1] + mark)
            if len(composed) == 1:
                chars[-1] = composed
                ends[-1] = i + 1
                changes.add("separate voiced mark")
                continue
        if is_halfwidth_katakana(ch):
            out = unicodedata.normalize("NFKC", ch)
            changes.add("half-width katakana")
        elif ch in LONG_VOWEL_LOOKALIKES and chars and (is_katakana(chars[-1])):
            out = "ー"
            if ch != "ー":
                changes.add(f"'{ch}' used as the long-vowel mark")
        elif ch in HIRAGANA_LOOKALIKES and _kana_neighbour(run, i, n):
            out = HIRAGANA_LOOKALIKES[ch]
            changes.add(f"hiragana '{ch}' inside a katakana word")
        elif ch in KANJI_LOOKALIKES and _kanji_lookalike_here(run, i, n):
            out = KANJI_LOOKALIKES[ch]
            changes.add(f"kanji '{ch}' inside a katakana word")
        else:
            out = ch
        chars.append(out)
        starts.append(i)
        ends.append(i + 1)
    return Normalized("".join(chars), tuple(starts), tuple(ends), frozenset(changes))


def _kanji_lookalike_here(run: str, i: int, n: int) -> bool:
    """A kanji that looks like katakana is read as katakana inside a katakana word, at its start before
    katakana, or at its end (the run pattern only lets it end a run before Latin letters or digits)."""
    if n == 1:
        return False

    def kana(k: int) -> bool:
        return is_katakana(run[k]) or is_halfwidth_katakana(run[k])

    return (i == 0 or kana(i - 1)) and (i == n - 1 or kana(i + 1))


def _next_to_newline(run: str, i: int) -> bool:
    """True for white space between a character and a line break (or after one)."""
    rest = run[i:].lstrip(" \t\u3000")
    before = run[:i].rstrip(" \t\u3000")
    return rest.startswith(("\n", "\r")) or before.endswith("\n")


def _kana_neighbour(run: str, i: int, n: int, both: bool = False) -> bool:
    left = i > 0 and (is_katakana(run[i - 1]) or is_halfwidth_katakana(run[i - 1]))
    right = i + 1 < n and (is_katakana(run[i + 1]) or is_halfwidth_katakana(run[i + 1]))
    return (left and right) if both else (left or right)


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)
