"""Decoded catalogue strings and the way back to the characters of the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers.po import read_po
from sphinx_exerkine.translation.literals import (decode_po, decode_xml, escape_po, escape_xml,
                                                  minimal_edit)


def literal_spans(text: str) -> list[tuple[int, int]]:
    """Content spans of the double-quoted PO literals of ``text`` (escaped quotes stay inside)."""
    spans, pos = [], 0
    while (start := text.find('"', pos)) >= 0:
        end = start + 1
        while text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        spans.append((start + 1, end))
        pos = end + 1
    return spans


# ------------------------------------------------------------------------------------------ PO


@pytest.mark.parametrize("written, decoded", [
    ('"plain"', "plain"),
    ('"a \\"quoted\\" word"', 'a "quoted" word'),
    ('"line\\nbreak\\ttab\\\\slash"', "line\nbreak\ttab\\slash"),
    ('"octal \\101 and hex \\x42"', "octal A and hex B"),
    ('""\n"first "\n"second"', "first second"),
    ('"エクソ"\n"ソーム"', "エクソソーム"),
])
def test_po_literals_decode_as_gettext_reads_them(written, decoded):
    assert decode_po(written, literal_spans(written)).text == decoded


def test_every_decoded_character_maps_to_the_characters_that_write_it():
    written = 'msgstr "x\\"エキソソーム\\n"'
    d = decode_po(written, literal_spans(written))
    assert d.text == 'x"エキソソーム\n'
    i = d.text.index("エ")
    start, end = d.file_span(i, i + 6)
    assert written[start:end] == "エキソソーム"
    quote = d.file_span(1, 2)
    assert written[quote[0]:quote[1]] == '\\"'  # an escape is never split
    newline = d.file_span(8, 9)
    assert written[newline[0]:newline[1]] == "\\n"


def test_a_span_over_a_line_break_covers_the_break_between_literals():
    written = 'msgstr ""\n"細胞外のエクソ"\n"ソームを"'
    d = decode_po(written, literal_spans(written))
    i = d.text.index("エ")
    start, end = d.file_span(i, i + 6)
    assert written[start:end] == 'エクソ"\n"ソーム'


def test_an_empty_span_is_an_insertion_point_inside_the_literal_it_follows():
    written = '"ab"\n"cd"'
    d = decode_po(written, literal_spans(written))
    assert d.file_span(2, 2) == (3, 3)  # after "b", before its closing quote
    assert d.file_span(0, 0) == (1, 1)


def test_an_empty_string_points_at_its_first_literal():
    written = 'msgstr ""'
    d = decode_po(written, literal_spans(written))
    assert d.text == ""
    assert d.file_span(0, 0) == (8, 8)


def test_crlf_line_ends_between_literals_are_not_part_of_the_string():
    written = 'msgstr ""\r\n"エキソ"\r\n"ソーム"\r\n'
    d = decode_po(written, literal_spans(written))
    assert d.text == "エキソソーム"
    start, end = d.file_span(1, 2)
    assert written[start:end] == "キ"


@pytest.mark.parametrize("value, written", [
    ('say "hi"', 'say \\"hi\\"'),
    ("back\\slash", "back\\\\slash"),
    ("two\nlines", "two\\nlines"),
])
def test_replacements_are_escaped_for_po(value, written):
    assert escape_po(value) == written


# ------------------------------------------------------------------------------------------ XLIFF


def test_xml_references_decode_to_one_character_each():
    written = "<target>R&amp;D &lt;エキソ&#x30BD;ーム&gt; &#12354;</target>"
    start = written.index(">") + 1
    d = decode_xml(written, [(start, written.rindex("<"))])
    assert d.text == "R&D <エキソソーム> あ"
    i = d.text.index("ソソ") + 1
    s, e = d.file_span(i, i + 1)
    assert written[s:e] == "&#x30BD;"


def test_inline_xml_markup_is_dropped_and_cdata_is_read_as_written():
    written = '<target>A <g id="1">エキソ</g>ソーム <![CDATA[x<y]]></target>'
    start = written.index(">") + 1
    d = decode_xml(written, [(start, written.rindex("<"))])
    assert d.text == "A エキソソーム x<y"
    i = d.text.index("エ")
    s, e = d.file_span(i, i + 6)
    assert written[s:e] == "エキソ</g>ソーム"


def test_references_before_the_first_text_run_belong_to_the_element():
    written = '<target state="translated"><ph id="1">x &lt; 1</ph>&lt;エキソソーム&gt;</target>'
    first = written.index("エ")
    d = decode_xml(written, [(first, first + 6)])  # the text runs the XLIFF reader reports
    assert d.text == "<エキソソーム>"
    s, e = d.file_span(0, 1)
    assert written[s:e] == "&lt;"
    s, e = d.file_span(2, 3)
    assert written[s:e] == "キ"


def test_replacements_are_escaped_for_xml():
    assert escape_xml("R&D <x>") == "R&amp;D &lt;x&gt;"


# ------------------------------------------------------------------------------------------ edits


@pytest.mark.parametrize("found, expected, edit", [
    ("エキソソーム", "エクソソーム", (1, 2, "ク")),
    ("ミオカイン", "マイオカイン", (0, 1, "マイ")),
    ("exo-some", "exosome", (3, 4, "")),
    ("micro RNA", "microRNA", (5, 6, "")),
    ("エクソーム", "エクソソーム", (3, 3, "ソ")),
    ("ｴｸｿｿｰﾑ", "エクソソーム", (0, 6, "エクソソーム")),
    ("same", "same", (4, 4, "")),
])
def test_the_minimal_edit_changes_only_what_differs(found, expected, edit):
    assert minimal_edit(found, expected) == edit
    i, j, replacement = edit
    assert found[:i] + replacement + found[j:] == expected


# ------------------------------------------------------------------------------------------ readers


@pytest.mark.parametrize("path", sorted((Path(__file__).parent / "data" / "po").glob("*.po")), ids=lambda p: p.name)
def test_decoding_agrees_with_the_po_reader_for_every_string(path):
    text = path.read_text(encoding="utf-8")
    for message in read_po(text).messages:
        for target, spans in zip(message.targets, message.target_spans):
            assert decode_po(text, spans).text == target


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet='ab "\\\n\tエキソ', max_size=8), min_size=1, max_size=4), st.data())
def test_any_decoded_span_maps_to_the_file_characters_that_write_exactly_it(chunks, data):
    written = "msgstr " + "\n".join(f'"{escape_po(chunk)}"' for chunk in chunks)
    spans = literal_spans(written)
    decoded = decode_po(written, spans)
    value = "".join(chunks)
    assert decoded.text == value
    i = data.draw(st.integers(0, len(value)))
    j = data.draw(st.integers(i, len(value)))
    start, end = decoded.file_span(i, j)
    inside = [(max(a, start), min(b, end)) for a, b in spans if max(a, start) < min(b, end)]
    assert decode_po(written, inside).text == value[i:j]
