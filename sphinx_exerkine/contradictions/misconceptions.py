"""Recognising a known misconception in what a sentence says about a term.

Each misconception of the glossary is read with the same analysers as the text: its subject (the term
it is about, 「マイオカインは…」) and the content keys of what it says (lemmas through the synonym table,
tissues, other terms). Keys that also appear in the subject's correct definition are shared; the others are
what makes the misconception distinctive and weigh double. A statement matches when it says enough of the
misconception — at least half of the weight, with a distinctive key among what it says — and does not name
origin tissues the misconception does not name. A misconception made only of keys of the correct
definition (「エクサカインとは骨格筋から分泌される因子のことである」 against a definition naming muscle among
other organs) matches only a defining or exclusive statement that says all of it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..matcher import Match, Matcher
from ..model import Glossary, Misconception
from . import claims_en, claims_ja
from .claims import Occurrence, Statement
from .sentences import make_sentence
from .vocabulary import SYNONYMS, en_tissues, ja_tissues

#: share of a misconception's weight a statement must say
THRESHOLD = 0.5


class Profile(NamedTuple):
    #: the concept whose entry lists the misconception
    owner: str
    #: the concept the misconception is about (its grammatical subject)
    subject: str
    misconception: Misconception
    lang: str
    keys: frozenset[str]
    distinctive: frozenset[str]
    tissues: frozenset[str]
    #: the misconception is worded as a definition or an exclusive claim: only statements worded so match
    defining: bool = False
    #: the misconception denies something (「分泌機能はもたない」): only statements that deny match
    negated: bool = False
    #: surface forms of each key a sentence must say (one group per key): a sentence can only match when
    #: it holds a form of a distinctive key (of every key, when none is distinctive)
    triggers: tuple[tuple[str, ...], ...] = ()

    @property
    def text(self) -> str:
        return self.misconception.ja if self.lang == "ja" else self.misconception.en


def _occurrences(matcher: Matcher, text: str) -> list[Occurrence]:
    return [Occurrence(m.start, m.end, m) for m in matcher.scan(text, fuzzy=False)]


def _statement(matcher: Matcher, text: str, lang: str) -> Statement | None:
    sentence = make_sentence(text, 0, len(text))
    occurrences = _occurrences(matcher, sentence.text)
    module = claims_ja if lang == "ja" else claims_en
    for statement in module.statements(sentence, occurrences, lambda _: True):
        if statement.role in ("topic", "subject", "word"):
            return statement
    return None


def content_keys(matcher: Matcher, text: str, concept: str, lang: str) -> frozenset[str]:
    """Content keys of a whole text (a definition), leaving out the concept's own name."""
    sentence = make_sentence(text, 0, len(text))
    occurrences = _occurrences(matcher, sentence.text)
    own = Occurrence(0, 0, Match(0, 0, concept, "term", lang, ""))
    module = claims_ja if lang == "ja" else claims_en
    statement = module.statement_for_region(sentence, own, occurrences, "heading")
    return frozenset(statement.keys)


class _Draft(NamedTuple):
    """A misconception read as far as its triggers need (the rest of its :class:`Profile` is read later)."""

    owner: str
    misconception: Misconception
    statement: Statement
    keys: frozenset[str]
    distinctive: frozenset[str]
    triggers: tuple[tuple[str, ...], ...]


