"""What a sentence says about a term: the records shared by the Japanese and English analysers.

A :class:`Statement` is one occurrence of a glossary term that the sentence defines or describes (the
topic 「Xは」「Xとは」, the subject "X is ...", an appositive 「…であるX」, an annotation 「X：…」, a heading
line followed by its definition), with the claims found in what is said about it. Offsets of claims are
indices into the statement's sentence text (:attr:`Sentence.text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from ..matcher import Match
from ..schema import TISSUES
from ..lazyre import lazy
from .quantities import Quantity
from .sentences import Sentence
from .vocabulary import en_tissues, ja_tissues


class Occurrence(NamedTuple):
    """A glossary match inside a sentence, in sentence-text indices."""

    start: int
    end: int
    match: Match

    @property
    def concept(self) -> str:
        return self.match.concept


class QuantityClaim(NamedTuple):
    quantity: Quantity
    #: ``size`` or ``length`` when a word near the number says which, else ""
    context: str = ""


class OriginClaim(NamedTuple):
    """"X comes from these tissues" (or, negated, "does not come from")."""

    tissues: tuple[str, ...]
    negated: bool
    exclusive: bool
    start: int
    end: int


class RelationClaim(NamedTuple):
    """"X is a kind / a part of Y" (``below``) or "X includes Y" (``above``)."""

    other: str
    direction: str
    #: is_a, part_of or includes: the wording used
    relation: str
    negated: bool
    start: int
    end: int


class CoinedClaim(NamedTuple):
    """"The term X was coined in <year> (by <names>)"."""

    years: tuple[tuple[int, int, int], ...]
    #: lower-cased surnames with the span where they were found
    names: tuple[tuple[str, int, int], ...]


class Content(NamedTuple):
    """What is said, as words: read from tokens, so only computed when a misconception could match."""

    #: content-word keys (see :mod:`.vocabulary`) -> the span of their first occurrence
    keys: dict[str, tuple[int, int]]
    #: the sentence defines the term (「Xとは…である」, 「…の総称」, "X refers to")
    definitional: bool
    #: the main predicate is negated (「…ではない」, "is not")
    negated: bool
    #: an exclusivity marker (だけ, のみ, only, solely) appears in what is said
    exclusive: bool
    #: an inclusive marker (「安静時にも」, "also", "as well") appears: one case among others, not a definition
    inclusive: bool = False


class cached_property:  # noqa: N801 - functools.cached_property without its lock (Python < 3.12)
    """Compute an attribute once, on first access, and keep it in the instance."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class Readers(NamedTuple):
    """How to read each kind of claim of a statement; each is called at most once, and only when the
    glossary has a fact the claim could contradict (so that the tokenizer runs only when it must)."""

    quantities: Callable[[], tuple[QuantityClaim, ...]]
    relations: Callable[[], tuple[RelationClaim, ...]]
    coined: Callable[[], CoinedClaim | None]
    origins: Callable[[], tuple[OriginClaim, ...]]
    content: Callable[[], Content]


@dataclass(eq=False)
class Statement:
    sentence: Sentence
    occurrence: Occurrence
    #: topic | subject | word | appositive | annotation | heading | parenthetical
    role: str
    lang: str
    #: (start, end) of what is said about the term; the appositive part is kept apart
    region: tuple[int, int]
    appositive: tuple[int, int] | None
    readers: Readers = field(repr=False)

    @property
    def concept(self) -> str:
        return self.occurrence.concept

    @cached_property
    def quantities(self) -> tuple[QuantityClaim, ...]:
        return self.readers.quantities()

    @cached_property
    def relations(self) -> tuple[RelationClaim, ...]:
        return self.readers.relations()

    @cached_property
    def coined(self) -> CoinedClaim | None:
        return self.readers.coined()

    @cached_property
    def origins(self) -> tuple[OriginClaim, ...]:
        return self.readers.origins()

    @cached_property
    def content(self) -> Content:
        return self.readers.content()

    @property
    def keys(self) -> dict[str, tuple[int, int]]:
        return self.content.keys

    @property
    def origin_tissues(self) -> frozenset[str]:
        return frozenset(t for o in self.origins if not o.negated for t in o.tissues)

    def parts(self) -> list[tuple[int, int]]:
        """The spans of what is said: the region, and the appositive when there is one."""
        return [span for span in (self.region, self.appositive) if span is not None and span[1] > span[0]]

    @cached_property
    def said_text(self) -> str:
        return " ".join(self.sentence.text[a:b] for a, b in self.parts())

    def said(self) -> str:
        """What is said about the term (the region and the appositive)."""
        return self.said_text


def occurrence_key(found: str, concept: str, lang: str) -> str:
    """The content key of another glossary term said about a term: a tissue when the term names one
    (骨格筋, skeletal muscle), else the concept."""
    if concept in TISSUES:
        return f"tissue:{concept}"
    table = ja_tissues() if lang == "ja" else en_tissues()
    tissue = table.get(found if lang == "ja" else " ".join(found.lower().split()))
    return f"tissue:{tissue}" if tissue else f"concept:{concept}"


def inside_term(occurrences: list[Occurrence], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a glossary term that is not a tissue (脳 in 脳由来神経栄養因子,
    "brain" in "brain-derived neurotrophic factor")."""
    return any(o.start <= start and end <= o.end and (o.start, o.end) != (start, end)
               and not occurrence_key(o.match.found, o.concept, o.match.lang).startswith("tissue:")
               for o in occurrences)


#: kana, or two kanji (what lies between them does not matter: only whether the pattern is found is asked,
#: and ``.*?`` compiles much faster than the class of every character but kanji)
_JAPANESE = lazy(r"[\u3041-\u30ff]|[\u4e00-\u9fff].*?[\u4e00-\u9fff]", re.S)


def is_japanese(text: str) -> bool:
    """Japanese when the sentence has kana, or at least two kanji."""
    return _JAPANESE.search(text) is not None
