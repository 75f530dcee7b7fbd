"""Plain text: every character is checked except the suppression comment lines."""

from __future__ import annotations

from sphinx_exerkine.readers import Document
from sphinx_exerkine.readers.masking import apply_masks
from sphinx_exerkine.readers.suppressions import SuppressionBuilder, parse_directive


def read_text(text: str) -> Document:
    spans: list[tuple[int, int]] = []
    builder = SuppressionBuilder()
    counted_to, line = 0, 1
    pos = text.find("exerkine")
    while pos != -1:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        if line_end == -1:
            line_end = len(text)
        directive = parse_directive(text[line_start:line_end])
        if directive is not None:
            line += text.count("\n", counted_to, line_start)
            counted_to = line_start
            builder.add(directive, line)
            spans.append((line_start, line_end))
        pos = text.find("exerkine", line_end)
    suppressions = builder.build(text.split("\n")) if spans else []
    return Document(text, apply_masks(text, spans), "text", suppressions)
