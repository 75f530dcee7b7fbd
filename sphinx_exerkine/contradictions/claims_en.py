"""English statements about terms, read with patterns.

The term is the subject when it starts a clause (after at most two words such as "the", "small",
"circulating") and is followed, after an optional parenthesis and an optional appositive between commas,
by a verb: "X is/are …", "X refers to …", "X, defined as …, act …", "the term X was coined in …".
"""

from __future__ import annotations

import re
from typing import Callable

from .claims import (CoinedClaim, Content, Occurrence, OriginClaim, QuantityClaim, Readers, RelationClaim,
                     Statement, inside_term, occurrence_key)
from ..lazyre import alternation, lazy
from .quantities import LENGTH_WORDS, SIZE_WORDS, Quantity, find_quantities
from .sentences import Sentence
from .vocabulary import (COINAGE_STRONG, COINAGE_WEAK, EN_EXCLUSIVE, EN_GENERIC_HEADS, EN_NOT_ONLY, EN_ORIGIN_VERBS,
                         EN_STOP, EN_TISSUE_ADJECTIVES, LATIN_FOLDS, LOCAL_FIRST, WORD_REFERENCE, YEAR_DIGITS, YEAR_EN,
                         canonical, en_stem, en_tissue_pattern, en_tissues)

_CLAUSE_START = lazy(
    r"(?:^|[,;:(]\s*|\b(?:that|and|but|while|whereas|because|since|although|though|so|thus|hence|therefore)\s+)"
    r"(?:(?:the|a|an|these|those|such|all|most|many|some|every|each|both|in\s+\d{4},?)\s+)?"
    r"(?:(?:typical\s+)?(?:size|diameter|length)s?\s+of\s+(?:the\s+|an?\s+)?)?"
    r"(?:[A-Za-z][\w-]*\s+){0,2}?"
    r"(?P<word>(?:the\s+)?(?:term|word|name|expression)\s+[\"“'‘]?)?$",
    re.I,
)
_VERB = lazy(
    r"(?P<paren>\s*\([^()]{0,80}\))?[\"”'’]?"
    r"(?:,\s*(?P<appo>(?!and\b|or\b)[^,;]{2,160}?),)?"
    r"\s+(?:(?:only|also|mainly|mostly|often|usually|simply|merely|always|never|not|typically|generally|"
    r"largely|primarily|chiefly)\s+)*"
    r"(?P<verb>(?:is|are|was|were)\b"
    r"|refers?\s+to\b|denotes?\b|means?\b|describes?\b|includes?\b|encompass(?:es)?\b|comprises?\b|"
    r"consists?\s+of\b|contains?\b|covers?\b|represents?\b|measures?\b|ranges?\b|can\b|may\b|might\b|must\b|"
    r"could\b|would\b|should\b|has\b|have\b|had\b|come\b|comes\b|originates?\b|derives?\b|arises?\b|"
    r"secretes?\b|releases?\b|produces?\b|acts?\b|functions?\b|serves?\b|belongs?\b|"
    # other verbs that state what a term does
    r"(?:regulat|control|carr|transport|mediat|promot|inhibit|increas|decreas|bind|stimulat|improv|induc|"
    r"reduc|protect|target|deliver|yield|mov|play|participat|signal|circulat|ris|appear|occur|exist|travel|"
    r"affect|influenc|enhanc|suppress|trigger|caus|lead|silenc|modulat|transfer|convey|shuttl|enter|reach|"
    r"accumulat|correlat|reflect|determin|depend)(?:e|es|s|y|ies|ed|d)?\b)",
    re.I,
)
#: "X, defined as ..., <any verb>": the appositive is the definition
_DEFINED_AS = lazy(r",\s*(?P<verb>(?:defined|described)\s+as\s+[^,;]{2,160}?)(?=,|;|$)(?P<appo>)", re.I)
_DEFINING_VERB = lazy(r"^(?:refers?\s+to|denotes?|means?|(?:is|are|was|were)\s+(?:defined\s+as|called|"
                      r"the\s+(?:name|term)\s+for|a\s+term\s+for|an\s+umbrella\s+term))\b", re.I)
_CLAUSE_END = lazy(r";|,\s*(?:but|whereas|while|although|though|unlike|except)\b|\s+whereas\s+", re.I)
_COPULA_START = lazy(r"^(?:is|are|was|were)\s+(?:(?:not|also|often|usually|now|still|generally|mainly|"
                     r"mostly|typically|commonly|always|only)\s+)*", re.I)

