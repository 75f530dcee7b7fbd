"""The translation checks of a catalogue document (PO or XLIFF), as findings in file offsets.

Two rules share one reading of the catalogue:

* ``translation-mismatch`` (:func:`check`): a variant in a translation of a term the source names, with
  its fix; a source term the translation does not render;
* ``term-variant`` (:func:`catalogue_variants`, called by the ``term-variant`` check for catalogues):
  variants in a translation that no source term explains.

So each variant of a translation is reported once, by exactly one of the two rules, and either rule can
be selected or ignored on its own. Which entries are checked: translated, current entries; fuzzy entries
only with ``include_fuzzy``; never obsolete entries or the header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from ..finding import Finding, Fix
from ..matcher import Match
from ..model import Glossary
from ..readers import Document, PoMessage
from .compare import (Mismatch, Missing, Problem, StrayVariant, TargetLanguage, compare, hyphenated_words,
                      other_language, single_words, source_concepts)
from .literals import DECODERS, ESCAPERS, Decoded, decode_po, escape_po, minimal_edit
from .prose import prose

if TYPE_CHECKING:
    from ..lint import Context

__all__ = ["CATALOGUE_FORMATS", "Analysis", "analyse", "catalogue_matches", "catalogue_variants", "check",
           "checked", "is_catalogue"]

#: document formats whose messages are checked here
CATALOGUE_FORMATS = frozenset({"po", "xliff"})


def is_catalogue(doc: Document) -> bool:
    """True for translation catalogues: their variants are reported by this module."""
    return doc.format in CATALOGUE_FORMATS or bool(doc.messages)


def checked(message: PoMessage, *, include_fuzzy: bool = False) -> bool:
    """Whether an entry's translations are checked: not the header, not obsolete, translated, and not
    fuzzy unless asked."""
    if message.obsolete or not message.source:
        return False
    if message.fuzzy and not include_fuzzy:
        return False
    return any(message.targets)


@dataclass(frozen=True, slots=True)
class Placed:
    """A problem of one translation, with the translation decoded from the file."""

    problem: Problem
    #: the translation's literals decoded; None when the reader decoded them differently (no positions)
    decoded: Decoded | None
    #: file offsets of the whole translation (first literal's start, last literal's end)
    whole: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the checks of a catalogue need, computed once per document."""

    #: every problem of every checked translation, in file order
    problems: list[Placed]
    #: every glossary match in the checked translations, in file offsets (what other checks read)
    matches: list[Match]


def analyse(doc: Document, ctx: Context) -> Analysis:
    """The translations of ``doc`` matched and compared with their sources (remembered for the next call
    with the same document, matcher and settings, so the rules reading it share one pass)."""
    settings = (ctx.config.source_language, ctx.config.include_fuzzy)
    if _memo and _memo[0] is doc and _memo[1] is ctx.matcher and _memo[2] == settings:
        return _memo[3]
    analysis = Analysis([], [])
    for problems, matches in _translations(doc, ctx):
        analysis.problems.extend(problems)
        analysis.matches.extend(matches)
    _memo[:] = [doc, ctx.matcher, settings, analysis]
    return analysis


#: the last analysis: [document, matcher, settings, analysis]
_memo: list = []


def catalogue_matches(doc: Document, ctx: Context) -> list[Match]:
    """The glossary matches of a catalogue's checked translations, in file offsets: for a catalogue, the
    linter's checks read these instead of matches of the masked file text."""
    return analyse(doc, ctx).matches


def _translations(doc: Document, ctx: Context) -> Iterator[tuple[list[Placed], list[Match]]]:
    """For each checked translation: its problems and its matches in file offsets."""
    language, words = _glossary_tables(ctx.glossary, other_language(ctx.config.source_language))
    decode = DECODERS.get(doc.format, decode_po)
    scan = ctx.matcher.scan
    for message in doc.messages:
        if not checked(message, include_fuzzy=ctx.config.include_fuzzy):
            continue
        sources = (message.source, message.source_plural) if message.source_plural else (message.source,)
        named = _named(scan, words, sources, message.flags)
        for target, spans in zip(message.targets, message.target_spans):
            if not target or not spans:
                continue
            matches = scan(prose(target, message.flags))
            problems = compare(named, matches, language)
            if not (problems or matches):
                continue
            decoded = decode(doc.text, spans)
            usable = decoded if decoded.text == target else None
            whole = (spans[0][0], spans[-1][1])
            yield [Placed(p, usable, whole) for p in problems], [_in_file(m, usable, whole) for m in matches]


