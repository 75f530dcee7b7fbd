"""Finding glossary terms and their variants in text.

The matcher is compiled once from the glossary and then scans texts. It returns :class:`Match` records:
terms and admitted forms (used for links, definitions and translation checks) and variants (reported by
the ``term-variant`` rule). Three scanners share the work, each on what it does best:

* **katakana runs** — a regular expression finds runs of katakana (with half-width katakana, separate
  voiced marks, look-alike long-vowel marks and hiragana/kanji look-alikes inside them, and words split
  by a middle dot or a space). Each distinct run is analysed once (cached): normalized, tiled with the
  glossary's katakana forms, and what is left is compared with the katakana terms by a weighted edit
  distance in which confusable kana (voicing, small kana, ソ/ン, シ/ツ, long-vowel marks) cost little.
  A near match is reported only when it is not a real word (the tokenizer's lexicon, the built-in list of
  look-alike words, the user's allow list) and what stands beside it in the run is a word of its own.
* **Latin words** — English forms are matched whole-word and case-insensitively (abbreviations
  case-sensitively) after full-width letters are folded; hyphen or space splits and near misspellings of
  single-word terms are variants.
* **kanji and mixed forms** (細胞外小胞, マイクロRNA) — matched exactly; a match that is only part of a
  longer word (細胞外小胞体, 乳酸菌 in the word list, or a token of the tokenizer crossing the edge) is
  dropped.

Tokenizing whole texts with MeCab would cost more than everything else together, so the tokenizer is only
asked about the few distinct strings where it decides something, and its answers are cached.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import itemgetter, not_
from typing import NamedTuple
from zlib import adler32, crc32

from .lexicon import builtin_known_words, fold_word, is_known_sequence, is_lexicon_word, token_ends
from .model import Concept, Glossary
from .readers import MASK
from .normalize import JOINERS, fold_width, has_foldable, is_katakana, nfkc, normalize_kana

# ------------------------------------------------------------------------------------------ records

#: kinds of match that are never reported
PREFERRED_KINDS = frozenset({"term", "admitted", "abbreviation", "plural"})


class Match(NamedTuple):
    """A form found in a text (a tuple: a long text holds a hundred thousand of them, and tuples are made
    several times faster than frozen dataclasses)."""

    #: original offsets (into the scanned text)
    start: int
    end: int
    #: concept id
    concept: str
    #: term | admitted | abbreviation | plural | variant | normalized | split | fuzzy
    kind: str
    #: ja | en
    lang: str
    #: the text as found
    found: str
    #: the preferred form to use instead (variants only)
    expected: str | None = None
    #: what is wrong, for messages ("half-width katakana", "unlisted spelling", ...)
    detail: str = ""

    @property
    def is_variant(self) -> bool:
        return self.kind not in PREFERRED_KINDS

    @property
    def safe_fix(self) -> bool:
        """Listed and normalization variants have exactly one correct replacement."""
        return self.kind in ("variant", "normalized", "split")


#: ``_new_match(fields)`` is ``Match(*fields)`` without the named tuple's Python-level ``__new__`` (the hot
#: path makes a hundred thousand matches per 10 MB of text)
_new_match = partial(tuple.__new__, Match)


# ------------------------------------------------------------------------------------------ patterns

_K = "\u30a1-\u30fa\u30fc\u30fd\u30fe\uff66-\uff9f\u3099-\u309c"  # katakana, half-width, voiced marks
_D = "\uff70\u2010-\u2015\u2212\uff0d\u2500\u2501"  # dash look-alikes (also at the end of a run)
_DM = _D + "\\-\u4e00"  # ... and inside a run: ASCII hyphen, the kanji 一
_H = "へべぺりかも"  # hiragana look-alikes
_J = "力口工夕卜八二"  # kanji look-alikes
_S = "・･ \u3000"  # joiners
#: a line break inside a word; text extracted from PDF often has a blank line between lines
_WRAP = "[ \t\u3000]*\r?\n(?:[ \t\u3000]*\r?\n)?"

# a run starts with a katakana character or with a hiragana or kanji look-alike before one: one character
# class for both, told apart by the look-behind and look-ahead after it. A pattern that starts with a
# single character class lets the regex engine skip the text between runs in C (the engine tries a match
# at every character of the text otherwise: twice as slow on Japanese prose). The look-ahead inside the
# repetition (what may continue a run) ends most runs without trying each way of continuing them.
KATAKANA_RUN = re.compile(
    f"[{_H}{_J}{_K}](?:(?<=[{_K}])|(?=[{_K}]))[{_K}]*"
    f"(?:(?=[{_DM}{_H}{_J}{_S}\t\r\n])(?:[{_DM}{_H}{_J}]+|[{_S}]|{_WRAP})[{_K}]+)*"
    f"(?:[{_D}]+|[{_J}](?=[A-Za-z0-9\uff21-\uff3a\uff41-\uff5a\uff10-\uff19]))?"
)
#: the same in a group: ``split`` returns the runs between the pieces of text around them
_KATAKANA_CUT = re.compile(f"({KATAKANA_RUN.pattern})")
#: katakana chunks inside kanji/mixed forms (臓器間[クロストーク], [インターロイキン]6)
_KATA_CHUNK = re.compile("[\u30a1-\u30fa\u30fc]{3,}")
#: written ``[c][c]*`` rather than ``[c]+``: a pattern that starts with a single character class lets the
#: regex engine skip the Japanese text between words in C (twice as fast on Japanese prose)
LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_WHOLE_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
#: kanji: the main range (CJK unified ideographs and extension A), then the compatibility ideographs and
#: the marks 々 〆
_KANJI_RANGES = ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x3005, 0x3005), (0x3006, 0x3006))
_KANJI = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _KANJI_RANGES) + "]")
#: the kanji outside the main range, as a set: a neighbour is tested without calling into the regex engine
_RARE_KANJI = frozenset(chr(c) for a, b in _KANJI_RANGES[1:] for c in range(a, b + 1))


def script_of(form: str) -> str:
    """``kata`` (katakana and joiners only), ``latin`` (ASCII), or ``mixed``."""
    folded = fold_width(nfkc(form))
    if all(is_katakana(ch) or ch in "・" for ch in folded):
        return "kata"
    if folded.isascii():
        return "latin"
    return "mixed"


# ------------------------------------------------------------------------------------------ distances

_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_VOICED = {
    **dict(zip("ガギグゲゴザジズゼゾダヂヅデドバビブベボ", "カキクケコサシスセソタチツテトハヒフヘホ")),
    **dict(zip("パピプペポ", "ハヒフヘホ")),
    "ヴ": "ウ",
}
_VISUAL = [frozenset(p) for p in ("ソン", "シツ", "ワウ", "ヘペ", "ヘベ", "ロコ", "チテ")]
CHEAP = 0.35


def _base(ch: str) -> str:
    ch = ch.translate(_SMALL)
    return _VOICED.get(ch, ch)


@lru_cache(maxsize=4096)
def sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if _base(a) == _base(b) or frozenset((a, b)) in _VISUAL:
        return CHEAP
    return 1.0


def indel_cost(ch: str) -> float:
    return CHEAP if ch in "ーッ" else 1.0


def prefix_distances(term: str, text: str, limit: float = float("inf")) -> list[float] | None:
    """``result[j]`` = weighted edit distance between ``term`` and ``text[:j]`` (OSA transpositions).

    None when no prefix of ``text`` can be within ``limit`` (the computation stops as soon as a whole row
    of the table exceeds it)."""
    return _prefix_table(term, _text_costs(text), limit)


def _text_costs(text: str) -> tuple[list[tuple[str, float]], list[float]]:
    """The characters of ``text`` with the cost of inserting or deleting each, and the first row of the
    distance table (:func:`prefix_distances`): worked out once for all the terms compared with a text."""
    pairs = [(ch, indel_cost(ch)) for ch in text]
    return pairs, [0.0, *accumulate(cost for _, cost in pairs)]


def _prefix_table(term: str, costs: tuple[list[tuple[str, float]], list[float]], limit: float) -> list[float] | None:
    """:func:`prefix_distances` with the text given by :func:`_text_costs`. The inner loop keeps the left
    and diagonal cells in variables: this runs for every candidate term of every unknown katakana word."""
    pairs, prev = costs
    prev2: list[float] | None = None
    before = None  # the term's previous character
    for a in term:
        cost_a = indel_cost(a)
        left = prev[0] + cost_a
        cur = [left]
        diag = prev[0]
        b_prev = None
        for j, (b, cost_b) in enumerate(pairs, 1):
            up = prev[j]
            best = up + cost_a
            other = left + cost_b
            if other < best:
                best = other
            other = diag + (0.0 if a == b else sub_cost(a, b))
            if other < best:
                best = other
            if prev2 is not None and a == b_prev and before == b:  # a swap of neighbours
                other = prev2[j - 2] + 1.0
                if other < best:
                    best = other
            cur.append(best)
            left, diag, b_prev = best, up, b
        if min(cur) > limit and min(prev) + 1.0 > limit:  # a transposition reaches two rows back
            return None
        prev2, prev = prev, cur
        before = a
    return prev


def kana_threshold(length: int) -> float:
    """How far a spelling may be from a katakana term of ``length`` characters and still be a variant."""
    if length < 4:
        return -1.0
    if length == 4:
        return CHEAP
    if length <= 6:
        return 1.0
    if length <= 9:
        return 1.0 + CHEAP
    return 2.0


def latin_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit <= 1:
        return min(_within_one(a, b), limit + 1)
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, prev2[j - 2] + 1)
            cur[j] = best
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _within_one(a: str, b: str) -> int:
    """0 for equal strings, 1 when one substitution, insertion, deletion or swap of neighbours turns
    ``a`` into ``b``, else 2: the answer :func:`latin_distance` gives for a limit of 1, in linear time."""
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return 1 if len(b) - len(a) == 1 and a[i:] == b[i + 1:] else 2
    if a[i + 1:] == b[i + 1:]:
        return 1
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    return 1 if swapped else 2


def latin_threshold(length: int) -> int:
    if length < 6:
        return 0
    return 1 if length < 12 else 2


# ------------------------------------------------------------------------------------------ matcher


class _Form(NamedTuple):
    concept: str
    kind: str  # term | admitted | abbreviation | plural | variant | part
    lang: str
    expected: str | None  # for variants


@dataclass(frozen=True, slots=True)
class _RunHit:
    """A match inside a normalized run: normalized character span and what it is."""

    i: int
    j: int
    concept: str
    kind: str
    lang: str
    expected: str | None
    detail: str


class _Words(NamedTuple):
    """The Latin words of a text as parallel lists."""

    text: list[str]
    lower: list[str]
    start: list[int]
    end: list[int]


class Matcher:
    """The glossary compiled for matching (see the module docstring)."""

    def __init__(self, glossary: Glossary, allow: tuple[str, ...] | list[str] = ()) -> None:
        self.glossary = glossary
        self.known = builtin_known_words() | {fold_word(w) for w in allow}
        self.kata: dict[str, _Form] = {}
        self.latin_ci: dict[str, _Form] = {}
        self.latin_cs: dict[str, _Form] = {}
        self.mixed: dict[str, _Form] = {}
        for concept in glossary:
            for form, info in _forms(concept):
                self._add(form, info)
        # katakana chunks of kanji/mixed forms: a misspelt chunk is checked with the text around it
        self.parts: dict[str, list[tuple[str, int]]] = {}
        for form in self.mixed:
            for chunk in _KATA_CHUNK.finditer(form):
                self.parts.setdefault(chunk.group(), []).append((form, chunk.start()))
        for chunk in self.parts:
            self.kata.setdefault(chunk, _Form("", "part", "ja", None))
        # katakana terms for near-miss search, with a bigram index on their kana skeleton
        self.kata_terms: list[tuple[str, _Form]] = [
            (form, info) for form, info in self.kata.items()
            if (info.kind in ("term", "admitted") and len(form) >= 4 or info.kind == "part") and "・" not in form
        ]
        bigrams: dict[str, list[int]] = {}
        self._term_grams: list[int] = []
        for index, (form, _) in enumerate(self.kata_terms):
            grams = _skeleton_bigrams(form)
            self._term_grams.append(len(grams))
            for gram in grams:
                bigrams.setdefault(gram, []).append(index)
        self._bigrams: dict[str, tuple[int, ...]] = {gram: tuple(ids) for gram, ids in bigrams.items()}
        # exact katakana forms are tiled by dictionary look-ups, longest first: independent of the
        # glossary's size (a regular expression alternation slows down with every form added)
        self._kata_lengths = sorted({len(f) for f, i in self.kata.items() if i.kind != "part"}, reverse=True)
        # Latin forms are matched token by token: the first token leads to the forms that start with it
        self._latin_first: dict[str, list[tuple[tuple[str, ...], bool, _Form]]] = {}
        odd: dict[str, _Form] = {}
        for table, sensitive in ((self.latin_cs, True), (self.latin_ci, False)):
            for form, info in table.items():
                words = tuple(form.split())
                if not all(_WHOLE_TOKEN.fullmatch(w) for w in words):
                    odd[form] = info
                    continue
                self._latin_first.setdefault(words[0] if sensitive else words[0].lower(), []).append(
                    (words, sensitive, info))
        for entries in self._latin_first.values():
            entries.sort(key=lambda e: -len(e[0]))  # longest form first
        #: the few forms with other characters (α, /, .) keep a regular expression
        self._latin_odd = odd
        self._latin_odd_re = _alternation(odd, flags=re.IGNORECASE, boundary=True)
        self._mixed_ac = _automaton(self.mixed)
        # single English words for near misses and split words
        self.en_words: dict[str, _Form] = {
            form: info for form, info in self.latin_ci.items()
            if info.kind in ("term", "plural", "admitted") and " " not in form and "-" not in form
        }
        # multi-word and hyphenated forms, keyed by their letters alone ("multiplemyeloma")
        self._multi: dict[str, tuple[str, _Form]] = {}
        for table in (self.latin_ci, self.latin_cs):
            for form, info in table.items():
                if (" " in form or "-" in form) and info.kind != "variant":
                    key = form.lower().replace(" ", "").replace("-", "")
                    if len(key) >= 8:
                        self._multi.setdefault(key, (form if table is self.latin_cs else self._original_case(info, form), info))
        #: each word of a multi-word form -> the forms (keys) it belongs to
        self._multi_words: dict[str, tuple[str, ...]] = {}
        words_of: dict[str, list[str]] = {}
        for key, (form, _) in self._multi.items():
            for word in form.lower().split():
                words_of.setdefault(word, []).append(key)
        self._multi_words = {word: tuple(keys) for word, keys in words_of.items()}
        #: every proper prefix of a one-word English form, for words split by a space ("secre tome")
        self._en_prefixes = frozenset(w[:k] for w in self.en_words for k in range(2, len(w)))
        self._latin_flags: dict[str, object] = {}
        self._multi_most_words = max((len(form.split()) for form, _ in self._multi.values()), default=1)
        self._multi_by_first: dict[str, dict[int, list[str]]] = {}
        for key in self._multi:
            self._multi_by_first.setdefault(key[0], {}).setdefault(len(key), []).append(key)
        self._multi_longest = max((len(k) for k in self._multi), default=0)
        # the first three letters of each multi-word form, also with one letter wrong, missing,
        # doubled or swapped: a quick test before any distance is computed
        heads: set[str] = set()
        for key in self._multi:
            p, q = key[:3], key[:4]
            heads.update({p, p[1] + p[0] + p[2], p[0] + p[2] + p[1], p[0] + p[0] + p[1], p[0] + p[1] + p[1],
                          q[1:4], q[0] + q[2:4], q[:2] + q[3:4]})
            heads.update({"?" + p[1:], p[0] + "?" + p[2], p[:2] + "?"})
        self._multi_heads = frozenset(heads)
        # single-deletion neighbourhoods: words within one edit share a key (two for long words). The keys
        # are kept as sorted 64-bit hashes, each with the index of its word: two flat arrays unpickle in
        # a few milliseconds, where a dict of a large glossary's 400,000 keys takes a tenth of a second.
        # A candidate found through a colliding hash is only compared with the word like any other.
        self._en_list: tuple[str, ...] = tuple(self.en_words)
        pairs = sorted([(_key_hash(key), index) for index, word in enumerate(self._en_list)
                        for key in _deletions(word, 2 if len(word) >= 12 else 1)])
        self._en_keys = array("Q", map(itemgetter(0), pairs))
        self._en_owners = array("I", map(itemgetter(1), pairs))
        #: six-letter words by their first five letters ("irisi" -> "irisin")
        self._en_prefix5 = {w[:5]: w for w in self.en_words if len(w) == 6 and w.isalpha()}
        blockers = self._compile_blockers()
        #: per kanji/mixed form, what a match is checked for: the longer words that overlap its edges, and
        #: whether its first / last character is ASCII, a kanji (what its neighbours are checked for)
        self._mixed_checks = {form: (blockers[form], form[0].isascii(), form[-1].isascii(),
                                     bool(_KANJI.match(form[0])), bool(_KANJI.match(form[-1])))
                              for form in self.mixed}
        self._run_cache: dict[str, tuple[tuple[_RunHit, tuple | None], ...]] = {}
        self._near_terms: list[tuple | None] = []
        self._near_cache: dict[str, list[tuple[int, list[tuple[float, int, int]]]]] = {}
        self._least_shared: list[float] = []
        self._latin_cache: dict[str, tuple[str, _Form, str] | None] = {}

    @classmethod
    def cached(cls, glossary: Glossary, allow: tuple[str, ...] | list[str] = ()) -> "Matcher":
        """The matcher for ``glossary``, compiled once and kept in the cache directory: a large glossary
        takes seconds to compile and a fraction of that to unpickle."""
        import hashlib

        from . import cachedir

        key = hashlib.sha256(f"{cachedir.code_stamp()}\0{glossary.digest}\0{sorted(allow)!r}".encode())
        name = f"matcher-{key.hexdigest()[:32]}.pickle"
        matcher = cachedir.load(name)
        if isinstance(matcher, cls):
            matcher.glossary = glossary
            return matcher
        matcher = cls(glossary, allow)
        if len(glossary) > 500:  # small glossaries compile faster than they unpickle
            cachedir.store(name, matcher)
        return matcher

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["glossary"] = None  # the caller has it already
        state["_run_cache"] = {}
        state["_near_terms"] = []
        state["_near_cache"] = {}
        state["_least_shared"] = []
        state["_latin_cache"] = {}
        state["_latin_flags"] = {}
        return state

    # ------------------------------------------------------------------ compile

    def _original_case(self, info: _Form, lowered: str) -> str:
        """The form as the glossary spells it (tables of case-insensitive forms keep it lower-cased)."""
        concept = self.glossary[info.concept]
        for form in (concept.en.term, concept.en.plural_form, *concept.en.admitted, *concept.ja.admitted):
            if form.lower() == lowered:
                return form
        return lowered

    def _add(self, form: str, info: _Form) -> None:
        script = script_of(form)
        if script == "kata":
            self.kata.setdefault(normalize_kana(nfkc(form)).text, info)
        elif script == "latin":
            folded = fold_width(nfkc(form))
            if info.kind == "abbreviation" or _looks_like_symbol(folded):
                self.latin_cs.setdefault(folded, info)
            else:
                self.latin_ci.setdefault(folded.lower(), info)
        else:
            self.mixed.setdefault(fold_width(nfkc(form)), info)

    def _compile_blockers(self) -> dict[str, tuple[tuple[int, str], ...]]:
        """For each kanji/mixed form: longer known words that overlap its edges (小胞体 for 細胞外小胞)."""
        kanji_words = [w for w in self.known if _KANJI.search(w)]
        blockers: dict[str, tuple[tuple[int, str], ...]] = {}
        for form in self.mixed:
            found = []
            for word in kanji_words:
                if word == form or form in word and len(word) > len(form):
                    found.append((word.index(form), word))  # the form inside a longer word
                    continue
                for k in range(1, min(len(form), len(word))):
                    if form.endswith(word[:k]):
                        found.append((len(form) - k, word))  # word starts k chars before the form's end
                    if form.startswith(word[-k:]):
                        found.append((k - len(word), word))  # word ends k chars after the form's start
            blockers[form] = tuple(found)
        return blockers

    # ------------------------------------------------------------------ scanning

    def scan(self, text: str, *, fuzzy: bool = True) -> list[Match]:
        """Every term, admitted form and variant in ``text`` (masked characters never match).

        A long text is scanned in pieces cut after a line break, a full stop or a masked character (no
        form spans one), so the memory a scan needs stays bounded whatever the size of one line."""
        if len(text) <= _CHUNK:
            return self._scan(text, fuzzy)
        matches: list[Match] = []
        start = 0
        while start < len(text):
            end = min(len(text), start + _CHUNK)
            if end < len(text):
                cut = max(text.rfind(sep, end - _CHUNK // 4, end) for sep in ("\n", "。", MASK))
                end = cut + 1 if cut > start else end
            for m in self._scan(text[start:end], fuzzy):
                matches.append(m._replace(start=m.start + start, end=m.end + start) if start else m)
            start = end
        return matches

    def _scan(self, text: str, fuzzy: bool) -> list[Match]:
        if len(self._run_cache) > _CACHE_LIMIT or len(self._latin_flags) > _CACHE_LIMIT:
            self._forget()
        matches: list[Match] = []
        folded = fold_width(text)
        if self._mixed_ac is not None:
            mixed, mixed_ok = self.mixed, self._mixed_ok
            for last, form in self._mixed_ac.iter_long(folded):
                start, end = last + 1 - len(form), last + 1
                if mixed_ok(folded, start, end, form):
                    info = mixed[form]
                    found = text[start:end]
                    if found == form:  # nothing folded (most matches): the fields as they are
                        matches.append(_new_match((start, end, info.concept, info.kind, info.lang, found,
                                                   info.expected, "")))
                    else:
                        matches.append(self._make(text, start, end, info, ""))
        self._scan_latin(text, folded, matches, fuzzy)
        # a text holds tens of thousands of katakana runs, most of them seen before in the same process:
        # the runs and their offsets are taken in C (the text cut at the runs, the lengths of the pieces
        # added up), each distinct run new to the process is analysed once, and only the runs with hits
        # are visited in Python
        pieces = _KATAKANA_CUT.split(text)  # text between runs, a run, text between runs, ...
        runs = pieces[1::2]
        if fuzzy:
            cache = self._run_cache
            for run in dict.fromkeys(runs):
                if run not in cache:
                    self._analyse_run(run, True)
            found = list(map(cache.get, runs))
        else:
            found = [self._analyse_run(run, False) for run in runs]
        offsets = list(accumulate(map(len, pieces)))  # the k-th run starts at offsets[2 * k]
        for k in compress(range(len(runs)), found):
            base = offsets[2 * k]
            for hit, rest in found[k]:
                i, j = base + hit.i, base + hit.j
                if rest is None:
                    match = self._resolve_part(text, folded, i, j, hit)
                    if match is not None:
                        matches.append(match)
                    continue
                matches.append(_new_match((i, j) + rest))
        return _resolve_overlaps(matches)

    def _resolve_part(self, text: str, folded: str, start: int, end: int, hit: "_RunHit") -> Match | None:
        """A normalized or misspelt katakana chunk of a mixed form, when the rest of the form surrounds it."""
        if hit.kind == "part":
            return None  # spelt right: the mixed form itself matched, or this is another word
        for form, at in self.parts.get(hit.expected or "", ()):
            prefix, suffix = form[:at], form[at + len(hit.expected or ""):]
            lo = _find_before(folded, start, prefix)
            hi = _find_after(folded, end, suffix)
            if lo is None or hi is None:
                continue
            info = self.mixed[form]
            expected = info.expected if info.kind == "variant" else form
            kind = hit.kind[len("part-"):]
            return Match(lo, hi, info.concept, kind, info.lang, text[lo:hi], expected, hit.detail)
        return None

    def _make(self, text: str, start: int, end: int, info: _Form, detail: str, kind: str | None = None,
              expected: str | None = None) -> Match:
        found = text[start:end]
        kind = kind or info.kind
        expected = expected if expected is not None else info.expected
        if kind in PREFERRED_KINDS and not found.isascii() and has_foldable(found):
            kind, expected, detail = "normalized", fold_width(found), "full-width characters"
        return _new_match((start, end, info.concept, kind, info.lang, found, expected, detail))

    def _mixed_ok(self, folded: str, start: int, end: int, form: str) -> bool:
        blockers, first_ascii, last_ascii, first_kanji, last_kanji = self._mixed_checks[form]
        for offset, word in blockers:
            pos = start + offset
            if pos >= 0 and folded.startswith(word, pos):
                return False
        before, after = folded[start - 1:start], folded[end:end + 1]  # "" at either end of the text
        if first_ascii and before.isascii() and before.isalnum():
            return False
        if last_ascii and after.isascii() and after.isalnum():
            return False
        # a kanji on either side (what _KANJI matches, tested without calling into the regex engine)
        if (first_kanji and ("\u3400" <= before <= "\u9fff" or before in _RARE_KANJI)
                or last_kanji and ("\u3400" <= after <= "\u9fff" or after in _RARE_KANJI)):
            # the tokenizer reads a NUL as the end of its input: the window stops at masked characters
            lo = max(0, start - 4, folded.rfind(MASK, max(0, start - 4), start) + 1)
            hi = folded.find(MASK, end, end + 4)
            window = folded[lo:hi if hi >= 0 else min(len(folded), end + 4)]
            cuts = token_ends(window)
            if start - lo not in cuts or end - lo not in cuts:
                return False
        return True

    # ---- Latin

    def _scan_latin(self, text: str, folded: str, out: list[Match], fuzzy: bool) -> None:
        covered: list[tuple[int, int]] = []

        def found(start: int, end: int, info: _Form) -> None:
            expected = _match_case(folded[start:end], info.expected or "") if info.kind == "variant" else None
            out.append(self._make(text, start, end, info, "", expected=expected))
            covered.append((start, end))

        # the words as three parallel lists (text, start, end): read many times below, taken once here
        words: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        size = len(folded)
        marks = _IDENTIFIER_MARKS
        for t in LATIN_WORD.finditer(folded):
            start, end = t.span()
            # most words stand between spaces or Japanese characters: look closer only next to a mark
            if ((start and folded[start - 1] in marks or end < size and folded[end] in marks)
                    and _identifier_part(folded, start, end)):
                continue
            words.append(t.group())
            starts.append(start)
            ends.append(end)
        count = len(words)
        lowers = list(map(str.lower, words))
        taken = [False] * count
        first = self._latin_first
        skip_to = 0
        # only the words some form starts with are visited (a set test per word, in one comprehension)
        for index in [k for k, (w, lw) in enumerate(zip(words, lowers)) if w in first or lw in first]:
            if index < skip_to:
                continue
            word = words[index]
            entries = first.get(word)
            lower = lowers[index]
            if lower != word and lower in first:
                entries = (entries or []) + first[lower]
            if not entries:
                continue
            for form_words, sensitive, info in entries:
                last = index + len(form_words) - 1
                if last >= count or not self._latin_words_match(folded, words, starts, ends, index, form_words, sensitive):
                    continue
                found(starts[index], ends[last], info)
                for k in range(index, last + 1):
                    taken[k] = True
                skip_to = last + 1
                break
        if self._latin_odd_re is not None:
            for m in self._latin_odd_re.finditer(folded):
                info = self._latin_odd.get(m.group()) or self._latin_odd.get(m.group().lower())
                if info is not None:
                    found(m.start(), m.end(), info)
        if not fuzzy:
            return
        flags = self._latin_flags
        # per word: the multi-word forms it is a word of (looked up once, read by every window)
        multi_words = self._multi_words
        anchors = list(map(multi_words.get, lowers)) if multi_words else [None] * count
        # how many words before each one belong to some multi-word form: a window without any is skipped
        anchored = list(accumulate(map(bool, anchors), initial=0))
        reach = self._multi_most_words + 1
        tokens = _Words(words, lowers, starts, ends)
        # what each distinct word may start is worked out once per process; the words that can start
        # nothing are passed over in one comprehension
        for word in set(words).difference(flags):
            flags[word] = self._classify_word(word)
        for index in [k for k, w in enumerate(words) if flags[w] is not _BORING and not taken[k]]:
            word = words[index]
            flag = flags[word]
            hit, split_prefix, head_ok, alone = flag
            start, end = starts[index], ends[index]
            if hit is not None:
                kind, info, expected = hit
                out.append(self._make(text, start, end, info, _LATIN_DETAIL[kind], kind=kind,
                                      expected=_match_case(word, expected)))
                continue
            if split_prefix and index + 1 < count and not taken[index + 1]:  # a word split by a space
                if folded[end:starts[index + 1]] == " ":
                    joined = (word + words[index + 1]).lower()
                    info = self.en_words.get(joined)
                    if info is not None:
                        out.append(self._make(text, start, ends[index + 1], info, "a word split by a space",
                                              kind="split", expected=_match_case(word, joined)))
                        continue
            if head_ok and (anchored[min(count, index + reach)] > anchored[index] or "-" in word):
                self._multiword(text, folded, tokens, anchors, index, out, alone)

    def _classify_word(self, word: str):
        """What a Latin word may be the start of: (variant found, start of a split word, start of a
        misspelt multi-word form, the multi-word form it is by itself); :data:`_BORING` when nothing."""
        if not word[0].isalpha():
            return _BORING
        lower = word.lower()
        hit = self._latin_variant(word)
        split_prefix = len(word) > 1 and lower in self._en_prefixes and lower not in self.known
        squashed = lower.replace("-", "")
        head_ok = len(squashed) >= 3 and self._could_start_multiword(squashed[:3])
        if hit is None and not split_prefix and not head_ok:
            return _BORING
        return hit, split_prefix, head_ok, self._multiword_alone(squashed) if head_ok else None

    def _could_start_multiword(self, head: str) -> bool:
        heads = self._multi_heads
        return (head in heads or "?" + head[1:] in heads or head[0] + "?" + head[2] in heads
                or head[:2] + "?" in heads)

    def _multiword(self, text: str, folded: str, words: _Words, anchors: list, index: int, out: list[Match],
                   alone: tuple[str, str, str] | None) -> None:
        """Multi-word and hyphenated forms with a space or hyphen moved or one letter wrong:
        "multi-ple myeloma", "inter-organ cros-stalk", "multipl myeloma".

        The word by itself comes first (``alone``: :meth:`_multiword_alone` of the word, worked out once
        per distinct word); then windows of several words, each compared only with the forms one of the
        words up to the longest form's reach belongs to (``anchors``: for each token, the forms that
        contain it as a word)."""
        starts, ends, lowers = words.start, words.end, words.lower
        last_possible = min(len(starts), index + self._multi_most_words + 1)
        groups = list(filter(None, anchors[index:last_possible]))
        if not groups and "-" not in words.text[index]:
            return
        end_index = index
        if alone is None:
            if not groups:
                return
            anchored = set().union(*groups)
            # windows of several words are compared with the anchored forms only: none longer than those
            # (or shorter), give or take a letter
            shortest, longest = min(map(len, anchored)), max(map(len, anchored))
            acc = lowers[index].replace("-", "")
            last = index
            while (alone is None and last + 1 < last_possible and folded[ends[last]:starts[last + 1]] == " "
                   and len(acc) <= longest):
                last += 1
                acc += lowers[last].replace("-", "")
                n = len(acc)
                if n + 1 < shortest:
                    continue
                keys = [k for k in anchored if n - 1 <= len(k) <= n + 1]
                if keys:
                    alone, end_index = self._multi_compare(acc, keys), last
            if alone is None:
                return
        key, kind, detail = alone
        form, info = self._multi[key]
        start, end = starts[index], ends[end_index]
        expected = info.expected if info.kind == "variant" else form
        out.append(self._make(text, start, end, info, detail, kind=kind,
                              expected=_match_case(folded[start:end], expected)))

    def _multiword_alone(self, squashed: str) -> tuple[str, str, str] | None:
        """The multi-word or hyphenated form a single word (lower-cased, hyphens dropped) is, written
        joined or with a hyphen moved or one letter wrong: compared with every form that starts alike
        (a doubled or swapped first letter still keeps one of the first two)."""
        n = len(squashed)
        tables = [self._multi_by_first.get(squashed[0], {})]
        if squashed[1] != squashed[0]:
            tables.append(self._multi_by_first.get(squashed[1], {}))
        return self._multi_compare(squashed, [k for table in tables for size in (n - 1, n, n + 1)
                                              for k in table.get(size, ())])

    @staticmethod
    def _multi_compare(squashed: str, keys: list[str]) -> tuple[str, str, str] | None:
        """(key, kind, detail) of the first of ``keys`` (multi-word forms, letters only) that ``squashed``
        is, exactly or with one letter wrong; a form spelt exactly first, then by name (the same answer
        in every process)."""
        if squashed in keys:
            return squashed, "split", "a word split or joined differently"
        for key in sorted(keys):
            if (len(key) >= 10 and (squashed[:2] == key[:2] or squashed[-3:] == key[-3:])
                    and latin_distance(squashed, key, 1) <= 1):
                return key, "fuzzy", "unlisted spelling"
        return None

    @staticmethod
    def _latin_words_match(folded: str, words: list[str], starts: list[int], ends: list[int], index: int,
                           form_words: tuple[str, ...], sensitive: bool) -> bool:
        for k, expected in enumerate(form_words):
            got = words[index + k]
            if (got != expected) if sensitive else (got.lower() != expected.lower()):
                return False
            if k:  # words of a form are separated by white space, at most one line break
                gap = folded[ends[index + k - 1]:starts[index + k]]
                if not gap or not gap.isspace() or gap.count("\n") > 1:
                    return False
        return True

    def _en_candidates(self, word: str, limit: int) -> set[str]:
        """The English words that share a deletion key with ``word`` (see ``__init__``)."""
        keys, owners, words = self._en_keys, self._en_owners, self._en_list
        size = len(keys)
        found: set[str] = set()
        for key in _deletions(word, limit):
            code = _key_hash(key)
            at = bisect_left(keys, code)
            while at < size and keys[at] == code:
                found.add(words[owners[at]])
                at += 1
        return found

    def _latin_variant(self, word: str) -> tuple[str, _Form, str] | None:
        if word in self._latin_cache:
            return self._latin_cache[word]
        lower = word.lower()
        result = None
        if "-" in lower:
            info = self.en_words.get(lower.replace("-", ""))
            if info is not None:
                result = ("split", info, lower.replace("-", ""))
        elif len(lower) == 5 and lower in self._en_prefix5 and lower not in self.known:
            term = self._en_prefix5[lower]
            result = ("fuzzy", self.en_words[term], term)
        elif len(lower) >= 6 and lower not in self.known and lower not in self.latin_ci:
            limit = latin_threshold(len(lower))
            best = None
            for cand in sorted(self._en_candidates(lower, limit)):
                d = latin_distance(lower, cand, limit)
                if d <= limit and (best is None or d < best[0]):
                    best = (d, cand)
            if best is not None and not (lower.endswith("s") and lower[:-1] in self.known):
                result = ("fuzzy", self.en_words[best[1]], best[1])
        self._latin_cache[word] = result
        return result

    # ---- katakana runs

    def _forget(self) -> None:
        """Empty the per-word caches (katakana runs, near-miss candidates, Latin words). A text has a few
        thousand distinct words; a text of random letters may have millions, and memory stays bounded."""
        self._run_cache.clear()
        self._near_cache.clear()
        self._latin_cache.clear()
        self._latin_flags.clear()

    def _analyse_run(self, run: str, fuzzy: bool) -> tuple[tuple[_RunHit, tuple | None], ...]:
        """The hits in a katakana run, each with the fields of its :class:`Match` after the offsets (the
        text found is a slice of the run itself), or None for a chunk of a mixed form, which depends on
        the text around the run."""
        key = run if fuzzy else "\0" + run
        cached = self._run_cache.get(key)
        if cached is None:
            cached = tuple(
                (hit, None if hit.kind.startswith("part")
                 else (hit.concept, hit.kind, hit.lang, run[hit.i:hit.j], hit.expected, hit.detail))
                for hit in self._analyse_run_uncached(run, fuzzy))
            self._run_cache[key] = cached
        return cached

    def _analyse_run_uncached(self, run: str, fuzzy: bool) -> list[_RunHit]:
        norm = normalize_kana(run)
        text = norm.text
        detail = ", ".join(sorted(norm.changes))
        hits: list[_RunHit] = []
        # split into segments at joiners (middle dots, spaces)
        segments: list[tuple[int, int]] = []
        start = 0
        for pos, ch in enumerate(text):
            if ch in JOINERS:
                segments.append((start, pos))
                start = pos + 1
        segments.append((start, len(text)))
        for a, b in segments:
            hits.extend(self._segment(text, a, b, norm, run, fuzzy))
        # a term split by joiners: イリ・シン, マイオネク チン, ドラッグ・デリバリー・システム
        for k in range(len(segments)):
            for last in range(k + 1, min(len(segments), k + 4)):
                parts = [text[x:y] for x, y in segments[k:last + 1]]
                joined = "".join(parts)
                info = self.kata.get(joined)
                if info is None or any(self.kata.get(p, _NOT_A_FORM).kind != "part" for p in parts):
                    continue
                a, d = segments[k][0], segments[last][1]
                hits = [h for h in hits if not (a <= h.i and h.j <= d)]
                detail = f"a word split by '{text[segments[k][1]]}'"
                if info.kind == "part":
                    hits.append(_RunHit(a, d, "", "part-split", "ja", joined, detail))
                    continue
                expected = info.expected if info.kind == "variant" else self._preferred(info)
                hits.append(_RunHit(a, d, info.concept, "split", info.lang, expected, detail))
        return [_span_back(h, norm) for h in hits]

    def _preferred(self, info: _Form) -> str:
        concept = self.glossary[info.concept]
        return concept.ja.term if info.lang == "ja" else concept.en.term

    def _tile(self, seg: str) -> list[tuple[int, int, str]]:
        """Leftmost-longest exact katakana forms in a normalized segment."""
        found = []
        kata = self.kata
        i, n = 0, len(seg)
        while i < n:
            for length in self._kata_lengths:
                if length <= n - i:
                    form = seg[i:i + length]
                    info = kata.get(form)
                    if info is not None and info.kind != "part":
                        found.append((i, i + length, form))
                        i += length
                        break
            else:
                i += 1
        return found

    def _segment(self, text: str, a: int, b: int, norm, run: str, fuzzy: bool) -> list[_RunHit]:
        seg = text[a:b]
        hits: list[_RunHit] = []
        gaps: list[tuple[int, int]] = []
        pos = a
        for start, end, form in self._tile(seg):
            i, j = a + start, a + end
            info = self.kata[form]
            original = run[norm.starts[i]:norm.ends[j - 1]].translate(_DROP_WRAP)
            if info.kind == "variant":
                hits.append(_RunHit(i, j, info.concept, "variant", info.lang, info.expected, "listed variant"))
            elif original != form:
                changes = ", ".join(sorted(normalize_kana(original).changes)) or "non-standard characters"
                hits.append(_RunHit(i, j, info.concept, "normalized", info.lang, form, changes))
            else:
                hits.append(_RunHit(i, j, info.concept, info.kind, info.lang, None, ""))
            if i > pos:
                gaps.append((pos, i))
            pos = j
        if pos < b:
            gaps.append((pos, b))
        if norm.changes:
            # a katakana chunk of a mixed form written with odd characters (臓器間ｸﾛｽﾄｰｸ)
            for g0, g1 in list(gaps):
                gap = text[g0:g1]
                for chunk in self.parts:
                    at = gap.find(chunk)
                    if at < 0:
                        continue
                    i, j = g0 + at, g0 + at + len(chunk)
                    original = run[norm.starts[i]:norm.ends[j - 1]].translate(_DROP_WRAP)
                    if original != chunk:
                        changes = ", ".join(sorted(normalize_kana(original).changes))
                        hits.append(_RunHit(i, j, "", "part-normalized", "ja", chunk, changes))
                        gaps.remove((g0, g1))
                        break
        if fuzzy:
            for g0, g1 in gaps:
                if g1 - g0 < 3:
                    self._stray_kana(text, g0, g1, norm, run, hits)
                    continue
                hit = self._near_miss(text, g0, g1, norm, run)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _stray_kana(self, text: str, g0: int, g1: int, norm, run: str, hits: list[_RunHit]) -> None:
        """One or two stray kana glued to a correct term (マイオカインン) make the whole an unlisted spelling."""
        gap = text[g0:g1]
        if set(gap) <= {"ー"} or not all(is_katakana(run[norm.starts[k]]) for k in range(g0, g1)):
            return
        for index, hit in enumerate(hits):
            if hit.kind not in ("term", "admitted") or hit.lang != "ja":
                continue
            if hit.j == g0:
                i, j = hit.i, g1
            elif hit.i == g1:
                i, j = g0, hit.j
            else:
                continue
            word = text[i:j]
            if word in self.kata or word in self.known or is_lexicon_word(word):
                return
            expected = text[hit.i:hit.j]
            if prefix_distances(expected, word)[-1] <= kana_threshold(len(expected)):
                hits[index] = _RunHit(i, j, hit.concept, "fuzzy", hit.lang, expected, "unlisted spelling")
            return

    def _near_miss(self, text: str, g0: int, g1: int, norm, run: str) -> _RunHit | None:
        gap = text[g0:g1]
        if len(gap) < 3 or gap in self.known or fold_word(gap) in self.known:
            return None
        candidates = self._near_cache.get(gap)
        if candidates is None:
            candidates = self._near_cache[gap] = self._near_candidates(gap)
        best: tuple[tuple[float, int, bool], int, int, _Form, str] | None = None
        for index, options in candidates:
            form, info = self.kata_terms[index]
            # the gap holds this form spelt right (a chunk of a mixed form: 臓器間[クロストーク]マーカー):
            # no near miss of the same form around it
            if any(dist == 0 and self._rest_is_word(gap[:i], run, norm, g0)
                   and self._rest_is_word(gap[j:], run, norm, g0 + j) for dist, i, j in options):
                continue
            for dist, i, j in options:
                if dist == 0:
                    continue
                # the closest wins; then the longest; then a whole term before a chunk of a mixed form
                rank = (dist, i - j, info.kind == "part")
                if best is not None and rank >= best[0]:
                    continue
                if not self._rest_is_word(gap[:i], run, norm, g0) or not self._rest_is_word(gap[j:], run, norm, g0 + j):
                    continue
                word = gap[i:j]
                if word in self.kata or word in self.known or is_lexicon_word(word):
                    continue
                best = (rank, i, j, info, form)
        if best is None:
            return None
        (dist, _, _), i, j, info, form = best
        kind = "part-fuzzy" if info.kind == "part" else "fuzzy"
        detail = "unlisted spelling"
        original = run[norm.starts[g0 + i]:norm.ends[g0 + j - 1]]
        if normalize_kana(original).changes and dist <= CHEAP:
            detail = ", ".join(sorted(normalize_kana(original).changes))
        return _RunHit(g0 + i, g0 + j, info.concept, kind, info.lang, form, detail)

    def _near_candidates(self, gap: str) -> list[tuple[int, list[tuple[float, int, int]]]]:
        """The katakana terms that a stretch of at least three characters at the start or at the end of
        ``gap`` is within their limit of (spelt right included), in the glossary's order, each with those
        stretches as (distance, start, end): what a near miss in ``gap`` depends on besides the text around
        it (the same gap turns up in many runs)."""
        shared: Counter[int] = Counter()
        for gram in _skeleton_bigrams(gap):
            shared.update(self._bigrams.get(gram, ()))
        least_shared = self._least_shared or self._compute_least_shared()
        near_terms = self._near_terms
        gap_head, gap_tail = _skeleton(gap[:4])[:2], _skeleton(gap[-4:][::-1])[:2]
        gap_sk = _skeleton(gap)
        windows: dict[tuple[int, int], frozenset[str]] = {}
        gap_reversed = gap[::-1]
        head_classes, tail_classes = _class_windows(gap), _class_windows(gap_reversed)
        gap_classes = head_classes[-1]
        size = len(gap)
        gap_costs = reversed_costs = None
        found = []
        # most terms share a common ending (-カイン, -ソーム) with the gap and nothing more: one pass in
        # a comprehension drops them before anything else is looked at
        for index in sorted([index for index, count in shared.items() if count >= least_shared[index]]):
            entry = near_terms[index] or self._near_term(index)
            limit, least_size, need, reach, letters, classes, grams, head, tail = entry
            # too many of the term's letters missing from the whole gap (so from both ends of it)
            if size < least_size or len(classes - gap_classes) > limit:
                continue
            # the term at the start of the gap (the rest after it) or at its end (the rest before it);
            # cheap tests first: too many of the term's letters missing from where it would stand (the
            # most selective), the first two (last two) letters, which one edit cannot both change, the
            # term's bigrams, and, when one letter is missing and the limit leaves no room for a cheap edit
            # besides, whether the gap starts (ends) with the term but for that letter
            form = self.kata_terms[index][0]
            one_edit = limit < 1 + CHEAP
            options = []
            missing = _missing_classes(classes, letters, head_classes)
            if (missing <= limit and _agree(head, gap_head)
                    and len(grams & _window_grams(gap_sk, 0, reach, windows)) >= need
                    and (missing != 1 or not one_edit or _one_letter_off(form, gap))):
                gap_costs = gap_costs or _text_costs(gap)
                forward = _prefix_table(form, gap_costs, limit)
                if forward is not None:
                    options += [(forward[j], 0, j) for j in range(3, size + 1) if forward[j] <= limit]
            missing = _missing_classes(classes, letters, tail_classes)
            if (missing <= limit and _agree(tail, gap_tail)
                    and len(grams & _window_grams(gap_sk, 1, reach, windows)) >= need
                    and (missing != 1 or not one_edit or _one_letter_off(form[::-1], gap_reversed))):
                reversed_costs = reversed_costs or _text_costs(gap_reversed)
                backward = _prefix_table(form[::-1], reversed_costs, limit)
                if backward is not None:
                    options += [(backward[k], size - k, size) for k in range(3, size) if backward[k] <= limit]
            if options:
                found.append((index, options))
        return found

    def _near_limit(self, index: int) -> float:
        """How far a near miss of the ``index``-th katakana term may be."""
        form, info = self.kata_terms[index]
        if info.kind == "part" and len(form) == 3:
            return CHEAP  # a short chunk: its mixed form around it is checked later
        return kana_threshold(len(form))

    def _compute_least_shared(self) -> list[float]:
        """For each katakana term: how many of its skeleton bigrams a near miss still shares (each full-cost
        edit destroys at most two), worked out on first use rather than stored in the cached matcher."""
        least = []
        for index, grams in enumerate(self._term_grams):
            limit = self._near_limit(index)
            least.append(grams - 2 * int(limit + 1e-9) if limit >= 0 else float("inf"))
        self._least_shared = least
        self._near_terms = [None] * len(least)
        return least

    def _near_term(self, index: int) -> tuple:
        """What the near-miss search tests the ``index``-th katakana term by, worked out the first time the
        term shares enough bigrams with a gap (a few thousand terms of a large glossary ever do): how far a
        near miss may be; how long the gap must be at least (the term less the characters its full-cost
        edits may delete); how many skeleton bigrams a near miss shares, and within how many letters of the
        gap's end; how many letters of the gap a prefix aligned with the term holds at most and the term's
        letter classes (:func:`_classes_of`); the first two and last two letters of its skeleton."""
        form = self.kata_terms[index][0]
        limit = self._near_limit(index)
        edits = int(limit + 1e-9)
        grams = frozenset(_skeleton_bigrams(form))
        classes, core = _classes_of(form)
        head, tail = _skeleton(form[:4])[:2], _skeleton(form[-4:][::-1])[:2]
        entry = (limit, len(form) - edits - form.count("ー"), self._least_shared[index], len(grams) + 2 + edits,
                 core + edits, classes, grams, head, tail)
        self._near_terms[index] = entry
        return entry

    def _rest_is_word(self, rest: str, run: str, norm, at: int) -> bool:
        """What stands beside a near match inside a run must be a word of its own (or nothing)."""
        if not rest:
            return True
        if len(rest) == 1:
            # a single kana: a hiragana particle read as katakana (へ), or a long-vowel mark
            original = run[norm.starts[at]:norm.ends[at]]
            return not is_katakana(original) or rest == "ー"
        return rest in self.kata or rest in self.known or is_lexicon_word(rest) or is_known_sequence(rest)


_NOT_A_FORM = _Form("", "part", "", None)
#: characters scanned at a time (see :meth:`Matcher.scan`)
_CHUNK = 1 << 20
#: distinct words remembered before the per-word caches are emptied (see :meth:`Matcher._forget`);
#: checked before each piece of at most :data:`_CHUNK` characters is scanned
_CACHE_LIMIT = 50_000
#: a Latin word that can start nothing worth checking
_BORING = object()


def _find_after(text: str, pos: int, expected: str) -> int | None:
    """End offset if ``text`` continues at ``pos`` with ``expected`` (katakana compared normalized)."""
    if text.startswith(expected, pos):
        return pos + len(expected)
    window = text[pos:pos + 2 * len(expected) + 2]
    norm = normalize_kana(window)
    if norm.text.startswith(expected) and expected:
        return pos + norm.span(0, len(expected))[1]
    return None


def _find_before(text: str, pos: int, expected: str) -> int | None:
    """Start offset if ``text`` has ``expected`` right before ``pos`` (katakana compared normalized)."""
    if not expected:
        return pos
    if text[max(0, pos - len(expected)):pos] == expected:
        return pos - len(expected)
    lo = max(0, pos - 2 * len(expected) - 2)
    norm = normalize_kana(text[lo:pos])
    if norm.text.endswith(expected):
        k = len(norm.text) - len(expected)
        return lo + norm.span(k, k + 1)[0]
    return None
_DROP_WRAP = str.maketrans("", "", " \t\u3000\r\n")
_LATIN_DETAIL = {"split": "a word split by a hyphen", "fuzzy": "unlisted spelling"}


def _looks_like_symbol(form: str) -> bool:
    """Gene/protein symbols and abbreviations (IL-6, BDNF, FGF21) match case-sensitively."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) // 2)