_TISSUE = en_tissue_pattern()
_TISSUE_RE = lazy(rf"(?<![\w-]){_TISSUE}(?![\w-])", re.I)
_TLIST = rf"(?:(?:the|a|an)\s+)?{_TISSUE}(?:\s*(?:,|and/or|and|or|as well as|&)\s*(?:(?:the|a|an)\s+)?{_TISSUE})*"
_ORIGIN = lazy(
    rf"\b(?P<verb>{EN_ORIGIN_VERBS})\b(?P<mid>(?:\s+(?!by\b|from\b|in\b|within\b)[\w-]+){{0,3}}?)"
    rf"\s+(?P<prep>by|from|in|within)\s+(?P<list>{_TLIST})(?![\w-])(?P<after>\s+(?:alone|only|exclusively))?",
    re.I,
)
_DERIVED = lazy(rf"(?<![\w-])(?P<t>{_TISSUE}|{'|'.join(EN_TISSUE_ADJECTIVES)})-(?:derived|secreted|released|"
                r"produced|specific)\b", re.I)
_DENIED_TISSUE = lazy(rf"\b(?:rather\s+than|instead\s+of|not)\s+(?:(?:by|from|in)\s+)?(?:the\s+)?(?P<t>{_TISSUE})"
                      r"(?![\w-])", re.I)
_INCLUSIVE = lazy(r"\b(?:also|as well|both|too|even)\b", re.I)
_NEGATION = lazy(r"\b(?:not|never|no\s+longer|cannot)\b|n't\b", re.I)

_KIND_OF = lazy(
    r"\b(?:(?:a|an|one|the)\s+)?(?:[\w-]+\s+)?(?P<rel>kind|type|subtype|sub-type|subset|subclass|class|form|member|"
    r"category|variety|subgroup|subpopulation|species|component|part|fraction|example|instance)s?\s+of\s+"
    r"(?:(?:the|an?|all)\s+)?$",
    re.I,
)
_INCLUDES = lazy(
    r"\b(?:includes?|including|encompass(?:es)?|comprises?|covers?|(?:umbrella|collective|general|generic)\s+term\s+for)"
    r"\s+(?:(?:the|all|both|various|several|many|different)\s+)?(?:[\w-]+\s+){0,2}?$",
    re.I,
)
_COPULA_BEFORE = lazy(
    r"^(?:is|are|was|were)(?P<neg>\s+not)?(?:\s+(?:also|often|usually|now|still|generally|considered|thought\s+to\s+be|"
    r"regarded\s+as|classified\s+as|defined\s+as|called|simply|just|merely|really|actually))*\s+"
    r"(?:(?:a|an|the|one\s+of\s+the)\s+)?(?P<words>(?:[\w-]+\s+){0,2})$",
    re.I,
)
_PREPOSITIONS = frozenset({"of", "from", "by", "with", "in", "on", "for", "to", "into", "than", "like", "as", "and", "or"})
_HEAD_FOLLOWERS = frozenset({"that", "which", "who", "released", "secreted", "produced", "derived", "made", "with",
                             "in", "from", "by", "and", "or", "of", "found", "shed", "formed", "are", "is", "were",
                             "was", "whose", "as", "for", "but", "such", "but", "than"})
_PART = frozenset({"part", "component", "fraction"})
_NAME_BY = lazy(r"\bby\s+(?:Dr\.?\s+|Prof\.?\s+)?(?P<n>[A-Z][\w'’\-]+(?:\s*(?:,|and|&)?\s*(?:[A-Z][\w'’\-]*\.?|et\s+al\.?))*)")
_WORD = lazy(r"[A-Za-z][A-Za-z-]*")


def statements(sentence: Sentence, occurrences: list[Occurrence],
               relevant: Callable[[str], bool]) -> list[Statement]:
    text = sentence.text
    subjects = {id(occ): _subject(text, occ) for occ in occurrences}
    #: where each subject's clause starts ("..., and adipokines are ..."): what is said about a term ends there
    clause_starts = sorted(found[0] for found in subjects.values() if found is not None)
    out: list[Statement] = []
    for occ in occurrences:
        if relevant(occ.concept):
            statement = _statement(sentence, occ, occurrences, subjects[id(occ)], clause_starts)
            if statement is not None:
                out.append(statement)
    return out


