"""Inline suppression comments in every format, and the plain-text reader that only knows those."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers import MASK, Suppression
from sphinx_exerkine.readers.markdown import read_markdown
from sphinx_exerkine.readers.rst import read_rst
from sphinx_exerkine.readers.suppressions import Directive, parse_directive
from sphinx_exerkine.readers.text import read_text

ALL = frozenset()
VARIANT = frozenset({"term-variant"})


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("exerkine: disable", Directive("disable", ALL)),
        ("exerkine: disable=term-variant", Directive("disable", VARIANT)),
        (
            "exerkine: disable=term-variant,definition-contradiction",
            Directive("disable", frozenset({"term-variant", "definition-contradiction"})),
        ),
        ("exerkine: enable = term-variant", Directive("enable", VARIANT)),
        ("exerkine: disable-next-line=term-variant", Directive("disable-next-line", VARIANT)),
        ("<!-- exerkine-disable-next-line -->", Directive("disable-next-line", ALL)),
        ("<!-- exerkine-disable term-variant definition-contradiction -->", Directive("disable", frozenset({"term-variant", "definition-contradiction"}))),
        ("<!-- exerkine-enable -->", Directive("enable", ALL)),
        ("<!-- exerkine: disable=term-variant -->", Directive("disable", VARIANT)),
        ("exerkine is a word in a sentence", None),
        ("exerkine: disabled", None),
    ],
)
def test_parse_directive(comment: str, expected: Directive | None) -> None:
    assert parse_directive(comment) == expected


# -- reStructuredText ---------------------------------------------------------------------------------

RST = """\
Title
=====

.. exerkine: disable=term-variant,definition-contradiction

エキソソームは表記揺れ。

.. exerkine: enable=term-variant

Checked again.

.. exerkine: disable-next-line=term-variant

エキソソーム on the suppressed line.
Not suppressed.

.. exerkine: disable

Everything off to the end.
"""


def test_rst_suppressions() -> None:
    doc = read_rst(RST)
    assert doc.suppressions == [
        Suppression(4, 8, VARIANT),
        Suppression(4, 19, frozenset({"definition-contradiction"})),
        Suppression(14, 14, VARIANT),
        Suppression(17, 19, ALL),
    ]
    assert doc.suppressed(6, "term-variant")
    assert not doc.suppressed(10, "term-variant")
    assert doc.suppressed(10, "definition-contradiction")
    assert doc.suppressed(14, "term-variant") and not doc.suppressed(15, "term-variant")
    assert doc.suppressed(19, "anything")


def test_rst_suppression_comments_are_masked() -> None:
    doc = read_rst(RST)
    start = RST.index("exerkine: disable=term-variant")
    assert doc.masked[start : start + 8] == MASK * 8


def test_rst_comment_inside_a_code_block_is_not_a_directive() -> None:
    text = ".. code-block:: rst\n\n   .. exerkine: disable\n\nText.\n"
    assert read_rst(text).suppressions == []


# -- Markdown -------------------------------------------------------------------------------------------

MARKDOWN = """\
# Title

<!-- exerkine-disable-next-line term-variant -->
エキソソーム on the suppressed line.

<!-- exerkine-disable -->
Off.
<!-- exerkine-enable -->

Inline <!-- exerkine: disable-next-line=definition-contradiction --> comment.
Next line.

% exerkine: disable=term-variant
"""


def test_markdown_suppressions() -> None:
    doc = read_markdown(MARKDOWN)
    assert doc.suppressions == [
        Suppression(4, 4, VARIANT),
        Suppression(6, 8, ALL),
        Suppression(11, 11, frozenset({"definition-contradiction"})),
        Suppression(13, 13, VARIANT),
    ]


def test_markdown_comment_in_fenced_code_is_not_a_directive() -> None:
    text = "```html\n<!-- exerkine-disable -->\n```\n"
    assert read_markdown(text).suppressions == []


# -- plain text ------------------------------------------------------------------------------------------

TEXT = """\
エクソソームの説明。
exerkine: disable-next-line=term-variant
エキソソーム
# exerkine: disable=definition-contradiction
Some text.
# exerkine: enable
The word exerkine in a sentence stays checkable.
"""


def test_plain_text_is_checked_except_directive_lines() -> None:
    doc = read_text(TEXT)
    assert doc.format == "text"
    lines = doc.masked.split("\n")
    assert lines[0] == "エクソソームの説明。"
    assert set(lines[1]) == {MASK}
    assert lines[2] == "エキソソーム"
    assert set(lines[3]) == {MASK} and set(lines[5]) == {MASK}
    assert lines[6] == "The word exerkine in a sentence stays checkable."


def test_plain_text_suppressions() -> None:
    assert read_text(TEXT).suppressions == [
        Suppression(3, 3, VARIANT),
        Suppression(4, 6, frozenset({"definition-contradiction"})),
    ]


def test_disable_next_line_skips_blank_lines() -> None:
    doc = read_text("exerkine: disable-next-line\n\n\nTarget line\n")
    assert doc.suppressions == [Suppression(4, 4, ALL)]


def test_disable_without_enable_runs_to_the_end() -> None:
    doc = read_text("a\nexerkine: disable=term-variant\nb\nc")
    assert doc.suppressions == [Suppression(2, 4, VARIANT)]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_plain_text_keeps_everything(text: str) -> None:
    doc = read_text(text)
    assert len(doc.masked) == len(text)
    if "exerkine" not in text:
        assert doc.masked == text
