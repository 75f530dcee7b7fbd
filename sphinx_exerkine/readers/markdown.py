"""Markdown and MyST: block structure from markdown-it-py, inline markup from regular expressions.

markdown-it-py parses only the blocks (inline parsing is switched off for speed, and paragraphs of
prose are taken by a quicker rule of our own); the line ranges of its ``inline`` tokens are the prose.
Every other line (code, HTML, front matter, math, link reference definitions, table delimiter rows,
setext underlines, ...) is masked. Within the prose lines, markup characters, code spans, URLs and the
like are masked by :data:`_INLINE`.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, sub

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.parser_block import ParserBlock, RuleFuncBlockType
from markdown_it.ruler import Rule, Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core.normalize import NEWLINES_RE, NULL_RE
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from sphinx_exerkine.lazyre import lazy
from sphinx_exerkine.readers import Document
from sphinx_exerkine.readers.links import HINT, find_links
from sphinx_exerkine.readers.lines import split_lines
from sphinx_exerkine.readers.masking import apply_masks
from sphinx_exerkine.readers.roles import mask_interpreted, role_policy
from sphinx_exerkine.readers.suppressions import SuppressionBuilder, parse_directive

#: MyST directives whose body is prose: the admonitions, and the few other prose containers a
#: terminology check must see (a glossary above all); every other directive fence is masked whole
PROSE_DIRECTIVES = frozenset(
    """note warning tip important caution attention danger error hint seealso admonition todo
    glossary topic sidebar epigraph pull-quote highlights versionadded versionchanged deprecated""".split()
)

_LINK_TEXT = r"(?:[^\[\]\\]|\\[\s\S]|\[(?:[^\[\]\\]|\\[\s\S])*\])*"
_LINK_END = (
    r"(?:\([ \t]*\n?[ \t]*(?:<[^<>\n]*>|(?:[^\s()\\]|\\[\s\S]|\((?:[^\s()\\]|\\[\s\S])*\))*)"
    r"(?:\s+(?:\"(?:[^\"\\]|\\[\s\S])*\"|'(?:[^'\\]|\\[\s\S])*'|\((?:[^()\\]|\\[\s\S])*\)))?\s*\)"
    r"|\[(?:[^\[\]\\]|\\[\s\S])*\])?"
)
# Every alternative starts with a literal character so that the regex engine can skip to candidates
# (a repeat is no literal: ``\*\**``, not ``\*+``, or the engine tries every alternative at every
# character, six times slower).
_INLINE = re.compile(
    r"\\(?:[!-/:-@\[-`{-~]|(?=\r?\n))"
    r"|`(?<!``)(?P<ticks>`*)(?!`)[\s\S]*?[^`]`(?P=ticks)(?!`)"
    r"|\{(?:\{[^{}\n]*\}\}"
    r"|(?P<role>[\w:+.-]+)\}`(?P<role_ticks>`*)(?!`)(?P<role_text>[\s\S]*?[^`])`(?P=role_ticks)(?!`))"
    rf"|!\[(?P<alt>{_LINK_TEXT})\]{_LINK_END}"
    rf"|\[(?:\^[^\]\s]+\]|(?P<text>{_LINK_TEXT})\]{_LINK_END})"
    r"|<(?:!--(?P<comment>[\s\S]*?)-->"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+>"
    r"|/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>)"
    r"|&(?:\#[0-9]{1,7}|\#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\$(?:\$[\s\S]+?\$\$|(?![\s$])[^$\n]+?(?<!\s)\$(?!\d))"
    r"|\*\**|~~"
    r"|_(?:(?<!\w_)_*+|_*+(?![^\W_]))"
)
#: a character that starts an alternative of :data:`_INLINE`, or a hint of a link: a region without any,
#: as most are, has nothing to mask (one search instead of four calls; alternatives of literals, not a
#: character class, so that the engine can skip to candidates here too)
_MARKUP_HINT = re.compile("|".join([*map(re.escape, "\\`{![<&$*~_"), HINT]))
_QUOTE_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*")
_ITEM_PREFIX = re.compile(r"(?:[ \t]*(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)))*(?:\[[ xX]\][ \t]+)?")
# The regexes most documents never need (footnotes, tables, MyST's one-line blocks and directive options)
# are compiled on first use, not on import.
#: the label of a footnote definition, which is parsed as a paragraph starting with it
_FOOTNOTE_LABEL = lazy(r"\[\^[^\]\s]+\]:")
_FOOTNOTE_DEFINITION = lazy(r"^([ \t>]*)\[(?=\^[^\]\s]+\]:)", re.MULTILINE)
_ATX_OPEN = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_TABLE_PIPE = lazy(r"(?<!\\)\|")
_TABLE_DELIMITER_ROW = lazy(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
#: a line of a paragraph that is not prose: setext underline, MyST comment, target or block break
_NON_PROSE_LINE = lazy(r"(?:=+|-+|%.*|\([^()]*\)=|\+\+\+.*)[ \t]*$")
_DIRECTIVE_OPTION = lazy(r"[ \t]*:[\w-]+:")
_PREFIX_STARTS = frozenset(" \t>")
#: first characters of the paragraph lines that may be a table delimiter row or a non-prose line
_SPECIAL_STARTS = frozenset("|:-=%(+")
#: first characters of the paragraph lines after the first that may hold anything to mask
_NOTABLE_STARTS = _PREFIX_STARTS | _SPECIAL_STARTS
#: tokens that carry nothing the scanner needs
_IGNORED_TOKENS = frozenset(
    """paragraph_open paragraph_close list_item_close bullet_list_open bullet_list_close
    ordered_list_open ordered_list_close blockquote_open blockquote_close hr code_block math_block
    front_matter""".split()
)


def _parse(source: str) -> list[Token]:
    """Block tokens of ``source``. A footnote definition would otherwise be taken for a link reference
    definition (and vanish) when its text has no space, as Japanese text has not: its bracket is
    replaced so that it starts a paragraph; lines and columns stay where they were."""
    if "[^" in source:
        source = _FOOTNOTE_DEFINITION.sub(r"\1x", source)
    return _tokenize(_parser(), source)


def _tokenize(parser: MarkdownIt, source: str) -> list[Token]:
    """``parser.parse(source)``, without the normalize rule's two passes over a text that has nothing to
    normalise, and with the line markers computed by :class:`_LineState`."""
    if parser.core.ruler.get_active_rules() != ["normalize", "block"]:
        return parser.parse(source)
    if "\r" in source or "\0" in source:
        source = NULL_RE.sub("\ufffd", NEWLINES_RE.sub("\n", source))
    if not source:
        return []
    tokens: list[Token] = []
    state = _LineState(source, parser, {}, tokens)
    parser.block.tokenize(state, state.line, state.lineMax)
    return tokens


class _LineState(StateBlock):
    """markdown-it's block state, with the line markers computed a list at a time instead of a line at
    a time (the same values: see the tests)."""

    def __init__(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)
        self.src = src
        lines = src.split("\n")
        # the empty string after a final newline, or a last line of blanks without one, is not a line
        if not lines[-1].lstrip(" \t"):
            lines.pop()
        lengths = list(map(len, lines))
        starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        starts.pop()
        shifts = list(map(sub, lengths, map(len, map(str.lstrip, lines, repeat(" \t")))))
        if "\t" in src:
            counts = [len(line[:shift].expandtabs(4)) for line, shift in zip(lines, shifts)]
        else:
            counts = shifts.copy()
        length = len(src)
        self.bMarks = [*starts, length]
        self.eMarks = [*map(add, starts, lengths), length]
        self.tShift = [*shifts, 0]
        self.sCount = [*counts, 0]
        self.bsCount = [0] * (len(lines) + 1)
        self.lineMax = len(lines)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """A block-only parser. Tables, setext underlines, footnote definitions and MyST's one-line blocks
    (``%`` comments, ``(target)=``, ``+++``) are recognised inside paragraphs by :class:`_Scanner`
    instead: their markdown-it rules cost almost half of the parse, and every line they would claim is
    masked or kept the same way. The rules are tried through a :class:`_DispatchingRuler`, and the common
    blocks (prose paragraphs, simple lists, ATX headings) are taken by quicker rules of our own that
    give the same tokens."""
    parser = (
        MarkdownIt("commonmark", {"html": True})
        .use(front_matter_plugin)
        .use(dollarmath_plugin)
        .use(colon_fence_plugin)
    )
    parser.disable(["inline", "text_join", "lheading"])
    if parser.block.ruler.get_active_rules() == _KNOWN_BLOCK_RULES:
        parser.block.ruler.before("front_matter", "prose_paragraph", _prose_paragraph)
        parser.block.ruler.before("list", "prose_list", _prose_list)
        parser.block.ruler.before("heading", "prose_heading", _prose_heading)
        # the same rules, in the same order, in a ruler whose chains dispatch on a line's first character
        ruler = _DispatchingRuler()
        ruler.__rules__ = parser.block.ruler.__rules__
        parser.block = _BlockParser()
        parser.block.ruler = ruler
    return parser


class _BlockParser(ParserBlock):
    """markdown-it's block parser, which takes a paragraph of prose without trying any rule.

    The first rule of every chain of the :class:`_DispatchingRuler` is :func:`_prose_paragraph`, and
    most blocks are paragraphs it accepts: the loop here asks the same question it asks and, when the
    answer is yes, takes the paragraph itself, sparing the calls of the chain, the rule and markdown-it's
    line helpers for each one. Every other block goes through the chain, as in markdown-it's loop.
    """

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        rules = self.ruler.getRules("")
        max_nesting = state.md.options.maxNesting
        src = state.src
        # the line markers are changed in place by the rules (for the lines of a quote or a list item),
        # never replaced
        b_marks = state.bMarks
        t_shift = state.tShift
        e_marks = state.eMarks
        s_count = state.sCount
        line_max = state.lineMax
        line = startLine
        has_empty_lines = False
        while line < endLine:
            while line < line_max and b_marks[line] + t_shift[line] >= e_marks[line]:
                line += 1
            state.line = line
            if line >= endLine or s_count[line] < state.blkIndent:
                break
            if state.level >= max_nesting:
                state.line = endLine
                break
            first = b_marks[line] + t_shift[line]
            if line and s_count[line] - state.blkIndent < 4 and not _may_start_block(src, first):
                _take_paragraph(state, line)
            else:
                for rule in rules:
                    if rule(state, line, endLine, False):
                        if state.line <= line:
                            raise RuntimeError("block rule didn't increment state.line")
                        break
                else:
                    raise RuntimeError("none of the block rules matched")
            state.tight = not has_empty_lines
            line = state.line
            if line - 1 < endLine and b_marks[line - 1] + t_shift[line - 1] >= e_marks[line - 1]:
                has_empty_lines = True
            if line < endLine and b_marks[line] + t_shift[line] >= e_marks[line]:
                has_empty_lines = True
                line += 1
                state.line = line


#: the active block rules :data:`_BLOCK_START` and :data:`_RULE_FIRST_CHARS` were written for, in
#: markdown-it's order; with any other set (another markdown-it-py or plugin version)
#: the quicker rules, the :class:`_BlockParser` and the :class:`_DispatchingRuler` are left out
_KNOWN_BLOCK_RULES = [
    "front_matter", "code", "math_block", "colon_fence", "fence", "blockquote", "hr", "list", "reference",
    "html_block", "heading", "paragraph",
]  # fmt: skip
#: the first characters (after the indentation) of the lines that each of these block rules may accept:
#: every one of them looks at that character before anything else and gives up on any other (list
#: numbers are ASCII digits only: markdown-it compares code points)
_RULE_FIRST_CHARS = {
    "math_block": "$", "colon_fence": ":", "fence": "`~", "blockquote": ">", "hr": "*-_",
    "list": "*-+0123456789", "reference": "[", "html_block": "<", "heading": "#", "prose_list": "*-+",
    "prose_heading": "#",
}  # fmt: skip
#: first characters (after the indentation) of the lines that :data:`_BLOCK_START` must look at: those
#: some block rule may accept
_BLOCK_STARTS = frozenset("".join(_RULE_FIRST_CHARS.values()))
#: the start of a line that a block rule other than the paragraph's may accept: math, colon, backtick and
#: tilde fences, quote, heading, HTML, bullet, thematic break, ordered list, and a reference definition
#: unless its label ends on that line without a colon after it or holds a bracket (a link, the common
#: start of a list item); lines starting with a kanji, a letter, a table pipe, ``**``, ``29名``... do not
_BLOCK_START = re.compile(
    r"[>#<]|\$\$|:::|```|~~~|[-*+](?:[ \t]|$)|(?P<rule>[-*_])[ \t]*(?P=rule)[ \t]*(?P=rule)|\d+[.)]"
    r"|\[(?!(?:[^\[\]\\\n]|\\[^\n])*+(?:\[|\](?!:)))",
    re.MULTILINE,
)


#: rules that take only a line indented as code (``code``) or the first line (``front_matter``)
_POSITIONAL_RULES = frozenset({"code", "front_matter"})


class _DispatchingRuler(Ruler[RuleFuncBlockType]):
    """markdown-it's block ruler whose chains try on a line only the rules that may accept it.

    markdown-it tries every rule of a chain in turn, and each looks at the line's first character and
    gives up: a list item costs a dozen calls, and so does every check whether a line ends a paragraph
    or a list item. Here each chain is one rule that picks, by that character, the rules of the chain
    worth trying, in the chain's order; the rules themselves are markdown-it's, so are the tokens. On
    the first line, on a line indented as code, and at the end of the text, the whole chain is tried.
    """

    def __compile__(self) -> None:
        super().__compile__()
        assert self.__cache__ is not None
        enabled = [rule for rule in self.__rules__ if rule.enabled]
        for chain in self.__cache__:
            rules = [rule for rule in enabled if not chain or chain in rule.alt]
            self.__cache__[chain] = [_dispatcher(rules)]


def _dispatcher(rules: list[Rule[RuleFuncBlockType]]) -> RuleFuncBlockType:
    """One rule trying, on each line, those of ``rules`` that may accept its first character."""
    every = tuple(rule.fn for rule in rules)
    # for a line neither the first nor indented as code: each rule with the characters it may accept
    # there ("" for any character)
    firsts = [(rule.fn, _RULE_FIRST_CHARS.get(rule.name, "")) for rule in rules if rule.name not in _POSITIONAL_RULES]
    by_char = {
        char: tuple(fn for fn, accepted in firsts if not accepted or char in accepted)
        for char in set("".join(accepted for _, accepted in firsts))
    }
    others = tuple(fn for fn, accepted in firsts if not accepted)
    # a thematic break holds at least three of its marker, which most lines starting with one (list
    # items) do not: the chain without the ``hr`` rule for them
    hr = {rule.fn for rule in rules if rule.name == "hr"}
    without_hr = {char: tuple(fn for fn in by_char[char] if fn not in hr) for char in _RULE_FIRST_CHARS["hr"] if hr}

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        src = state.src
        pos = state.bMarks[line] + state.tShift[line]
        if line == 0 or pos >= len(src) or state.sCount[line] - state.blkIndent >= 4:
            chain = every
        else:
            char = src[pos]
            if char in without_hr and src.count(char, pos, state.eMarks[line]) < 3:
                chain = without_hr[char]
            else:
                chain = by_char.get(char, others)
        for rule in chain:
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


def _may_start_block(src: str, pos: int) -> bool:
    """Whether some block rule other than the paragraph's may accept the line whose text starts at ``pos``."""
    return src[pos] in _BLOCK_STARTS and _BLOCK_START.match(src, pos) is not None


