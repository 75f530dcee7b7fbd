"""Splitting a text into lines without losing the offset of any character."""

from __future__ import annotations

from ..positions import line_starts


def split_lines(text: str) -> tuple[list[int], list[str]]:
    """The offset where each line starts, and the lines without their ``\\n`` or ``\\r\\n``."""
    raw = text.split("\n")
    starts = line_starts(raw)
    if "\r" in text:
        raw = [line[:-1] if line.endswith("\r") else line for line in raw]
    return starts, raw
