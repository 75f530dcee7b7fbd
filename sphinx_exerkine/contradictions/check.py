"""The ``definition-contradiction`` check: statements about terms compared with the glossary's facts.

Only sentences that hold a term the glossary knows something about are read (and tokenized); questions,
sentences that report a claim to reject it, and definitions attributed to a historical source recorded in
the glossary are left alone. Most sentences that mention a term cannot contradict the glossary at all (they
hold none of the words a claim needs, see :mod:`.cues`): those are told apart before they are read.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import TYPE_CHECKING, Collection, Iterable, Iterator

from ..finding import Finding
from ..matcher import Match
from ..model import Concept, Glossary, Range
from ..readers import Document
from . import claims_en, claims_ja
from .claims import Occurrence, OriginClaim, RelationClaim, Statement, is_japanese
from .cues import Cues
from .knowledge import Edge, Knowledge, knowledge, surnames
from ..lazyre import lazy
from .misconceptions import Profile, ProfileTable, best_match, said_span
from .quantities import contradicts, describe_fact
from .quantities import dimension as dimension_of
from .sentences import Sentence, make_sentence, next_sentence, sentence_bounds, sentence_text
from .tokens import tokenize
from .vocabulary import (ATTRIBUTION, HISTORY_PAST_ONLY, HISTORY_VOCAB, ORIGIN_MARKERS, is_question, is_refutation,
                         tissue_name, ja_tissue_regex, tissues_named)

if TYPE_CHECKING:  # the linter imports this module to register the check
    from ..lint import Context

RULE = "definition-contradiction"

_HEADING = lazy(r"^[\W\d_]*(?:注\s*\d+\s*[)）]\s*)?(?P<term>.+?)\s*(?:[（(][^（()）]*[）)])?\s*(?P<mark>とは|って|[：:])?\s*$")


def check(doc: Document, matches: list[Match], ctx: Context) -> Iterator[Finding]:
    """Findings of ``definition-contradiction`` in ``doc``."""
    if not matches:
        return
    kb = knowledge(ctx.glossary)
    relevant = kb.relevant
    if not any(m.concept in relevant for m in matches):
        return
    masked = doc.masked
    ordered = sorted(matches, key=_START)
    starts = list(map(_START, ordered))
    seen: set[tuple[int, int, str]] = set()
    covered_to = -1
    cues: Cues | None = None
    for i, m in enumerate(ordered):
        if m.start < covered_to or m.concept not in relevant or not _may_state(masked, m):
            continue
        start, end = sentence_bounds(masked, m.start)
        covered_to = end
        cues = cues or _cues(ctx)
        if _quiet(masked, start, end, ordered, starts, i, kb, cues):
            continue
        sentence = make_sentence(masked, start, end)
        for finding in _check_sentence(doc, sentence, _occurrences(sentence, ordered, starts), ordered, starts,
                                       ctx, kb):
            key = (finding.start, finding.end, finding.message)
            if key not in seen:
                seen.add(key)
                yield finding


_START = attrgetter("start")


def _quiet(masked: str, start: int, end: int, ordered: list[Match], starts: list[int], i: int, kb: Knowledge,
           cues: Cues) -> bool:
    """Whether no claim in the sentence ``masked[start:end]`` can contradict the glossary, so that it need not
    be read: it holds nothing a claim about one of its terms needs to contradict that term (:mod:`.cues`), no
    term of the hierarchy is followed by the words that would make it a kind or a part of another one, and it
    is not a term alone on its line (defined by the next one); or it is a question or a refutation. Most
    sentences that mention a term are quiet, and telling so costs less than reading them. ``ordered[i]`` is a
    match in the sentence."""
    first = bisect_left(starts, start, 0, i)
    stop = bisect_left(starts, end, i + 1)
    if stop == first + 1:  # the commonest case, one term, told without building lists
        occurrences = ordered[first:stop]
        if occurrences[0].end > end or occurrences[0].concept not in kb.relevant:
            return True
        key: str | frozenset[str] = occurrences[0].concept
        concepts: Collection[str] = (key,)
    else:
        occurrences = [m for m in ordered[first:stop] if m.end <= end]
        concepts = {m.concept for m in occurrences if m.concept in kb.relevant}
        if not concepts:
            return True
        key = frozenset(concepts)
    text = sentence_text(masked, start, end)
    lang, contradicts = cues.read(text, concepts, key)
    if (contradicts
            or len(concepts) > 1 and len(concepts & kb.linked) > 1
            and _may_relate(masked, start, end, text, lang, occurrences, kb)
            or len(occurrences) == 1 and _may_be_alone(masked, start, end, text, occurrences[0])):
        return _skip(text)
    return True


def _may_relate(masked: str, start: int, end: int, text: str, lang: str, occurrences: list[Match],
                kb: Knowledge) -> bool:
    """Whether a term of the hierarchy in the sentence may be said to be below or above another one
    (:func:`.claims_ja.may_relate`, :func:`.claims_en.may_relate`)."""
    if lang == "en":
        return claims_en.may_relate(text)
    sentence = make_sentence(masked, start, end)
    return any(claims_ja.may_relate(text, sentence.index(m.end - 1) + 1) for m in occurrences
               if m.concept in kb.linked)


def _may_be_alone(masked: str, start: int, end: int, text: str, occ: Match) -> bool:
    """Whether the sentence is the term ``occ`` alone (:func:`_is_heading`), defined by the next one."""
    if len(text) > occ.end - occ.start + 16 or not _may_be_heading(masked, occ):
        return False
    sentence = make_sentence(masked, start, end)
    return _is_heading(text, sentence.index(occ.start), sentence.index(occ.end - 1) + 1) is not None


_NOT_A_LETTER = lazy(r"[\W\d_]")
#: what may follow a term alone on its line (:data:`_HEADING`) in the raw text, up to the end of the line:
#: blanks and masked characters anywhere, a parenthesis, a mark (とは, って, a colon)
_HEADING_AFTER = lazy(r"{b}(?:[（(][^（()）]*[）)])?{b}(?:と[\s\0]*は|っ[\s\0]*て|[：:])?{b}(?:\n|\Z)".format(
    b=r"(?:[^\S\n]|\0)*"))


def _may_be_heading(masked: str, m: Match) -> bool:
    """Whether the sentence of ``m`` may be its term alone (:func:`_is_heading`), judged from the raw text
    without knowing where the sentence starts: the last character before the term that is not blank is not
    a letter, and the rest of its line holds nothing but a parenthesis and a mark."""
    before = masked[max(0, m.start - 32):m.start].rstrip(_BLANK_OR_MASKED)
    if before:
        last = before[-1]
    elif m.start <= 32:
        last = ""  # nothing but blanks since the start of the text
    else:  # a long run of masked characters: looked through one by one
        k = m.start - 1
        while k >= 0 and masked[k] in _BLANK_OR_MASKED:
            k -= 1
        last = masked[k] if k >= 0 else ""
    if last and not _NOT_A_LETTER.match(last):
        return False
    return _HEADING_AFTER.match(masked, m.end) is not None


_BLANK_OR_MASKED = " \t\r\u3000\0"


def _may_state(masked: str, m: Match) -> bool:
    """Whether the sentence around ``m`` may say something about its term (cheap tests on the raw text:
    most mentions of a term are not statements about it, and their sentences are never built): the term is
    alone on its line, or :func:`.claims_ja.may_state` or (for a Latin term) :func:`.claims_en.may_state`
    holds."""
    start, end = m.start, m.end
    # A term on its own line (「注２） エクソソーム」), defined by the next one: the line holds at most _ROOM
    # characters besides the term (the commonest reason, tested first and in line).
    line_end = masked.find("\n", end, end + _ROOM + 1)
    if line_end >= 0 or len(masked) - end <= _ROOM:
        if line_end < 0:
            line_end = len(masked)
        line_start = masked.rfind("\n", max(0, start - _ROOM - 1), start) + 1
        if (line_start > 0 or start <= _ROOM) and line_end - line_start <= end - start + _ROOM:
            return True
    if claims_ja.may_state(masked, start, end):
        return True
    return (m.found[0] <= "\x7f" and (end == len(masked) or masked[end] <= "\x7f")
            and claims_en.may_state(masked, start, end))


#: how many characters a line may hold besides a term for the term to be alone on it
_ROOM = 24


def clear_caches() -> None:
    """Forget tokenized sentences and compiled glossaries (for benchmarks and tests)."""
    tokenize.cache_clear()
    _PROFILES.clear()
    _CUES.clear()


def _occurrences(sentence: Sentence, ordered: list[Match], starts: list[int]) -> list[Occurrence]:
    out = []
    for k in range(bisect_left(starts, sentence.start), len(ordered)):
        m = ordered[k]
        if m.start >= sentence.end:
            break
        if m.end > sentence.end:
            continue
        i = sentence.index(m.start)
        j = sentence.index(m.end - 1) + 1
        out.append(Occurrence(i, j, m))
    return out


def _skip(text: str) -> bool:
    return is_question(text) or is_refutation(text)


def _check_sentence(doc: Document, sentence: Sentence, occurrences: list[Occurrence], ordered: list[Match],
                    starts: list[int], ctx: Context, kb: Knowledge) -> Iterator[Finding]:
    text = sentence.text
    if not text:
        return
    module = claims_ja if is_japanese(text) else claims_en
    statements = module.statements(sentence, occurrences, kb.relevant.__contains__)
    statements.extend(_heading_statement(doc, sentence, occurrences, ordered, starts, kb))
    if not statements or _skip(text):
        return
    for statement in statements:
        concept = ctx.glossary[statement.concept]
        findings = list(_findings(doc, statement, concept, ctx, kb))
        if findings and not _historical(statement.sentence.text, concept, kb):
            yield from findings


def _heading_statement(doc: Document, sentence: Sentence, occurrences: list[Occurrence], ordered: list[Match],
                       starts: list[int], kb: Knowledge) -> list[Statement]:
    """A line made of a term alone (「エクソソームとは」, 「注２） エクソソーム」, "Exosome:") is defined by the
    sentence after it."""
    if len(occurrences) != 1 or occurrences[0].concept not in kb.relevant:
        return []
    occ = occurrences[0]
    m = _is_heading(sentence.text, occ.start, occ.end)
    if m is None:
        return []
    following = next_sentence(doc.masked, sentence.end)
    if following is None or not following.text or _skip(following.text):
        return []
    if not m.group("mark") and not (is_japanese(following.text) and _noun_ending(following.text)):
        return []  # a section title followed by prose, not a term followed by its definition
    module = claims_ja if is_japanese(following.text) else claims_en
    inner = _occurrences(following, ordered, starts)
    anchor = Occurrence(0, 0, occ.match)
    return [module.statement_for_region(following, anchor, inner, "heading")]


def _is_heading(text: str, start: int, end: int) -> re.Match | None:
    """The sentence ``text`` is the term at ``[start, end)`` alone, with a mark (とは, a colon) or a
    numbering at most."""
    if len(text) > end - start + 16:
        return None
    m = _HEADING.match(text)
    if m is None or (m.start("term"), m.end("term")) != (start, end):
        return None
    return m


def _noun_ending(text: str) -> bool:
    """「…30〜100 nmのもの。」「…の総称」: the sentence ends with a noun (a definition without a verb)."""
    tokens = [t for t in tokenize(text) if t.pos1 != "補助記号"]
    return bool(tokens) and tokens[-1].is_noun


def _historical(text: str, concept: Concept, kb: Knowledge) -> bool:
    """The sentence reports a definition the glossary records as historical (year or author)."""
    if not concept.history or not (HISTORY_VOCAB.search(text) or ATTRIBUTION.search(text)):
        return False
    recorded = kb.history_years.get(concept.id, frozenset())
    years = {int(y) for y in re.findall(r"(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})(?![0-9])", text)}
    decades = {int(d) for d in re.findall(r"(?<![0-9])(1[89][0-9]0|20[0-9]0)\s*(?:年代|s\b)", text)}
    if years & recorded or any(d <= y < d + 10 for d in decades for y in recorded):
        return True
    if surnames(text) & kb.history_names.get(concept.id, frozenset()):
        return True
    return bool(HISTORY_PAST_ONLY.search(text))


# ------------------------------------------------------------------------------------------ findings


def _findings(doc: Document, statement: Statement, concept: Concept, ctx: Context,
              kb: Knowledge) -> Iterator[Finding]:
    name = concept.term(statement.lang)
    misconception = _misconception(statement, ctx)

    def finding(i: int, j: int, message: str) -> Finding:
        start, end = statement.sentence.span(i, j)
        return ctx.finding(RULE, start, end, message, term=concept.id, found=doc.text[start:end])

    facts = concept.facts
    for qc in statement.quantities if facts.size or facts.length else ():
        fact = _range_fact(concept, qc.quantity.dimension, qc.context)
        if fact is not None and contradicts(qc.quantity, fact[1]):
            message = (f"{name}: {fact[0]} {qc.quantity.describe()} contradicts the glossary "
                       f"({describe_fact(fact[1])})")
            yield finding(qc.quantity.start, qc.quantity.end, message)
    for oc in statement.origins if _origin_worth(statement, concept) else ():
        for i, j, message in _origin_messages(name, concept, oc, statement.lang):
            if misconception is None or "only" not in message:
                yield finding(i, j, message)
    for rc in statement.relations if statement.concept in kb.linked else ():
        message = _relation_message(name, statement.concept, rc, ctx.glossary, kb, statement.lang)
        if message:
            yield finding(rc.start, rc.end, message)
    if facts.coined is not None and statement.coined is not None:
        for i, j, message in _coined_messages(name, concept, statement):
            yield finding(i, j, message)
    if misconception is not None:
        profile = misconception
        i, j = said_span(profile, statement)
        item = profile.misconception
        source = f" (source: {item.source})" if item.source else ""
        yield finding(i, j, f"{name}: states a known misconception (\"{profile.text}\"): {item.why}{source}")


def _origin_worth(statement: Statement, concept: Concept) -> bool:
    """Whether an origin claim of the statement could contradict the glossary (the tokenizer is only asked
    when it could): a tissue is named, and it lies outside an exclusive origin, or an exclusivity or
    negation marker is there."""
    origin = concept.facts.origin
    if origin is None or not statement.parts():
        return False
    if statement.lang == "en":
        return True
    said = statement.said()
    if not ja_tissue_regex().search(said):
        return False
    named = tissues_named(said, "ja")
    if not named - {None}:
        return False
    if ORIGIN_MARKERS.search(said):
        return True
    return origin.exclusive and "any-cell" not in origin.tissues and any(
        t is not None and t not in origin.tissues for t in named)


def _range_fact(concept: Concept, dimension: str, context: str) -> tuple[str, Range] | None:
    candidates = [(label, fact) for label, fact in (("size", concept.facts.size), ("length", concept.facts.length))
                  if fact is not None and dimension_of(fact.unit) == dimension]
    if len(candidates) > 1 and context:
        candidates = [c for c in candidates if c[0] == context] or candidates
    return candidates[0] if candidates else None


def _tissues(ids: Iterable[str], lang: str) -> str:
    return ", ".join(tissue_name(t, lang) for t in ids)


def _origin_messages(name: str, concept: Concept, oc: OriginClaim, lang: str) -> list[tuple[int, int, str]]:
    origin = concept.facts.origin
    if origin is None:
        return []
    listed = set(origin.tissues)
    source = f"; source: {origin.source}" if origin.source else ""
    said = _tissues(oc.tissues, lang)
    out = []
    if oc.negated:
        denied = [t for t in oc.tissues if t in listed]
        if denied:
            out.append((oc.start, oc.end, f"{name}: origin 'not {_tissues(denied, lang)}' contradicts the glossary "
                                          f"(origin: {_tissues(origin.tissues, lang)}{source})"))
        return out
    if origin.exclusive:
        outside = [t for t in oc.tissues if t not in listed and "any-cell" not in listed]
        if outside:
            out.append((oc.start, oc.end, f"{name}: origin {_tissues(outside, lang)} contradicts the glossary "
                                          f"({_tissues(origin.tissues, lang)} only{source})"))
    elif oc.exclusive:
        others = [t for t in origin.tissues if t not in oc.tissues]
        if others:
            out.append((oc.start, oc.end, f"{name}: origin only {said} contradicts the glossary "
                                          f"({_tissues(origin.tissues, lang)}; not exclusive{source})"))
    return out


def _describe_edge(edge: Edge, glossary: Glossary, lang: str) -> str:
    def term(cid: str) -> str:
        return glossary[cid].term(lang)

    if edge.relation in ("is_a", "part_of"):
        text = f"{term(edge.child)} {edge.relation} {term(edge.parent)}"
    else:
        text = f"{term(edge.parent)} {edge.relation} {term(edge.child)}"
    return text + (f"; source: {edge.source}" if edge.source else "")


def _relation_message(name: str, subject: str, rc: RelationClaim, glossary: Glossary, kb: Knowledge,
                      lang: str) -> str | None:
    other = glossary[rc.other].term(lang)
    child, parent = (subject, rc.other) if rc.direction == "below" else (rc.other, subject)
    wording = f"{rc.relation} {other}"
    if rc.negated:
        edge = kb.path_edge(child, parent)
        if edge is None:
            return None
        return f"{name}: 'not {wording}' contradicts the glossary ({_describe_edge(edge, glossary, lang)})"
    if kb.path_edge(child, parent) is not None:
        return None
    reverse = kb.path_edge(parent, child)
    if reverse is not None:
        return f"{name}: {wording} contradicts the glossary ({_describe_edge(reverse, glossary, lang)})"
    siblings = kb.common_parent(child, parent)
    if siblings is not None:
        common, first, second = siblings
        both = f"{glossary[child].term(lang)} and {glossary[parent].term(lang)} are both below {glossary[common].term(lang)}"
        source = first.source or second.source
        return f"{name}: {wording} contradicts the glossary ({both}{'; source: ' + source if source else ''})"
    return None


def _coined_messages(name: str, concept: Concept, statement: Statement) -> list[tuple[int, int, str]]:
    coined = concept.facts.coined
    claim = statement.coined
    assert coined is not None and claim is not None
    source = f"; source: {coined.source}" if coined.source else ""
    by = f", by {coined.by}" if coined.by else ""
    out = []
    if claim.years and all(year != coined.year for year, _, _ in claim.years):
        year, i, j = claim.years[0]
        out.append((i, j, f"{name}: coined in {year} contradicts the glossary ({coined.year}{by}{source})"))
    expected = surnames(coined.by)
    names = [(n, i, j) for n, i, j in claim.names]
    if expected and names and not {n for n, _, _ in names} & expected:
        _, i, j = names[0]
        said = statement.sentence.text[i:j]
        out.append((i, j, f"{name}: coined by {said} contradicts the glossary ({coined.by}, {coined.year}{source})"))
    return out


# ------------------------------------------------------------------------------------------ misconceptions

_PROFILES: dict[int, ProfileTable] = {}


def _profiles(ctx: Context) -> ProfileTable:
    table = _PROFILES.get(id(ctx.glossary))
    if table is None or table.glossary is not ctx.glossary or table.matcher is not ctx.matcher:
        if len(_PROFILES) >= 4:
            _PROFILES.pop(next(iter(_PROFILES)))
        table = ProfileTable(ctx.glossary, ctx.matcher)
        _PROFILES[id(ctx.glossary)] = table
    return table


_CUES: dict[int, Cues] = {}


def _cues(ctx: Context) -> Cues:
    """The tests of :mod:`.cues` for the glossary (and the misconceptions read with the matcher) of ``ctx``."""
    profiles = _profiles(ctx)
    cues = _CUES.get(id(profiles))
    if cues is None or cues.profiles is not profiles:
        if len(_CUES) >= 4:
            _CUES.pop(next(iter(_CUES)))
        cues = _CUES[id(profiles)] = Cues(ctx.glossary, profiles)
    return cues


def _misconception(statement: Statement, ctx: Context) -> Profile | None:
    if statement.role in ("appositive", "parenthetical"):
        return None
    table = _profiles(ctx)
    key = (statement.concept, statement.lang)
    if not table.has(key):
        return None
    said = statement.said() if statement.lang == "ja" else statement.said().lower()
    profiles = table.candidates(key, said)
    if not profiles:
        return None
    found = best_match(profiles, statement)
    return found[0] if found else None