def _prose_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's paragraph rule, tried first, for a paragraph whose first line starts with prose.

    Most blocks are paragraphs starting with a character no other rule accepts (a kanji, a letter, a
    table pipe), and most of their lines are the same: markdown-it tries every rule on the first line
    and every terminating rule on each following one, each looking at that character and giving up.
    This rule takes such a paragraph at once and tries the terminating rules only on the lines that
    :func:`_may_start_block`. It ends the paragraph on the same line as markdown-it's rule, which it
    leaves every other paragraph to, but gives only the ``inline`` token (a :class:`_ProseToken`, at the
    level a paragraph_open would have), without content: the scanner reads nothing else. Front matter
    is left to its rule.
    """
    if start == 0 or state.sCount[start] - state.blkIndent >= 4:
        return False
    if _may_start_block(state.src, state.bMarks[start] + state.tShift[start]):
        return False
    _take_paragraph(state, start)
    return True


def _take_paragraph(state: StateBlock, start: int) -> None:
    """Take the paragraph of prose starting on line ``start``, as :func:`_prose_paragraph` does."""
    old_parent = state.parentType
    state.parentType = "paragraph"
    line = _paragraph_end(state, start + 1, state.lineMax)
    state.line = line
    state.tokens.append(_ProseToken([start, line], state.level))  # type: ignore[arg-type]
    state.parentType = old_parent


class _ProseToken:
    """The ``inline`` token of a paragraph taken by :func:`_prose_paragraph`: what the scanner (and
    markdown-it's list rule, looking for paragraphs to mark tight) reads of a token, made at a third of
    the cost of a :class:`Token`, which every paragraph would otherwise pay for."""

    __slots__ = ("map", "level")
    type = "inline"
    tag = ""
    nesting = 0
    info = ""
    markup = ""
    content = ""
    children = None
    block = True

    def __init__(self, lines: list[int], level: int) -> None:
        self.map = lines
        self.level = level


class _BlockToken:
    """A token made by :func:`_prose_list` or :func:`_prose_heading`: the fields of a :class:`Token`
    that tell it apart, the others at a :class:`Token`'s defaults."""

    __slots__ = ("type", "tag", "nesting", "map", "level", "markup", "content")
    info = ""
    children = None
    block = True
    hidden = False

    def __init__(
        self, kind: str, tag: str, nesting: int, lines: list[int] | None, level: int, markup: str, content: str = ""
    ) -> None:
        self.type = kind
        self.tag = tag
        self.nesting = nesting
        self.map = lines
        self.level = level
        self.markup = markup
        self.content = content


#: the marker of a bullet list item, then one to four spaces and its text (more spaces would start
#: code, a tab is measured in columns)
_BULLET_ITEM = re.compile(r"[-*+]( {1,4})(?=[^ \t\n])")


def _prose_list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's list rule, tried just before it, for a top-level bullet list of one-line items of
    prose, the common list by far.

    For such a list markdown-it's rule parses every item on its own (a dozen calls and five
    :class:`Token` objects each). This rule takes the list at once, with the tokens markdown-it gives
    it: each item's paragraph is a :class:`_ProseToken`, as :func:`_prose_paragraph` makes it. It
    leaves to markdown-it every other list: nested in a block, ordered, with an item of several lines
    or blocks, of another marker or indentation, a line that might be a thematic break, or a blank
    line after which the list might go on.
    """
    if silent or start == 0 or state.parentType != "root" or state.blkIndent != 0:
        return False
    src = state.src
    b_marks = state.bMarks
    t_shift = state.tShift
    e_marks = state.eMarks
    s_count = state.sCount
    indent = s_count[start]
    if indent >= 4 or state.level + 2 >= state.md.options.maxNesting:
        return False
    marker = src[b_marks[start] + t_shift[start]]
    items = []
    line = start
    while True:
        pos = b_marks[line] + t_shift[line]
        if s_count[line] != indent or src[pos] != marker:
            return False
        item = _BULLET_ITEM.match(src, pos, e_marks[line])
        if item is None or _may_start_block(src, item.end()):
            return False
        if marker != "+" and src.count(marker, pos, e_marks[line]) >= 3:
            return False
        items.append(line)
        line += 1
        if line >= end:
            stop = line
            break
        if b_marks[line] + t_shift[line] >= e_marks[line]:
            # a blank line ends the list unless an item or a line of the last item's text follows
            stop = state.skipEmptyLines(line)
            if stop < end:
                follows = b_marks[stop] + t_shift[stop]
                if src[follows] == marker or s_count[stop] >= indent + 1 + len(item.group(1)):
                    return False
            break
    level = state.level
    tokens = state.tokens
    tokens.append(_BlockToken("bullet_list_open", "ul", 1, [start, stop], level, marker))
    for line in items:
        tokens.append(_BlockToken("list_item_open", "li", 1, [line, line + 1], level + 1, marker))
        tokens.append(_ProseToken([line, line + 1], level + 2))  # type: ignore[arg-type]
        tokens.append(_BlockToken("list_item_close", "li", -1, None, level + 1, marker))
    tokens[-3].map[1] = stop  # type: ignore[union-attr]
    tokens.append(_BlockToken("bullet_list_close", "ul", -1, None, level, marker))
    state.line = stop
    return True


#: the marks of an ATX heading: one to six, then a space, a tab or the end of the line
_ATX_MARKS = re.compile(r"#{1,6}(?![^ \t])")


def _prose_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's ATX heading rule, tried just before it, with tokens made at a third of the cost.

    It gives the tokens markdown-it's rule gives (the ``inline`` one without children, as inline
    parsing is off) and leaves to it the checks whether a heading ends a paragraph.
    """
    if silent or state.sCount[start] - state.blkIndent >= 4:
        return False
    src = state.src
    marks = _ATX_MARKS.match(src, state.bMarks[start] + state.tShift[start], state.eMarks[start])
    if marks is None:
        return False
    # the title, without the closing marks when a space or a tab comes before them
    title = src[marks.end() : state.eMarks[start]].rstrip(" \t")
    unclosed = title.rstrip("#")
    if unclosed[-1:] in (" ", "\t"):
        title = unclosed
    markup = marks.group()
    tag = f"h{len(markup)}"
    level = state.level
    lines = [start, start + 1]
    state.line = start + 1
    state.tokens.append(_BlockToken("heading_open", tag, 1, lines, level, markup))
    state.tokens.append(_BlockToken("inline", "", 0, lines.copy(), level + 1, "", mdTrim(title)))
    state.tokens.append(_BlockToken("heading_close", tag, -1, None, level, markup))
    return True


