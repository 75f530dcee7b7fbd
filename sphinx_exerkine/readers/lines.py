"""Splitting a text into lines without losing the offset of any character."""

from __future__ import annotations

from itertools import accumulate


def split_lines(text: str) -> tuple[list[int], list[str]]:
    """The offset where each line starts, and the lines without their ``\\n`` or ``\\r\\n``.

    The offsets are running sums of the line lengths (each with its ``\\n``), added up in C by
    :func:`itertools.accumulate`: a Python loop over the lines cost as much as the rest of the split.
    """
    raw = text.split("\n")
    starts = list(accumulate([len(line) + 1 for line in raw], initial=0))
    starts.pop()
    if "\r" in text:
        raw = [line[:-1] if line.endswith("\r") else line for line in raw]
    return starts, raw
