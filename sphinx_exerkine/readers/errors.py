"""The error a reader raises when a file cannot be read at all."""

from __future__ import annotations


class ReadError(ValueError):
    """A file is malformed; ``line`` and ``column`` (1-based, in characters) point at the problem.

    ``str()`` gives the message alone, for callers to prefix with ``path:line:column:``.
    """

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
