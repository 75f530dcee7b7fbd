"""What a sentence must hold for a claim in it to contradict what the glossary says about one of its terms.

Every finding rests on a claim read from the sentence, and every kind of claim needs words there: a size or
a length needs a number with a unit, an origin a tissue name (in Japanese right before the particle that
makes it an origin), the coinage a year or a name and a word of coining, a known misconception one of the
words it is recognised by. The tests come from the modules that read the claims
(:func:`.quantities.may_hold_quantity`, ``may_claim_origin`` and ``may_claim_coinage`` of :mod:`.claims_ja`
and :mod:`.claims_en`, :meth:`.ProfileTable.trigger_words`); they look at the whole sentence where a claim
looks at what is said about the term, so a sentence they fail holds no claim that could contradict the
term. Claims about the hierarchy need another term of the hierarchy, and a term alone on its line is
defined by the next line: the checker tells those from the sentence's terms.
"""

from __future__ import annotations

import re
from typing import Collection

from ..model import Facts, Glossary
from . import claims_en, claims_ja
from .claims import is_japanese
from ..lazyre import alternation
from .misconceptions import ProfileTable
from .quantities import may_hold_quantity
from .vocabulary import ORIGIN_MARKERS

_QUANTITY, _ORIGIN, _EXCLUSIVE_ORIGIN, _COINAGE = 1, 2, 4, 8
#: how many sentences :meth:`Cues.read` remembers (it forgets them all when it holds that many)
MEMO_SIZE = 16384


class Cues:
    """The tests for the terms of one glossary (and its misconceptions, read with one matcher)."""

    def __init__(self, glossary: Glossary, profiles: ProfileTable) -> None:
        self.profiles = profiles
        #: concept -> the kinds of claims that could contradict its facts
        self._kinds = {concept.id: _kinds(concept.facts) for concept in glossary}
        #: (concept, language) -> the words of its misconceptions (None when it has none)
        self._said: dict[tuple[str, str], re.Pattern | None] = {}
        #: (sentence text, its concepts) -> what :meth:`read` says
        self._memo: dict[tuple[str, str | frozenset[str]], tuple[str, bool]] = {}

    def read(self, text: str, concepts: Collection[str], key: str | frozenset[str]) -> tuple[str, bool]:
        """(language of the sentence ``text``, :meth:`may_contradict` for ``concepts``), where ``key`` is the
        one concept or the frozen set of them. Documents repeat sentences (boilerplate, templates, a term
        defined in the same words in every chapter), so the last :data:`MEMO_SIZE` answers are kept."""
        memo = self._memo
        found = memo.get((text, key))
        if found is None:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            lang = "ja" if is_japanese(text) else "en"
            found = memo[text, key] = (lang, self.may_contradict(text, concepts, lang))
        return found

    def may_contradict(self, text: str, concepts: Collection[str], lang: str) -> bool:
        """Whether the sentence ``text`` (written in ``lang``) holds what a claim about one of ``concepts``
        needs to contradict its facts or to repeat one of its misconceptions."""
        kinds = 0
        for concept in concepts:
            kinds |= self._kinds[concept]
        claims = claims_ja if lang == "ja" else claims_en
        if kinds & _QUANTITY and may_hold_quantity(text):
            return True
        if kinds & (_ORIGIN | _EXCLUSIVE_ORIGIN) and claims.may_claim_origin(text) and (
                lang == "en" or kinds & _EXCLUSIVE_ORIGIN or ORIGIN_MARKERS.search(text)):
            return True  # in Japanese, an origin that is not exclusive needs a marker (see check._origin_worth)
        if kinds & _COINAGE and claims.may_claim_coinage(text):
            return True
        lower = None
        for concept in concepts:
            key = (concept, lang)
            said = self._said[key] if key in self._said else self._compile(key)
            if said is None:
                continue
            if lang == "ja":
                if said.search(text):
                    return True
                continue
            if lower is None:  # looked for in lower case; how Σ is lower-cased depends on the letters around it
                if "Σ" in text:
                    return True
                lower = text.lower()
            if said.search(lower):
                return True
        return False

    def _compile(self, key: tuple[str, str]) -> re.Pattern | None:
        """What the misconceptions of ``key`` are recognised by (the pattern :class:`.ProfileTable` compiled
        already, unless a trigger has a space in it)."""
        said = None
        if self.profiles.has(key):
            words = self.profiles.trigger_words(key)
            built = self.profiles.triggers(key)  # (not the whole profiles: they are read when a statement is)
            if words is None or built is None:
                said = None
            elif any(not word.strip(" ") for word in words):
                said = re.compile("")  # a trigger made of the space that joins what is said: anything holds it
            elif all(" " not in word for word in words):
                said = built[1]
            else:
                said = re.compile(alternation(words))
        self._said[key] = said
        return said


def _kinds(facts: Facts) -> int:
    """The claims that could contradict ``facts``: sizes and lengths, origins (Japanese ones only with an
    exclusivity or negation marker when the origin is not exclusive, see :func:`.check._origin_worth`), the
    coinage."""
    kinds = _QUANTITY if facts.size or facts.length else 0
    origin = facts.origin
    if origin is not None:
        kinds |= _EXCLUSIVE_ORIGIN if origin.exclusive and "any-cell" not in origin.tissues else _ORIGIN
    if facts.coined is not None:
        kinds |= _COINAGE
    return kinds
