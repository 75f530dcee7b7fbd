"""Readers turn a file's text into checkable text with exact original positions.

Every reader returns a :class:`Document` whose ``masked`` string has exactly the length of ``text``:
characters that must not be checked (code, literals, URLs, markup, comments, ...) are replaced by
``MASK`` ("\\0"); newlines are always kept. Matching runs over ``masked``, so every offset found there is
an offset into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

MASK = "\0"


class Suppression(NamedTuple):
    """Findings of ``rules`` (all rules when empty) on lines ``first_line..last_line`` are dropped."""

    #: 1-based first line covered
    first_line: int
    #: 1-based last line covered (inclusive)
    last_line: int
    #: rule ids; empty means every rule
    rules: frozenset[str] = frozenset()

    def covers(self, line: int, rule: str) -> bool:
        return self.first_line <= line <= self.last_line and (not self.rules or rule in self.rules)


class PoMessage(NamedTuple):
    """One translatable unit of a PO/XLIFF file, with spans into the original text."""

    #: 1-based line of the entry's first line (comments included)
    line: int
    msgctxt: str | None
    #: the decoded source text (msgid)
    source: str
    #: decoded msgid_plural, if any
    source_plural: str | None
    #: decoded translations: one per msgstr / msgstr[n]
    targets: tuple[str, ...]
    #: for each target, the list of (start, end) spans of its string literals' contents in the original text
    target_spans: tuple[tuple[tuple[int, int], ...], ...]
    #: (start, end) spans of the msgid literals' contents in the original text
    source_spans: tuple[tuple[int, int], ...]
    fuzzy: bool = False
    obsolete: bool = False
    #: flags and translator comments, as written
    flags: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()


@dataclass(slots=True)
class Document:
    #: the original text as decoded
    text: str
    #: same length as ``text``; unchecked characters replaced by MASK
    masked: str
    #: ``rst``, ``markdown``, ``text`` or ``po``
    format: str
    suppressions: list[Suppression] = field(default_factory=list)
    #: PO/XLIFF only: the messages, for translation checks
    messages: list[PoMessage] = field(default_factory=list)

    def suppressed(self, line: int, rule: str) -> bool:
        return any(s.covers(line, rule) for s in self.suppressions)