def may_state(masked: str, start: int, end: int) -> bool:
    """Cheap test on the raw masked text: could the term at ``[start, end)`` be the subject of an English
    clause, carry a size in parentheses, or follow a "tissue-derived" modifier?"""
    after = masked[max(0, end - 1):end + 200].replace("\0", "").replace("\n", " ")  # the term's last letter
    if _VERB.match(after, 1) or _DEFINED_AS.match(after, 1) or _SIZE_IN_PARENTHESES.match(after, 1):
        return True
    before = masked[max(0, start - 60):start].replace("\0", "").replace("\n", " ")
    return bool(before) and (before.rstrip().endswith(("-derived", "-secreted", "-released", "-produced")) or
                             _SIZE_BEFORE.search(before) is not None)


#: "X (30–150 nm)": a parenthesis with a number right after the term
_SIZE_IN_PARENTHESES = lazy(r"\s*\([^()]{0,60}\d")
#: "30–150 nm X", "100 nm small X": a number and a unit, and at most one word, right before the term
_SIZE_BEFORE = lazy(r"\d\s*[A-Za-zµμ]+\s+(?:[\w-]+\s+)?$")


def statement_for_region(sentence: Sentence, occurrence: Occurrence, occurrences: list[Occurrence],
                         role: str) -> Statement:
    return _build(sentence, occurrence, occurrences, role, (0, len(sentence.text)), None, True)


def _subject(text: str, occ: Occurrence) -> tuple[int, str, re.Match] | None:
    """(clause start, role, verb match) when the term is the subject of a clause."""
    start = _CLAUSE_START.search(text, 0, occ.start)
    if start is None or start.end() != occ.start:
        return None
    verb = _VERB.match(text, occ.end) or _DEFINED_AS.match(text, occ.end)
    if verb is None:
        return None
    return start.start(), "word" if start.group("word") else "subject", verb


def _statement(sentence: Sentence, occ: Occurrence, occurrences: list[Occurrence],
               subject: tuple[int, str, re.Match] | None, clause_starts: list[int]) -> Statement | None:
    text = sentence.text
    pre = _pre_modifier(text, occ)
    if subject is not None:
        _, role, verb = subject
        begin = verb.start("verb")
        end = min([_clause_end(text, begin)] + [c for c in clause_starts if c > begin])
        region = (begin, end)
        appo = (verb.start("appo"), verb.end("appo")) if verb.group("appo") else None
        defined_as = verb.re.pattern == _DEFINED_AS.pattern  # "X, defined as ..., acts ..."
        definitional = role == "word" or bool(_DEFINING_VERB.match(text, region[0])) or defined_as or bool(
            appo and re.match(r"defined\s+as|a\s+term\s+for", text[appo[0]:appo[1]], re.I)) or _generic_head(text, region)
        return _build(sentence, occ, occurrences, role, region, appo if appo else pre, definitional)
    if pre is not None:
        return _build(sentence, occ, occurrences, "appositive", (occ.start, occ.start), pre, False)
    paren = re.match(r"\s*\(([^()]{0,60})\)", text[occ.end:])
    if paren and find_quantities(paren.group(1)):
        span = (occ.end + paren.start(1), occ.end + paren.end(1))
        return _build(sentence, occ, occurrences, "parenthetical", span, None, False)
    return None


def _pre_modifier(text: str, occ: Occurrence) -> tuple[int, int] | None:
    """"muscle-derived X", "30–150 nm X": up to four words right before the term."""
    m = re.search(r"(?:[\w.–~<>-]+\s+){1,4}$", text[:occ.start])
    if m is None:
        return None
    words = text[m.start():occ.start]
    if _DERIVED.search(words) or find_quantities(words):
        return (m.start(), occ.start)
    return None


def _clause_end(text: str, start: int) -> int:
    m = _CLAUSE_END.search(text, start)
    return m.start() if m else len(text)


def _defining_appositive(text: str, span: tuple[int, int]) -> bool:
    return bool(re.match(r"(?:defined\s+as|a\s+term\s+for|i\.e\.|that\s+is)", text[span[0]:span[1]], re.I))


def _generic_head(text: str, region: tuple[int, int]) -> bool:
    rest = _COPULA_START.sub("", text[region[0]:region[1]], count=1)
    return rest != text[region[0]:region[1]] and bool(EN_GENERIC_HEADS.match(rest))


