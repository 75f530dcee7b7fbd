"""The gettext PO reader: only current translations are checkable; messages keep exact spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers import MASK, Suppression
from sphinx_exerkine.readers.errors import ReadError
from sphinx_exerkine.readers.po import read_po

CATALOG = """\
# Japanese translation of the exerkine guide.
msgid ""
msgstr ""
"Project-Id-Version: exerkine 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# 訳注: 用語集に従う
#. extracted comment
#: guide/intro.rst:12
msgid "Skeletal muscle secretes myokines."
msgstr "骨格筋はマイオカインを分泌する。"

msgctxt "biology"
msgid ""
"Exosomes are small "
"extracellular vesicles."
msgstr ""
"エクソソームは小型の"
"細胞外小胞である。\\n"

#, fuzzy
msgid "IL-6 is a myokine."
msgstr "IL-6 は草案のマイオカインである。"

#, python-format
msgid "One exosome in %(sample)s"
msgid_plural "%(count)d exosomes in %(sample)s"
msgstr[0] "%(sample)s 中の %(count)d 個のエクソソーム"

msgid "See ``isolate()`` and :term:`exerkine`."
msgstr "``isolate()`` と :term:`エクサカイン <exerkine>` を参照。"

#~ msgid "Obsolete vesicle"
#~ msgstr "廃止された小胞"
"""


def span_text(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    return "".join(text[start:end] for start, end in spans)


@pytest.fixture(scope="module")
def catalog():
    return read_po(CATALOG)


@pytest.mark.parametrize(
    "word",
    ["骨格筋はマイオカインを分泌する。", "エクソソームは小型の", "細胞外小胞である。", "中の", "個のエクソソーム", "と", "エクサカイン", "を参照。"],
)
def test_current_translations_are_checkable(catalog, word: str) -> None:
    start = CATALOG.index(word)
    assert catalog.masked[start : start + len(word)] == word


@pytest.mark.parametrize(
    "word",
    [
        "Skeletal muscle secretes myokines.",  # msgid
        "Project-Id-Version",  # header
        "訳注",  # translator comment
        "guide/intro.rst:12",  # reference
        "biology",  # msgctxt
        "IL-6 は草案のマイオカインである。",  # fuzzy
        "廃止された小胞",  # obsolete
        "%(sample)s",  # python-format placeholder
        "%(count)d",
        "\\n",  # escape sequence
        "``isolate()``",  # reST inline literal in a Sphinx catalog
        ":term:",
        "<exerkine>",
        "msgstr",
        '"',
    ],
)
def test_everything_else_is_masked(catalog, word: str) -> None:
    start = CATALOG.index(word)
    while start != -1:
        assert catalog.masked[start : start + len(word)] == MASK * len(word), word
        start = CATALOG.find(word, start + 1)


def test_masked_has_the_length_and_newlines_of_the_text(catalog) -> None:
    assert len(catalog.masked) == len(CATALOG)
    assert catalog.format == "po"
    assert [i for i, ch in enumerate(catalog.masked) if ch == "\n"] == [i for i, ch in enumerate(CATALOG) if ch == "\n"]


def test_messages(catalog) -> None:
    messages = catalog.messages
    assert [m.source for m in messages] == [
        "Skeletal muscle secretes myokines.",
        "Exosomes are small extracellular vesicles.",
        "IL-6 is a myokine.",
        "One exosome in %(sample)s",
        "See ``isolate()`` and :term:`exerkine`.",
        "Obsolete vesicle",
    ]
    first, second, fuzzy, plural, sphinx, obsolete = messages
    assert first.line == 7
    assert first.comments == ("訳注: 用語集に従う",)
    assert first.targets == ("骨格筋はマイオカインを分泌する。",)
    assert (first.msgctxt, first.fuzzy, first.obsolete) == (None, False, False)
    assert second.msgctxt == "biology"
    assert second.targets == ("エクソソームは小型の細胞外小胞である。\n",)
    assert fuzzy.fuzzy and fuzzy.flags == ("fuzzy",)
    assert plural.source_plural == "%(count)d exosomes in %(sample)s"
    assert plural.flags == ("python-format",)
    assert plural.targets == ("%(sample)s 中の %(count)d 個のエクソソーム",)
    assert sphinx.targets[0].startswith("``isolate()``")
    assert obsolete.obsolete and obsolete.targets == ("廃止された小胞",)


def test_spans_point_at_the_literal_contents(catalog) -> None:
    second = catalog.messages[1]
    assert span_text(CATALOG, second.source_spans) == "Exosomes are small extracellular vesicles."
    assert span_text(CATALOG, second.target_spans[0]) == "エクソソームは小型の細胞外小胞である。\\n"
    assert len(second.target_spans[0]) == 3  # the empty first literal, then one per line
    start, _ = second.target_spans[0][1]
    assert CATALOG[:start].count("\n") + 1 == 18


def test_crlf_and_missing_final_newline() -> None:
    text = 'msgid "Exosome"\r\nmsgstr ""\r\n"エクソ"\r\n"ソーム"'
    doc = read_po(text)
    assert len(doc.masked) == len(text)
    assert doc.messages[0].targets == ("エクソソーム",)
    assert span_text(text, doc.messages[0].target_spans[0]) == "エクソソーム"
    assert doc.masked.count("\r\n") == 3


def test_escapes_are_decoded() -> None:
    doc = read_po('msgid "a\\tb \\"q\\" \\\\ \\101"\nmsgstr "x"\n')
    assert doc.messages[0].source == 'a\tb "q" \\ A'


def test_msgstr_plural_forms_are_all_checked() -> None:
    text = 'msgid "vesicle"\nmsgid_plural "vesicles"\nmsgstr[0] "小胞"\nmsgstr[1] "複数の小胞"\n'
    doc = read_po(text)
    assert doc.messages[0].targets == ("小胞", "複数の小胞")
    start = text.index("複数の小胞")
    assert doc.masked[start : start + 5] == "複数の小胞"


def test_translator_comment_suppresses_the_entry() -> None:
    text = (
        'msgid "one"\nmsgstr "一"\n\n'
        "# exerkine: disable=term-variant\n"
        '#, fuzzy\nmsgid "Exosome"\nmsgstr "エキソソーム"\n'
    )
    doc = read_po(text)
    assert doc.suppressions == [Suppression(4, 7, frozenset({"term-variant"}))]
    assert doc.suppressed(7, "term-variant")
    assert not doc.suppressed(2, "term-variant")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param('msgid "Exosome\nmsgstr "x"\n', 1, 7, id="unterminated-string"),
        pytest.param('msgid "a"\nmsgstr "b\n', 2, 8, id="unterminated-msgstr"),
        pytest.param('msgstr "orphan"\n', 1, 1, id="msgstr-without-msgid"),
        pytest.param('"continued"\n', 1, 1, id="string-without-keyword"),
        pytest.param('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 3, 1, id="msgid-without-msgstr"),
        pytest.param('msgid "a"\nmsgstr "b" trailing\n', 2, 12, id="text-after-string"),
        pytest.param('msgid "a"\nmsgstring "b"\n', 2, 1, id="unknown-keyword"),
        pytest.param('msgid "a"\nmsgstr\n', 2, 7, id="keyword-without-string"),
        pytest.param('msgid "a"\n', 1, 1, id="missing-msgstr-at-end"),
    ],
)
def test_malformed_files_raise_read_error(text: str, line: int, column: int) -> None:
    with pytest.raises(ReadError) as raised:
        read_po(text)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert str(raised.value) == raised.value.message and "\n" not in raised.value.message


# -- properties ---------------------------------------------------------------------------------------


def po_quote(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


_po_text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from("\n\t\"\\"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_po_text.filter(bool), _po_text, st.booleans()), min_size=1, max_size=5))
def test_generated_catalogs_round_trip(entries: list[tuple[str, str, bool]]) -> None:
    blocks = []
    for source, target, fuzzy in entries:
        blocks.append(("#, fuzzy\n" if fuzzy else "") + f"msgid {po_quote(source)}\nmsgstr {po_quote(target)}\n")
    text = "\n".join(blocks)
    doc = read_po(text)
    assert len(doc.masked) == len(text)
    assert [(m.source, m.targets, m.fuzzy) for m in doc.messages] == [(s, (t,), f) for s, t, f in entries]
    for message, (_, target, fuzzy) in zip(doc.messages, entries):
        (start, end), = message.target_spans[0]
        assert text[start:end] == po_quote(target)[1:-1]
        if fuzzy:
            assert set(doc.masked[start:end]) <= {MASK}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('msgidtrx_[]0 "\\\n\r#~,:|') + ["msgid ", "msgstr ", "msgctxt ", "#, fuzzy\n"]), max_size=60).map("".join))
def test_any_text_is_read_or_refused_with_a_position(text: str) -> None:
    try:
        doc = read_po(text)
    except ReadError as error:
        assert 1 <= error.line <= text.count("\n") + 1
        assert error.column >= 1
    else:
        assert len(doc.masked) == len(text)
