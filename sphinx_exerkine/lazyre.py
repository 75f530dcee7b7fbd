"""Regular expressions compiled on first use.

The contradiction checker holds many patterns, some of them large (every tissue name, every verb that
states what a term does), and the linter imports it at start-up even for runs that never read a sentence;
the readers hold patterns most documents never need (tables, footnotes). :func:`lazy` gives
a stand-in for a compiled pattern that compiles it the first time one of its methods is looked up, and then
keeps the compiled pattern's bound methods, so that later calls cost what calls on the pattern cost.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, cast

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; anything not set yet is read from the compiled pattern."""

    __slots__ = ("_source", "_compiled", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (what ``match.re`` is)."""
        return self._compiled if self._compiled is not None else self._compile()

    def _compile(self) -> re.Pattern[str]:
        compiled = self._compiled = re.compile(*self._source)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return compiled

    def __getattr__(self, name: str) -> Any:
        # called only for what is not set yet: the methods before the first use, and ``pattern``, ``flags``...
        return getattr(self.compiled, name)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled when first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, int(flags)))


def alternation(words: Iterable[str], space: str = " ") -> str:
    """A pattern of any of ``words`` (a space in them matching ``space``), with the words grouped by their
    first character. A pattern whose alternatives all start with a literal character is searched quickly
    (the engine skips the positions where none can start), and with the grouping the engine tries at a
    position only the words that start there."""
    groups: dict[str, set[str]] = {}
    for word in words:
        groups.setdefault(word[:1], set()).add(re.escape(word[1:]).replace(r"\ ", space))
    branches = []
    for first, rests in sorted(groups.items()):
        tails = sorted(rests, key=lambda rest: (-len(rest), rest))
        head = re.escape(first).replace(r"\ ", space)
        branches.append(head + ("(?:" + "|".join(tails) + ")" if tails != [""] else ""))
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"
