"""The XLIFF reader: the text of final <target> elements is checkable, located exactly."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers import MASK
from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.xliff import read_xliff

XLIFF_12 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en" target-language="ja" datatype="plaintext" original="guide.rst">
  <body>
   <trans-unit id="1" resname="intro">
    <source>Exosomes &amp; <g id="1">myokines</g></source>
    <target state="translated">エクソソーム &amp; <g id="1">マイオカイン</g><x id="2"/><ph id="3">&lt;br/&gt;native</ph>の概要</target>
    <note>用語集を参照</note>
    <alt-trans><target>別訳の細胞外小胞</target></alt-trans>
   </trans-unit>
   <trans-unit id="2">
    <source>IL-6 is a myokine.</source>
    <target state="needs-review-translation">IL-6 は草案のマイオカイン。</target>
   </trans-unit>
   <trans-unit id="3">
    <source>Not translated yet</source>
    <target/>
   </trans-unit>
  </body>
 </file>
</xliff>
"""

XLIFF_20 = """\
<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ja">
 <file id="f1">
  <unit id="u1">
   <segment id="s1" state="translated">
    <source>Skeletal muscle <pc id="1">secretes</pc> myokines.</source>
    <target>骨格筋は<pc id="1">マイオカイン</pc>を<ph id="2"/>分泌する。</target>
   </segment>
   <segment id="s2" state="initial">
    <source>Draft exosome</source>
    <target>草案のエクソソーム</target>
   </segment>
  </unit>
 </file>
</xliff>
"""


def assert_kept(text: str, masked: str, word: str) -> None:
    start = text.index(word)
    assert masked[start : start + len(word)] == word, f"{word!r} should stay checkable"


def assert_masked(text: str, masked: str, word: str) -> None:
    start = text.index(word)
    while start != -1:
        assert masked[start : start + len(word)] == MASK * len(word), f"{word!r} should be masked"
        start = text.find(word, start + 1)


@pytest.mark.parametrize(
    ("document", "kept", "masked"),
    [
        pytest.param(
            XLIFF_12,
            ["エクソソーム ", "マイオカイン", "の概要"],
            ["Exosomes", "myokines", "&amp;", '<g id="1">', "</g>", '<x id="2"/>', "&lt;br/&gt;native", "用語集を参照", "別訳の細胞外小胞", "IL-6 は草案のマイオカイン。", "trans-unit"],
            id="xliff-1.2",
        ),
        pytest.param(
            XLIFF_20,
            ["骨格筋は", "マイオカイン", "を", "分泌する。"],
            ["Skeletal muscle", '<pc id="1">', '<ph id="2"/>', "草案のエクソソーム", "segment"],
            id="xliff-2.0",
        ),
    ],
)
def test_only_final_targets_are_checkable(document: str, kept: list[str], masked: list[str]) -> None:
    doc = read_xliff(document)
    assert len(doc.masked) == len(document)
    assert doc.format == "xliff"
    for word in kept:
        assert_kept(document, doc.masked, word)
    for word in masked:
        assert_masked(document, doc.masked, word)


def test_xliff_12_messages() -> None:
    first, draft, empty = read_xliff(XLIFF_12).messages
    assert (first.msgctxt, first.line) == ("intro", 5)
    assert first.source == "Exosomes & myokines"
    assert first.targets == ("エクソソーム & マイオカインの概要",)
    assert first.comments == ("用語集を参照",)
    assert first.flags == ("state=translated",) and not first.fuzzy
    assert [XLIFF_12[s:e] for s, e in first.target_spans[0]] == ["エクソソーム ", " ", "マイオカイン", "の概要"]
    assert [XLIFF_12[s:e] for s, e in first.source_spans] == ["Exosomes ", " ", "myokines"]
    assert draft.fuzzy and draft.targets == ("IL-6 は草案のマイオカイン。",)
    assert empty.targets == ("",) and empty.target_spans == ((),)


def test_xliff_20_messages() -> None:
    segment, draft = read_xliff(XLIFF_20).messages
    assert segment.msgctxt == "u1/s1"
    assert segment.source == "Skeletal muscle secretes myokines."
    assert segment.targets == ("骨格筋はマイオカインを分泌する。",)
    assert draft.fuzzy and draft.msgctxt == "u1/s2"


def test_spans_are_character_offsets_after_multibyte_text() -> None:
    doc = read_xliff(XLIFF_20)
    (start, end), *_ = doc.messages[0].target_spans[0]
    assert XLIFF_20[start:end] == "骨格筋は"


def test_cdata_and_comments_inside_a_target() -> None:
    text = (
        '<xliff version="1.2"><file><body><trans-unit id="1"><source>s</source>'
        "<target><![CDATA[エクソ]]><!-- exosome note -->ソーム</target></trans-unit></body></file></xliff>"
    )
    doc = read_xliff(text)
    assert doc.messages[0].targets == ("エクソソーム",)
    assert_kept(text, doc.masked, "エクソ")
    assert_kept(text, doc.masked, "ソーム")
    assert_masked(text, doc.masked, "exosome note")
    assert_masked(text, doc.masked, "CDATA")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "exosome">]>\n<x>&e;</x>', 2, 1, id="doctype-refused"),
        pytest.param("<xliff>\n  <file>\n</xliff>", 3, 3, id="mismatched-tag"),
        pytest.param("<xliff><source>エクソ</source></xliff>\n<extra/>", 2, 1, id="junk-after-document"),
    ],
)
def test_malformed_files_raise_read_error(text: str, line: int, column: int) -> None:
    with pytest.raises(ReadError) as raised:
        read_xliff(text)
    assert (raised.value.line, raised.value.column) == (line, column)


_xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_xml_text, _xml_text), min_size=1, max_size=5))
def test_generated_documents_round_trip(units: list[tuple[str, str]]) -> None:
    body = "".join(
        f'<trans-unit id="{n}"><source>{escape(source)}</source><target>{escape(target)}</target></trans-unit>\n'
        for n, (source, target) in enumerate(units)
    )
    text = f'<xliff version="1.2"><file><body>\n{body}</body></file></xliff>\n'
    doc = read_xliff(text)
    assert len(doc.masked) == len(text)
    assert [(m.source, m.targets) for m in doc.messages] == [(s, (t,)) for s, t in units]
    for message, (_, target) in zip(doc.messages, units):
        kept = "".join(doc.masked[s:e] for s, e in message.target_spans[0])
        assert kept == "".join(text[s:e] for s, e in message.target_spans[0])
        assert MASK not in kept


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("<>/=\"' &;!-?xliftargesoucn") + ["\n"]), max_size=80))
def test_any_text_is_read_or_refused_with_a_position(text: str) -> None:
    try:
        doc = read_xliff(text)
    except ReadError as error:
        assert error.line >= 1 and error.column >= 1
    else:
        assert len(doc.masked) == len(text)