def _glossary_tables(glossary: Glossary, target_lang: str) -> tuple[TargetLanguage, dict[str, str]]:
    """What the checks look up in the glossary, built once for as long as the glossary stays the same."""
    if not (_tables and _tables[0] is glossary and _tables[1] == target_lang):
        _tables[:] = [glossary, target_lang, (TargetLanguage(glossary, target_lang), single_words(glossary))]
    return _tables[2]


#: the tables of the last glossary: [glossary, target language, tables]
_tables: list = []


def _named(scan: Callable[..., list[Match]], words: dict[str, str], sources: tuple[str, ...],
           flags: tuple[str, ...]) -> dict[str, str]:
    """The concepts the source strings (msgid, msgid_plural) name, in order of appearance. Exact forms
    only: near misses never name one (see :mod:`.compare`), so the matcher's costly search for them is
    not run; hyphenated words are looked up on their own."""
    named: dict[str, str] = {}
    for source in sources:
        text = prose(source, flags)
        for concept_id, form in source_concepts(scan(text, fuzzy=False), hyphenated_words(text, words)).items():
            named.setdefault(concept_id, form)
    return named


def _in_file(m: Match, decoded: Decoded | None, whole: tuple[int, int]) -> Match:
    start, end = decoded.file_span(m.start, m.end) if decoded is not None else whole
    return Match(start, end, m.concept, m.kind, m.lang, m.found, m.expected, m.detail)


# ------------------------------------------------------------------------------------------ findings


def check(doc: Document, matches: list[Match], ctx: Context) -> Iterator[Finding]:
    """The ``translation-mismatch`` findings of a catalogue (``matches`` of the masked text are not used:
    translations are matched decoded, so escapes and wrapped lines do not hide a term)."""
    if not is_catalogue(doc):
        return
    escape = ESCAPERS.get(doc.format, escape_po)
    for item in analyse(doc, ctx).problems:
        problem = item.problem
        if isinstance(problem, Mismatch):
            yield _mismatch_finding(item, problem, escape, doc.text, ctx)
        elif isinstance(problem, Missing):
            start, end = item.whole
            message = f"'{problem.source_form}' is not translated as '{problem.expected}' ({problem.concept})"
            yield ctx.finding("translation-mismatch", start, end, message, term=problem.concept,
                              found=problem.source_form, expected=problem.expected)


def catalogue_variants(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The ``term-variant`` findings of a catalogue: variants in translations that no source term explains."""
    escape = ESCAPERS.get(doc.format, escape_po)
    for item in analyse(doc, ctx).problems:
        if isinstance(item.problem, StrayVariant):
            m = item.problem.variant
            assert m.expected is not None
            start, end = _span(item, m)
            message = f"'{m.found}' is a variant of '{m.expected}' ({_what(m)}; {m.concept})"
            yield ctx.finding("term-variant", start, end, message, term=m.concept, found=m.found,
                              expected=m.expected, fix=_fix(item, m, m.expected, m.safe_fix, escape, doc.text))


def _mismatch_finding(item: Placed, problem: Mismatch, escape: Callable[[str], str], text: str,
                      ctx: Context) -> Finding:
    m = problem.variant
    start, end = _span(item, m)
    message = (f"'{m.found}' translates '{problem.source_form}' but is a variant of '{problem.expected}' "
               f"({_what(m)}; {m.concept})")
    return ctx.finding("translation-mismatch", start, end, message, term=m.concept, found=m.found,
                       expected=problem.expected, fix=_fix(item, m, problem.expected, problem.safe, escape, text))


def _what(m: Match) -> str:
    return "listed variant" if m.kind == "variant" else m.detail or m.kind


def _span(item: Placed, m: Match) -> tuple[int, int]:
    if item.decoded is None:
        return item.whole
    return item.decoded.file_span(m.start, m.end)


def _fix(item: Placed, m: Match, expected: str, safe: bool, escape: Callable[[str], str],
         text: str) -> Fix | None:
    """Replace only the characters that differ, written as the format writes them. A change that still
    spans a line break would join two lines of the catalogue: it is applied only on request."""
    if item.decoded is None:
        return None
    i, j, replacement = minimal_edit(m.found, expected)
    start, end = item.decoded.file_span(m.start + i, m.start + j)
    return Fix(start, end, escape(replacement), safe=safe and "\n" not in text[start:end])
