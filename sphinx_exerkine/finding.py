"""The one diagnostic record shared by every front end (CLI, SARIF, PO checks, Sphinx warnings)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Fix:
    """A replacement of ``text[start:end]`` (character offsets in the original text)."""

    #: first character replaced (0-based offset into the original text)
    start: int
    #: one past the last character replaced
    end: int
    #: the text that replaces the span
    replacement: str
    #: safe fixes are applied by ``--fix``; unsafe ones only with ``--unsafe-fixes``
    safe: bool = True

    def __reduce__(self):
        return (Fix, (self.start, self.end, self.replacement, self.safe))


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in one place of one file."""

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
    extra: tuple[tuple[str, str], ...] = field(default=())

    def with_path(self, path: str) -> "Finding":
        return replace(self, path=path)

    def __reduce__(self):
        # pickled as a constructor call: what parallel workers send back is unpickled several times
        # faster than with the per-field state protocol of slotted dataclasses
        return (Finding, (self.path, *self.to_record()))

    def to_record(self) -> tuple:
        """Every field but the path, in order: what the result cache stores for a file."""
        return (self.line, self.column, self.end_line, self.end_column, self.rule, self.severity,
                self.message, self.term, self.found, self.expected, self.fix, self.start, self.end, self.extra)

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
