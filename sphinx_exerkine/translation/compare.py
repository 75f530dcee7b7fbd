"""Comparing the glossary terms of a source string with those of its translation.

Everything here works on :class:`~sphinx_exerkine.matcher.Match` lists of two decoded strings, with
offsets into those strings; placing the results in a file is the caller's business.

The rules:

* a concept is *in the source* when the source mentions it in any recognised form: term, plural,
  admitted form, abbreviation, a listed or normalization variant (``exo-some``, ``Exo-Some``), or an
  English word hyphenated (``myo-kines``); near misspellings are not trusted to name a concept;
* the translation must name every such concept in an :func:`accepted_forms` form of the target language;
* a variant in the translation of a concept that is in the source is a :class:`Mismatch`, with the
  replacement; a variant of a concept the source does not mention is a :class:`StrayVariant`;
* a concept of the source that the translation names in no way at all is a :class:`Missing` term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..matcher import Match
from ..model import Concept, Glossary
from ..normalize import fold_width

__all__ = ["Mismatch", "Missing", "Problem", "StrayVariant", "TargetLanguage", "accepted_forms", "compare",
           "hyphenated_words", "other_language", "single_words", "source_concepts"]


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A variant in the translation of a concept named in the source."""

    variant: Match
    #: the form to write instead
    expected: str
    #: whether the replacement is certain (a listed or normalization variant in the target language)
    safe: bool
    #: how the source names the concept
    source_form: str


@dataclass(frozen=True, slots=True)
class StrayVariant:
    """A variant in the translation of a concept the source does not name (an ordinary term variant)."""

    variant: Match


@dataclass(frozen=True, slots=True)
class Missing:
    """A concept named in the source and nowhere in the translation."""

    concept: str
    #: the target-language term the glossary asks for
    expected: str
    #: how the source names the concept
    source_form: str


Problem = Mismatch | StrayVariant | Missing


def other_language(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def accepted_forms(concept: Concept, lang: str) -> frozenset[str]:
    """The forms that render ``concept`` in a ``lang`` translation, case-folded.

    Japanese: the term, the admitted forms and the English abbreviations (``EV`` is written as such in
    Japanese). English: the term, its plural, the admitted forms and abbreviations, and the Latin-script
    forms the glossary admits in Japanese (``IL-6``), which are English spellings too.
    """
    if lang == "ja":
        forms = (concept.ja.term, *concept.ja.admitted, *concept.en.abbreviations)
    else:
        latin_ja = (form for form in concept.ja.admitted if fold_width(form).isascii())
        forms = (concept.en.term, concept.en.plural_form, *concept.en.admitted, *concept.en.abbreviations,
                 *latin_ja)
    return frozenset(_key(form) for form in forms)


def _key(form: str) -> str:
    return fold_width(form).casefold()


class TargetLanguage:
    """The glossary seen from one target language: accepted forms per concept, computed on first use."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.glossary = glossary
        self.lang = lang
        self._accepted: dict[str, frozenset[str]] = {}

    def accepts(self, concept_id: str, found: str) -> bool:
        forms = self._accepted.get(concept_id)
        if forms is None:
            forms = self._accepted[concept_id] = accepted_forms(self.glossary[concept_id], self.lang)
        return _key(found) in forms

    def term(self, concept_id: str) -> str:
        return self.glossary[concept_id].term(self.lang)


def source_concepts(matches: list[Match], hyphenated: dict[str, str] | None = None) -> dict[str, str]:
    """Concept id -> the first form naming it, for the matches of a source string (in order), and the
    concepts of its :func:`hyphenated_words`."""
    named: dict[str, str] = {}
    for m in matches:
        if m.kind != "fuzzy":
            named.setdefault(m.concept, m.found)
    for concept_id, found in (hyphenated or {}).items():
        named.setdefault(concept_id, found)
    return named


def single_words(glossary: Glossary) -> dict[str, str]:
    """The one-word English forms of the glossary (term, plural, admitted), lower-cased -> concept id."""
    words: dict[str, str] = {}
    for concept in glossary:
        for form in (concept.en.term, concept.en.plural_form, *concept.en.admitted):
            if form.isalpha():
                words.setdefault(form.lower(), concept.id)
    return words


_HYPHENATED = re.compile(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w-])")


def hyphenated_words(text: str, words: dict[str, str]) -> dict[str, str]:
    """Concept id -> form, for words of ``text`` written with hyphens inside a one-word term (myo-kine)."""
    found: dict[str, str] = {}
    if "-" in text:
        for m in _HYPHENATED.finditer(text):
            concept_id = words.get(m.group().replace("-", "").lower())
            if concept_id is not None:
                found.setdefault(concept_id, m.group())
    return found


def compare(named: dict[str, str], target: list[Match], language: TargetLanguage) -> list[Problem]:
    """The problems of one translation, given the concepts its source names (see the module docstring)."""
    problems: list[Problem] = []
    present: set[str] = set()
    for m in target:
        if m.is_variant:
            present.add(m.concept)
            if m.expected is None:
                continue
            if m.concept in named:
                problems.append(_mismatch(m, named[m.concept], language))
            else:
                problems.append(StrayVariant(m))
        elif m.concept in named and language.accepts(m.concept, m.found):
            present.add(m.concept)
    for concept_id, source_form in named.items():
        if concept_id not in present:
            problems.append(Missing(concept_id, language.term(concept_id), source_form))
    return problems


def _mismatch(m: Match, source_form: str, language: TargetLanguage) -> Mismatch:
    if m.lang == language.lang:
        return Mismatch(m, m.expected or language.term(m.concept), m.safe_fix, source_form)
    # a misspelled source-language form left in the translation: the translation is a suggestion
    return Mismatch(m, language.term(m.concept), False, source_form)