def _match_case(found: str, expected: str) -> str:
    if found[:1].isupper() and expected[:1].islower() and not found.isupper():
        return expected[:1].upper() + expected[1:]
    return expected


def _span_back(hit: _RunHit, norm) -> _RunHit:
    start, end = norm.span(hit.i, hit.j)
    return _RunHit(start, end, hit.concept, hit.kind, hit.lang, hit.expected, hit.detail)


_VISUAL_BASE = str.maketrans("ソツワロテ", "ンシウコチ")


def _window_grams(skeleton: str, end: int, reach: int, cache: dict) -> frozenset[str]:
    """The bigrams of the first (``end`` 0) or last (``end`` 1) ``reach`` letters of a skeleton."""
    key = (end, reach)
    grams = cache.get(key)
    if grams is None:
        part = skeleton[:reach] if end == 0 else skeleton[-reach:]
        grams = cache[key] = frozenset(part[k:k + 2] for k in range(len(part) - 1))
    return grams


def _agree(a: str, b: str) -> bool:
    """Could two words start alike give or take one edit? ``a`` and ``b``: their first two skeleton letters."""
    if len(a) < 2 or len(b) < 2:
        return True
    return a[0] == b[0] or a[1] == b[1] or a[1] == b[0] or a[0] == b[1]


