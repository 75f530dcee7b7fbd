"""The Markdown/MyST reader: what stays checkable, what is masked, and agreement with markdown-it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from sphinx_exerkine.readers import MASK
from sphinx_exerkine.readers.links import find_links
from sphinx_exerkine.readers.markdown import (
    _INLINE,
    _MARKUP_HINT,
    _DispatchingRuler,
    _LineState,
    _parser,
    _prose_paragraph,
    _Scanner,
    _tokenize,
    read_markdown,
)


def assert_kept(text: str, masked: str, word: str) -> None:
    start = text.index(word)
    assert masked[start : start + len(word)] == word, f"{word!r} should stay checkable"


def assert_masked(text: str, masked: str, word: str) -> None:
    start = text.index(word)
    while start != -1:
        assert masked[start : start + len(word)] == MASK * len(word), f"{word!r} should be masked"
        start = text.find(word, start + 1)


# (snippet, words that stay checkable, words that are masked)
BLOCKS = [
    pytest.param(
        "骨格筋はマイオカインを分泌する。\nIL-6 is a myokine.\n",
        ["骨格筋はマイオカインを分泌する。", "IL-6 is a myokine."],
        [],
        id="paragraph",
    ),
    pytest.param("## エクソソームの概要 ##\n", ["エクソソームの概要"], ["##"], id="atx-heading"),
    pytest.param(
        "Exerkine overview\n=================\n\nMyokines\n--------\n",
        ["Exerkine overview", "Myokines"],
        ["=================", "--------"],
        id="setext-headings",
    ),
    pytest.param(
        "---\ntitle: エクソソーム\ntags: [myokine]\n---\n\n本文。\n",
        ["本文。"],
        ["title: エクソソーム", "tags: [myokine]"],
        id="front-matter",
    ),
    pytest.param(
        "```python\nfrom exosome import isolate\n```\n\n~~~\nmyokine_level = 3\n~~~\n\nAfter.\n",
        ["After."],
        ["from exosome import isolate", "myokine_level = 3", "```python", "~~~"],
        id="fenced-code",
    ),
    pytest.param(
        "Paragraph.\n\n    indented_exosome_code()\n",
        ["Paragraph."],
        ["indented_exosome_code()"],
        id="indented-code",
    ),
    pytest.param(
        "<div class=\"box\">\nhtml block with exosome\n</div>\n\nText.\n",
        ["Text."],
        ["html block with exosome", '<div class="box">'],
        id="html-block",
    ),
    pytest.param("$$\nE_{exosome} = mc^2\n$$\n\nText.\n", ["Text."], ["E_{exosome} = mc^2"], id="math-block"),
    pytest.param(
        "See [EVs][ev].\n\n[ev]: https://example.org/extracellular-vesicles \"EV title\"\n",
        ["See", "EVs"],
        ["[ev]:", "https://example.org/extracellular-vesicles", "EV title"],
        id="link-reference-definition",
    ),
    pytest.param(
        "> 引用されたマイオカインの説明\n> continued exosome quote\n",
        ["引用されたマイオカインの説明", "continued exosome quote"],
        [">"],
        id="blockquote",
    ),
    pytest.param(
        "- 箇条書きのエクソソーム\n- [x] checked myokine task\n\n1. 番号付きの項目\n2) second exerkine item\n",
        ["箇条書きのエクソソーム", "checked myokine task", "番号付きの項目", "second exerkine item"],
        ["- ", "[x]", "1.", "2)"],
        id="lists",
    ),
    pytest.param(
        "| 用語 | English |\n|:-----|--------:|\n| 細胞外小胞 | vesicle |\n",
        ["用語", "English", "細胞外小胞", "vesicle"],
        ["|:-----|--------:|", "|"],
        id="table",
    ),
    pytest.param(
        "```{note}\n:class: exosome-note\n運動によりエクソソームが増える。\n```\n",
        ["運動によりエクソソームが増える。"],
        ["```{note}", ":class: exosome-note", "```"],
        id="myst-note-body-is-prose",
    ),
    pytest.param(
        "```{admonition} エクソソームの定義\n---\nclass: tip\n---\n細胞外小胞の一種。\n\n- nested myokine item\n```\n",
        ["エクソソームの定義", "細胞外小胞の一種。", "nested myokine item"],
        ["```{admonition}", "class: tip"],
        id="myst-admonition-with-title-and-yaml-options",
    ),
    pytest.param(
        ":::{warning}\n検体は凍結保存すること。\n:::\n",
        ["検体は凍結保存すること。"],
        [":::{warning}", ":::"],
        id="myst-colon-fence",
    ),
    pytest.param(
        "````{tip}\nUse this:\n\n```python\nisolate_exosomes()\n```\n````\n",
        ["Use this:"],
        ["isolate_exosomes()"],
        id="code-inside-admonition",
    ),
    pytest.param(
        "```{glossary}\nエクサカイン\n  運動によって分泌される因子。\n```\n",
        ["エクサカイン", "運動によって分泌される因子。"],
        ["```{glossary}"],
        id="myst-glossary-body-is-prose",
    ),
    pytest.param(
        "```{code-block} python\nmyokine = secrete()\n```\n\n```{figure} exosome.png\nCaption text\n```\n",
        [],
        ["myokine = secrete()", "exosome.png", "Caption text"],
        id="other-myst-directives-masked",
    ),
    pytest.param(
        "(exosome-target)=\n# Exosomes\n\n% a MyST comment about myokines\n\n+++ break\n\nText.\n",
        ["Exosomes", "Text."],
        ["exosome-target", "a MyST comment about myokines", "+++ break"],
        id="myst-one-line-blocks",
    ),
    pytest.param(
        "Footnote[^ev] here.\n\n[^ev]: 脚注の本文。\n",
        ["Footnote", "here.", "脚注の本文。"],
        ["[^ev]"],
        id="footnotes",
    ),
]

INLINE = [
    pytest.param("値は `exosome_count` です。", ["値は", "です。"], ["exosome_count"], id="code-span"),
    pytest.param("Run ``code with ` tick`` now.", ["Run", "now."], ["code with ` tick"], id="code-span-double-backticks"),
    pytest.param("Unclosed `tick and exosome text.", ["tick and exosome text."], [], id="unmatched-backtick"),
    pytest.param(
        "See [the exosome review](https://example.org/review \"Review title\") now.",
        ["See", "the exosome review", "now."],
        ["https://example.org/review", "Review title", "[", "]("],
        id="inline-link",
    ),
    pytest.param(
        "Read [EV papers][ev-ref] and [myokines][].",
        ["EV papers", "myokines"],
        ["[ev-ref]", "[]"],
        id="reference-links",
    ),
    pytest.param("![エクソソームの電顕像](images/exosome.png)", ["エクソソームの電顕像"], ["images/exosome.png", "!["], id="image"),
    pytest.param("Link [with `code_in_text`](x.md) here.", ["with", "here."], ["code_in_text", "x.md"], id="code-in-link-text"),
    pytest.param("Go to <https://example.org/myokines> or <lab@example.org>.", ["Go to", " or "], ["https://example.org/myokines", "lab@example.org"], id="autolinks"),
    pytest.param("Visit https://example.org/exosome-atlas today.", ["Visit", "today."], ["https://example.org/exosome-atlas"], id="bare-url"),
    pytest.param("Mail exosome.lab@example.org today.", ["Mail", "today."], ["exosome.lab@example.org"], id="bare-email"),
    pytest.param(
        "Text <span class=\"exo\">tagged myokine</span> here.",
        ["Text", "tagged myokine", "here."],
        ['<span class="exo">', "</span>"],
        id="inline-html",
    ),
    pytest.param(
        "骨格筋は {term}`マイオカイン` と {term}`エクソソーム <exosome>` を分泌する。",
        ["骨格筋は", "マイオカイン", "エクソソーム", "を分泌する。"],
        ["{term}", "<exosome>"],
        id="myst-term-role",
    ),
    pytest.param(
        "Call {py:func}`isolate_exosomes` or see {ref}`myokine-section` and {doc}`the guide <guide>`.",
        ["Call", "the guide"],
        ["{py:func}`isolate_exosomes`", "{ref}`myokine-section`", "<guide>"],
        id="myst-code-and-xref-roles",
    ),
    pytest.param(
        "An *emphasised exosome*, a **strong myokine**, _under_ and ~~struck~~ text.",
        ["emphasised exosome", "strong myokine", "under", "struck"],
        ["*", "~~"],
        id="emphasis-markers",
    ),
    pytest.param("Keep snake_case_name intact.", ["snake_case_name"], [], id="intraword-underscores"),
    pytest.param("Escaped \\*star\\* and entity &amp; text.", ["star", "entity", "text."], ["\\", "&amp;"], id="escapes-and-entities"),
    pytest.param("Math $E = mc^2$ inline, costs $5 and $10.", ["Math", "inline, costs", "and"], ["E = mc^2"], id="inline-math"),
    pytest.param("Substitution {{ exosome_version }} here.", ["Substitution", "here."], ["{{ exosome_version }}"], id="myst-substitution"),
]


@pytest.mark.parametrize(("snippet", "kept", "masked"), BLOCKS + INLINE)
def test_masking(snippet: str, kept: list[str], masked: list[str]) -> None:
    doc = read_markdown(snippet)
    assert len(doc.masked) == len(snippet)
    assert doc.format == "markdown"
    for word in kept:
        assert_kept(snippet, doc.masked, word)
    for word in masked:
        assert_masked(snippet, doc.masked, word)


def test_offsets_point_into_the_original_text() -> None:
    text = "# 見出し\n\n- 運動で `IL-6` が増える。\n"
    doc = read_markdown(text)
    start = text.index("増える")
    assert doc.masked[start : start + 3] == "増える"
    assert [i for i, ch in enumerate(doc.masked) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]


def test_crlf_newlines() -> None:
    text = "# Title\r\n\r\n```\r\nexosome_code()\r\n```\r\n\r\nマイオカイン。\r\n"
    doc = read_markdown(text)
    assert len(doc.masked) == len(text)
    assert_kept(text, doc.masked, "マイオカイン。")
    assert_kept(text, doc.masked, "Title")
    assert_masked(text, doc.masked, "exosome_code()")
    assert doc.masked.count("\r\n") == text.count("\r\n")


def test_a_lone_carriage_return_inside_a_prose_directive_is_read_like_one_outside() -> None:
    text = ":::{note}\nミオカイン a\rb\n\n```\ncode()\n```\n:::\nマイオカイン\r終わり\n"
    doc = read_markdown(text)
    assert len(doc.masked) == len(text)
    assert_kept(text, doc.masked, "ミオカイン a\rb")
    assert_masked(text, doc.masked, "code()")
    assert_kept(text, doc.masked, "マイオカイン\r終わり")


def test_nested_admonitions_are_parsed_separately_when_a_block_would_run_across() -> None:
    # the first body ends inside an unclosed fence; the second admonition must still be prose
    text = "````{note}\n```python\nunclosed_fence_code()\n````\n\n```{tip}\nマイオカインの説明。\n```\n"
    doc = read_markdown(text)
    assert_masked(text, doc.masked, "unclosed_fence_code()")
    assert_kept(text, doc.masked, "マイオカインの説明。")


# -- agreement with markdown-it's full (inline) parse ------------------------------------------------

_PROSE_WORDS = ["exosome", "myokine", "exerkine", "vesicle", "エクソソーム", "マイオカイン"]
_CODE_WORDS = ["codeword", "funcname", "varname"]
_TOKEN = re.compile(r"[A-Za-z\u30a0-\u30ff]+\d{4}")

_LEAVES = [
    "{p} {p} {p}\n{p} {p}.",
    "# {p} {p}",
    "{p} {p}\n===",
    "{p} `{c} {c}` {p} *{p}* and **{p}** _{p}_.",
    "{p} [{p} {p}](https://example.org/{c} \"{c}\") ![{p}]({c}.png) {p}",
    "{p} [{p}][ref-label] {p}\n\n[ref-label]: https://example.org/{c}",
    "{p} <https://example.org/{c}> <span class=\"{c}\">{p}</span> {p}",
    "```\n{c} {c}\n```",
    "```python\n{c}\n\n{c}\n```",
    "    {c} {c}",
    "<div>\n{c}\n</div>",
    "<!-- {c} {c} -->",
    "> {p} {p}\n> {p}",
    "- {p}\n- {p} `{c}`\n\n  {p}",
    "1. {p}\n2. {p}",
    "| {p} | {p} |\n|---|---|\n| {p} | `{c}` |",
    "$$\n{c} + {c}\n$$",
    "{p} \\*{p}\\* &amp; {p}",
    "***",
]
_CONTAINERS = [("- ", "  "), ("1. ", "   "), ("> ", "> ")]


def _nest(container: tuple[str, str], children: list[str]) -> str:
    head, indent = container
    lines = "\n\n".join(children).split("\n")
    return "\n".join((head if number == 0 else indent) + line for number, line in enumerate(lines))


def _fill(template: str) -> str:
    counter = iter(range(10_000))
    pools = {"p": _PROSE_WORDS, "c": _CODE_WORDS}

    def word(match: re.Match[str]) -> str:
        number = next(counter)
        pool = pools[match.group(1)]
        return f"{pool[number % len(pool)]}{number:04d}"

    return re.sub(r"\{([pc])\}", word, template)


_blocks = st.recursive(
    st.sampled_from(_LEAVES),
    lambda children: st.builds(_nest, st.sampled_from(_CONTAINERS), st.lists(children, min_size=1, max_size=3)),
    max_leaves=6,
)
_documents = st.lists(_blocks, min_size=1, max_size=6).map(lambda blocks: _fill("\n\n".join(blocks) + "\n"))

_FULL_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin).use(dollarmath_plugin)
_HIDDEN_TOKENS = {"code_inline", "code_block", "fence", "html_block", "html_inline", "math_block", "math_inline"}


def _markdown_it_words(text: str) -> tuple[set[str], set[str]]:
    """The unique words markdown-it shows as text, and those in code, HTML, math and link targets."""
    prose: set[str] = set()
    hidden: set[str] = set()

    def visit(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "text":
                prose.update(_TOKEN.findall(token.content))
            elif token.type in _HIDDEN_TOKENS:
                hidden.update(_TOKEN.findall(token.content))
            for value in token.attrs.values():
                hidden.update(_TOKEN.findall(str(value)))
            if token.children:
                visit(token.children)

    visit(_FULL_PARSER.parse(text))
    return prose, hidden


@settings(max_examples=300, deadline=None)
@given(_documents)
def test_agrees_with_markdown_it(text: str) -> None:
    prose, hidden = _markdown_it_words(text)
    masked = read_markdown(text).masked
    assert len(masked) == len(text)
    for word in prose - hidden:
        assert_kept(text, masked, word)
    for word in hidden:
        assert_masked(text, masked, word)


# -- the quick paragraph rule ----------------------------------------------------------------------

_BLOCK_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .use(front_matter_plugin)
    .use(dollarmath_plugin)
    .use(colon_fence_plugin)
    .disable(["inline", "text_join", "lheading"])
)
_LINE_STARTS = [
    *["", " ", "    ", "\t", "   ", "> ", "- ", "* ", "+ ", "1. ", "2) ", "-", "1."],
    *["  - ", "> - ", "- > ", "- [ ] "],
]
_LINE_BODIES = [
    *["テキスト", "text", "**太字**", "*em*", "`code`", "29名の", "3.14", "1)", "\\", ""],
    *["```", "```{note}", "~~~", ":::", ":::{tip}", "$$", "---", "***", "* * *", "___", "# 見出し", "#x"],
    *["<div>", "<!-- c -->", "</div>", "[link](u)", "[ref]: /u", "[a\\]b]: /u", "[^1]: 脚注", "[a"],
    *["[[x]]: /u", "| a | b |", "|---|---|", "%c", "(t)=", "+++"],
]
_LINES = st.builds(str.__add__, st.sampled_from(_LINE_STARTS), st.sampled_from(_LINE_BODIES))


def _block_structure(tokens: list[Token]) -> list[tuple[str, list[int] | None, str, str]]:
    """What the scanner reads of the tokens; paragraph_open and paragraph_close carry nothing of it."""
    kept = [token for token in tokens if token.type not in ("paragraph_open", "paragraph_close")]
    return [(token.type, token.map, token.info, token.markup) for token in kept]


def test_quick_paragraph_rule_is_installed() -> None:
    assert "prose_paragraph" in _parser().block.ruler.get_active_rules()


@settings(max_examples=500, deadline=None)
@given(st.one_of(_documents, st.lists(_LINES, max_size=30).map("\n".join)))
def test_quick_paragraph_rule_finds_markdown_its_blocks(text: str) -> None:
    assert _block_structure(_parser().parse(text)) == _block_structure(_BLOCK_PARSER.parse(text))


# -- robustness -----------------------------------------------------------------------------------

_MD_ALPHABET = st.sampled_from(list(" \t\n\r\n#>-*_+`~|[]()<>!{}$&\\:%=aAzZ19エクソソーム骨格筋。") + ["```", ":::", "---", "\u3000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_MD_ALPHABET, max_size=200).map("".join))
def test_masked_text_has_the_original_shape(text: str) -> None:
    masked = read_markdown(text).masked
    assert len(masked) == len(text)
    for original, shown in zip(text, masked):
        assert shown == original or (shown == MASK and original not in "\n")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_keeps_its_length(text: str) -> None:
    assert len(read_markdown(text).masked) == len(text)


# -- the quicker block parse: dispatching ruler, line markers, inline hint ------------------------

_UNDISPATCHED_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .use(front_matter_plugin)
    .use(dollarmath_plugin)
    .use(colon_fence_plugin)
    .disable(["inline", "text_join", "lheading"])
)
_UNDISPATCHED_PARSER.block.ruler.before("front_matter", "prose_paragraph", _prose_paragraph)

_MORE_LINE_STARTS = [*_LINE_STARTS, "     ", "        ", " \t", "\t ", ">     ", "-     ", "10. ", "3) "]
_MORE_LINE_BODIES = [
    *_LINE_BODIES,
    *["- - -", "-- a", "* * x", "_ _ _", "__", "**", "***x", "- a -", "+++x", "$$ x $$", "``` x", "~~~~"],
    *["#", "###### h", "####### h", "<!DOCTYPE html>", "<?x?>", "<pre>", "[x]", "[x]:", "a\rb", "a\0b"],
]
_MORE_LINES = st.builds(str.__add__, st.sampled_from(_MORE_LINE_STARTS), st.sampled_from(_MORE_LINE_BODIES))


def _token_fields(tokens: list[Token]) -> list[tuple[object, ...]]:
    fields = ("type", "tag", "nesting", "map", "level", "content", "markup", "info", "block", "hidden")
    return [tuple(getattr(token, name, False) for name in fields) for token in tokens]


def test_dispatching_ruler_is_installed() -> None:
    assert isinstance(_parser().block.ruler, _DispatchingRuler)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(_documents, st.lists(_MORE_LINES, max_size=30).map("\n".join), st.lists(_MORE_LINES).map("\n".join)))
def test_dispatching_parse_gives_markdown_its_tokens(text: str) -> None:
    """The chains that try only the rules a line's first character allows, the line markers computed a
    list at a time and the skipped normalisation give every token markdown-it's own chains give."""
    assert _token_fields(_tokenize(_parser(), text)) == _token_fields(_UNDISPATCHED_PARSER.parse(text))


