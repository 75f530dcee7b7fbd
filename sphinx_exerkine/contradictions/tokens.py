"""Japanese sentences as tokens with offsets (fugashi + unidic-lite), cached per sentence."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ..lexicon import tagger


class Token(NamedTuple):
    surface: str
    #: offsets in the tokenized text
    start: int
    end: int
    #: part of speech (名詞, 動詞, 助詞, 助動詞, 形容詞, 補助記号, ...) and its subclass
    pos1: str
    pos2: str
    pos3: str
    #: dictionary form (the surface for unknown words)
    lemma: str
    #: conjugation form, e.g. 連体形-一般 ("" when not conjugated)
    cform: str

    @property
    def is_noun(self) -> bool:
        return self.pos1 == "名詞" or self.pos1 == "接尾辞" and self.pos2.startswith("名詞")


def _field(value) -> str:
    return "" if value in (None, "*") else str(value)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of ``text``; offsets index ``text``."""
    parsed = _from_output(text)
    return parsed if parsed is not None else _from_nodes(text)


def _from_output(text: str) -> tuple[Token, ...] | None:
    """Tokens read from MeCab's text output (surface, pronunciation, reading, lemma, part of speech,
    conjugation type, conjugation form), which is several times faster than reading node features."""
    out: list[Token] = []
    pos = 0
    for line in tagger().parse(text).split("\n"):
        if not line or line == "EOS":
            continue
        fields = line.split("\t")
        if len(fields) < 7:
            return None
        surface = fields[0]
        start = text.find(surface, pos)
        if start < 0:
            return None
        pos = start + len(surface)
        parts = fields[4].split("-")
        parts += [""] * (3 - len(parts))
        lemma = fields[3] or surface
        if "-" in lemma and not lemma.startswith("-"):  # 「ホルモン-Hormon」: keep the word
            lemma = lemma.split("-", 1)[0]
        out.append(Token(surface, start, pos, parts[0], parts[1], parts[2], lemma, fields[6]))
    return tuple(out)


def _from_nodes(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    pos = 0
    for node in tagger()(text):
        surface = node.surface
        start = text.find(surface, pos)
        if start < 0:
            continue
        pos = start + len(surface)
        feature = node.feature
        lemma = _field(getattr(feature, "lemma", None)) or surface
        # unidic lemmas may carry a reading suffix ("マイオカイン-myokine"); keep the word only
        lemma = lemma.split("-", 1)[0] if "-" in lemma and not lemma.startswith("-") else lemma
        out.append(Token(surface, start, pos, _field(feature.pos1), _field(feature.pos2), _field(feature.pos3),
                         lemma, _field(getattr(feature, "cForm", None))))
    return tuple(out)


def token_at(tokens: tuple[Token, ...], offset: int) -> int:
    """Index of the first token that ends after ``offset`` (len(tokens) when none)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].end <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo
