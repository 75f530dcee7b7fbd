"""The reStructuredText reader: what stays checkable, what is masked, and agreement with docutils."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_exerkine.readers import MASK
from sphinx_exerkine.readers.rst import _BODY, _NON_ASCII_BULLETS, _Scanner, _text_column, read_rst
from sphinx_exerkine.readers.rst_inline import _INLINE, MARKUP_HINT, mask_inline


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
    pytest.param(
        "エクソソームの概要\n==================\n\n本文。\n",
        ["エクソソームの概要", "本文。"],
        ["=================="],
        id="section-title",
    ),
    pytest.param(
        "#################\nExerkine overview\n#################\n",
        ["Exerkine overview"],
        ["#################"],
        id="section-title-with-overline",
    ),
    pytest.param(
        "Myokines\n\n----------\n\nExosomes\n",
        ["Myokines", "Exosomes"],
        ["----------"],
        id="transition",
    ),
    pytest.param(
        "- 骨格筋由来のエクソソーム\n- IL-6 and *irisin*\n\n  second paragraph of an item\n",
        ["骨格筋由来のエクソソーム", "IL-6 and", "irisin", "second paragraph of an item"],
        ["- "],
        id="bullet-list",
    ),
    pytest.param(
        "1. 持久運動\n2. レジスタンス運動\n\n#. auto-numbered exosome item\n\n(a) lettered myokine item\n",
        ["持久運動", "レジスタンス運動", "auto-numbered exosome item", "lettered myokine item"],
        ["1.", "2.", "#.", "(a)"],
        id="enumerated-list",
    ),
    pytest.param(
        "エクサカイン : 用語\n   運動によって分泌される因子の総称。\n",
        ["エクサカイン", "運動によって分泌される因子の総称。"],
        [],
        id="definition-list",
    ),
    pytest.param(
        ":Author: 山田 太郎\n:param int count: the number of exosomes\n   in the sample\n",
        ["山田 太郎", "the number of exosomes", "in the sample"],
        [":Author:", ":param int count:"],
        id="field-list",
    ),
    pytest.param(
        "-v, --verbose  report every exosome\n--level=<n>    myokine level\n",
        ["report every exosome", "myokine level"],
        ["-v, --verbose", "--level=<n>"],
        id="option-list",
    ),
    pytest.param(
        "+----------+---------+\n| 用語     | English |\n+==========+=========+\n| 細胞外小胞 | vesicle |\n+----------+---------+\n",
        ["用語", "English", "細胞外小胞", "vesicle"],
        ["+----------+---------+", "+==========+=========+", "|"],
        id="grid-table",
    ),
    pytest.param(
        "=======  ========\n用語     English\n=======  ========\n運動     exercise\n-------  --------\n=======  ========\n",
        ["用語     English", "運動     exercise"],
        ["=======  ========", "-------  --------"],
        id="simple-table",
    ),
    pytest.param(
        "Paragraph.\n\n    A quoted remark about myokines.\n\n    -- Some Author\n",
        ["A quoted remark about myokines.", "-- Some Author"],
        [],
        id="block-quote",
    ),
    pytest.param(
        "| 運動の効果\n| exosome release\n|    continued line\n",
        ["運動の効果", "exosome release", "continued line"],
        ["|"],
        id="line-block",
    ),
    pytest.param(
        "血中濃度は次の通り::\n\n    plasma_exosomes = measure(sample)\n    print(plasma_exosomes)\n\nAfter the block.\n",
        ["血中濃度は次の通り", "After the block."],
        ["::", "plasma_exosomes = measure(sample)", "print(plasma_exosomes)"],
        id="literal-block-after-paragraph",
    ),
    pytest.param(
        "Example ::\n\n    isolate_vesicles()\n",
        ["Example"],
        ["::", "isolate_vesicles()"],
        id="literal-block-spaced-marker",
    ),
    pytest.param(
        "::\n\n    raw_exosome_counts = []\n",
        [],
        ["::", "raw_exosome_counts = []"],
        id="literal-block-bare-marker",
    ),
    pytest.param(
        "Quoted literal::\n\n> myokine_level = 3\n> exosome_count = 5\n\nProse again.\n",
        ["Quoted literal", "Prose again."],
        ["> myokine_level = 3", "> exosome_count = 5"],
        id="quoted-literal-block",
    ),
    pytest.param(
        "First line\nsecond line ending the paragraph::\n    literal_without_blank_line()\n",
        ["First line", "second line ending the paragraph"],
        ["literal_without_blank_line()"],
        id="literal-block-without-blank-line",
    ),
    pytest.param(
        "- 項目の説明::\n\n      item_code_exosome()\n\n- next myokine item\n",
        ["項目の説明", "next myokine item"],
        ["item_code_exosome()"],
        id="literal-block-in-list-item",
    ),
    pytest.param(
        ">>> exosomes = isolate(plasma)\n>>> len(exosomes)\n42\n\nAfterwards.\n",
        ["Afterwards."],
        [">>> exosomes = isolate(plasma)", ">>> len(exosomes)", "42"],
        id="doctest-block",
    ),
    pytest.param(
        ".. note::\n\n   マイオカインは骨格筋から分泌される。\n",
        ["マイオカインは骨格筋から分泌される。"],
        [".. note::"],
        id="note-admonition",
    ),
    pytest.param(
        ".. warning:: 検体は凍結保存すること。\n   Thawing degrades exosomes.\n",
        ["検体は凍結保存すること。", "Thawing degrades exosomes."],
        [".. warning::"],
        id="admonition-text-on-directive-line",
    ),
    pytest.param(
        ".. tip::\n   :class: exosome-tip\n\n   超遠心法で単離する。\n",
        ["超遠心法で単離する。"],
        [":class: exosome-tip"],
        id="admonition-options-masked",
    ),
    pytest.param(
        ".. admonition:: エクソソームの定義\n\n   細胞外小胞の一種。\n",
        ["エクソソームの定義", "細胞外小胞の一種。"],
        [".. admonition::"],
        id="admonition-with-title",
    ),
    pytest.param(
        ".. topic:: Myokine signalling\n\n   IL-6 acts on adipose tissue.\n\n.. sidebar:: 補足\n\n   側注の本文。\n",
        ["Myokine signalling", "IL-6 acts on adipose tissue.", "補足", "側注の本文。"],
        [".. topic::", ".. sidebar::"],
        id="topic-and-sidebar",
    ),
    pytest.param(
        ".. rubric:: 運動とエクソソーム\n",
        ["運動とエクソソーム"],
        [".. rubric::"],
        id="rubric",
    ),
    pytest.param(
        ".. glossary::\n   :sorted:\n\n   エクサカイン\n      運動誘発性のシグナル因子。\n",
        ["エクサカイン", "運動誘発性のシグナル因子。"],
        [":sorted:", ".. glossary::"],
        id="glossary",
    ),
    pytest.param(
        ".. only:: html and not latex_exosome\n\n   HTML 版のみの説明。\n",
        ["HTML 版のみの説明。"],
        ["html and not latex_exosome"],
        id="only-expression-masked-body-kept",
    ),
    pytest.param(
        ".. container:: exosome-box\n\n   Boxed myokine text.\n",
        ["Boxed myokine text."],
        ["exosome-box"],
        id="container",
    ),
    pytest.param(
        ".. list-table:: 用語の対応\n   :header-rows: 1\n\n   * - 日本語\n     - English\n   * - 細胞外小胞\n     - vesicle\n",
        ["用語の対応", "日本語", "English", "細胞外小胞", "vesicle"],
        [":header-rows: 1"],
        id="list-table",
    ),
    pytest.param(
        ".. code-block:: python\n   :linenos:\n\n   from exosome import isolate\n   isolate(plasma)\n\nAfter code.\n",
        ["After code."],
        ["python", ":linenos:", "from exosome import isolate", "isolate(plasma)"],
        id="code-block",
    ),
    pytest.param(
        ".. code:: shell\n\n   exosome-cli --run\n\n.. sourcecode:: c\n\n   myokine_t level;\n",
        [],
        ["exosome-cli --run", "myokine_t level;"],
        id="code-and-sourcecode",
    ),
    pytest.param(
        ".. literalinclude:: ../src/exosome.py\n   :lines: 1-10\n\n.. highlight:: myokine-lexer\n",
        [],
        ["../src/exosome.py", ":lines: 1-10", "myokine-lexer"],
        id="literalinclude-and-highlight",
    ),
    pytest.param(
        ".. math::\n\n   E_{exosome} = m c^2\n\n.. raw:: html\n\n   <b>myokine</b>\n",
        [],
        ["E_{exosome} = m c^2", "<b>myokine</b>"],
        id="math-and-raw",
    ),
    pytest.param(
        ".. graphviz::\n\n   digraph exosome { muscle -> liver }\n\n.. digraph:: myokine\n\n   a -> b\n",
        [],
        ["digraph exosome { muscle -> liver }", "a -> b"],
        id="graphviz",
    ),
    pytest.param(
        ".. image:: images/exosome.png\n   :alt: exosome micrograph\n\nText after image.\n",
        ["Text after image."],
        ["images/exosome.png", ":alt: exosome micrograph"],
        id="image",
    ),
    pytest.param(
        ".. figure:: images/myokine.png\n   :width: 80%\n\n   骨格筋から分泌されるマイオカイン。\n",
        ["骨格筋から分泌されるマイオカイン。"],
        ["images/myokine.png", ":width: 80%"],
        id="figure-caption-is-prose",
    ),
    pytest.param(
        ".. py:function:: isolate_exosomes(sample, speed)\n   :module: exo\n\n   Isolate vesicles by ultracentrifugation.\n",
        ["Isolate vesicles by ultracentrifugation."],
        ["isolate_exosomes(sample, speed)", ":module: exo"],
        id="unknown-directive-arguments-masked",
    ),
    pytest.param(
        ".. このコメントにはエクソソームが含まれる\n   続きのコメント行\n\n本文。\n",
        ["本文。"],
        ["このコメントにはエクソソームが含まれる", "続きのコメント行"],
        id="comment",
    ),
    pytest.param(
        "..\n   comment body mentioning myokines\n\nText.\n",
        ["Text."],
        ["comment body mentioning myokines"],
        id="comment-body-on-following-lines",
    ),
    pytest.param(
        "..\n\n   Block quote after an empty comment about exosomes.\n",
        ["Block quote after an empty comment about exosomes."],
        [],
        id="empty-comment-then-block-quote",
    ),
    pytest.param(
        ".. |EV| replace:: extracellular vesicle\n.. |logo| image:: exosome-logo.png\n",
        [],
        ["|EV| replace:: extracellular vesicle", "exosome-logo.png"],
        id="substitution-definitions",
    ),
    pytest.param(
        ".. _exosome-section:\n\n.. _myokine-site: https://example.org/myokines\n\n.. __: https://example.org/anonymous-exosome\n\n__ https://example.org/more-exosomes\n",
        [],
        ["exosome-section", "myokine-site", "https://example.org/myokines", "anonymous-exosome", "more-exosomes"],
        id="hyperlink-targets",
    ),
    pytest.param(
        "Text [#note]_ and [CIT2020]_.\n\n.. [#note] 脚注の本文。\n.. [CIT2020] Citation about exerkines.\n",
        ["Text", "脚注の本文。", "Citation about exerkines."],
        ["[#note]_", "[CIT2020]_", ".. [#note]", ".. [CIT2020]"],
        id="footnotes-and-citations",
    ),
]

INLINE = [
    pytest.param("値は ``exosome_count`` です。", ["値は", "です。"], ["``exosome_count``"], id="inline-literal"),
    pytest.param("値は``exosome_count``です。", ["値は", "です。"], ["exosome_count"], id="inline-literal-without-spaces"),
    pytest.param(
        "Use :code:`isolate()` and :file:`exosome.cfg` or :samp:`run {n}`.",
        ["Use", "and", "or"],
        [":code:`isolate()`", ":file:`exosome.cfg`", ":samp:`run {n}`"],
        id="code-like-roles",
    ),
    pytest.param(
        "Call :py:func:`exo.isolate` or :func:`myokine_level` with :kbd:`Ctrl+C`.",
        ["Call", "or", "with"],
        [":py:func:`exo.isolate`", ":func:`myokine_level`", ":kbd:`Ctrl+C`"],
        id="domain-roles",
    ),
    pytest.param(
        "Set :envvar:`EXOSOME_HOME` and :option:`--myokine`; :math:`a^2`.",
        ["Set", "and"],
        [":envvar:`EXOSOME_HOME`", ":option:`--myokine`", ":math:`a^2`"],
        id="envvar-option-math",
    ),
    pytest.param(
        "骨格筋は :term:`マイオカイン` を分泌する。",
        ["骨格筋は", "マイオカイン", "を分泌する。"],
        [":term:"],
        id="term-role-keeps-text",
    ),
    pytest.param(
        "骨格筋は :term:`マイオカイン <myokine-entry>` を分泌する。",
        ["マイオカイン"],
        [":term:", "<myokine-entry>"],
        id="term-role-with-target",
    ),
    pytest.param(
        "See :ref:`exosome-isolation` and :doc:`the myokine chapter <chapters/myokines>`.",
        ["See", "and", "the myokine chapter"],
        [":ref:`exosome-isolation`", "<chapters/myokines>"],
        id="ref-and-doc",
    ),
    pytest.param(
        "Read `the exosome review <https://example.org/review>`_ and `myokines`_ or `anonymous <https://x.example>`__.",
        ["the exosome review", "myokines", "anonymous"],
        ["<https://example.org/review>", "<https://x.example>"],
        id="hyperlink-references",
    ),
    pytest.param("Read `<https://example.org/exosomes>`_ now.", ["Read", "now."], ["https://example.org/exosomes"], id="url-only-reference"),
    pytest.param("See exosomes_ and myokines__ here.", ["exosomes", "myokines", "here."], [], id="reference-suffixes"),
    pytest.param("The |EV| count and |logo|_ image.", ["The", "count and", "image."], ["|EV|", "|logo|_"], id="substitution-references"),
    pytest.param("Visit https://example.org/exosome-atlas or www.myokine.example.", ["Visit", " or "], ["https://example.org/exosome-atlas", "www.myokine.example"], id="bare-urls"),
    pytest.param("詳細はhttps://example.org/exoを参照。", ["詳細は", "を参照。"], ["https://example.org/exo"], id="url-followed-by-japanese"),
    pytest.param("Contact exosome.lab@example.org today.", ["Contact", "today."], ["exosome.lab@example.org"], id="email"),
    pytest.param(
        "An *emphasised exosome* and **strong myokine**.",
        ["emphasised exosome", "strong myokine"],
        ["*", "**"],
        id="emphasis-keeps-text",
    ),
    pytest.param("これは\\ *重要*\\ です。", ["これは", "重要", "です。"], ["\\ *", "*\\ "], id="escaped-spaces-in-japanese"),
    pytest.param("A `default role text` here.", ["A", "here."], ["default role text"], id="default-role-masked"),
    pytest.param("An _`inline exosome target` here.", ["inline exosome target"], ["_`", "`"], id="inline-target"),
    pytest.param("Abbreviation :abbr:`EV (extracellular vesicle)`.", ["EV (extracellular vesicle)"], [":abbr:"], id="abbr-role"),
]


@pytest.mark.parametrize(("snippet", "kept", "masked"), BLOCKS + INLINE)
def test_masking(snippet: str, kept: list[str], masked: list[str]) -> None:
    doc = read_rst(snippet)
    assert len(doc.masked) == len(snippet)
    assert doc.format == "rst"
    for word in kept:
        assert_kept(snippet, doc.masked, word)
    for word in masked:
        assert_masked(snippet, doc.masked, word)


def test_offsets_point_into_the_original_text() -> None:
    text = "Title\n=====\n\n.. note::\n\n   運動で ``IL-6`` が増える。\n"
    doc = read_rst(text)
    start = text.index("増える")
    assert doc.masked[start : start + 3] == "増える"
    assert [i for i, ch in enumerate(doc.masked) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]


def test_crlf_newlines() -> None:
    text = "Title\r\n=====\r\n\r\nExample::\r\n\r\n    exosome_code()\r\n\r\nマイオカイン。\r\n"
    doc = read_rst(text)
    assert len(doc.masked) == len(text)
    assert_kept(text, doc.masked, "マイオカイン。")
    assert_kept(text, doc.masked, "Title")
    assert_masked(text, doc.masked, "exosome_code()")
    assert doc.masked.count("\r\n") == text.count("\r\n")


def test_tab_indented_literal_block() -> None:
    text = "Example::\n\n\tcode_with_tab(exosome)\n\nProse.\n"
    doc = read_rst(text)
    assert_masked(text, doc.masked, "code_with_tab(exosome)")
    assert_kept(text, doc.masked, "Prose.")


def test_no_trailing_newline() -> None:
    text = "Last paragraph about exosomes"
    assert read_rst(text).masked == text


def test_wide_title_underline_counts_display_width() -> None:
    # two wide characters need four columns: three are too short (and too short to be a warning)
    text = "運動\n===\n"
    assert read_rst(text).masked == text
    text = "運\n==\n"
    assert_masked(text, read_rst(text).masked, "==")


# -- agreement with docutils ---------------------------------------------------------------------

#: words of generated documents; each occurrence gets a unique four-digit suffix
_PROSE_WORDS = ["exosome", "myokine", "exerkine", "vesicle", "エクソソーム", "マイオカイン"]
_CODE_WORDS = ["codeword", "funcname", "varname"]
_TABLE_WORDS = ["exosome", "myokine", "vesicle"]
_TOKEN = re.compile(r"[A-Za-z\u30a0-\u30ff]+\d{4}")
_CODE_TOKEN = re.compile(r"(?:codeword|funcname|varname)\d{4}")

# {p}: a prose word, {c}: a code word, {t}: a fixed-width word for table cells
_LEAVES = [
    "{p} {p} {p}\n{p} {p}.",
    "{p} ``{c} {c}`` {p} *{p}* and **{p} {p}**.",
    "{p} `{p} {p} <https://example.org/{c}>`_ {p} `{p}`_ {p}_ `{p} <{c}_>`_.",
    "{p} :code:`{c}` :math:`{c}` :literal:`{c}` :emphasis:`{p}` :sub:`{p}` :ab:`{p}`.",
    "{p} {p}::\n\n    {c} {c}\n    {c}",
    "{p}\n{p}::\n    {c} {c}",
    "{p}::\n\n> {c} {c}\n> {c}",
    "::\n\n    {c}",
    "{p} ::\n\n    {c}",
    ".. code:: python\n\n   {c} = {c}\n\n   {c}",
    ".. code-block:: python\n   :number-lines:\n\n   {c}",
    ".. parsed-literal::\n\n   {c} *{c}*",
    ".. {c} {c}\n   {c}",
    "..\n   {c} {c}",
    ".. _{c}:",
    ".. _{c}: https://example.org/{c}",
    ".. |{c}| replace:: {c} {c}",
    ".. raw:: html\n\n   <b>{c}</b>",
    ".. math::\n\n   {c} + {c}",
    ">>> {c}({c})\n{c}",
    "| {p} {p}\n| {p}\n|     {p}",
    "-a            {p} {p}\n--{c}=<{c}>  {p}\n-b\n    {p}",
    "{p} {p}\n   {p} {p}\n\n{p} : {p}\n   {p}",
    ":{c}: {p} {p}\n   {p}\n:{c} {c}: {p}",
    ":{c}:\n   {p}::\n\n      {c}",
    "+-------------+-------------+\n| {t} | {t} |\n+=============+=============+\n| {t} | {t} |\n+-------------+-------------+",
    "===========  ===========\n{t}  {t}\n===========  ===========\n{t}  {t}\n===========  ===========",
    ".. table:: {p}\n\n   ===========  ===========\n   {t}  {t}\n   ===========  ===========",
    ".. list-table:: {p}\n   :header-rows: 1\n\n   * - {p}\n     - {p}\n   * - {p}\n     - {p}",
    '.. csv-table:: {p}\n\n   {p}, "{p} {p}"',
    ".. topic:: {p} {p}\n\n   {p} {p}",
    ".. admonition:: {p} {p}\n\n   {p}",
    ".. note:: {p} {p}\n   {p}\n\n   {p}",
    ".. warning::\n   :class: {c}\n\n   {p} {p}",
    ".. epigraph::\n\n   {p} {p}\n\n   -- {p}",
    ".. compound::\n\n   {p}::\n\n       {c}\n\n   {p}",
    ".. figure:: {c}.png\n   :alt: {c}\n\n   {p} {p}\n\n   {p}",
    ".. image:: {c}.png\n   :alt: {c}",
    ".. container:: {c}\n\n   {p}",
    ".. class:: {c}\n\n{p}",
    ".. rubric:: {p} {p}",
    "{p} [#]_ {p}\n\n.. [#] {p} {p}\n   {p}",
    "{p} [CIT2002]_.\n\n.. [CIT2002] {p}",
    "{p} {p}\n==============\n\n{p}",
    "==============\n {p} {p}\n==============\n\n{p}",
    "{p} _`{p} {p}` {p}",
    "1. {p}\n2. {p} {p}\n\n(a) {p}\n(b) {p}\n\ni) {p}\nii) {p}",
    "A. {p} {p}\n{p}",
    "{p}\n\n----------\n\n{p}",
    "{p} https://example.org/{c} {p} {c}@example.org {p}",
    "{p}\\ *{p}*\\ {p} \\*{p}\\*",
]
_CONTAINERS = [
    ("- ", "  "),
    ("* ", "  "),
    ("1. ", "   "),
    ("#. ", "   "),
    (".. note::\n\n", "   "),
    (".. tip::\n\n", "   "),
    ("", "    "),
    ("{p}\n", "   "),
    (":{c}:\n", "   "),
    (":{c}: ", "   "),
    (".. [#] ", "   "),
    (".. sidebar:: {p}\n\n", "   "),
    (".. admonition:: {p}\n\n", "      "),
    (".. highlights::\n\n", "   "),
]


def _nest(container: tuple[str, str], children: list[str]) -> str:
    head, indent = container
    body = "\n".join(indent + line if line else "" for line in "\n\n".join(children).split("\n"))
    return head + (body[len(indent) :] if head and not head.endswith("\n") else body)


def _fill(template: str) -> str:
    """Replace the placeholders with words made unique by a counter."""
    counter = iter(range(10_000))
    pools = {"p": _PROSE_WORDS, "c": _CODE_WORDS, "t": _TABLE_WORDS}

    def word(match: re.Match[str]) -> str:
        number = next(counter)
        pool = pools[match.group(1)]
        return f"{pool[number % len(pool)]}{number:04d}"

    return re.sub(r"\{([pct])\}", word, template)


_blocks = st.recursive(
    st.sampled_from(_LEAVES),
    lambda children: st.builds(_nest, st.sampled_from(_CONTAINERS), st.lists(children, min_size=1, max_size=3)),
    max_leaves=8,
)
_documents = st.lists(_blocks, min_size=1, max_size=6).map(lambda blocks: _fill("\n\n".join(blocks) + "\n"))

#: docutils nodes whose text is not prose
_MASKED_NODES = (
    nodes.literal_block,
    nodes.literal,
    nodes.comment,
    nodes.raw,
    nodes.substitution_definition,
    nodes.doctest_block,
    nodes.math,
    nodes.math_block,
    nodes.option_string,
    nodes.option_argument,
)
#: docutils nodes left out of the comparison: error reports quote their source, references are
#: generated, and the reader masks field names and default-role text on purpose
_IGNORED_NODES = (
    nodes.system_message,
    nodes.problematic,
    nodes.title_reference,
    nodes.field_name,
    nodes.label,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_reference,
)


def _docutils_words(text: str) -> tuple[set[str], set[str], set[str]]:
    """The unique words docutils shows as prose, keeps in literal or hidden nodes, and ignores."""
    doctree = publish_doctree(
        text,
        settings_overrides={
            "report_level": 5,
            "halt_level": 5,
            "warning_stream": io.StringIO(),
            "file_insertion_enabled": False,
            "_disable_config": True,
        },
    )
    prose: set[str] = set()
    hidden: set[str] = set()
    ignored: set[str] = set()
    for node in doctree.findall(nodes.Text):
        ancestors = []
        parent = node.parent
        while parent is not None:
            ancestors.append(parent)
            parent = parent.parent
        if any(
            isinstance(a, _IGNORED_NODES)
            or (isinstance(a, nodes.reference) and a.get("refuri", "").removeprefix("mailto:") == a.astext())
            for a in ancestors
        ):
            target = ignored
        elif any(isinstance(a, _MASKED_NODES) for a in ancestors):
            target = hidden
        else:
            target = prose
        target.update(_TOKEN.findall(str(node)))
    return prose, hidden, ignored


@settings(max_examples=300, deadline=None)
@given(_documents)
def test_agrees_with_docutils(text: str) -> None:
    prose, hidden, ignored = _docutils_words(text)
    masked = read_rst(text).masked
    assert len(masked) == len(text)
    for word in prose:
        assert_kept(text, masked, word)
    for word in hidden:
        assert_masked(text, masked, word)
    for word in _CODE_TOKEN.findall(text):
        # nesting can turn a template's code into a paragraph, or into an error docutils reports
        if word not in prose and word not in ignored:
            assert_masked(text, masked, word)


# -- robustness -----------------------------------------------------------------------------------

_RST_ALPHABET = st.sampled_from(list(" \t\n\r\n:.-_=*`|<>[]#()/\\+~'\"@aAzZ19エクソソーム骨格筋。、") + ["..", "::", "``", "\u3000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_RST_ALPHABET, max_size=200).map("".join))
def test_masked_text_has_the_original_shape(text: str) -> None:
    masked = read_rst(text).masked
    assert len(masked) == len(text)
    for original, shown in zip(text, masked):
        assert shown == original or (shown == MASK and original not in "\n")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_keeps_its_length(text: str) -> None:
    assert len(read_rst(text).masked) == len(text)


# -- quick looks that stand for slower ones -------------------------------------------------------

_SUFFIXES = ["", " ", " text", ". text", ") text", "  text", "::", ":: x", ": x", ":x: y", "x", "====", "\u3000"]


@settings(max_examples=1000, deadline=None)
@given(st.characters(), st.sampled_from(_SUFFIXES), st.sampled_from(["", "  ", "\t"]))
def test_constructs_start_with_the_characters_looked_for(char: str, suffix: str, indent: str) -> None:
    """:meth:`_Scanner._construct` tries :data:`_BODY` only at an ASCII character, a bullet or a digit."""
    line = indent + char + (char * 3 if suffix == "====" else suffix)
    if not (char < "\x80" or char in _NON_ASCII_BULLETS or char.isdecimal()):
        assert _BODY.match(line, len(indent)) is None


@pytest.mark.parametrize("marker", ["１.", "٣)", "\u2022", "\u2023", "\u2043"])
def test_non_ascii_list_markers(marker: str) -> None:
    """Digits of any script start an enumerated list, and these bullets a bullet list."""
    text = f"{marker} 骨格筋\n{marker} 脂肪\n"
    masked = read_rst(text).masked
    assert_masked(text, masked, marker)
    assert_kept(text, masked, "骨格筋")


_LINE_ALPHABET = st.sampled_from([" ", "\t", "\u3000", "\x0c", "a", "=", "-", "~", "テ", "ト", ":"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_LINE_ALPHABET, max_size=12).map("".join), st.integers(0, 14))
def test_text_column(line: str, column: int) -> None:
    if column >= len(line) or line[column:].isspace():
        expected = -1
    else:
        expected = column
        while line[expected] in " \t":
            expected += 1
    assert _text_column(line, column) == expected


@settings(max_examples=1000, deadline=None)
@given(st.lists(_LINE_ALPHABET, min_size=1, max_size=10).map("".join), st.lists(_LINE_ALPHABET, max_size=10).map("".join))
def test_underline(underline: str, title: str) -> None:
    text = f"{title}\n{underline}\n"
    scanner = _Scanner(text)
    if scanner.indents[1] < 0:
        return
    stripped = underline.strip()
    first = stripped[0]
    expected = first in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" and stripped == first * len(stripped)
    if expected and len(stripped) < 4:
        expected = len(stripped) >= sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in title.rstrip())
    assert scanner._is_underline(1, 0, 0) == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\u3000", "\n", "a", "- x", "\r\n"]), max_size=20).map("".join))
def test_indentation(text: str) -> None:
    scanner = _Scanner(text)
    for line, indent, lead in zip(scanner.lines, scanner.indents, scanner.leads):
        stripped = line.lstrip(" \t")
        if not stripped.strip():
            assert (indent, lead) == (-1, len(line))
        else:
            assert lead == len(line) - len(stripped)
            assert indent == len(line[:lead].expandtabs(8))


def test_inline_markup_starts_with_the_hinted_characters() -> None:
    parser = pytest.importorskip("re._parser")
    constants = pytest.importorskip("re._constants")
    [(op, (_, branches))] = parser.parse(_INLINE.pattern).data
    assert op is constants.BRANCH
    for branch in branches:
        first_op, value = branch[0]
        assert first_op is constants.LITERAL, "every alternative must start with a literal character"
        assert MARKUP_HINT.match(chr(value))


_INLINE_ALPHABET = st.sampled_from(
    list("ab エクソソーム。\n\\`<>*_:|[]#@/.-") + ["www.", "https://", "a@b.jp", ":ref:", "``", "|x|", "[1]_"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_INLINE_ALPHABET, max_size=40).map("".join))
def test_region_without_hint_has_nothing_to_mask(text: str) -> None:
    spans: list[tuple[int, int]] = []
    mask_inline(text, 0, len(text), spans)
    if MARKUP_HINT.search(text) is None:
        assert spans == []
