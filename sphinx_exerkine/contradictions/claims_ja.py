"""Japanese statements about terms, read from the clause structure given by fugashi/unidic-lite.

The term is the topic when it is followed (after an optional parenthesis such as 「（英語名）」) by は, とは,
って, も, の定義は, 「という言葉は」 or a colon, the subject when followed by が; what is said about it runs to
the end of the sentence or to the comma before the next topic. A relative clause right before the term
(「…であるX」「…から分泌されるX」) is an appositive: it states properties too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from .claims import (CoinedClaim, Content, Occurrence, OriginClaim, QuantityClaim, Readers, RelationClaim,
                     Statement, inside_term, occurrence_key)
from ..lazyre import alternation, lazy
from .quantities import LENGTH_WORDS, SIZE_WORDS, find_quantities
from .sentences import Sentence
from .tokens import Token, token_at, tokenize
from .vocabulary import (COINAGE_STRONG, COINAGE_WEAK, JA_EXCLUSIVE, JA_NOT_ONLY, JA_ORIGIN_LEMMAS, JA_STOP,
                         LOCAL_FIRST, SYNONYMS, WORD_REFERENCE, YEAR_DIGITS, YEAR_JA, canonical, ja_tissues)

_PAREN = lazy(r"\s*[（(][^（()）]{0,80}[）)]")
_DEFINITION = "定義"
#: what 「Xの…は」 may name about a term and still make it the topic
_MEASURES = ("大きさ", "直径", "サイズ", "粒径", "長さ", "鎖長", "塩基長", "中身", "内容物", "機能", "役割", "起源", "正体")
#: the words that make a term a topic or a subject, as they follow it (after :data:`_MARKER_LEAD`)
_MARKER_WORDS = (
    r"(?:(?P<toha>とは|って|の" + _DEFINITION + r"(?:は|とは))"
    r"|(?P<measure>の(?:" + "|".join(_MEASURES) + r")(?:は|が))"
    r"|(?P<word>という(?:言葉|用語|語|名称|呼称|呼び名|名前|造語|概念))(?:は|が|も|を|の|自体は)?"
    r"|(?P<ha>は)|(?P<ga>が)|(?P<mo>も)|(?P<colon>[：:]))"
)
#: a closing quote and blanks may stand between the term and its marker
_MARKER_LEAD = r"[」』\"”]?\s*"
_MARKER = lazy(_MARKER_LEAD + _MARKER_WORDS)
#: the longest match of :data:`_MARKER_WORDS` (「という呼び名自体は」), checked by the tests
MARKER_REACH = 9
#: the characters that may follow 「の」 in one of :data:`_MARKER_WORDS` (checked by the tests)
_AFTER_NO = frozenset(word[0] for word in (_DEFINITION, *_MEASURES))
_CLAUSE_PUNCT = frozenset("、。，．,「」『』（）()【】：:；;")
_DEFINING_TAIL = lazy(r"のこと|を指す|を指し|の総称|と呼ば|と呼ぶ|と定義|をいう|を言う|のことを")

# hierarchy wording after another term Y inside what is said about X
_BELOW_WORDS = lazy(
    r"^(?:など)?の(?P<rel>一種|一つ|ひとつ|一部|一員|仲間|サブタイプ|サブセット|亜型|亜群|下位分類|構成要素|一形態|"
    r"一群|部分集合|サブクラス|種類|一分類)"
)
_ABOVE_WORDS = lazy(r"^(?:など)?(?:の(?:総称|上位概念)|を(?:含む|含め|包含|包括|総称))")
_CONTAINED = lazy(r"^(?:中)?に(?:含まれ|属す|分類され|包含され|包括され)")
_COPULA = lazy(r"^\s*(?:で(?:ある|あり|あって|す|もある|もあり|はな|もな|はありません)|だ(?:[。、，．]|$)|じゃな)")
_NEGATED_AFTER = lazy(r"^(?:で|に)?(?:は|も)?(?:な[いくかけ]|ありません|ございません)")
_PART_WORDS = frozenset({"一部", "構成要素", "部分集合"})

_NAME = lazy(
    r"(?P<n>[A-Z][A-Za-z'’\-]+(?:[ .]+[A-Z][A-Za-z'’\-]*\.?)*)\s*(?:ら|博士|教授|氏|et al\.?)?\s*"
    r"(?:によって|により|が(?:提唱|命名|名付|名づ|最初|初めて|造|作)|の(?:提唱|命名|グループ|研究グループ))"
)

_LATIN_NAME = lazy(r"[A-Z][a-z]")
_CASE_PARTICLES = frozenset({"から", "より", "で", "が"})
_COORDINATORS = ("や", "と", "、", "・", "及び", "および", "または", "，", "又は")
_NEGATIVE_LEMMAS = frozenset({"ない", "無い", "ず", "ぬ", "ん"})


def statements(sentence: Sentence, occurrences: list[Occurrence],
               relevant: Callable[[str], bool]) -> list[Statement]:
    """Statements about the relevant terms of a Japanese sentence. Only the words around each term are
    looked at here; the tokenizer runs later, and only for the claims that need it."""
    out: list[Statement] = []
    for occ in occurrences:
        if relevant(occ.concept):
            statement = _statement(sentence, occ, occurrences)
            if statement is not None:
                out.append(statement)
    return out


def may_state(masked: str, start: int, end: int) -> bool:
    """Cheap test on the raw masked text: could the term at ``[start, end)`` be what a Japanese sentence
    talks about (a topic or subject marker after it, a relative clause or a size before it)?"""
    after = masked[end:end + 1]
    if after in _MARKER_STARTS and (_marker_word_after(masked, end) if after in _MARKER_WORD_STARTS
                                    else _marker_after(masked, end)):
        return True
    before = masked[start - 1:start]
    if before in _ATTRIBUTIVE_ENDINGS:
        return True  # 「…分泌されるX」 (what :func:`_relative_clause_before` finds first)
    return before in _CLAUSE_ENDS and _relative_clause_before(masked, start)


#: characters that may follow a term that is a topic or subject (markers, brackets, masks, blanks)
_MARKER_STARTS = frozenset("とっのはがも：:（(」』\"” \u3000\0\n")
#: those that can only start one of :data:`_MARKER_WORDS` (neither blank, bracket, quote nor mask)
_MARKER_WORD_STARTS = frozenset("とっのはがも：:")


def _marker_after(masked: str, end: int) -> bool:
    """Whether a marker follows the term ending at ``end``, after an optional parenthesis (or the
    parenthesis gives a size), the masked characters and line breaks of the next 90 characters left out."""
    after = masked[end:end + 90]
    if "\0" in after or "\n" in after:
        after = after.replace("\0", "").replace("\n", "")
    pos = 0
    paren = _PAREN.match(after)
    if paren:
        if find_quantities(paren.group()):
            return True
        pos = paren.end()
    return _MARKER.match(after, pos) is not None


def _marker_word_after(masked: str, end: int) -> bool:
    """:func:`_marker_after` for a term followed by a character that can only start a marker word (the
    commonest case, 「Xの…」): neither a parenthesis nor :data:`_MARKER_LEAD` can come first, so a marker
    is one of :data:`_MARKER_WORDS` right there, no longer than :data:`MARKER_REACH`. When none of those
    characters is masked or a line break, they alone tell."""
    if masked[end] == "の":  # the commonest case by far: told from the next character when it is not masked
        second = masked[end + 1:end + 2]
        if second not in _AFTER_NO and second not in ("\0", "\n"):
            return False
    head = masked[end:end + MARKER_REACH]
    if "\0" in head or "\n" in head:
        return _marker_after(masked, end)
    return _MARKER.match(head) is not None


def _relative_clause_before(masked: str, start: int) -> bool:
    last = masked[start - 1:start]
    if last not in _ATTRIBUTIVE_ENDINGS and last not in ("の", "\0", "\n"):
        return False
    before = masked[max(0, start - 30):start]
    if "\0" in before or "\n" in before:
        before = before.replace("\0", "").replace("\n", "")
    if not before:
        return False
    if before[-1] == "の":
        return "由来" in before or any(map(str.isdigit, before))
    return before[-1] in _ATTRIBUTIVE_ENDINGS


def statement_for_region(sentence: Sentence, occurrence: Occurrence, occurrences: list[Occurrence],
                         role: str) -> Statement:
    """A statement about ``occurrence``'s term whose content is the whole of ``sentence`` (a heading's
    definition on the next line)."""
    return _build(sentence, occurrence, occurrences, role, (0, len(sentence.text)), None, True)


#: only bullets, numbering and brackets before an annotation label (「・エクソソーム：」「注2）エクソソーム：」)
_LABEL_START = lazy(r"[\W\d_]*(?:注\s*\d+\s*[)）]\s*)?$")
#: last kana of an attributive verb, adjective or copula form (分泌される, 放出した, 小さい, 代表的な)
_ATTRIBUTIVE_ENDINGS = frozenset("うくぐすつぬぶむるただいな")
#: what may stand right before a term that a relative clause describes (:func:`_relative_clause_before`)
_CLAUSE_ENDS = _ATTRIBUTIVE_ENDINGS | {"の", "\0", "\n"}
_APPOSITIVE_STOP = lazy(r"[、。，．,「」『』（）()【】：:；;]|(?<=[^\u3041-\u3096])[はがも](?=[^\u3041-\u3096])")


def _appositive(text: str, occ: Occurrence) -> tuple[int, int] | None:
    """The relative clause right before the term (「骨格筋から分泌されるX」「30〜150 nmのX」), if any."""
    if occ.start == 0 or text.startswith("という", occ.end):
        return None
    before = text[occ.start - 1]
    window_start = max(0, occ.start - 60)
    if before == "の":
        window = text[max(0, occ.start - 24):occ.start]
        if "由来" not in window and not any(map(str.isdigit, window)):
            return None
    elif before not in _ATTRIBUTIVE_ENDINGS:
        return None  # 「…と比べて」「…し」 are not relative clauses
    start = window_start
    for m in _APPOSITIVE_STOP.finditer(text, window_start, occ.start):
        start = m.end()
    return (start, occ.start) if start < occ.start else None


def _statement(sentence: Sentence, occ: Occurrence, occurrences: list[Occurrence]) -> Statement | None:
    text = sentence.text
    pos = occ.end
    paren = _PAREN.match(text, pos)
    paren_span = None
    if paren:
        paren_span = (paren.start(), paren.end())
        pos = paren.end()
    marker = _MARKER.match(text, pos)
    appositive = _appositive(text, occ)
    role = None
    definitional = False
    if marker:
        if marker.group("toha"):
            role, definitional = "topic", True
        elif marker.group("word"):
            role, definitional = "word", True
        elif marker.group("colon"):
            if not _LABEL_START.match(text, 0, occ.start):
                return None  # 「（英語名：EV）」: a colon inside a sentence is not an annotation label
            role, definitional = "annotation", True
        elif marker.group("ga") or marker.group("measure"):
            role = "subject"
        else:
            role = "topic"
    if role is not None:
        region = (marker.end(), _scope_end(text, marker.end(), occ, occurrences))  # type: ignore[union-attr]
    elif appositive is not None:
        role, region = "appositive", (occ.start, occ.start)
    elif paren_span is not None and find_quantities(text[paren_span[0]:paren_span[1]]):
        role, region = "parenthetical", paren_span
    else:
        return None
    return _build(sentence, occ, occurrences, role, region, appositive, definitional)


def _build(sentence: Sentence, occ: Occurrence, occurrences: list[Occurrence], role: str,
           region: tuple[int, int], appositive: tuple[int, int] | None, definitional: bool) -> Statement:
    text = sentence.text
    parts = [span for span in (region, appositive) if span is not None and span[1] > span[0]]
    # an appositive ending in 「…の」 only gives sizes; one ending in a verb states an origin too
    origin_parts = [p for p in parts if p != appositive or text[p[1] - 1] != "の"]

    def quantities() -> tuple[QuantityClaim, ...]:
        return tuple(q for a, b in parts for q in _quantities(text, a, b, occ, occurrences))

    def relations() -> tuple[RelationClaim, ...]:
        if len(occurrences) < 2:
            return ()
        return tuple(r for a, b in parts for r in _relations(text, a, b, occ, occurrences))

    def origins() -> tuple[OriginClaim, ...]:
        tokens = tokenize(text)
        return tuple(o for a, b in origin_parts for o in _origins(text, tokens, a, b)
                     if not inside_term(occurrences, o.start, o.end))

    def content() -> Content:
        tokens = tokenize(text)
        return Content(
            keys=_keys(text, tokens, [region], occ, occurrences),  # a relative clause before a term restricts it
            definitional=definitional or bool(_DEFINING_TAIL.search(text, region[0], region[1]))
            or _noun_predicate(tokens, region),
            negated=_negated_end(tokens, region),
            exclusive=_exclusive(tokens, parts),
            inclusive=_inclusive(tokens, region),
        )

    return Statement(sentence, occ, role, "ja", region, appositive,
                     Readers(quantities, relations, lambda: _coined(text, role, occurrences), origins, content))


# ------------------------------------------------------------------------------------------ structure


def _scope_end(text: str, start: int, occ: Occurrence, occurrences: list[Occurrence]) -> int:
    """Where what is said about a topic ends: at the comma before the next term that is itself a topic or
    subject (「Xは…であり、Yは…」), or at the end of the sentence."""
    for other in occurrences:
        if other.start <= start or other.concept == occ.concept:
            continue
        pos = other.end
        paren = _PAREN.match(text, pos)
        if paren:
            pos = paren.end()
        marker = _MARKER.match(text, pos)
        if marker and not marker.group("colon") and not marker.group("word"):
            comma = max(text.rfind("、", start, other.start), text.rfind("，", start, other.start))
            if comma > start:
                return comma
    return len(text)


def _tokens_in(tokens: tuple[Token, ...], a: int, b: int) -> range:
    return range(token_at(tokens, a), token_at(tokens, b))


# ------------------------------------------------------------------------------------------ quantities


def _quantities(text: str, a: int, b: int, occ: Occurrence, occurrences: list[Occurrence]) -> list[QuantityClaim]:
    out = []
    for q in find_quantities(text, a, b):
        if _belongs_to_other(text, q.start, q.end, occ, occurrences):
            continue
        before = text[max(0, q.start - 10):q.start]
        context = "size" if SIZE_WORDS.search(before) else "length" if LENGTH_WORDS.search(before) else ""
        out.append(QuantityClaim(q, context))
    return out


_OWN_MODIFIER = lazy(r"^\s*(?:程度|前後|くらい|ぐらい|ほど|以下|以上|未満)?\s*の[^、。，．,]{0,12}$")


def _belongs_to_other(text: str, start: int, end: int, occ: Occurrence, occurrences: list[Occurrence]) -> bool:
    """A quantity describing another term (「60–80 nmのY」, 「Y（60–80 nm）」) is not about ``occ``."""
    for other in occurrences:
        if other.concept == occ.concept:
            continue
        if other.start >= end and _OWN_MODIFIER.match(text[end:other.start]):
            return True
        if other.end <= start and re.fullmatch(r"\s*[（(][^（()）]*", text[other.end:start]):
            return True
    return False


# ------------------------------------------------------------------------------------------ origin


#: what :func:`_origins` reads right after a tissue: a case particle (から, より, で, が), the に of 「によって」,
#: an exclusivity particle before the case particle (「骨格筋だけから」), or 由来 (spelt 由来, or ゆらい / ユライ)
_AFTER_TISSUE = "(?:から|より|で|が|に|だけ|のみ|ばかり|由|ゆ|ユ)"


@lru_cache(maxsize=1)
def _origin_cue() -> re.Pattern:
    return re.compile(alternation(ja_tissues()) + _AFTER_TISSUE)


def may_claim_origin(text: str) -> bool:
    """Whether the sentence ``text`` may say where its term comes from (:func:`_origins` needs a tissue name
    right before one of :data:`_AFTER_TISSUE`). This test does not look at the characters around what it
    finds."""
    return _origin_cue().search(text) is not None


def _tissue_before(text: str, starts: frozenset[int], end: int, floor: int) -> tuple[str | None, int] | None:
    """The tissue name ending at ``end`` (longest, starting on a token boundary): (tissue id, start)."""
    if end <= floor or text[end - 1] not in _tissue_last_chars():
        return None
    table = ja_tissues()
    for length in range(min(_tissue_max_length(), end - floor), 0, -1):
        start = end - length
        if start in starts and text[start:end] in table:
            return table[text[start:end]], start
    return None


@lru_cache(maxsize=1)
def _tissue_last_chars() -> frozenset[str]:
    return frozenset(name[-1] for name in ja_tissues())


@lru_cache(maxsize=1)
def _tissue_max_length() -> int:
    return max(len(name) for name in ja_tissues())


_STARTS: dict[int, tuple[tuple[Token, ...], frozenset[int]]] = {}


def _starts(tokens: tuple[Token, ...]) -> frozenset[int]:
    """Offsets where tokens start (kept by identity: hashing the tokens would cost more than this)."""
    hit = _STARTS.get(id(tokens))
    if hit is None or hit[0] is not tokens:
        if len(_STARTS) > 256:
            _STARTS.clear()
        hit = (tokens, frozenset(t.start for t in tokens))
        _STARTS[id(tokens)] = hit
    return hit[1]


def _tissue_list(text: str, tokens: tuple[Token, ...], k: int, floor: int) -> tuple[list[str], int, int, bool]:
    """Tissues coordinated right before token ``k`` (「骨格筋や肝臓から」): ids, span start, span end and
    whether an exclusivity particle sits between them and ``k`` (「骨格筋だけから」)."""
    starts = _starts(tokens)
    end = tokens[k].start
    exclusive = False
    j = k - 1
    if j >= 0 and tokens[j].surface in ("だけ", "のみ", "ばかり"):
        exclusive, end = True, tokens[j].start
    tissues: list[str] = []
    span_end = end
    first = _tissue_before(text, starts, end, floor)
    span_start = end
    while first is not None:
        tissue, start = first
        if tissue is None:
            return [], end, end, exclusive
        tissues.insert(0, tissue)
        span_start = start
        coordinator = next((c for c in _COORDINATORS if text.endswith(c, floor, start)), None)
        if coordinator is None:
            break
        first = _tissue_before(text, starts, start - len(coordinator), floor)
    return tissues, span_start, span_end, exclusive


def _origins(text: str, tokens: tuple[Token, ...], a: int, b: int) -> list[OriginClaim]:
    out: list[OriginClaim] = []
    indices = _tokens_in(tokens, a, b)
    for k in indices:
        t = tokens[k]
        if t.lemma == "由来" and t.pos1 == "名詞":
            tissues, s, e, _ = _tissue_list(text, tokens, k, a)
            if tissues:
                out.append(OriginClaim(tuple(tissues), False, False, s, e))
            continue
        agent = t.surface == "に" and k + 1 < len(tokens) and tokens[k + 1].lemma in ("因る", "依る", "よる")
        if not (t.pos1 == "助詞" and t.surface in _CASE_PARTICLES or agent):
            continue
        tissues, s, e, exclusive = _tissue_list(text, tokens, k, a)
        if not tissues:
            continue
        j = k + (3 if agent and k + 2 < len(tokens) and tokens[k + 2].surface in ("て", "る") else 2 if agent else 1)
        contrast = t.surface == "で" and text.startswith(("ではなく", "でなく", "ではない"), t.start)
        verb = _origin_verb(tokens, j, indices.stop)
        if verb is None:
            continue
        segment = tokens[k:verb]
        if any(x.surface in JA_EXCLUSIVE for x in segment) and not JA_NOT_ONLY.search(text, tokens[k].start, tokens[verb].start):
            exclusive = True
        if any(x.lemma in ("唯一", "専ら") or x.surface == "もっぱら" for x in tokens[indices.start:verb]):
            exclusive = True
        if JA_NOT_ONLY.search(text, e, tokens[min(k + 3, len(tokens) - 1)].end):
            exclusive = False
        has_shika = any(x.surface == "しか" for x in segment)
        negated = contrast or (_negated_after(tokens, verb, indices.stop) and not has_shika)
        marker = next((w for w in ("だけ", "のみ", "ばかり") if text.startswith(w, e)), "")
        if exclusive and marker:
            e += len(marker)
        out.append(OriginClaim(tuple(tissues), negated, exclusive and not negated, s, e))
    return out


def _origin_verb(tokens: tuple[Token, ...], j: int, stop: int) -> int | None:
    """Index of the word of origin (分泌, 放出, 作る, ...) that the case particle before ``j`` attaches to."""
    if j < len(tokens) and tokens[j].surface == "の" and tokens[j].pos1 == "助詞":
        return None  # 「骨格筋からの分泌を」: a noun phrase, not the predicate
    for k in range(j, min(stop, j + 10)):
        t = tokens[k]
        if t.surface in ("。", "を") or t.pos1 == "補助記号" and t.pos2 == "句点":
            return None
        if t.lemma in JA_ORIGIN_LEMMAS:
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            if nxt is not None and nxt.pos1 == "助詞" and nxt.surface in ("を", "が", "の", "は", "も", "に", "と"):
                return None
            return k
        if t.pos1 == "動詞" and t.pos2 != "非自立可能":
            return None
        if t.pos3 == "サ変可能" and k + 1 < len(tokens) and tokens[k + 1].lemma == "為る":
            return None
    return None


def _negated_after(tokens: tuple[Token, ...], verb: int, stop: int) -> bool:
    for k in range(verb + 1, min(len(tokens), verb + 8)):
        t = tokens[k]
        if t.surface in ("、", "。", "，") or t.pos1 == "助詞" and t.pos2 == "接続助詞" and t.surface not in ("て", "で"):
            return False
        if t.lemma in _NEGATIVE_LEMMAS and t.pos1 in ("助動詞", "形容詞"):
            return True
    return False


# ------------------------------------------------------------------------------------------ hierarchy


def _relations(text: str, a: int, b: int, occ: Occurrence, occurrences: list[Occurrence]) -> list[RelationClaim]:
    out: list[RelationClaim] = []
    for other in occurrences:
        if other.concept == occ.concept or not (a <= other.start and other.end <= b):
            continue
        pos = other.end
        paren = _PAREN.match(text, pos)
        if paren:
            pos = paren.end()
        rest = text[pos:b]
        claim = None
        if m := _BELOW_WORDS.match(rest):
            relation = "part_of" if m.group("rel") in _PART_WORDS else "is_a"
            end = pos + m.end()
            claim = ("below", relation, end, bool(_NEGATED_AFTER.match(text, end)))
        elif m := _ABOVE_WORDS.match(rest):
            claim = ("above", "includes", pos + m.end(), False)
        elif m := _CONTAINED.match(rest):
            claim = ("below", "is_a", pos + m.end(), bool(re.match(r"(?:ない|ません)", text[pos + m.end():])))
        elif m := _COPULA.match(rest):
            negated = bool(re.match(r"\s*(?:ではな|でもな|ではありません|じゃな)", rest))
            if _is_predicate_head(text, a, other):
                claim = ("below", "is_a", pos + m.end(), negated)
        if claim is not None:
            direction, relation, end, negated = claim
            out.append(RelationClaim(other.concept, direction, relation, negated, other.start, end))
    return out


@lru_cache(maxsize=1)
def _relation_cue() -> re.Pattern | None:
    """What :func:`_relations` looks for after the other term, after an optional parenthesis, found in the
    whole sentence: its patterns without their anchors (the end of what is said, 「…だ」, may be followed by
    more of the sentence). None when the patterns cannot be read so (an anchor elsewhere)."""
    words = []
    for pattern in (_BELOW_WORDS.pattern, _ABOVE_WORDS.pattern, _CONTAINED.pattern, _COPULA.pattern):
        if not pattern.startswith("^") or "^" in pattern[1:].replace("[^", "") or "\\$" in pattern:
            return None
        words.append(pattern[1:].replace("$", ""))
    return re.compile(f"(?:{_PAREN.pattern})?(?:" + "|".join(f"(?:{w})" for w in words) + ")")


def may_relate(text: str, end: int) -> bool:
    """Whether what follows the term ending at ``end`` in ``text`` (a sentence, or a text that holds one) may
    make it the other term of a hierarchy claim (「…Yの一種」「…Yを含む」「…Yである」)."""
    cue = _relation_cue()
    return cue is None or cue.match(text, end) is not None


def _is_predicate_head(text: str, a: int, other: Occurrence) -> bool:
    """「XはYである」「Xは肝臓由来のYである」: Y heads the predicate, unless a case particle right before it
    makes it part of a clause inside the predicate (「XはZがYである」)."""
    before = text[a:other.start].strip()
    return not before or before[-1] not in "はがをに"


# ------------------------------------------------------------------------------------------ coinage


def may_claim_coinage(text: str) -> bool:
    """Whether the sentence ``text`` may say when or by whom its term was coined (what :func:`_coined` asks of
    the sentence first): a year or a capitalised name, and a word of coining."""
    if not (_LATIN_NAME.search(text) or YEAR_DIGITS.search(text) and YEAR_JA.search(text)):
        return False
    return bool(COINAGE_STRONG.search(text) or WORD_REFERENCE.search(text) and COINAGE_WEAK.search(text))


def _coined(text: str, role: str, occurrences: list[Occurrence]) -> CoinedClaim | None:
    if role not in ("topic", "subject", "word", "appositive", "annotation") or not may_claim_coinage(text):
        return None
    years = tuple((int(m.group(1)), m.start(), m.end()) for m in YEAR_JA.finditer(text))
    if LOCAL_FIRST.search(text):
        return None
    names = tuple((w.lower(), m.start("n"), m.end("n")) for m in _NAME.finditer(text)
                  for w in re.findall(r"[A-Z][a-z][A-Za-z'’\-]+", m.group("n")))
    names = tuple(n for n in names if not inside_term(occurrences, n[1], n[2]))
    if not years and not names:
        return None
    return CoinedClaim(years, names)


# ------------------------------------------------------------------------------------------ content


def _noun_predicate(tokens: tuple[Token, ...], region: tuple[int, int]) -> bool:
    """「…物質である」「…小胞です」: the predicate is a noun with a copula."""
    k = token_at(tokens, region[1]) - 1
    while k >= 0 and tokens[k].pos1 == "補助記号":
        k -= 1
    tail: list[Token] = []
    while k >= 0 and len(tail) < 3 and tokens[k].pos1 in ("助動詞", "動詞") and tokens[k].start >= region[0]:
        tail.insert(0, tokens[k])
        k -= 1
    while k >= 0 and tokens[k].pos1 == "補助記号" and tokens[k].pos2 == "括弧閉":  # 「…物質」です
        k -= 1
    words = "".join(t.surface for t in tail)
    return words in ("である", "です", "だ", "でございます") and k >= 0 and tokens[k].is_noun


def _negated_end(tokens: tuple[Token, ...], region: tuple[int, int]) -> bool:
    k = token_at(tokens, region[1]) - 1
    seen = 0
    while k >= 0 and tokens[k].start >= region[0] and seen < 5:
        t = tokens[k]
        if t.pos1 != "補助記号":
            seen += 1
            if t.lemma in _NEGATIVE_LEMMAS and t.pos1 in ("助動詞", "形容詞"):
                return not any(x.surface == "しか" for x in tokens[token_at(tokens, region[0]):k])
        k -= 1
    return False


def _inclusive(tokens: tuple[Token, ...], region: tuple[int, int]) -> bool:
    """「収縮時にも安静時にも」「運動時にも」: one occasion among others, so not a defining condition."""
    also = [k for k in _tokens_in(tokens, *region) if tokens[k].surface == "も" and tokens[k].pos2 == "係助詞"]
    if len(also) >= 2:
        return True
    for k in also:
        j = k - 1 if k > 0 and tokens[k - 1].surface not in ("に", "で") else k - 2
        if j >= 0 and tokens[j].surface.endswith(("時", "際", "とき", "場合", "中")):
            return True
    return False


def _exclusive(tokens: tuple[Token, ...], parts: list[tuple[int, int]]) -> bool:
    for a, b in parts:
        for k in _tokens_in(tokens, a, b):
            t = tokens[k]
            if t.surface in JA_EXCLUSIVE or t.lemma in ("唯一", "専ら"):
                nxt = "".join(x.surface for x in tokens[k:k + 4])
                if not JA_NOT_ONLY.match(nxt):
                    return True
    return False


def _keys(text: str, tokens: tuple[Token, ...], parts: list[tuple[int, int]], occ: Occurrence,
          occurrences: list[Occurrence]) -> dict[str, tuple[int, int]]:
    """Content keys of what is said: lemmas through the synonym table, tissues as ``tissue:<id>``, other
    glossary terms as ``concept:<id>``; words before 「ではなく」 are left out (they are denied)."""
    keys: dict[str, tuple[int, int]] = {}
    starts = _starts(tokens)
    for a, b in parts:
        if b <= a:
            continue
        denied = _denied_spans(text, tokens, a, b)
        covered: list[tuple[int, int]] = []
        for other in occurrences:
            if a <= other.start and other.end <= b:
                covered.append((other.start, other.end))
                if other.concept != occ.concept and not _inside(denied, other.start):
                    key = occurrence_key(text[other.start:other.end], other.concept, "ja")
                    keys.setdefault(key, (other.start, other.end))
        for k in _tokens_in(tokens, a, b):
            t = tokens[k]
            if _inside(covered, t.start) or _inside(denied, t.start):
                continue
            # a tissue name ending with this token (骨格+筋 -> 骨格筋)
            found = _tissue_before(text, starts, t.end, a)
            if found is not None and found[0] is not None:
                keys.setdefault(f"tissue:{found[0]}", (found[1], t.end))
                continue
            if not _content(t):
                continue
            keys.setdefault(_key(t), (t.start, t.end))
    return keys


def _key(t: Token) -> str:
    if t.lemma in SYNONYMS:
        return canonical(t.lemma)
    if t.surface in SYNONYMS:
        return canonical(t.surface)
    return t.lemma


def _content(t: Token) -> bool:
    if t.lemma in JA_STOP or t.surface in JA_STOP:
        return False
    if t.pos1 == "名詞":
        return t.pos2 not in ("数詞", "代名詞") and len(t.surface) > 0
    if t.pos1 == "動詞":
        return t.pos2 != "非自立可能"
    if t.pos1 in ("形容詞", "形状詞"):
        return t.pos2 != "非自立可能" and t.pos2 != "助動詞語幹"
    return t.lemma in ("全て", "すべて")


def _denied_spans(text: str, tokens: tuple[Token, ...], a: int, b: int) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"ではなく|でなく|じゃなく", text[a:b]):
        end = a + m.start()
        start = a
        for k in _tokens_in(tokens, a, end):
            if tokens[k].surface in ("、", "，", ","):
                start = tokens[k].end
        spans.append((start, a + m.end()))
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)