def _paragraph_end(state: StateBlock, line: int, stop: int) -> int:
    """The line after the paragraph continued on ``line``: markdown-it's paragraph loop, with the
    terminating rules tried only on the lines that may start a block."""
    src = state.src
    b_marks = state.bMarks
    t_shift = state.tShift
    e_marks = state.eMarks
    s_count = state.sCount
    block_indent = state.blkIndent
    terminators = state.md.block.ruler.getRules("paragraph")
    while line < stop:
        first = b_marks[line] + t_shift[line]
        if first >= e_marks[line]:
            return line
        # _may_start_block, inlined: it is asked of every line
        if 0 <= s_count[line] <= block_indent + 3 and src[first] in _BLOCK_STARTS and _BLOCK_START.match(src, first):
            for rule in terminators:
                if rule(state, line, stop, True):
                    return line
        line += 1
    return line


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.lines = split_lines(text)
        self.masks: list[tuple[int, int]] = []
        #: [first, stop) line ranges that are prose; everything else is masked
        self.prose_lines: list[tuple[int, int]] = []
        #: character regions whose inline markup must be masked
        self.regions: list[tuple[int, int]] = []
        self.suppressions = SuppressionBuilder()

    def _line_end(self, i: int) -> int:
        return self.starts[i] + len(self.lines[i])

    # -- blocks ------------------------------------------------------------------------------------

    def scan(self, sources: list[tuple[int, str]]) -> None:
        """Scan Markdown ``sources``, each given with the document line it starts on.

        Several sources (the bodies of prose directives) are parsed together, separated by blank lines, as
        long as no block runs from one into the next; otherwise each is parsed on its own.
        """
        if len(sources) == 1:
            first, source = sources[0]
            self._scan_tokens(_parse(source), range(first, first + source.count("\n") + 1))
            return
        line_map: list[int] = []
        for first, source in sources:
            line_map.extend(range(first, first + source.count("\n") + 1))
            line_map.append(-1)
        tokens = _parse("\n\n".join(source for _, source in sources))
        for token in tokens:
            if token.level == 0 and token.map is not None:
                begin, stop = token.map
                if stop > begin and line_map[stop - 1] - line_map[begin] != stop - 1 - begin:
                    for source in sources:
                        self.scan([source])
                    return
        self._scan_tokens(tokens, line_map)

    def _scan_tokens(self, tokens: list[Token], line_map: Sequence[int]) -> None:
        heading = ""
        item_lines: set[int] = set()
        nested: list[tuple[int, str]] = []
        for token in tokens:
            kind = token.type
            if kind == "inline":
                begin, stop = token.map  # type: ignore[misc]
                self._paragraph(line_map[begin], line_map[stop - 1] + 1, heading, item_lines)
            elif kind in _IGNORED_TOKENS:
                continue
            elif kind == "list_item_open":
                item_lines.add(line_map[token.map[0]])  # type: ignore[index]
            elif kind == "heading_open":
                heading = token.markup
            elif kind == "heading_close":
                heading = ""
            elif kind == "fence" or kind == "colon_fence":
                begin, stop = token.map  # type: ignore[misc]
                body = self._directive_body(token, line_map[begin], line_map[stop - 1] + 1)
                if body is not None:
                    nested.append(body)
            elif kind == "html_block":
                begin, stop = token.map  # type: ignore[misc]
                self._comment_lines(line_map[begin], line_map[stop - 1] + 1)
        if nested:
            self.scan(nested)

    def _paragraph(self, first: int, stop: int, heading: str, items: set[int]) -> None:
        """The lines of one ``inline`` token: a paragraph, an ATX heading, or a paragraph and a table."""
        lines = self.lines
        starts = self.starts
        masks = self.masks
        self.prose_lines.append((first, stop))
        # the first line: a list item's marker, a quote's, a footnote's label or a heading's marks
        line = lines[first]
        if first in items:
            cut = _ITEM_PREFIX.match(line).end()  # type: ignore[union-attr]
        elif line[:1] in _PREFIX_STARTS:
            cut = _QUOTE_PREFIX.match(line).end()  # type: ignore[union-attr]
        else:
            cut = 0
        if line.startswith("[^", cut):
            label = _FOOTNOTE_LABEL.match(line, cut)
            if label is not None:
                cut = label.end()
        if heading:
            atx = _ATX_OPEN.match(line, cut)
            if atx is not None:
                cut = atx.end()
            closing = _ATX_CLOSE.search(line, cut)
            if closing is not None:
                masks.append((starts[first] + closing.start(), starts[first] + len(line)))
        region_start = starts[first] + cut
        if cut:
            masks.append((starts[first], region_start))
        # a setext underline is no first line
        if line[cut : cut + 1] in _SPECIAL_STARTS and line[cut] not in "=-":
            self._non_prose_line(first, cut)
        # the other lines: only those starting with a prefix or a special character hold anything to mask
        table = -1
        for i in range(first + 1, stop):
            line = lines[i]
            if line[:1] not in _NOTABLE_STARTS and i not in items:
                continue
            if i in items:
                cut = _ITEM_PREFIX.match(line).end()  # type: ignore[union-attr]
            elif line[:1] in _PREFIX_STARTS:
                cut = _QUOTE_PREFIX.match(line).end()  # type: ignore[union-attr]
            else:
                cut = 0
            if cut:
                masks.append((starts[i], starts[i] + cut))
            if line[cut : cut + 1] in _SPECIAL_STARTS:
                if "|" in line and _TABLE_DELIMITER_ROW.match(line) and "|" in lines[i - 1]:
                    table = i - 1
                    break
                self._non_prose_line(i, cut)
        if table < 0:
            self.regions.append((region_start, starts[stop - 1] + len(lines[stop - 1])))
            return
        if table > first:
            self.regions.append((region_start, starts[table - 1] + len(lines[table - 1])))
        masks.append((starts[table + 1], starts[table + 1] + len(lines[table + 1])))
        self._table_row(table)
        for row in range(table + 2, stop):
            self._table_row(row)

    def _non_prose_line(self, i: int, cut: int) -> None:
        """Mask line ``i`` if its text from ``cut`` on is no prose (see :data:`_NON_PROSE_LINE`)."""
        line = self.lines[i]
        if _NON_PROSE_LINE.match(line, cut):
            self.masks.append((self.starts[i], self.starts[i] + len(line)))
            if line.startswith("%", cut):
                self._comment_lines(i, i + 1)

    def _table_row(self, i: int) -> None:
        """A table row: its pipes are masked; one region for the cells (a code span never holds an
        unescaped pipe, so none runs from one cell into the next)."""
        line = self.lines[i]
        start = self.starts[i]
        cut = _QUOTE_PREFIX.match(line).end()  # type: ignore[union-attr]
        if cut:
            self.masks.append((start, start + cut))
        if "\\" in line:
            for pipe in _TABLE_PIPE.finditer(line, cut):
                self.masks.append((start + pipe.start(), start + pipe.end()))
        else:
            # no escaped pipe: every pipe ends a piece of the split (a quote prefix holds none); the
            # offset after each pipe, a list at a time
            pieces = line.split("|")
            pieces.pop()
            after = list(accumulate(map(add, map(len, pieces), repeat(1)), initial=start))
            del after[0]
            self.masks.extend(zip(map(sub, after, repeat(1)), after))
        self.regions.append((start + cut, start + len(line)))

    def _directive_body(self, token: Token, first: int, stop: int) -> tuple[int, str] | None:
        """For a MyST prose directive: keep its argument and return its body (first line, dedented source).

        Other fences (code, or any other directive) stay masked and give None.
        """
        info = token.info.strip()
        if not info.startswith("{") or "}" not in info:
            return None
        name = info[1 : info.index("}")].strip().lower()
        if name not in PROSE_DIRECTIVES:
            return None
        lines = self.lines
        opening = lines[first]
        title_at = opening.find("}") + 1
        if opening[title_at:].strip():
            self.prose_lines.append((first, first + 1))
            self.masks.append((self.starts[first], self.starts[first] + title_at))
            self.regions.append((self.starts[first] + title_at, self.starts[first] + len(opening)))
        closing = lines[stop - 1].strip() if stop - 1 > first else ""
        if closing and closing.startswith(token.markup) and not closing.strip(closing[0]):
            stop -= 1
        body = first + 1
        if body < stop and lines[body].strip() == "---":
            body += 1
            while body < stop and lines[body].strip() != "---":
                body += 1
            body += 1
        while body < stop and _DIRECTIVE_OPTION.match(lines[body]):
            body += 1
        if body >= stop:
            return None
        indent = len(opening) - len(opening.lstrip(" "))
        source = "\n".join(
            line[indent:] if line[:indent].isspace() else line.lstrip(" ") for line in lines[body:stop]
        )
        # as for the whole text (see read_markdown): a lone carriage return would be a line break to the
        # parser and shift every line after it
        return body, source.replace("\r", " ") if "\r" in source else source

    def _comment_lines(self, first: int, stop: int) -> None:
        for i in range(first, stop):
            if "exerkine" in self.lines[i]:
                directive = parse_directive(self.lines[i])
                if directive is not None:
                    self.suppressions.add(directive, i + 1, stop)

    # -- inline ------------------------------------------------------------------------------------

    def mask_inline(self, start: int, end: int) -> None:
        text = self.text
        spans = self.masks
        for match in _INLINE.finditer(text, start, end):
            m_start, m_end = match.span()
            first = text[m_start]
            if first == "\\":
                spans.append((m_start, m_start + 1))
            elif first == "[" or first == "!":
                content = "text" if first == "[" else "alt"
                if match.group(content) is None:  # a footnote reference
                    spans.append((m_start, m_end))
                    continue
                c_start, c_end = match.span(content)
                spans.append((m_start, c_start))
                spans.append((c_end, m_end))
                self.mask_inline(c_start, c_end)
            elif first == "{" and match.group("role") is not None:
                policy = role_policy(match.group("role"))
                mask_interpreted(text, (m_start, m_end), match.span("role_text"), policy, spans)
            else:
                spans.append((m_start, m_end))
                if match.group("comment") is not None and "exerkine" in match.group("comment"):
                    directive = parse_directive(match.group("comment"))
                    if directive is not None:
                        line = bisect_right(self.starts, m_end - 1)
                        self.suppressions.add(directive, line)

    # -- result ------------------------------------------------------------------------------------

    def unchecked_lines(self) -> list[tuple[int, int]]:
        """Character spans of every line that is not prose."""
        spans = []
        next_line = 0
        for first, stop in sorted(self.prose_lines):
            if first > next_line:
                spans.append((self.starts[next_line], self._line_end(first - 1)))
            next_line = max(next_line, stop)
        if next_line < len(self.lines):
            spans.append((self.starts[next_line], self._line_end(len(self.lines) - 1)))
        return spans


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: markdown-it allocates a token object per block, none of
    them in a reference cycle, and repeated collections over them cost a sixth of the reading time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_markdown(text: str) -> Document:
    scanner = _Scanner(text)
    source = text.replace("\r\n", "\n").replace("\r", " ") if "\r" in text else text
    with _collector_paused():
        scanner.scan([(0, source)])
        spans = scanner.masks
        hint = _MARKUP_HINT.search
        for start, end in scanner.regions:
            if hint(text, start, end) is not None:
                scanner.mask_inline(start, end)
                find_links(text, start, end, spans)
        spans.extend(scanner.unchecked_lines())
        masked = apply_masks(text, spans)
    return Document(text, masked, "markdown", scanner.suppressions.build(scanner.lines))
