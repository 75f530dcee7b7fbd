"""Choosing the reader from a file name, and reading through the one entry point."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers import MASK
from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.detect import FORMAT_BY_SUFFIX, format_for_path, read
from sphinx_exerkine.readers.masking import apply_masks


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


_MASKABLE = st.lists(st.sampled_from(["a", "テ", " ", "\n", "\r", "\r\n", "\t"]), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(_MASKABLE, st.lists(st.tuples(st.integers(0, 32), st.integers(0, 32)), max_size=8))
def test_apply_masks_blanks_out_every_spanned_character_but_line_breaks(text: str, spans: list[tuple[int, int]]) -> None:
    expected = list(text)
    for start, end in spans:
        for k in range(start, min(end, len(text))):
            if text[k] not in "\r\n":
                expected[k] = MASK
    assert apply_masks(text, spans) == "".join(expected)