class ProfileTable:
    """Profiles of every misconception, by (subject concept, language), each with one pattern of all its
    triggers. Which term a misconception is about is found on first use (cheaply, from the words around the
    terms), for one language at a time; its words are read with the tokenizer only when a sentence about
    that term could hold them, and the rest of a profile (the tissues it names, whether it defines or
    denies) only when a statement about that term is checked."""

    def __init__(self, glossary: Glossary, matcher: Matcher) -> None:
        self.glossary = glossary
        self.matcher = matcher
        #: language -> (subject, language) -> the misconceptions about it, with their statements
        self._parsed: dict[str, dict[tuple[str, str], list[tuple[str, Misconception, Statement]]]] = {}
        self._drafts: dict[tuple[str, str], tuple[list[_Draft], re.Pattern] | None] = {}
        self._built: dict[tuple[str, str], tuple[list[Profile], re.Pattern] | None] = {}

    def get(self, key: tuple[str, str]) -> tuple[list[Profile], re.Pattern] | None:
        if key not in self._built:
            self._built[key] = self._build(key)
        return self._built[key]

    def has(self, key: tuple[str, str]) -> bool:
        """Whether some misconception is about ``key`` (a concept and a language), known without reading it."""
        return key in self._pending(key[1])

    def keys(self) -> list[tuple[str, str]]:
        """Every (subject, language) some misconception is about."""
        return [key for lang in ("ja", "en") for key in self._pending(lang)]

    def trigger_words(self, key: tuple[str, str]) -> frozenset[str] | None:
        """What a sentence must hold for one of ``key``'s misconceptions to be found in what it says about the
        concept (None when there is none): the triggers, and the pieces of those with a space in them, as what
        is said may be two parts of the sentence joined with a space."""
        drafted = self.triggers(key)
        if drafted is None:
            return None
        words = set()
        for draft in drafted[0]:
            for group in draft.triggers:
                for word in group:
                    words.add(word)
                    for i, ch in enumerate(word):
                        if ch == " ":
                            words.update(piece for piece in (word[:i], word[i + 1:]) if piece)
        return frozenset(words)

    def triggers(self, key: tuple[str, str]) -> tuple[list[_Draft], re.Pattern] | None:
        """The misconceptions about ``key`` with their triggers, and one pattern of all the triggers (the
        pattern of :meth:`get`), read without the rest of their profiles."""
        if key not in self._drafts:
            self._drafts[key] = self._draft(key)
        return self._drafts[key]

    def candidates(self, key: tuple[str, str], said: str) -> list[Profile] | None:
        """The profiles of ``key`` that ``said`` may match (:func:`may_match`; ``said`` lower-cased for
        English), in their order; None when no misconception is about ``key``. The other profiles are not
        read further than their triggers."""
        drafted = self.triggers(key)
        if drafted is None:
            return None
        if not drafted[1].search(said):
            return []
        hits = [i for i, draft in enumerate(drafted[0]) if may_match(draft, said)]
        if not hits:
            return []
        profiles = self.get(key)[0]  # type: ignore[index]  # (drafted, so built)
        return [profiles[i] for i in hits]

    def _pending(self, lang: str) -> dict[tuple[str, str], list[tuple[str, Misconception, Statement]]]:
        """The misconceptions written in ``lang``, by the concept they are about (read on first use)."""
        table = self._parsed.get(lang)
        if table is None:
            table = self._parsed[lang] = {}
            for concept in self.glossary:
                for item in concept.misconceptions:
                    statement = _statement(self.matcher, item.ja if lang == "ja" else item.en, lang)
                    if statement is not None and self.glossary.get(statement.concept) is not None:
                        table.setdefault((statement.concept, lang), []).append((concept.id, item, statement))
        return table

    def _draft(self, key: tuple[str, str]) -> tuple[list[_Draft], re.Pattern] | None:
        pending = self._pending(key[1]).get(key)
        if not pending:
            return None
        subject_id, lang = key
        subject = self.glossary[subject_id]
        correct = content_keys(self.matcher, subject.definition(lang), subject_id, lang)
        drafts: list[_Draft] = []
        for owner, item, statement in pending:
            keys = frozenset(statement.keys)
            if not keys:
                continue
            distinctive = keys - correct
            triggers = tuple(_triggers(statement, k, lang, self.glossary) for k in sorted(distinctive or keys))
            drafts.append(_Draft(owner, item, statement, keys, distinctive, triggers))
        if not drafts:
            return None
        words = sorted({w for draft in drafts for group in draft.triggers for w in group}, key=len, reverse=True)
        return drafts, re.compile("|".join(re.escape(w) for w in words) or "(?!)")

    def _build(self, key: tuple[str, str]) -> tuple[list[Profile], re.Pattern] | None:
        drafted = self.triggers(key)
        if drafted is None:
            return None
        subject_id, lang = key
        profiles = [Profile(
            owner=owner, subject=subject_id, misconception=item, lang=lang, keys=keys,
            distinctive=distinctive, tissues=statement.origin_tissues,
            defining=statement.content.definitional or statement.content.exclusive,
            negated=statement.content.negated, triggers=triggers,
        ) for owner, item, statement, keys, distinctive, triggers in drafted[0]]
        return profiles, drafted[1]


