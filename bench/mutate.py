"""Kana helpers and spelling mutations used to plant unlisted variants in the benchmark corpus.

Every mutation takes a term and returns all the distinct strings it can make from it, so the caller can
pick among them with its own seeded random generator. Nothing here is random by itself.
"""

from __future__ import annotations

import unicodedata

KATAKANA = {chr(c) for c in range(0x30A1, 0x30FB)} | {"ー"}
LONG_VOWEL = "ー"

# --- voicing: plain <-> voiced <-> semi-voiced ------------------------------------------------------

_VOICE_ROWS = [
    ("カキクケコ", "ガギグゲゴ", ""),
    ("サシスセソ", "ザジズゼゾ", ""),
    ("タチツテト", "ダヂヅデド", ""),
    ("ハヒフヘホ", "バビブベボ", "パピプペポ"),
]
VOICING: dict[str, list[str]] = {}
for _plain, _voiced, _semi in _VOICE_ROWS:
    for _i, _p in enumerate(_plain):
        _group = [_p, _voiced[_i]] + ([_semi[_i]] if _semi else [])
        for _c in _group:
            VOICING[_c] = [o for o in _group if o != _c]

# --- small kana and visual swaps ---------------------------------------------------------------------

SMALL = dict(zip("アイウエオツヤユヨ", "ァィゥェォッャュョ"))
SMALL.update({v: k for k, v in list(SMALL.items())})
VISUAL = {"ン": "ソ", "ソ": "ン", "シ": "ツ", "ツ": "シ"}
LONG_VOWEL_LOOKALIKES = ["－", "‐", "—", "ｰ", "一"]
HIRAGANA_LOOKALIKES = {"ヘ": "へ", "ベ": "べ", "ペ": "ぺ", "リ": "り"}
KANJI_LOOKALIKES = {"エ": "工", "カ": "力", "ロ": "口", "ニ": "二", "ト": "卜", "タ": "夕", "ハ": "八"}
SMALL_KANA = set("ァィゥェォッャュョヮヵヶ")

# --- half-width katakana (NFKC folds it back) ---------------------------------------------------------

HALF_WIDTH: dict[str, str] = {}
for _cp in range(0xFF61, 0xFFA0):
    _h = chr(_cp)
    _f = unicodedata.normalize("NFKC", _h)
    if len(_f) == 1 and _f not in HALF_WIDTH:
        HALF_WIDTH[_f] = _h
for _cp in range(0x30A1, 0x30FB):
    _k = chr(_cp)
    _d = unicodedata.normalize("NFD", _k)
    if len(_d) == 2 and _d[0] in HALF_WIDTH and _d[1] in "\u3099\u309a":
        HALF_WIDTH[_k] = HALF_WIDTH[_d[0]] + ("ﾞ" if _d[1] == "\u3099" else "ﾟ")


def is_katakana(ch: str) -> bool:
    return ch in KATAKANA


def katakana_runs(term: str) -> list[tuple[int, int]]:
    """(start, end) of every run of at least three katakana characters."""
    runs, start = [], None
    for i, ch in enumerate(term + " "):
        if ch in KATAKANA:
            if start is None:
                start = i
        elif start is not None:
            if i - start >= 3:
                runs.append((start, i))
            start = None
    return runs


def _katakana_positions(term: str, *, inner: bool = False) -> list[int]:
    out = []
    for start, end in katakana_runs(term):
        lo = start + 1 if inner else start
        out.extend(range(lo, end))
    return out


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def to_half_width(term: str) -> str:
    return "".join(HALF_WIDTH.get(c, c) if c in KATAKANA else c for c in term)


def _replace(term: str, i: int, new: str) -> str:
    return term[:i] + new + term[i + 1:]


# --- the mutations -----------------------------------------------------------------------------------


def m_voicing(term: str) -> list[str]:
    return [_replace(term, i, v) for i in _katakana_positions(term) for v in VOICING.get(term[i], [])]


def m_small_kana(term: str) -> list[str]:
    # never at the start of a run: no word starts with a small kana
    return [_replace(term, i, SMALL[term[i]]) for i in _katakana_positions(term, inner=True) if term[i] in SMALL]