def _build(sentence: Sentence, occ: Occurrence, occurrences: list[Occurrence], role: str,
           region: tuple[int, int], appositive: tuple[int, int] | None, definitional: bool) -> Statement:
    text = sentence.text
    parts = [span for span in (region, appositive) if span is not None and span[1] > span[0]]

    def quantities() -> tuple[QuantityClaim, ...]:
        return tuple(q for a, b in parts for q in _quantities(text, a, b, occ, occurrences))

    def relations() -> tuple[RelationClaim, ...]:
        return tuple(r for a, b in parts for r in _relations(text, a, b, occ, occurrences))

    def origins() -> tuple[OriginClaim, ...]:
        return tuple(o for a, b in parts for o in _origins(text, a, b) if not inside_term(occurrences, o.start, o.end))

    def content() -> Content:
        region_text = text[region[0]:region[1]]
        said = [region] + ([appositive] if appositive and _defining_appositive(text, appositive) else [])
        return Content(
            keys=_keys(text, said, occ, occurrences),
            definitional=definitional,
            negated=bool(_NEGATION.search(region_text)) and not EN_NOT_ONLY.search(region_text),
            exclusive=any(EN_EXCLUSIVE.search(text[a:b]) and not EN_NOT_ONLY.search(text[a:b]) for a, b in parts),
            inclusive=bool(_INCLUSIVE.search(region_text)),
        )

    return Statement(sentence, occ, role, "en", region, appositive,
                     Readers(quantities, relations, lambda: _coined(text, role, occurrences), origins, content))


# ------------------------------------------------------------------------------------------ claims


def _quantities(text: str, a: int, b: int, occ: Occurrence, occurrences: list[Occurrence]) -> list[QuantityClaim]:
    out = []
    for q in find_quantities(text, a, b):
        if _belongs_to_other(text, q, occ, occurrences):
            continue
        before = text[max(0, q.start - 16):q.start]
        context = "size" if SIZE_WORDS.search(before) else "length" if LENGTH_WORDS.search(before) else ""
        out.append(QuantityClaim(q, context))
    return out


def _belongs_to_other(text: str, q: Quantity, occ: Occurrence, occurrences: list[Occurrence]) -> bool:
    for other in occurrences:
        if other.concept == occ.concept:
            continue
        if other.start >= q.end and re.fullmatch(r"\s*(?:[\w-]+\s+){0,1}", text[q.end:other.start]):
            return True  # "200 nm microvesicles"
        if other.end <= q.start and re.fullmatch(r"\s*\([^()]*", text[other.end:q.start]):
            return True  # "microvesicles (100–1000 nm)"
    return False


#: a tissue's name or adjective, which :data:`_ORIGIN` and :data:`_DERIVED` need (without their conditions on
#: the characters around it); the names are in lower case, and so is the text it is looked for in
_ANY_TISSUE = lazy(alternation([*en_tissues(), *EN_TISSUE_ADJECTIVES], r"\s+"))


def may_claim_origin(text: str) -> bool:
    """Whether the sentence ``text`` may say where its term comes from: it names a tissue. This test does not
    look at the characters around what it finds."""
    if LATIN_FOLDS.search(text):
        return re.search(_ANY_TISSUE.pattern, text, re.I) is not None
    return _ANY_TISSUE.search(text.lower()) is not None


def _tissue_id(name: str) -> str | None:
    name = re.sub(r"\s+", " ", name.lower())
    table = en_tissues()
    if name in table:
        return table[name]
    return EN_TISSUE_ADJECTIVES.get(name)


def _origins(text: str, a: int, b: int) -> list[OriginClaim]:
    out: list[OriginClaim] = []
    segment = text[a:b]
    for m in _ORIGIN.finditer(segment):
        tissues = []
        for t in _TISSUE_RE.finditer(m.group("list")):
            tid = _tissue_id(t.group())
            if tid is None:
                tissues = []
                break
            tissues.append(tid)
        if not tissues:
            continue
        lead = segment[max(0, m.start() - 30):m.start()]
        window = lead + segment[m.start():m.end()]
        not_only = bool(EN_NOT_ONLY.search(window))
        exclusive = not not_only and bool(EN_EXCLUSIVE.search(m.group("mid") or "") or m.group("after")
                                          or re.search(r"\b(?:only|exclusively|solely)\s+(?:be\s+)?$", lead, re.I))
        negated = not not_only and bool(_NEGATION.search(segment[:m.start()]))
        start = a + m.start("list")
        end = a + (m.end("after") if m.group("after") else m.end("list"))
        if exclusive and not m.group("after") and EN_EXCLUSIVE.search(m.group("mid") or ""):
            start = a + m.start("mid") + (len(m.group("mid")) - len(m.group("mid").lstrip()))
        out.append(OriginClaim(tuple(tissues), negated, exclusive and not negated, start, end))
        for d in _DENIED_TISSUE.finditer(segment, m.end()):
            tid = _tissue_id(d.group("t"))
            if tid is not None:
                out.append(OriginClaim((tid,), True, False, a + d.start("t"), a + d.end("t")))
    for m in _DERIVED.finditer(segment):
        tid = _tissue_id(m.group("t"))
        if tid is not None:
            out.append(OriginClaim((tid,), False, False, a + m.start("t"), a + m.end("t")))
    return out


