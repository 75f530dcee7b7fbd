"""Inline suppression comments shared by every format.

Spellings understood (inside whatever comment syntax the format has)::

    exerkine: disable=term-variant,definition-contradiction
    exerkine: enable=term-variant
    exerkine: disable-next-line=term-variant
    exerkine-disable term-variant definition-contradiction
    exerkine-enable
    exerkine-disable-next-line

Without rule ids a directive applies to every rule. A ``disable`` range covers the lines from the
comment up to the matching ``enable`` comment (or the end of the file); ``disable-next-line`` covers
the first non-blank line after the comment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from sphinx_exerkine.readers import Suppression

DIRECTIVE = re.compile(
    r"exerkine(?::[ \t]*|-)(?P<action>disable-next-line|disable|enable)(?![\w-])"
    r"(?:[ \t]*=?[ \t]*(?P<rules>[A-Za-z][\w-]*(?:[ \t]*,?[ \t]*[A-Za-z][\w-]*)*))?"
)
_RULE_SEPARATOR = re.compile(r"[\s,]+")
_ALL = "*"


class Directive(NamedTuple):
    action: str
    rules: frozenset[str]


def parse_directive(comment: str) -> Directive | None:
    """The suppression directive written in ``comment``, if there is one."""
    match = DIRECTIVE.search(comment)
    if match is None:
        return None
    rules = match.group("rules") or ""
    return Directive(match.group("action"), frozenset(r for r in _RULE_SEPARATOR.split(rules) if r))


class SuppressionBuilder:
    """Collects directives in file order and turns them into :class:`Suppression` ranges."""

    def __init__(self) -> None:
        self._open: dict[str, int] = {}
        self._done: list[Suppression] = []
        #: (last line of the comment, rules) of pending ``disable-next-line`` directives
        self._next_line: list[tuple[int, frozenset[str]]] = []

    def add(self, directive: Directive, line: int, last_line: int | None = None) -> None:
        """Record ``directive`` written on 1-based ``line`` (a comment may end on ``last_line``)."""
        if directive.action == "disable-next-line":
            self._next_line.append((last_line or line, directive.rules))
        elif directive.action == "disable":
            for rule in directive.rules or (_ALL,):
                self._open.setdefault(rule, line)
        else:
            self._close(directive.rules or frozenset(self._open), last_line or line)

    def _close(self, rules: frozenset[str], line: int) -> None:
        for rule in sorted(rules):
            first = self._open.pop(rule, None)
            if first is not None:
                self._done.append(_suppression(first, line, rule))

    def build(self, lines: Sequence[str]) -> list[Suppression]:
        """The suppressions, given the file's lines (to find the line after a ``disable-next-line``)."""
        result = list(self._done)
        # the empty string after a final newline is not a line
        last = max(len(lines) - (1 if len(lines) > 1 and not lines[-1] else 0), 1)
        for rule, first in sorted(self._open.items(), key=lambda item: (item[1], item[0])):
            result.append(_suppression(first, last, rule))
        for after, rules in self._next_line:
            target = after + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            result.append(Suppression(target, target, rules))
        result.sort(key=lambda s: (s.first_line, s.last_line, sorted(s.rules)))
        return result


def _suppression(first: int, last: int, rule: str) -> Suppression:
    return Suppression(first, last, frozenset() if rule == _ALL else frozenset({rule}))