def m_visual_swap(term: str) -> list[str]:
    return [_replace(term, i, VISUAL[term[i]]) for i in _katakana_positions(term) if term[i] in VISUAL]


def m_long_vowel_lookalike(term: str) -> list[str]:
    return [_replace(term, i, alt) for i, ch in enumerate(term) if ch == LONG_VOWEL for alt in LONG_VOWEL_LOOKALIKES]


def m_long_vowel_drop(term: str) -> list[str]:
    return [term[:i] + term[i + 1:] for i, ch in enumerate(term) if ch == LONG_VOWEL]


def m_long_vowel_double(term: str) -> list[str]:
    return [term[:i] + LONG_VOWEL + term[i:] for i, ch in enumerate(term) if ch == LONG_VOWEL]


def m_half_width(term: str) -> list[str]:
    if not katakana_runs(term):
        return []
    half = to_half_width(term)
    return [half] if half != term else []


def _split_points(term: str) -> list[int]:
    """Positions inside a katakana run where a separator can go (not before ー or a small kana)."""
    out = []
    for start, end in katakana_runs(term):
        for i in range(start + 2, end - 1):
            if term[i] != LONG_VOWEL and term[i] not in SMALL_KANA:
                out.append(i)
    return out


def m_split_dot(term: str) -> list[str]:
    return [term[:i] + "・" + term[i:] for i in _split_points(term)]


def m_split_space(term: str) -> list[str]:
    return [term[:i] + sep + term[i:] for i in _split_points(term) for sep in (" ", "\u3000")]


def m_hiragana_lookalike(term: str) -> list[str]:
    return [_replace(term, i, HIRAGANA_LOOKALIKES[term[i]]) for i in _katakana_positions(term)
            if term[i] in HIRAGANA_LOOKALIKES]


def m_kanji_lookalike(term: str) -> list[str]:
    return [_replace(term, i, KANJI_LOOKALIKES[term[i]]) for i in _katakana_positions(term)
            if term[i] in KANJI_LOOKALIKES]


def _longest_word(term: str) -> tuple[int, int] | None:
    best = None
    i = 0
    while i < len(term):
        if term[i].isascii() and term[i].isalpha():
            j = i
            while j < len(term) and term[j].isascii() and term[j].isalpha():
                j += 1
            if j - i >= 5 and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
            i = j
        else:
            i += 1
    return best


def m_en_drop_last(term: str) -> list[str]:
    span = _longest_word(term)
    if span is None:
        return []
    s, e = span
    return [term[:e - 1] + term[e:]]


def m_en_hyphen(term: str) -> list[str]:
    span = _longest_word(term)
    if span is None:
        return []
    s, e = span
    return [term[:i] + "-" + term[i:] for i in range(s + 3, e - 2)]


def m_en_transpose(term: str) -> list[str]:
    span = _longest_word(term)
    if span is None:
        return []
    s, e = span
    return [term[:i] + term[i + 1] + term[i] + term[i + 2:] for i in range(s + 1, e - 2) if term[i] != term[i + 1]]


def m_en_double(term: str) -> list[str]:
    span = _longest_word(term)
    if span is None:
        return []
    s, e = span
    return [term[:i + 1] + term[i] + term[i + 1:] for i in range(s + 1, e - 1)
            if term[i] not in "aeiou" and term[i] != term[i + 1] and term[i] != term[i - 1]]


JA_MUTATIONS = {
    "voicing": m_voicing,
    "small_kana": m_small_kana,
    "visual_swap": m_visual_swap,
    "long_vowel_lookalike": m_long_vowel_lookalike,
    "long_vowel_drop": m_long_vowel_drop,
    "long_vowel_double": m_long_vowel_double,
    "half_width": m_half_width,
    "split_dot": m_split_dot,
    "split_space": m_split_space,
    "hiragana_lookalike": m_hiragana_lookalike,
    "kanji_lookalike": m_kanji_lookalike,
}

EN_MUTATIONS = {
    "en_drop_last": m_en_drop_last,
    "en_hyphen": m_en_hyphen,
    "en_transpose": m_en_transpose,
    "en_double": m_en_double,
}