def _skeleton(text: str) -> str:
    """The kana skeleton used to find candidate terms: cheap differences erased (long-vowel marks and small
    ッ dropped, every other letter replaced by its class, :func:`_letter_class`)."""
    return text.replace("ー", "").replace("ッ", "").translate(_CLASSES)


def _letter_class(ch: str) -> str:
    """Letters any two of which may be swapped for less than a full edit share a class (voicing, small
    kana, look-alikes); every other substitution costs 1."""
    return _base(ch).translate(_VISUAL_BASE)


#: ``text.translate(_CLASSES)``: :func:`_letter_class` of every character, in one call (every other
#: character is its own class)
_CLASSES = str.maketrans({ch: _letter_class(ch) for ch in (*map(chr, _SMALL), *_VOICED, *map(chr, _VISUAL_BASE))})


def _classes_of(term: str) -> tuple[frozenset[str], int]:
    """The classes of the term's letters that only a full-cost edit can remove (long-vowel marks and small
    ッ left out: deleting them is cheap), counted (:func:`_counted_class`), and how many letters of the
    text a prefix aligned with the term holds at most before insertions (every letter but the long-vowel
    marks: a ッ may stand for a ツ)."""
    letters = term.replace("ー", "").replace("ッ", "").translate(_CLASSES)
    if len(set(letters)) == len(letters):  # most terms: no class twice
        classes = frozenset(letters)
    else:
        seen: dict[str, int] = {}
        classes = frozenset(_counted_class(ch, seen) for ch in letters)
    return classes, len(term) - term.count("ー")


