"""Choosing a reader: the format of a file from its name, and one entry point for every format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from sphinx_exerkine.readers import Document

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".rst": "rst",
    ".rest": "rst",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
}


def format_for_path(path: str | PurePath) -> str | None:
    """The format of ``path`` from its suffix (case-insensitive), or None if it is not a known one."""
    return FORMAT_BY_SUFFIX.get(PurePath(path).suffix.lower())


def _reader(fmt: str) -> Callable[[str], Document]:
    # imported lazily: reading reST must not pay for importing markdown-it
    if fmt == "rst":
        from sphinx_exerkine.readers.rst import read_rst

        return read_rst
    if fmt == "markdown":
        from sphinx_exerkine.readers.markdown import read_markdown

        return read_markdown
    if fmt == "text":
        from sphinx_exerkine.readers.text import read_text

        return read_text
    if fmt == "po":
        from sphinx_exerkine.readers.po import read_po

        return read_po
    if fmt == "xliff":
        from sphinx_exerkine.readers.xliff import read_xliff

        return read_xliff
    raise ValueError(f"unknown format: {fmt!r}")


def read(text: str, fmt: str) -> Document:
    """Read ``text`` written in ``fmt`` (``rst``, ``markdown``, ``text``, ``po`` or ``xliff``)."""
    return _reader(fmt)(text)
