"""Decoded strings of a catalogue, with the way back to the characters of the file.

A PO string is written as one or more quoted literals with C escapes (``\\"``, ``\\n``, ``\\\\``, octal
and hex escapes); an XLIFF segment is XML character data with entity and character references. The
checks run over the decoded string; a finding or a fix needs offsets into the file. :class:`Decoded`
keeps that correspondence as a list of pieces: a run of characters written as themselves (one decoded
character per file character), or one escape (one decoded character for several file characters, never
split).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from html.entities import name2codepoint
from typing import Callable, Sequence

__all__ = ["Decoded", "Piece", "decode_po", "decode_xml", "escape_po", "escape_xml", "minimal_edit",
           "DECODERS", "ESCAPERS"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the decoded string and where it is written in the file."""

    #: offset of the first decoded character
    at: int
    #: number of decoded characters
    size: int
    #: file offset of the first file character
    start: int
    #: number of file characters
    raw: int

    @property
    def verbatim(self) -> bool:
        """Written as itself: decoded character ``at + k`` is file character ``start + k``."""
        return self.size == self.raw


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded string and the pieces of the file it was read from."""

    text: str
    pieces: tuple[Piece, ...]
    #: file offset used for an empty string (the start of its first literal)
    origin: int

    def _piece(self, i: int) -> Piece:
        return self.pieces[bisect_right(self.pieces, i, key=_at) - 1]

    def file_start(self, i: int) -> int:
        """The file offset where decoded character ``i`` begins (``len(text)``: the end of the string)."""
        if not self.pieces:
            return self.origin
        if i >= len(self.text):
            last = self.pieces[-1]
            return last.start + last.raw
        piece = self._piece(i)
        return piece.start + (i - piece.at if piece.verbatim else 0)

    def file_end(self, j: int) -> int:
        """The file offset just after decoded character ``j - 1``."""
        if j <= 0 or not self.pieces:
            return self.file_start(0)
        piece = self._piece(j - 1)
        return piece.start + (j - piece.at if piece.verbatim else piece.raw)

    def file_span(self, i: int, j: int) -> tuple[int, int]:
        """File offsets of decoded ``text[i:j]``; an empty span stays inside the literal it follows."""
        if len(self.pieces) == 1 and self.pieces[0].verbatim:  # one literal without escapes
            start = self.pieces[0].start
            return start + i, start + j
        if i < j:
            return self.file_start(i), self.file_end(j)
        at = self.file_end(i) if i > 0 else self.file_start(0)
        return at, at


def _at(piece: Piece) -> int:
    return piece.at


# ------------------------------------------------------------------------------------------ decoding


class _Builder:
    """Collects a decoded string piece by piece."""

    def __init__(self, origin: int) -> None:
        self.parts: list[str] = []
        self.pieces: list[Piece] = []
        self.at = 0
        self.origin = origin

    def verbatim(self, text: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(text[start:end])
            self.pieces.append(Piece(self.at, end - start, start, end - start))
            self.at += end - start

    def escape(self, value: str, start: int, end: int) -> None:
        if value:
            self.parts.append(value)
            self.pieces.append(Piece(self.at, len(value), start, end - start))
            self.at += len(value)

    def build(self) -> Decoded:
        return Decoded("".join(self.parts), tuple(self.pieces), self.origin)


_PO_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|[\s\S])")
_PO_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _po_escape_value(escape: str) -> str:
    body = escape[1:]
    if body[0] in "01234567":
        return chr(int(body, 8))
    if body[0] == "x" and len(body) > 1:
        return chr(int(body[1:], 16))
    return _PO_SIMPLE.get(body, body)


def decode_po(text: str, spans: Sequence[tuple[int, int]]) -> Decoded:
    """The string written by the PO literals whose contents are ``text[start:end]`` for each span."""
    out = _Builder(spans[0][0] if spans else 0)
    for start, end in spans:
        pos = start
        if text.find("\\", start, end) >= 0:
            for m in _PO_ESCAPE.finditer(text, start, end):
                out.verbatim(text, pos, m.start())
                out.escape(_po_escape_value(m.group()), m.start(), m.end())
                pos = m.end()
        out.verbatim(text, pos, end)
    return out.build()


_XML_MARKUP = re.compile(
    r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9._-]*);|<!\[CDATA\[|<!--[\s\S]*?-->|<\?[\s\S]*?\?>"
    r"|</?(?P<name>[^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>"
)
#: XLIFF 1.2 inline elements whose content is native code, not text
_CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it"})


def _xml_reference_value(ref: str) -> str:
    body = ref[1:-1]
    if body.startswith("#x"):
        return chr(int(body[2:], 16))
    if body.startswith("#"):
        return chr(int(body[1:]))
    code = name2codepoint.get(body)
    return chr(code) if code is not None else ref


_ELEMENT_START = re.compile(r"<(?:[^\s/>:]+:)?(?:source|target)(?=[\s/>])(?:\"[^\"]*\"|'[^']*'|[^>\"'])*>")
_ELEMENT_END = re.compile(r"</(?:[^\s/>:]+:)?(?:source|target)\s*>")


def _element_content(text: str, first: int, last: int) -> tuple[int, int]:
    """The content of the ``<source>``/``<target>`` element around the text runs ``first..last``: the
    markup before the first run and after the last one (references such as ``&lt;``) belongs to it."""
    start = first
    pos = first
    while (lt := text.rfind("<", 0, pos)) >= 0:
        m = _ELEMENT_START.match(text, lt)
        if m is not None and m.end() <= first:
            start = m.end()
            break
        pos = lt
    m = _ELEMENT_END.search(text, last)
    return start, m.start() if m is not None else last


def decode_xml(text: str, spans: Sequence[tuple[int, int]]) -> Decoded:
    """The text of the XLIFF ``<source>``/``<target>`` whose text runs are ``spans``, read as the XLIFF
    reader reads it: references decoded, CDATA read as text, comments and inline tags dropped, and so is
    the native code inside ``<ph>``, ``<bpt>``, ``<ept>`` and ``<it>``."""
    if not spans:
        return Decoded("", (), 0)
    start, end = _element_content(text, spans[0][0], spans[-1][1])
    out = _Builder(start)
    pos = start
    code_depth = 0
    while True:
        m = _XML_MARKUP.search(text, pos, end)
        if m is None:
            break
        if code_depth == 0:
            out.verbatim(text, pos, m.start())
        token = m.group()
        pos = m.end()
        if token == "<![CDATA[":  # character data written as itself up to "]]>"
            close = text.find("]]>", pos, end)
            close = end if close < 0 else close
            if code_depth == 0:
                out.verbatim(text, pos, close)
            pos = min(end, close + 3)
        elif token.startswith("&"):
            if code_depth == 0:
                out.escape(_xml_reference_value(token), m.start(), m.end())
        elif m.group("name") is not None and not m.group("empty"):
            if m.group("name").rsplit(":", 1)[-1] in _CODE_ELEMENTS:
                code_depth += -1 if token.startswith("</") else 1
    if code_depth == 0:
        out.verbatim(text, pos, end)
    return out.build()


# ------------------------------------------------------------------------------------------ encoding


def escape_po(value: str) -> str:
    """``value`` as it must be written inside a PO literal."""
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def escape_xml(value: str) -> str:
    """``value`` as it must be written in XML character data."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: format -> decoder of its string spans
DECODERS: dict[str, Callable[[str, Sequence[tuple[int, int]]], Decoded]] = {"po": decode_po, "xliff": decode_xml}
#: format -> how a replacement is written in the file
ESCAPERS: dict[str, Callable[[str], str]] = {"po": escape_po, "xliff": escape_xml}


def minimal_edit(found: str, expected: str) -> tuple[int, int, str]:
    """The smallest change turning ``found`` into ``expected``: ``(i, j, replacement)`` such that
    ``found[:i] + replacement + found[j:] == expected``.

    Fixing only the characters that differ leaves a term that a catalogue wrapped over two lines
    wrapped as it was whenever the difference sits on one side of the break.
    """
    limit = min(len(found), len(expected))
    i = 0
    while i < limit and found[i] == expected[i]:
        i += 1
    k = 0
    while k < limit - i and found[-1 - k] == expected[-1 - k]:
        k += 1
    return i, len(found) - k, expected[i:len(expected) - k]