def _counted_class(ch: str, seen: dict[str, int]) -> str:
    """The letter class of ``ch`` repeated as many times as the class has occurred so far (counted in
    ``seen``): as a set, a word's items then count each class as often as it occurs (ソソーム: ン, ンン,
    ム), and the difference of two such sets counts the letters one word lacks for the other."""
    letter_class = ch.translate(_CLASSES)
    seen[letter_class] = times = seen.get(letter_class, 0) + 1
    return letter_class * times


def _class_windows(text: str) -> list[frozenset[str]]:
    """``result[k]``: the counted letter classes (:func:`_counted_class`) of the shortest prefix of
    ``text`` that holds ``k`` letters other than long-vowel marks (the last item: all of ``text``).

    A term can be within ``limit`` of a prefix of ``text`` only if at most ``limit`` of its letters find
    no letter of their class in the prefix of that many letters plus the edits allowed: each such letter
    needs a substitution or deletion of full cost (a swap of neighbours moves letters that are present,
    and a letter of the text stands for one letter of the term at most). Long-vowel marks are never
    counted; small ッ counts as ツ, since it may be substituted for one cheaply."""
    windows = [frozenset()]
    found: list[str] = []
    seen: dict[str, int] = {}
    for ch in text:
        if ch == "ー":
            continue
        found.append(_counted_class(ch, seen))
        if ch != "ッ":
            windows.append(frozenset(found))
    windows[-1] = frozenset(found)
    return windows


