"""Splitting a text into lines without losing the offset of any character."""

from __future__ import annotations


def split_lines(text: str) -> tuple[list[int], list[str]]:
    """The offset where each line starts, and the lines without their ``\\n`` or ``\\r\\n``."""
    raw = text.split("\n")
    starts = [0] * len(raw)
    pos = 0
    for number, line in enumerate(raw):
        starts[number] = pos
        pos += len(line) + 1
    if "\r" in text:
        raw = [line[:-1] if line.endswith("\r") else line for line in raw]
    return starts, raw