_LIST_LINE_STARTS = ["- ", "* ", "+ ", "-  ", "-     ", " - ", "   - ", "    - ", "  ", "   ", "", "-\t", "1. ", "> "]
_LIST_LINE_BODIES = ["テキスト", "**太字**: 説明", "[手順](u)", "a-b-c", "- x", "* * *", "--", "```", "", "#", "+"]
_LIST_LINES = st.builds(str.__add__, st.sampled_from(_LIST_LINE_STARTS), st.sampled_from(_LIST_LINE_BODIES))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(_LIST_LINES, st.just(""), st.just("段落")), max_size=12).map("\n".join))
def test_quick_list_rule_gives_markdown_its_tokens(text: str) -> None:
    """Lists of one-line items, with every way to go on or end that they have, give markdown-it's tokens."""
    assert _token_fields(_tokenize(_parser(), text)) == _token_fields(_UNDISPATCHED_PARSER.parse(text))


_HEADING_PIECES = ["#", "##", "#######", " ", "\t", "見出し", "a#", "\\#", "\u3000", "  ", "#\t", "\n", "\n\n", "> ", "- "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), max_size=16).map("".join))
def test_quick_heading_rule_gives_markdown_its_tokens(text: str) -> None:
    """ATX headings, with or without closing marks, give markdown-it's tokens (the title included)."""
    assert _token_fields(_tokenize(_parser(), text)) == _token_fields(_UNDISPATCHED_PARSER.parse(text))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "a", "-", "  ", "\n\n", " \t", "x\n", "\u3000"]), max_size=20).map("".join))
