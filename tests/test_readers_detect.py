"""Choosing the reader from a file name, and reading through the one entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.detect import FORMAT_BY_SUFFIX, format_for_path, read


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("docs/index.rst", "rst"),
        ("docs/old.rest", "rst"),
        ("README.md", "markdown"),
        ("notes.markdown", "markdown"),
        ("NOTES.TXT", "text"),
        ("locale/ja/LC_MESSAGES/guide.po", "po"),
        ("locale/guide.pot", "po"),
        ("export/ja.xlf", "xliff"),
        (Path("export/ja.xliff"), "xliff"),
        ("image.png", None),
        ("Makefile", None),
    ],
)
def test_format_for_path(path: str | Path, fmt: str | None) -> None:
    assert format_for_path(path) == fmt


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("rst", "エクソソーム ``code``\n"),
        ("markdown", "エクソソーム `code`\n"),
        ("text", "エクソソーム\n"),
        ("po", 'msgid "Exosome"\nmsgstr "エクソソーム"\n'),
        ("xliff", '<xliff version="1.2"><file><body><trans-unit id="1"><source>Exosome</source><target>エクソソーム</target></trans-unit></body></file></xliff>'),
    ],
)
def test_read_dispatches_on_format(fmt: str, text: str) -> None:
    doc = read(text, fmt)
    assert doc.format == fmt
    assert len(doc.masked) == len(text)
    start = text.index("エクソソーム")
    assert doc.masked[start : start + 6] == "エクソソーム"


@pytest.mark.parametrize("fmt", sorted(set(FORMAT_BY_SUFFIX.values()) - {"xliff"}))
def test_empty_file(fmt: str) -> None:
    doc = read("", fmt)
    assert (doc.masked, doc.messages, doc.suppressions) == ("", [], [])


def test_empty_xliff_is_not_a_document() -> None:
    with pytest.raises(ReadError):
        read("", "xliff")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        read("text", "asciidoc")
