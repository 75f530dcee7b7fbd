"""gettext PO files: a small scanner that keeps the exact offset of every string literal.

Only the contents of ``msgstr`` literals of current (not fuzzy, not obsolete) entries are checkable:
the linter checks the language of the translation. Escape sequences, format placeholders of entries
flagged ``*-format`` and reStructuredText inline markup (Sphinx message catalogs carry it) are masked
inside them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_exerkine.readers import Document, PoMessage, Suppression
from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.lines import split_lines
from sphinx_exerkine.readers.masking import apply_masks, outside
from sphinx_exerkine.readers.rst_inline import mask_inline
from sphinx_exerkine.readers.suppressions import parse_directive

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")
_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|[\s\S])")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_PRINTF_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[hlLqjzt]*[diouxXeEfFgGcrsa%]")
_BRACE_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")

#: a literal: (content start, content end, decoded content)
_Literal = tuple[int, int, str]


def _decode_escape(match: re.Match[str]) -> str:
    escape = match.group()[1:]
    if escape[0] in "01234567":
        return chr(int(escape, 8))
    if escape[0] == "x" and len(escape) > 1:
        return chr(int(escape[1:], 16))
    return _SIMPLE_ESCAPES.get(escape, escape)


def _decode(raw: str) -> str:
    return _ESCAPE.sub(_decode_escape, raw) if "\\" in raw else raw


@dataclass
class _Entry:
    #: 0-based line of the entry's first line
    first_line: int
    last_line: int = 0
    obsolete: bool = False
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    msgctxt: list[_Literal] | None = None
    msgid: list[_Literal] | None = None
    msgid_plural: list[_Literal] | None = None
    #: msgstr index -> literals; plain ``msgstr`` is index 0
    msgstr: dict[int, list[_Literal]] = field(default_factory=dict)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def is_header(self) -> bool:
        return self.msgctxt is None and self.msgid is not None and not "".join(lit[2] for lit in self.msgid)


class _PoScanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.lines = split_lines(text)
        self.entries: list[_Entry] = []
        self._entry: _Entry | None = None
        #: the literal list continuation strings are appended to
        self._current: list[_Literal] | None = None

    def error(self, message: str, line: int, column: int) -> ReadError:
        return ReadError(message, line + 1, column + 1)

    def scan(self) -> list[_Entry]:
        for number, line in enumerate(self.lines):
            self._line(number, line, self.starts[number])
        self._finish()
        return self.entries

    def _line(self, number: int, line: str, offset: int) -> None:
        pos = len(line) - len(line.lstrip())
        if pos == len(line):
            return
        obsolete = line.startswith("#~", pos) and not line.startswith("#~|", pos)
        if line.startswith("#", pos) and not obsolete:
            self._comment(number, line, pos)
            return
        if obsolete:
            pos += 2
            while pos < len(line) and line[pos] in " \t":
                pos += 1
            if pos == len(line):
                return
        if not line.startswith('"', pos):
            self._begin_part(number, line, pos)
        self._statement(number, line, offset, pos)
        if obsolete:
            self._require_entry(number).obsolete = True

    def _comment(self, number: int, line: str, pos: int) -> None:
        entry = self._entry
        if entry is None or entry.msgid is not None:
            self._finish()
            entry = self._entry = _Entry(number)
        entry.last_line = number
        kind = line[pos + 1 : pos + 2]
        if kind == ",":
            entry.flags.extend(flag.strip() for flag in line[pos + 2 :].split(",") if flag.strip())
        elif kind in ("", " ", "\t"):
            entry.comments.append(line[pos + 2 :] if kind else "")

    def _begin_part(self, number: int, line: str, pos: int) -> None:
        """A keyword at ``pos``: msgctxt or msgid starts a new entry if the current one has its msgstr."""
        entry = self._entry
        if entry is not None and entry.msgstr:
            keyword = _KEYWORD.match(line, pos)
            if keyword is not None and not keyword.group(1).startswith("msgstr"):
                self._finish()

    def _require_entry(self, number: int) -> _Entry:
        if self._entry is None:
            self._entry = _Entry(number)
        return self._entry

    def _statement(self, number: int, line: str, offset: int, pos: int) -> None:
        entry = self._require_entry(number)
        entry.last_line = number
        if line.startswith('"', pos):
            if self._current is None:
                raise self.error("string without a keyword before it", number, pos)
            self._current.append(self._literal(number, line, offset, pos))
            return
        keyword = _KEYWORD.match(line, pos)
        if keyword is None:
            raise self.error("expected msgctxt, msgid, msgid_plural, msgstr or a string", number, pos)
        name = keyword.group(1)
        literals: list[_Literal] = []
        if name == "msgctxt":
            if entry.msgid is not None:
                raise self.error("msgctxt after msgid", number, pos)
            entry.msgctxt = literals
        elif name == "msgid":
            if entry.msgid is not None:
                raise self.error("msgid without msgstr before it", number, pos)
            entry.msgid = literals
        elif name == "msgid_plural":
            if entry.msgid is None or entry.msgstr:
                raise self.error("msgid_plural without msgid before it", number, pos)
            entry.msgid_plural = literals
        else:
            if entry.msgid is None:
                raise self.error("msgstr without msgid before it", number, pos)
            index = int(keyword.group(2) or 0)
            if index in entry.msgstr:
                raise self.error(f"duplicate {name}", number, pos)
            entry.msgstr[index] = literals
        self._current = literals
        start = keyword.end()
        while start < len(line) and line[start] in " \t":
            start += 1
        if not line.startswith('"', start):
            raise self.error(f"expected a string after {name}", number, start)
        literals.append(self._literal(number, line, offset, start))

    def _literal(self, number: int, line: str, offset: int, quote: int) -> _Literal:
        """The string literal whose opening quote is at ``quote``; nothing but a comment may follow it."""
        pos = quote + 1
        while True:
            close = line.find('"', pos)
            if close == -1:
                raise self.error("unterminated string", number, quote)
            backslashes = 0
            while close - 1 - backslashes > quote and line[close - 1 - backslashes] == "\\":
                backslashes += 1
            if backslashes % 2 == 0:
                break
            pos = close + 1
        rest = line[close + 1 :].strip()
        if rest and not rest.startswith("#"):
            raise self.error("unexpected text after string", number, close + 1 + line[close + 1 :].index(rest[0]))
        raw = line[quote + 1 : close]
        return (offset + quote + 1, offset + close, _decode(raw))

    def _finish(self) -> None:
        entry = self._entry
        self._entry = None
        self._current = None
        if entry is None:
            return
        if entry.msgid is None:
            if entry.msgctxt is not None or entry.msgstr:
                raise self.error("entry without msgid", entry.first_line, 0)
            return  # trailing comments only
        if not entry.msgstr:
            raise self.error("msgid without msgstr", entry.last_line, 0)
        if entry.msgid_plural is not None and 0 not in entry.msgstr:
            raise self.error("msgid_plural without msgstr[0]", entry.last_line, 0)
        self.entries.append(entry)


def _message(entry: _Entry) -> PoMessage:
    msgid = entry.msgid or []
    targets = [entry.msgstr[index] for index in sorted(entry.msgstr)]
    return PoMessage(
        line=entry.first_line + 1,
        msgctxt="".join(lit[2] for lit in entry.msgctxt) if entry.msgctxt is not None else None,
        source="".join(lit[2] for lit in msgid),
        source_plural="".join(lit[2] for lit in entry.msgid_plural) if entry.msgid_plural is not None else None,
        targets=tuple("".join(lit[2] for lit in literals) for literals in targets),
        target_spans=tuple(tuple((lit[0], lit[1]) for lit in literals) for literals in targets),
        source_spans=tuple((lit[0], lit[1]) for lit in msgid),
        fuzzy=entry.fuzzy,
        obsolete=entry.obsolete,
        flags=tuple(entry.flags),
        comments=tuple(entry.comments),
    )


def _checked_spans(text: str, entry: _Entry) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The msgstr literal contents of ``entry`` kept checkable, and the masks inside them."""
    keep: list[tuple[int, int]] = []
    masks: list[tuple[int, int]] = []
    formats = [flag for flag in entry.flags if flag.endswith("-format") and not flag.startswith("no-")]
    for literals in entry.msgstr.values():
        for start, end, _ in literals:
            keep.append((start, end))
            if text.find("\\", start, end) != -1:
                masks.extend(match.span() for match in _ESCAPE.finditer(text, start, end))
            for flag in formats:
                pattern = _BRACE_PLACEHOLDER if "brace" in flag else _PRINTF_PLACEHOLDER
                masks.extend(match.span() for match in pattern.finditer(text, start, end))
        if literals:
            mask_inline(text, literals[0][0], literals[-1][1], masks)
    return keep, masks


def read_po(text: str) -> Document:
    scanner = _PoScanner(text)
    entries = scanner.scan()
    messages: list[PoMessage] = []
    keep: list[tuple[int, int]] = []
    masks: list[tuple[int, int]] = []
    suppressions: list[Suppression] = []
    for entry in entries:
        if entry.is_header:
            continue
        messages.append(_message(entry))
        if not entry.fuzzy and not entry.obsolete:
            kept, inner = _checked_spans(text, entry)
            keep.extend(kept)
            masks.extend(inner)
        for comment in entry.comments:
            directive = parse_directive(comment)
            if directive is not None and directive.action != "enable":
                suppressions.append(Suppression(entry.first_line + 1, entry.last_line + 1, directive.rules))
    masks.extend(outside(keep, len(text)))
    return Document(text, apply_masks(text, masks), "po", suppressions, messages)
