"""A one-line progress bar on stderr, e.g. ``[#####.....] 123/456 files``.

The caller decides whether to show it (:func:`progress_wanted` gives the usual answer: only on a
terminal, not in quiet mode, only with text output). A disabled bar does nothing, so the caller
can update it unconditionally.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

__all__ = ["Progress", "progress_wanted"]


def progress_wanted(*, quiet: bool, output_format: str, stream: TextIO | None = None) -> bool:
    """Whether a progress bar belongs on ``stream`` (stderr by default)."""
    stream = sys.stderr if stream is None else stream
    if quiet or output_format != "text":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


class Progress:
    """Counts work done out of ``total`` and redraws at most ``1 / interval`` times a second."""

    def __init__(
        self,
        total: int,
        enabled: bool,
        *,
        stream: TextIO | None = None,
        unit: str = "files",
        width: int = 30,
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = max(0, total)
        self.done = 0
        self.enabled = enabled and self.total > 0
        self._stream = sys.stderr if stream is None else stream
        self._unit = unit
        self._width = max(1, width)
        self._interval = interval
        self._clock = clock
        self._last_draw: float | None = None
        self._drawn_length = 0

    def render(self) -> str:
        """The bar for the current count, without the leading carriage return."""
        done = min(self.done, self.total)
        filled = self._width * done // self.total if self.total else self._width
        bar = "#" * filled + "." * (self._width - filled)
        return f"[{bar}] {done}/{self.total} {self._unit}"

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def update(self, done: int) -> None:
        self.done = done
        if not self.enabled:
            return
        now = self._clock()
        if self._last_draw is not None and now - self._last_draw < self._interval:
            return
        self._last_draw = now
        line = self.render()
        self._write("\r" + line)
        self._drawn_length = len(line)

    def close(self) -> None:
        """Erase the bar so that whatever is printed next starts on a clean line."""
        if self.enabled and self._drawn_length:
            self._write("\r" + " " * self._drawn_length + "\r")
            self._drawn_length = 0
        self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            # a closed or broken stderr must not stop the run
            self.enabled = False
