"""Character offsets <-> 1-based line/column, computed once per text with bisect."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add


def line_starts(lines: list[str]) -> list[int]:
    """The offset where each of ``lines`` (a text split at ``"\\n"``) starts: running sums of the line
    lengths, each with its ``"\\n"``, added up without a Python-level loop."""
    starts = list(accumulate(map(add, map(len, lines), repeat(1)), initial=0))
    starts.pop()
    return starts


class LineIndex:
    """Maps 0-based character offsets of a text to 1-based (line, column) pairs.

    Columns are counted in characters of the original text (not bytes, not display cells).
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = line_starts(text.split("\n"))

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The offset of a 1-based (line, column)."""
        return self._starts[line - 1] + column - 1

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    @property
    def line_count(self) -> int:
        return len(self._starts)