def build_profiles(glossary: Glossary, matcher: Matcher) -> dict[tuple[str, str], list[Profile]]:
    """Every profile at once (for tools and tests)."""
    table = ProfileTable(glossary, matcher)
    out = {}
    for key in table.keys():
        built = table.get(key)
        if built is not None:
            out[key] = built[0]
    return out


def _stem(word: str, lang: str) -> str:
    if lang == "ja":
        stripped = word.rstrip("\u3041\u3042\u3043\u3044\u3045\u3046\u3047\u3048\u3049\u304a"
                               "\u304b\u304c\u304d\u304e\u304f\u3050\u3051\u3052\u3053\u3054\u3055\u3056\u3057"
                               "\u3058\u3059\u305a\u305b\u305c\u305d\u305e\u305f\u3060\u3061\u3062\u3063\u3064"
                               "\u3065\u3066\u3067\u3068\u3069\u306a\u306b\u306c\u306d\u306e\u306f\u3070\u3071"
                               "\u3072\u3073\u3074\u3075\u3076\u3077\u3078\u3079\u307a\u307b\u307c\u307d\u307e"
                               "\u307f\u3080\u3081\u3082\u3083\u3084\u3085\u3086\u3087\u3088\u3089\u308a\u308b"
                               "\u308c\u308d\u308e\u308f\u3090\u3091\u3092\u3093\u3094\u3095\u3096")
        return stripped or word
    word = word.lower()
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def _triggers(statement: Statement, key: str, lang: str, glossary: Glossary) -> tuple[str, ...]:
    """Surface forms of ``key``: the word used in the misconception, its synonyms, the names of a tissue,
    the forms of a term."""
    text = statement.sentence.text
    found: set[str] = set()
    tissue_table = ja_tissues() if lang == "ja" else en_tissues()
    start, end = statement.keys[key]
    found.add(_stem(text[start:end], lang))
    found.update(_stem(word, lang) for word, canon in SYNONYMS.items() if canon == key)
    if key.startswith("tissue:"):
        found.update(name for name, tid in tissue_table.items() if tid == key[7:])
        concept = glossary.get(key[7:])
        if concept is not None:
            found.update(form if lang == "ja" else form.lower() for form in concept.preferred_forms())
    elif key.startswith("concept:"):
        concept = glossary.get(key[8:])
        if concept is not None:
            found.update(form if lang == "ja" else form.lower() for form in concept.preferred_forms())
    return tuple(sorted(t for t in found if t))


def may_match(profile: Profile | _Draft, said: str) -> bool:
    """Cheap test before reading the sentence's words (``said`` lower-cased for English): a form of a
    distinctive key is there (of every key, when none is distinctive). Only the triggers and distinctive keys
    are looked at, which a draft of the profile holds already."""
    hits = (any(word in said for word in group) for group in profile.triggers)
    return any(hits) if profile.distinctive else all(hits)


def score(profile: Profile, statement: Statement) -> float:
    """How much of ``profile`` the statement says (0 when it does not match at all)."""
    if statement.role in ("appositive", "parenthetical"):
        return 0.0  # a relative clause before a term restricts it (「運動で分泌されるマイオカインは」)
    content = statement.content
    if content.negated != profile.negated or content.inclusive and not content.exclusive:
        return 0.0
    if profile.defining and not (content.definitional or content.exclusive):
        return 0.0  # 「マイオカインが収縮に応答して変化する」 does not define myokines
    said = profile.keys & frozenset(content.keys)
    if profile.tissues and statement.origin_tissues - profile.tissues:
        return 0.0
    if not profile.distinctive:
        complete = said == profile.keys
        return 1.0 if complete and (content.definitional or content.exclusive) else 0.0
    if not said & profile.distinctive or len(said) < min(2, len(profile.keys)):
        return 0.0
    weight = {k: 2 if k in profile.distinctive else 1 for k in profile.keys}
    value = sum(weight[k] for k in said) / sum(weight.values())
    return value if value >= THRESHOLD else 0.0


def best_match(profiles: list[Profile], statement: Statement) -> tuple[Profile, float] | None:
    best = None
    for profile in profiles:
        value = score(profile, statement)
        if value and (best is None or value > best[1]):
            best = (profile, value)
    return best


def said_span(profile: Profile, statement: Statement) -> tuple[int, int]:
    """The part of the sentence that says the misconception (first to last matching key)."""
    spans = [statement.keys[k] for k in profile.keys if k in statement.keys]
    return min(s for s, _ in spans), max(e for _, e in spans)
