"""reStructuredText: a line scanner that follows docutils' block rules without building a doctree.

The scanner walks nested indented blocks the way docutils' state machine does (known, first-known and
unknown indentation), masks whatever is not prose (literal blocks, code-like directives, comments,
targets, substitution definitions, markup characters) and records the prose regions, whose inline
markup is then masked by :mod:`sphinx_exerkine.readers.rst_inline`.
"""

from __future__ import annotations

import re
import unicodedata

from sphinx_exerkine.lazyre import lazy
from sphinx_exerkine.readers import Document
from sphinx_exerkine.readers.lines import split_lines
from sphinx_exerkine.readers.masking import apply_masks
from sphinx_exerkine.readers.rst_inline import MARKUP_HINT, mask_inline
from sphinx_exerkine.readers.suppressions import SuppressionBuilder, parse_directive

_PUNCT = r"[!-/:-@\[-`{-~]"
_PUNCT_CHARS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENUM = r"(?:\d+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|\#)"
_OPTARG = r"(?:[a-zA-Z][a-zA-Z0-9_-]*|<[^<>]+>)"
_OPTION = rf"(?:[-+][a-zA-Z0-9](?: ?{_OPTARG})?|(?:--|/)[a-zA-Z0-9][a-zA-Z0-9_-]*(?:[ =]{_OPTARG})?)"
_NAME = r"(?:(?!_)\w)+(?:[-._+:](?:(?!_)\w)+)*"

#: docutils' body transitions, in docutils' order
_BODY = re.compile(
    r"(?P<bullet>[-+*\u2022\u2023\u2043](?:[ \t]+|$))"
    rf"|(?P<enumerator>(?:\({_ENUM}\)|{_ENUM}[.)])(?:[ \t]+|$))"
    r"|(?P<field>:(?![: ])(?:[^:\\]|\\.|:(?![ `]|$))*(?<! ):(?:[ \t]+|$))"
    rf"|(?P<option>{_OPTION}(?:, {_OPTION})*)(?:  +| ?$)"
    r"|(?P<doctest>>>>(?: +|$))"
    r"|(?P<line_block>\|(?: +|$))"
    r"|(?P<grid_table>\+-[-+]+-\+ *$)"
    r"|(?P<simple_table>=+(?: +=+)+ *$)"
    r"|(?P<explicit>\.\.(?:[ \t]+|$))"
    r"|(?P<anonymous>__(?: +|$))"
    rf"|(?P<line>(?P<adornment>{_PUNCT})(?P=adornment)* *$)"
)
#: the bullets of :data:`_BODY` that are not ASCII characters
_NON_ASCII_BULLETS = frozenset("\u2022\u2023\u2043")
_FIELD_MARKER = re.compile(r":(?![: ])(?:[^:\\]|\\.|:(?![ `]|$))*(?<! ):(?:[ \t]+|$)")
_FOOTNOTE_LABEL = re.compile(rf"\[(?:\d+|\#|\*|\#?{_NAME})\](?:[ \t]+|$)")
_DIRECTIVE = re.compile(rf"(?P<name>{_NAME}) ?::(?:[ \t]+|$)")
# The table regexes, which most documents never need, are compiled on first use, not on import.
_SIMPLE_BORDER = lazy(r"[ \t]*=+[ =]*$")
_TABLE_RULE = lazy(r"[ \t]*[-= ]+$")
_GRID_RULE = lazy(r"[ \t]*[-=+| ]+$")
_GRID_PARTIAL_RULE = lazy(r"[+|][-=]{2,}(?:\+[-=]{2,})*[+|]")
_GRID_BAR = lazy(r"(?:(?<=\s)|^)[|+](?=\s|$)", re.M)