def _missing_classes(classes: frozenset[str], letters: int, windows: list[frozenset[str]]) -> int:
    """How many of a term's letters (``classes`` from :func:`_classes_of`) find no letter of their class
    in the prefix of the text that holds ``letters`` letters (the term's own plus the edits allowed;
    ``windows`` from :func:`_class_windows`): a lower bound of the term's distance to any prefix of the
    text."""
    return len(classes - windows[min(letters, len(windows) - 1)])


def _one_letter_off(term: str, text: str) -> bool:
    """Is some prefix of ``text`` the term itself, or the term with one letter replaced or left out?

    The near-miss search asks this about a term one of whose letters finds no letter of its class at the
    start of the text (:func:`_missing_classes` is 1) and whose limit is below ``1 + CHEAP``: that letter
    is replaced or deleted at full cost, and every other edit costs at least ``CHEAP``, so within the
    limit there is no other edit and the other letters stand in the prefix unchanged and in order. When
    the answer is no, no prefix of the text is within the limit (:func:`prefix_distances`)."""
    size = min(len(term), len(text))
    i = 0
    while i < size and term[i] == text[i]:
        i += 1
    if i >= len(term) - 1:  # the text starts with the term, or with all of it but its last letter
        return True
    rest = term[i + 1:]  # the first letter that differs replaced, or left out
    return text.startswith(rest, i + 1) or text.startswith(rest, i)


