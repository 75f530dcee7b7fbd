"""XLIFF 1.2 and 2.0: the text of translation targets, located exactly with expat.

expat checks well-formedness and reports where each ``<source>``/``<target>`` starts and ends (as
byte offsets into the UTF-8 encoding, converted here to character offsets). Inside those elements a
small tokenizer separates text from inline tags, comments, CDATA markers and character references.
Documents with a DOCTYPE are refused, so no entity is ever expanded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from sphinx_exerkine.positions import LineIndex
from sphinx_exerkine.readers import Document, PoMessage
from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.masking import apply_masks, outside

_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_START_TAG = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>")
#: markup inside a source/target: comment, CDATA section, processing instruction, tag, reference
_MARKUP = re.compile(
    r"<!--[\s\S]*?-->|<!\[CDATA\[|\]\]>|<\?[\s\S]*?\?>"
    r"|</?(?P<name>[^\s/>]+)(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(?P<empty>/?)>"
    r"|&[^;\s]*;"
)
#: inline elements whose content is native code, not text (XLIFF 1.2)
_CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it"})
#: target states meaning the translation is not final
_DRAFT_STATES = frozenset({"new", "initial"})
_UNIT_ELEMENTS = frozenset({"trans-unit", "segment"})


def _local(name: str) -> str:
    """An element name without its namespace (expat's ``uri name``) or prefix (``xlf:name``)."""
    return name.rpartition(" ")[2].rpartition(":")[2]


@dataclass
class _Text:
    """A <source> or <target> of a unit: where its content is, and its decoded text."""

    #: byte offsets of the content (after the start tag, before the end tag)
    start: int
    end: int = -1
    parts: list[str] = field(default_factory=list)
    #: decoding stops inside inline code elements
    code_depth: int = 0


@dataclass
class _Unit:
    line: int
    ident: str | None
    state: str | None
    source: _Text | None = None
    target: _Text | None = None
    notes: list[str] = field(default_factory=list)


class _Collector:
    """expat handlers: records units with the byte offsets of their source and target contents."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.units: list[_Unit] = []
        self.parser = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._characters
        self._stack: list[str] = []
        self._unit_ids: list[str | None] = []
        self._unit: _Unit | None = None
        self._text: _Text | None = None
        self._note: list[str] | None = None

    def _content_start(self, tag_start: int) -> int:
        """The byte offset just after the start tag beginning at ``tag_start``."""
        return _START_TAG.match(self.data, tag_start).end()  # type: ignore[union-attr]

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        parent = self._stack[-1] if self._stack else ""
        self._stack.append(local)
        position = self.parser.CurrentByteIndex
        if local == "unit":
            self._unit_ids.append(attributes.get("id"))
        elif local in _UNIT_ELEMENTS:
            ident = attributes.get("resname") or attributes.get("id")
            if local == "segment" and self._unit_ids:
                ident = self._unit_ids[-1] if ident is None else f"{self._unit_ids[-1]}/{ident}"
            self._unit = _Unit(self.parser.CurrentLineNumber, ident, attributes.get("state"))
        elif self._unit is not None and parent in _UNIT_ELEMENTS and local in ("source", "target"):
            self._text = _Text(self._content_start(position))
            if local == "source":
                self._unit.source = self._text
            else:
                self._unit.target = self._text
                state = attributes.get("state")
                if state is not None:
                    self._unit.state = state
        elif self._text is not None and local in _CODE_ELEMENTS:
            self._text.code_depth += 1
        elif self._unit is not None and local == "note":
            self._note = []

    def _end(self, name: str) -> None:
        local = self._stack.pop()
        position = self.parser.CurrentByteIndex
        if local == "unit":
            self._unit_ids.pop()
        elif local in _UNIT_ELEMENTS and self._unit is not None:
            self.units.append(self._unit)
            self._unit = None
        elif self._text is not None and local in ("source", "target") and self._stack[-1] in _UNIT_ELEMENTS:
            # an empty element <target/> reports its end just after the tag, where its content starts
            self._text.end = position if self.data.startswith(b"</", position) else self._text.start
            self._text = None
        elif self._text is not None and local in _CODE_ELEMENTS:
            self._text.code_depth -= 1
        elif local == "note" and self._note is not None and self._unit is not None:
            self._unit.notes.append("".join(self._note).strip())
            self._note = None

    def _characters(self, data: str) -> None:
        if self._text is not None and self._text.code_depth == 0:
            self._text.parts.append(data)
        elif self._note is not None:
            self._note.append(data)


class _ByteToChar:
    """Converts UTF-8 byte offsets into character offsets, decoding each stretch between increasing
    offsets once (an offset smaller than the last one starts again from the beginning)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self._byte = 0
        self._char = 0

    def __call__(self, byte: int) -> int:
        if self.ascii:
            return byte
        if byte < self._byte:
            self._byte = self._char = 0
        self._char += len(self.data[self._byte : byte].decode("utf-8"))
        self._byte = byte
        return self._char


def _text_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of text inside ``text[start:end]``: not tags, comments, references or native code."""
    runs: list[tuple[int, int]] = []
    pos = start
    code_depth = 0
    for match in _MARKUP.finditer(text, start, end):
        if code_depth == 0 and match.start() > pos:
            runs.append((pos, match.start()))
        name = match.group("name")
        if name is not None and not match.group("empty"):
            if _local(name) in _CODE_ELEMENTS:
                code_depth += -1 if match.group().startswith("</") else 1
        pos = match.end()
    if code_depth == 0 and end > pos:
        runs.append((pos, end))
    return runs


def read_xliff(text: str) -> Document:
    doctype = _DOCTYPE.search(text)
    if doctype is not None:
        line, column = LineIndex(text).position(doctype.start())
        raise ReadError("DOCTYPE and entity declarations are not allowed in XLIFF files", line, column)
    data = text.encode("utf-8")
    collector = _Collector(data)
    try:
        collector.parser.Parse(data, True)
    except expat.ExpatError as error:
        offset = len(data[: collector.parser.ErrorByteIndex].decode("utf-8", "replace"))
        line, column = LineIndex(text).position(min(offset, len(text)))
        raise ReadError(expat.errors.messages[error.code], line, column) from None
    to_char = _ByteToChar(data)
    keep: list[tuple[int, int]] = []
    messages: list[PoMessage] = []
    for unit in collector.units:
        source_spans: list[tuple[int, int]] = []
        if unit.source is not None:
            source_spans = _text_runs(text, to_char(unit.source.start), to_char(unit.source.end))
        target_spans: list[tuple[int, int]] = []
        if unit.target is not None:
            target_spans = _text_runs(text, to_char(unit.target.start), to_char(unit.target.end))
        state = unit.state or ""
        fuzzy = state.startswith("needs-") or state in _DRAFT_STATES
        if not fuzzy:
            keep.extend(target_spans)
        messages.append(
            PoMessage(
                line=unit.line,
                msgctxt=unit.ident,
                source="".join(unit.source.parts) if unit.source is not None else "",
                source_plural=None,
                targets=("".join(unit.target.parts),) if unit.target is not None else (),
                target_spans=(tuple(target_spans),) if unit.target is not None else (),
                source_spans=tuple(source_spans),
                fuzzy=fuzzy,
                flags=(f"state={state}",) if state else (),
                comments=tuple(unit.notes),
            )
        )
    return Document(text, apply_masks(text, outside(keep, len(text))), "xliff", [], messages)