def test_line_state_markers_are_markdown_its(text: str) -> None:
    expected = StateBlock(text, _parser(), {}, [])
    assert vars(_LineState(text, _parser(), {}, [])) == vars(expected)


def _first_literals(pattern: re.Pattern[str]) -> set[str] | None:
    """The characters every top-level alternative of ``pattern`` starts with, or None if one does not
    start with a literal (the regex engine then cannot skip to candidates)."""
    parser = pytest.importorskip("re._parser")
    constants = pytest.importorskip("re._constants")
    items = parser.parse(pattern.pattern, pattern.flags).data
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is constants.BRANCH else [items]
    firsts = set()
    for branch in branches:
        op, value = branch[0]
        if op is not constants.LITERAL:
            return None
        firsts.add(chr(value))
    return firsts


def test_inline_markup_starts_with_the_hinted_characters() -> None:
    firsts = _first_literals(_INLINE)
    assert firsts is not None, "every alternative must start with a literal character"
    assert all(_MARKUP_HINT.match(char) for char in firsts)


_INLINE_ALPHABET = st.sampled_from(
    list("ab エクソソーム。\n\\`{}![]()<>&;$*~_:@/.#-=\"'|^") + ["www.", "https://", "a@b.jp", "<!-- exerkine-disable -->"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_INLINE_ALPHABET, max_size=40).map("".join))
def test_region_without_hint_has_nothing_to_mask(text: str) -> None:
    scanner = _Scanner(text)
    scanner.mask_inline(0, len(text))
    find_links(text, 0, len(text), scanner.masks)
    if _MARKUP_HINT.search(text) is None:
        assert scanner.masks == []
        assert scanner.suppressions.build(scanner.lines) == []
