"""The one diagnostic record shared by every front end (CLI, SARIF, PO checks, Sphinx warnings)."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Fix(NamedTuple):
    """A replacement of ``text[start:end]`` (character offsets in the original text)."""

    #: first character replaced (0-based offset into the original text)
    start: int
    #: one past the last character replaced
    end: int
    #: the text that replaces the span
    replacement: str
    #: safe fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``
    safe: bool = True


class Finding(NamedTuple):
    """One problem found in one place of one file.

    A named tuple, like :class:`Fix`: immutable, made and pickled (parallel workers send findings back)
    several times faster than a frozen dataclass."""

    #: the path as the user gave it (or a document name in Sphinx)
    path: str
    #: 1-based line of the first character
    line: int
    #: 1-based column of the first character, counted in characters of the original text
    column: int
    #: 1-based line of the last character
    end_line: int
    #: 1-based column one past the last character
    end_column: int
    #: rule id: ``term-variant``, ``definition-contradiction``, ``translation-mismatch``, ...
    rule: str
    #: ``error``, ``warning`` or ``info``
    severity: str
    #: one-line human message
    message: str
    #: concept id from the glossary, if the finding is about a concept
    term: str | None = None
    #: the text that was found in the document
    found: str = ""
    #: the form the glossary expects, if any
    expected: str | None = None
    #: the proposed fix, if any
    fix: Fix | None = None
    #: 0-based character offsets of the finding in the original text
    start: int = 0
    end: int = 0
    #: free-form extra data for formatters (e.g. the glossary source quoted)
    extra: tuple[tuple[str, str], ...] = ()

    def with_path(self, path: str) -> "Finding":
        return self._replace(path=path)

    def to_record(self) -> tuple:
        """Every field but the path, in order: what the result cache stores for a file."""
        return self[1:]

    @classmethod
    def from_record(cls, path: str, record: tuple) -> "Finding":
        """The inverse of :meth:`to_record`, with the path the file is shown by."""
        return cls(path, *record)

    def as_dict(self) -> dict:
        """The JSON shape documented for ``--format json``."""
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "term": self.term,
            "found": self.found,
            "expected": self.expected,
        }
        if self.fix is not None:
            data["fix"] = {
                "replacement": self.fix.replacement,
                "safe": self.fix.safe,
            }
        return data

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)