def _skeleton_bigrams(text: str) -> set[str]:
    sk = _skeleton(text)
    return {sk[k:k + 2] for k in range(len(sk) - 1)}


#: the characters next to which a word may be part of an identifier (see :func:`_identifier_part`)
_IDENTIFIER_MARKS = frozenset("_/\\@$.")


def _identifier_part(text: str, start: int, end: int) -> bool:
    """A word that is part of a file name, identifier or key (``.exerkine.toml``, ``sphinx_exerkine``,
    ``tool.exerkine``, ``docs/exerkine``) is not prose."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before in "_/\\@$" and before or after in "_/\\@" and after:
        return True
    if before == "." and start > 1 and (text[start - 2].isalnum() or text[start - 2] in "[(_") :
        return True
    if before == "." and (start < 2 or text[start - 2].isspace()) and after == ".":
        return True
    return after == "." and end + 1 < len(text) and text[end + 1].isascii() and text[end + 1].isalnum()


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` characters."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:k] + w[k + 1:] for w in frontier for k in range(len(w))}
        found |= frontier
    return found


def _key_hash(key: str) -> int:
    """A 64-bit hash of ``key`` that every process computes alike (``hash()`` of a str is salted): its
    CRC-32 and Adler-32, two C calls (a third of the time of a 64-bit BLAKE2 digest)."""
    data = key.encode()
    return crc32(data) << 32 | adler32(data)


def _automaton(table: dict):
    """An Aho-Corasick automaton over the forms (linear in the text, whatever the number of forms)."""
    if not table:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for form in table:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def _alternation(table: dict, flags: int = 0, boundary: bool = False):
    if not table:
        return None
    body = "|".join(re.escape(form) for form in sorted(table, key=len, reverse=True))
    if boundary:
        body = f"(?<![A-Za-z0-9])(?:{body})(?![A-Za-z0-9])"
    return re.compile(body, flags)


def _resolve_overlaps(matches: list[Match]) -> list[Match]:
    """Keep the longest match where matches overlap (exact forms win ties over near misses, then the
    match found first).

    The order (start, longest first, near misses last) is made by stable sorts on C-level keys: near
    misses moved behind the rest, then by end (descending) and by start; a key function in Python would
    be called for each of the hundred thousand matches of a long text."""
    fuzzy = list(map("fuzzy".__eq__, map(_KIND, matches)))
    if True in fuzzy:
        matches = [*compress(matches, map(not_, fuzzy)), *compress(matches, fuzzy)]
    matches.sort(key=_END, reverse=True)
    matches.sort(key=_START)
    kept: list[Match] = []
    last_end = -1
    for m in matches:
        if m[0] >= last_end:
            kept.append(m)
            last_end = m[1]
    return kept


_START, _END, _KIND = itemgetter(0), itemgetter(1), itemgetter(3)


def _forms(concept: Concept):
    """Every surface form of a concept with how it counts."""
    cid = concept.id
    ja, en = concept.ja, concept.en
    yield ja.term, _Form(cid, "term", "ja", None)
    for form in ja.admitted:
        yield form, _Form(cid, "admitted", "ja", None)
    yield en.term, _Form(cid, "term", "en", None)
    yield en.plural_form, _Form(cid, "plural", "en", None)
    for form in en.admitted:
        yield form, _Form(cid, "admitted", "en", None)
    for form in en.abbreviations:
        yield form, _Form(cid, "abbreviation", "en", None)
    for form in ja.variants:
        yield form, _Form(cid, "variant", "ja", ja.term)
    for form in en.variants:
        yield form, _Form(cid, "variant", "en", en.term)
        if script_of(form) == "latin" and not form.endswith("s"):
            yield form + "s", _Form(cid, "variant", "en", en.plural_form)
