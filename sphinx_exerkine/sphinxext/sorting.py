"""Sort orders of the rendered glossary: あいうえお order of readings, alphabetical English terms.

Readings are compared the way Japanese dictionaries order them: first without voicing marks and with
small kana as full-size ones, the long-vowel mark counting as the vowel it lengthens; ties are then
broken by the exact spelling (so か < が, や < ゃ stays stable).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Concept

_SMALL = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
_VOICED = str.maketrans(
    "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ",
    "かきくけこさしすせそたちつてとはひふへほはひふへほう",
)
_ROWS = ("あかさたなはまやらわ", "いきしちにひみ り ", "うくすつぬふむゆる ", "えけせてねへめ れ ", "おこそとのほもよろを")
#: the vowel of each full-size, unvoiced kana
_VOWEL: dict[str, str] = {kana: row[0] for row in _ROWS for kana in row if kana != " "}
_VOWEL.update({"ゐ": "い", "ゑ": "え"})


def reading_key(reading: str) -> tuple[str, str]:
    """The sort key of a hiragana reading."""
    base = reading.translate(_SMALL).translate(_VOICED)
    out: list[str] = []
    for ch in base:
        if ch == "ー" and out:
            ch = _VOWEL.get(out[-1], ch)
        out.append(ch)
    return "".join(out), reading


def english_key(term: str) -> tuple[str, str]:
    return term.casefold(), term


def sort_concepts(concepts: list[Concept], order: str) -> list[Concept]:
    """``order``: ``reading`` (あいうえお) or ``english``."""
    if order == "reading":
        return sorted(concepts, key=lambda c: (reading_key(c.ja.reading), c.id))
    return sorted(concepts, key=lambda c: (english_key(c.en.term), c.id))
