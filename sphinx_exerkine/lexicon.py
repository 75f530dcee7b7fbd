"""What the tokenizer (fugashi + unidic-lite) and the word lists know about words.

The MeCab tagger is built once per process, only when a question needs it, and every answer is cached:
the linter asks about the same few thousand strings again and again.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .normalize import nfkc

_tagger = None


def tagger():
    """The process-wide fugashi tagger (unidic-lite)."""
    global _tagger
    if _tagger is None:
        import fugashi

        _tagger = fugashi.Tagger()
    return _tagger


@lru_cache(maxsize=65536)
def is_lexicon_word(word: str) -> bool:
    """True when unidic-lite knows ``word`` as one word (one known token covering all of it)."""
    nodes = tagger()(word)
    return len(nodes) == 1 and not nodes[0].is_unk and nodes[0].surface == word


@lru_cache(maxsize=65536)
def is_known_sequence(text: str) -> bool:
    """True when ``text`` tokenizes into words the lexicon knows (no unknown token)."""
    nodes = tagger()(text)
    return bool(nodes) and all(not n.is_unk for n in nodes) and "".join(n.surface for n in nodes) == text


@lru_cache(maxsize=65536)
def token_ends(text: str) -> frozenset[int]:
    """Offsets in ``text`` at which a token starts or ends (0 and len(text) included)."""
    cuts = {0}
    pos = 0
    for node in tagger()(text):
        start = text.find(node.surface, pos)
        if start < 0:
            break
        cuts.add(start)
        pos = start + len(node.surface)
        cuts.add(pos)
    cuts.add(len(text))
    return frozenset(cuts)


@lru_cache(maxsize=1)
def builtin_known_words() -> frozenset[str]:
    """Real words that look like glossary terms (shipped in ``data/known_words.txt``), NFKC-normalized;
    English words case-folded."""
    try:
        text = (Path(__file__).parent / "data" / "known_words.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(fold_word(word))
    return frozenset(words)


def fold_word(word: str) -> str:
    return nfkc(word).casefold()
