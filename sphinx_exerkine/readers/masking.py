"""Building the masked copy of a text from the character spans that must not be checked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sphinx_exerkine.readers import MASK

_NOT_NEWLINE = re.compile(r"[^\r\n]+")


def blank_out(segment: str) -> str:
    """``segment`` with every character except line breaks replaced by MASK."""
    if "\r" not in segment:
        if "\n" not in segment:
            return MASK * len(segment)
        # a split and a join instead of a regex callback for every line
        return "\n".join([MASK * len(line) for line in segment.split("\n")])
    return _NOT_NEWLINE.sub(lambda m: MASK * (m.end() - m.start()), segment)


def apply_masks(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the characters of every ``(start, end)`` span blanked out (spans may overlap)."""
    pieces: list[str] = []
    append = pieces.append
    pos = 0
    run_start = run_end = -1
    for start, end in sorted(spans):
        if end <= start:
            continue
        if start <= run_end:
            if end > run_end:
                run_end = end
            continue
        if run_end > run_start:
            append(text[pos:run_start])
            segment = text[run_start:run_end]
            # most runs hold no line break: blanked out here without a call
            append(MASK * len(segment) if "\n" not in segment and "\r" not in segment else blank_out(segment))
            pos = run_end
        run_start, run_end = start, end
    if run_end > run_start:
        append(text[pos:run_start])
        append(blank_out(text[run_start:run_end]))
        pos = run_end
    append(text[pos:])
    return "".join(pieces)


def outside(keep: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans of ``range(length)`` not covered by the (non-overlapping) spans ``keep``."""
    spans = []
    pos = 0
    for start, end in sorted(keep):
        if start > pos:
            spans.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        spans.append((pos, length))
    return spans