#: directives whose whole block (arguments, options, content) is code or data
_CODE_DIRECTIVES = frozenset(
    """code-block code sourcecode literalinclude highlight highlightlang math raw graphviz digraph graph
    image include parsed-literal doctest testcode testoutput testsetup testcleanup productionlist
    toctree autosummary ipython jupyter-execute jupyter-input jupyter-output code-cell mermaid
    plantuml uml tikz tabularcolumns index default-role role meta prompt plot program-output
    command-output literal-block bibliography""".split()
)
#: directives without arguments: text after ``::`` already belongs to the prose content
_CONTENT_DIRECTIVES = frozenset(
    """note warning tip important hint caution attention danger error todo seealso glossary hlist
    epigraph highlights pull-quote compound line-block""".split()
)
#: directives whose arguments are prose (a title or an explanation)
_PROSE_ARGUMENT_DIRECTIVES = frozenset(
    """admonition topic sidebar rubric table list-table centered versionadded versionchanged
    deprecated versionremoved contents""".split()
)
#: directives whose content is records of cells, not reStructuredText blocks
_DATA_DIRECTIVES = frozenset({"csv-table"})


def _column_width(text: str) -> int:
    """Display width as docutils measures it for title underlines (wide characters count twice)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _text_column(line: str, column: int) -> int:
    """Where the text of ``line`` starts from ``column`` on (after spaces and tabs), or -1 if nothing but
    white space follows; the rest of the line is copied only when it starts with other white space."""
    length = len(line)
    while column < length and (line[column] == " " or line[column] == "\t"):
        column += 1
    if column >= length or (line[column].isspace() and line[column:].isspace()):
        return -1
    return column


def _may_start_construct(line: str, column: int) -> bool:
    """Whether the text at ``column`` of ``line`` may start another construct than a paragraph."""
    # every construct starts with an ASCII character, a bullet or a digit: a line of prose (Japanese
    # above all) is ruled out by one look instead of the regex's eleven failing alternatives
    first = line[column]
    if first < "\x80" or first in _NON_ASCII_BULLETS or first.isdecimal():
        return _BODY.match(line, column) is not None
    return False


def _directive_kind(name: str) -> str:
    name = name.lower()
    if name in _CODE_DIRECTIVES or name.startswith("auto"):
        return "code"
    if name in _CONTENT_DIRECTIVES:
        return "content"
    if name in _PROSE_ARGUMENT_DIRECTIVES:
        return "prose-arguments"
    if name in _DATA_DIRECTIVES:
        return "data"
    return "other"


class _Scanner:
    """One pass over the lines of a document; fills ``masks``, ``prose`` and ``comments``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts, self.lines = split_lines(text)
        self.masks: list[tuple[int, int]] = []
        self.prose: list[tuple[int, int]] = []
        #: (0-based first line, 0-based last line, text) of every comment
        self.comments: list[tuple[int, int, str]] = []
        self.indents: list[int] = []
        self.leads: list[int] = []
        self._measure()

    # -- lines -------------------------------------------------------------------------------------

    def _measure(self) -> None:
        """Indentation of every line in columns (tabs to 8; -1 when blank) and in characters."""
        add_indent = self.indents.append
        add_lead = self.leads.append
        # the leading white space of a line is looked at for tabs only when the text has some
        tabs = "\t" in self.text
        for line in self.lines:
            stripped = line.lstrip(" \t")
            if not stripped or stripped.isspace():
                add_indent(-1)
                add_lead(len(line))
                continue
            lead = len(line) - len(stripped)
            add_lead(lead)
            add_indent(len(line[:lead].expandtabs(8)) if tabs and "\t" in line[:lead] else lead)

    def _line_end(self, i: int) -> int:
        return self.starts[i] + len(self.lines[i])

    def _mask_lines(self, first: int, stop: int) -> None:
        if stop > first:
            self.masks.append((self.starts[first], self.starts[stop - 1] + len(self.lines[stop - 1])))

    def _mask(self, i: int, begin: int, end: int) -> None:
        self.masks.append((self.starts[i] + begin, self.starts[i] + end))

    def _add_prose(self, first: int, column: int, stop: int) -> None:
        if stop > first:
            self.prose.append((self.starts[first] + column, self.starts[stop - 1] + len(self.lines[stop - 1])))

    # -- indented blocks ---------------------------------------------------------------------------

    def _indented(self, i: int, end: int, indent: int) -> tuple[int, int]:
        """Lines from ``i`` indented deeper than ``indent`` (blank lines included): (stop, their indent)."""
        least = -1
        j = i
        while j < end:
            ind = self.indents[j]
            if ind >= 0:
                if ind <= indent:
                    break
                if least < 0 or ind < least:
                    least = ind
            j += 1
        while j > i and self.indents[j - 1] < 0:
            j -= 1
        return j, least

    def _indented_until_blank(self, i: int, end: int, indent: int) -> int:
        """Lines from ``i`` indented deeper than ``indent``, up to the first blank line."""
        j = i
        while j < end and self.indents[j] > indent:
            j += 1
        return j

    def _known_indented(self, i: int, end: int, need: int) -> int:
        """Lines after ``i`` indented at least ``need`` columns (blank lines included)."""
        j = i + 1
        while j < end:
            ind = self.indents[j]
            if 0 <= ind < need:
                break
            j += 1
        while j > i + 1 and self.indents[j - 1] < 0:
            j -= 1
        return j

    # -- body --------------------------------------------------------------------------------------

    def parse(self, start: int, end: int, indent: int, first_column: int | None) -> None:
        """Scan lines ``start..end``; the first starts at ``first_column`` if given, the others at ``indent``."""
        i = start
        if first_column is not None and i < end:
            column = _text_column(self.lines[i], first_column)
            i = i + 1 if column < 0 else self._construct(i, end, indent, column)
        while i < end:
            ind = self.indents[i]
            if ind < 0:
                i += 1
                continue
            if ind > indent:
                stop, inner = self._indented(i, end, indent)
                self.parse(i, stop, inner, None)
                i = stop
                continue
            i = self._construct(i, end, indent, self.leads[i])

    def _construct(self, i: int, end: int, indent: int, column: int) -> int:
        """Scan the construct starting at ``column`` of line ``i``; return the line after it."""
        line = self.lines[i]
        # as in _may_start_construct: one look at the first character before the regex
        first = line[column]
        match = None
        if first < "\x80" or first in _NON_ASCII_BULLETS or first.isdecimal():
            match = _BODY.match(line, column)
        kind = match.lastgroup if match is not None else None
        if kind is None:
            return self._text(i, end, indent, column)
        if kind == "bullet" or kind == "enumerator":
            if kind == "enumerator" and not self._is_enumerated_item(i, end, indent):
                return self._text(i, end, indent, column)
            return self._list_item(i, end, indent, column, match.end())
        if kind == "field":
            self._mask(i, column, len(match.group().rstrip()) + column)
            return self._first_known_body(i, end, indent, match.end())
        if kind == "option":
            return self._option_item(i, end, indent, column, match)
        if kind == "doctest":
            stop = self._until_blank(i, end)
            self._mask_lines(i, stop)
            return stop
        if kind == "line_block":
            return self._line_block(i, end, indent, column)
        if kind == "grid_table":
            return self._grid_table(i, end)
        if kind == "simple_table":
            return self._simple_table(i, end)
        if kind == "explicit":
            return self._explicit(i, end, indent, column, match.end())
        if kind == "anonymous":
            stop = self._indented_until_blank(i + 1, end, indent)
            self._mask_lines(i, stop)
            return stop
        # a line of repeated punctuation: section overline or transition
        adornment = line[column:].rstrip()
        if adornment == "::" or len(adornment) < 4:
            return self._text(i, end, indent, column)
        self._mask_lines(i, i + 1)
        return i + 1

    def _until_blank(self, i: int, end: int) -> int:
        j = i + 1
        while j < end and self.indents[j] >= 0:
            j += 1
        return j

    def _is_enumerated_item(self, i: int, end: int, indent: int) -> bool:
        """docutils' check: the next line is blank, indented, or starts another enumerated item."""
        if i + 1 >= end:
            return True
        ind = self.indents[i + 1]
        if ind < 0 or ind > indent:
            return True
        following = _BODY.match(self.lines[i + 1], self.leads[i + 1])
        return following is not None and following.lastgroup == "enumerator"

    def _list_item(self, i: int, end: int, indent: int, column: int, content: int) -> int:
        line = self.lines[i]
        start = self.starts[i]
        self.masks.append((start + column, start + content))
        # the text mostly starts right after the white space of the marker
        if content < len(line) and not line[content].isspace():
            text = content
        else:
            text = _text_column(line, content)
            if text < 0:
                return self._first_known_body(i, end, indent, content)
        inner = indent + content - column
        # the item mostly ends on its line, the next being less indented
        following = i + 1
        if following >= end or 0 <= self.indents[following] < inner:
            stop = following
            if not _may_start_construct(line, text):
                # a one-line item of text (a table cell above all): what _text makes of it, at once
                self.prose.append((start + text, start + len(line)))
                last = line.rstrip()
                if last.endswith("::"):
                    self._mask(i, len(last) - 2, len(last))
                return stop
        else:
            stop = self._known_indented(i, end, inner)
        # what parse(i, stop, inner, content) does, without finding the text column again
        after = self._construct(i, stop, inner, text)
        if after < stop:
            self.parse(after, stop, inner, None)
        return stop

    def _first_known_body(self, i: int, end: int, indent: int, content: int) -> int:
        """A body whose first line starts at ``content`` and whose other lines set their own indent."""
        stop, inner = self._indented(i + 1, end, indent)
        stop = max(stop, i + 1)
        self.parse(i, stop, inner if inner >= 0 else indent + 1, content)
        return stop

    def _option_item(self, i: int, end: int, indent: int, column: int, match: re.Match[str]) -> int:
        stop, _ = self._indented(i + 1, end, indent)
        if not self.lines[i][match.end() :].strip() and stop <= i + 1:
            return self._text(i, end, indent, column)
        self._mask(i, column, match.end("option"))
        return self._first_known_body(i, end, indent, match.end())

    def _line_block(self, i: int, end: int, indent: int, column: int) -> int:
        stop = self._until_blank(i, end)
        for j in range(i, stop):
            lead = column if j == i else self.leads[j]
            if self.lines[j].startswith("|", lead):
                self._mask(j, lead, lead + 1)
        self._add_prose(i, column, stop)
        return stop

    def _grid_table(self, i: int, end: int) -> int:
        stop = self._until_blank(i, end)
        for j in range(i, stop):
            line = self.lines[j]
            if _GRID_RULE.match(line):
                self._mask_lines(j, j + 1)
                continue
            for rule in _GRID_PARTIAL_RULE.finditer(line):
                self._mask(j, *rule.span())
            cell_start = 0
            for bar in _GRID_BAR.finditer(line):
                self._mask(j, *bar.span())
                if bar.start() > cell_start:
                    self.prose.append((self.starts[j] + cell_start, self.starts[j] + bar.start()))
                cell_start = bar.end()
            if cell_start < len(line):
                self.prose.append((self.starts[j] + cell_start, self._line_end(j)))
        return stop

    def _simple_table(self, i: int, end: int) -> int:
        """Borders are masked, cell lines are prose; the table ends at a border followed by a blank line."""
        self._mask_lines(i, i + 1)
        j = i + 1
        while j < end:
            line = self.lines[j]
            if self.indents[j] < 0:
                j += 1
                continue
            if _TABLE_RULE.match(line):
                self._mask_lines(j, j + 1)
                if _SIMPLE_BORDER.match(line) and (j + 1 >= end or self.indents[j + 1] < 0):
                    return j + 1
            else:
                self._add_prose(j, self.leads[j], j + 1)
            j += 1
        return j

    # -- explicit markup ---------------------------------------------------------------------------

    def _explicit(self, i: int, end: int, indent: int, column: int, after: int) -> int:
        line = self.lines[i]
        if not line[after:].strip() and (i + 1 >= end or self.indents[i + 1] < 0):
            self._mask_lines(i, i + 1)  # an empty comment
            return i + 1
        if line.startswith("_", after):  # a hyperlink target ends at the first blank line
            stop = self._indented_until_blank(i + 1, end, indent)
            self._mask_lines(i, stop)
            return stop
        stop, inner = self._indented(i + 1, end, indent)
        stop = max(stop, i + 1)
        inner = inner if inner >= 0 else indent + 3
        label = _FOOTNOTE_LABEL.match(line, after)
        if label is not None:
            self._mask(i, column, len(label.group().rstrip()) + after)
            self.parse(i, stop, inner, label.end())
            return stop
        directive = _DIRECTIVE.match(line, after)
        if directive is not None:
            self._directive(i, stop, inner, column, directive)
            return stop
        self._mask_lines(i, stop)
        if not line.startswith("|", after):
            self.comments.append((i, stop - 1, line[after:]))
        return stop

    def _directive(self, i: int, stop: int, inner: int, column: int, directive: re.Match[str]) -> None:
        kind = _directive_kind(directive.group("name"))
        if kind == "code":
            self._mask_lines(i, stop)
            return
        line = self.lines[i]
        arguments = directive.end()
        has_arguments = bool(line[arguments:].strip())
        self._mask(i, column, arguments)
        # the directive block: argument lines, then options, up to the first blank line
        blank = i + 1
        while blank < stop and self.indents[blank] >= 0:
            blank += 1
        options = i + 1
        while options < blank and not (
            self.indents[options] == inner and _FIELD_MARKER.match(self.lines[options], self.leads[options])
        ):
            options += 1
        self._mask_lines(options, blank)
        if kind == "content":
            if options == blank:
                self.parse(i, stop, inner, arguments)
            else:
                self.parse(i, options, inner, arguments)
                self.parse(blank, stop, inner, None)
            return
        if kind == "prose-arguments" or kind == "data":
            if has_arguments:
                self.prose.append((self.starts[i] + arguments, self._line_end(i)))
            self._add_prose(i + 1, self.leads[i + 1] if i + 1 < options else 0, options)
        elif has_arguments:
            self._mask(i, arguments, len(line))
            self._mask_lines(i + 1, options)
        else:
            self.parse(i + 1, options, inner, None)
        if kind != "data":
            self.parse(blank, stop, inner, None)
            return
        for j in range(blank, stop):  # a record: its cells are parsed one line at a time
            if self.indents[j] >= 0:
                self.parse(j, j + 1, self.indents[j], None)

    # -- paragraphs, titles, definition lists ------------------------------------------------------

    def _text(self, i: int, end: int, indent: int, column: int) -> int:
        lines = self.lines
        following = i + 1
        if following < end:
            ind = self.indents[following]
            if ind > indent:  # a definition list item: the term, then its indented definition
                self._add_prose(i, column, i + 1)
                stop, inner = self._indented(following, end, indent)
                self.parse(following, stop, inner, None)
                return stop
            if ind == indent and self._is_underline(following, i, column):
                self._add_prose(i, column, i + 1)
                self._mask_lines(following, following + 1)
                return following + 1
        k = following
        while k < end and self.indents[k] == indent:
            k += 1
        self._add_prose(i, column, k)
        last = lines[k - 1].rstrip()
        if not last.endswith("::"):
            return k
        self._mask(k - 1, len(last) - 2, len(last))
        return self._literal_block(k, end, indent)

    def _is_underline(self, j: int, i: int, column: int) -> bool:
        """Whether line ``j`` underlines the title on line ``i`` (from ``column``)."""
        line = self.lines[j]
        first = line[self.leads[j]]
        # most lines after a line of prose are more prose: a look at one character rules them out
        if first not in _PUNCT_CHARS and not first.isspace():
            return False
        underline = line.strip()
        first = underline[0]
        if first not in _PUNCT_CHARS or underline != first * len(underline):
            return False
        return len(underline) >= 4 or len(underline) >= _column_width(self.lines[i][column:].rstrip())

    def _literal_block(self, k: int, end: int, indent: int) -> int:
        """The literal block announced by ``::``: indented, or quoted with a punctuation character."""
        j = k
        while j < end and self.indents[j] < 0:
            j += 1
        if j >= end:
            return j
        ind = self.indents[j]
        if ind > indent:
            stop, _ = self._indented(j, end, indent)
            self._mask_lines(j, stop)
            return stop
        quote = self.lines[j][self.leads[j]]
        if ind != indent or quote not in _PUNCT_CHARS:
            return k
        stop = j
        while stop < end and self.indents[stop] == indent and self.lines[stop][self.leads[stop]] == quote:
            stop += 1
        self._mask_lines(j, stop)
        return stop


def read_rst(text: str) -> Document:
    scanner = _Scanner(text)
    scanner.parse(0, len(scanner.lines), 0, None)
    spans = scanner.masks
    hint = MARKUP_HINT.search
    for start, end in scanner.prose:
        if hint(text, start, end) is not None:
            mask_inline(text, start, end, spans)
    builder = SuppressionBuilder()
    for first, last, comment in scanner.comments:
        directive = parse_directive(comment)
        if directive is not None:
            builder.add(directive, first + 1, last + 1)
    return Document(text, apply_masks(text, spans), "rst", builder.build(scanner.lines))