def _is_head(text: str, end: int) -> bool:
    rest = text[end:]
    if rest.startswith("-"):
        return False
    stripped = rest.lstrip()
    if not stripped or stripped[0] in ",.;:)!?":
        return True
    word = re.match(r"[A-Za-z]+", stripped)
    return word is None or word.group().lower() in _HEAD_FOLLOWERS


#: the words every pattern of :func:`_relations` needs before the other term ("kind of", "includes", "is"),
#: in lower case
_RELATION_WORDS = lazy(alternation(["of", "includ", "encompass", "compris", "cover", "term", "is", "are", "was",
                                    "were"]))


def may_relate(text: str) -> bool:
    """Whether the sentence ``text`` may hold a hierarchy claim (:func:`_relations`). This test does not look
    at the characters around what it finds."""
    return LATIN_FOLDS.search(text) is not None or _RELATION_WORDS.search(text.lower()) is not None


def _relations(text: str, a: int, b: int, occ: Occurrence, occurrences: list[Occurrence]) -> list[RelationClaim]:
    out: list[RelationClaim] = []
    for other in occurrences:
        if other.concept == occ.concept or not (a <= other.start and other.end <= b):
            continue
        before = text[a:other.start]
        negated = bool(re.search(r"\bnot\b|n't\b", before)) and not EN_NOT_ONLY.search(before)
        if m := _KIND_OF.search(before):
            relation = "part_of" if m.group("rel").lower() in _PART else "is_a"
            out.append(RelationClaim(other.concept, "below", relation, negated, a + m.start(), other.end))
        elif m := _INCLUDES.search(before):
            out.append(RelationClaim(other.concept, "above", "includes", negated, a + m.start(), other.end))
        elif (m := _COPULA_BEFORE.match(before)) and _is_head(text, other.end):
            words = m.group("words").split()
            if not any(w.lower() in _PREPOSITIONS for w in words):
                out.append(RelationClaim(other.concept, "below", "is_a", bool(m.group("neg")), other.start, other.end))
    return out


def may_claim_coinage(text: str) -> bool:
    """Whether the sentence ``text`` may say when or by whom its term was coined (what :func:`_coined` asks of
    the sentence first): a year or "by", and a word of coining."""
    if " by " not in text and not (YEAR_DIGITS.search(text) and YEAR_EN.search(text)):
        return False
    return bool(COINAGE_STRONG.search(text) or WORD_REFERENCE.search(text) and COINAGE_WEAK.search(text))


def _coined(text: str, role: str, occurrences: list[Occurrence]) -> CoinedClaim | None:
    if role not in ("subject", "word", "appositive") or not may_claim_coinage(text):
        return None
    years = tuple((int(m.group(1)), m.start(1), m.end(1)) for m in YEAR_EN.finditer(text))
    if LOCAL_FIRST.search(text):
        return None
    names = tuple((w.lower(), m.start("n"), m.end("n")) for m in _NAME_BY.finditer(text)
                  for w in re.findall(r"[A-Z][a-z][A-Za-z'’\-]+", m.group("n")))
    names = tuple(n for n in names if not inside_term(occurrences, n[1], n[2]))
    if not years and not names:
        return None
    return CoinedClaim(years, names)


def _keys(text: str, parts: list[tuple[int, int]], occ: Occurrence,
          occurrences: list[Occurrence]) -> dict[str, tuple[int, int]]:
    keys: dict[str, tuple[int, int]] = {}
    for a, b in parts:
        if b <= a:
            continue
        covered: list[tuple[int, int]] = []
        for other in occurrences:
            if a <= other.start and other.end <= b:
                covered.append((other.start, other.end))
                if other.concept != occ.concept:
                    key = occurrence_key(text[other.start:other.end], other.concept, "en")
                    keys.setdefault(key, (other.start, other.end))
        for t in _TISSUE_RE.finditer(text, a, b):
            tid = _tissue_id(t.group())
            covered.append((t.start(), t.end()))
            if tid is not None:
                keys.setdefault(f"tissue:{tid}", (t.start(), t.end()))
        for w in _WORD.finditer(text, a, b):
            if any(s <= w.start() < e for s, e in covered):
                continue
            word = w.group().lower()
            if word in EN_STOP or len(word) < 3:
                continue
            stem = en_stem(word)
            if stem in EN_STOP:
                continue
            keys.setdefault(canonical(stem), (w.start(), w.end()))
    return keys
