"""A small Markdown parser for docutils, for ``.. include:: file.md`` with ``:parser: exerkine_markdown``.

It renders what generated reports are made of — headings, paragraphs, lists, pipe tables, code, emphasis
and links — with markdown-it-py (a dependency of the package already), so that the documentation can
include a Markdown report without a further extension. Raw HTML is not rendered.

What it produces is marked as not translatable: an included report is data written by a program, and its
numbers change with every run, so its text must not enter the translation catalogues. Nor are glossary
terms linked in it (class ``exerkine-nolink``): a report names tools, such as ``exerkine``, not concepts.
"""

from __future__ import annotations

from typing import Sequence

import docutils.parsers
from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Parser"]


class Parser(docutils.parsers.Parser):
    supported = ("exerkine_markdown",)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        self.setup_parse(inputstring, document)
        tokens = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"]).parse(inputstring)
        _Builder(document).blocks(tokens)
        for node in document.findall(nodes.TextElement):
            if not isinstance(node, nodes.Inline):  # Sphinx unwraps inline nodes that carry the flag
                node["translatable"] = False
        for node in document.children:
            # a report names tools ("exerkine 0.1.0"), not concepts: no glossary links in it
            if isinstance(node, nodes.Element):
                node["classes"].append("exerkine-nolink")
        self.finish_parse()


class _Builder:
    def __init__(self, document: nodes.document) -> None:
        self.document = document
        self.source = document.get("source", "")
        # open sections, as (heading level, node); the document is level 0
        self.sections: list[tuple[int, nodes.Element]] = [(0, document)]
        self.stack: list[nodes.Element] = [document]

    def _place(self, node: nodes.Element, token: Token) -> nodes.Element:
        node.source = self.source
        if token.map:
            node.line = token.map[0] + 1
        self.stack[-1] += node
        return node

    def blocks(self, tokens: Sequence[Token]) -> None:
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "heading_open":
                self.heading(token, tokens[i + 1])
                i += 3
                continue
            if kind == "table_open":
                end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
                self.table(tokens[i:end + 1], token)
                i = end + 1
                continue
            if kind == "paragraph_open":
                paragraph = self._place(nodes.paragraph(), token)
                self.inline(tokens[i + 1].children or [], paragraph)
                i += 3
                continue
            if kind in ("fence", "code_block"):
                text = token.content.rstrip("\n")
                block = self._place(nodes.literal_block(text, text), token)
                language = token.info.strip().split(" ")[0] if token.info else ""
                if language:
                    block["language"] = language
            elif kind in ("bullet_list_open", "ordered_list_open", "list_item_open", "blockquote_open"):
                node = {"bullet_list_open": nodes.bullet_list, "ordered_list_open": nodes.enumerated_list,
                        "list_item_open": nodes.list_item, "blockquote_open": nodes.block_quote}[kind]()
                if kind == "bullet_list_open":
                    node["bullet"] = "-"
                elif kind == "ordered_list_open":
                    node["enumtype"], node["prefix"], node["suffix"] = "arabic", "", "."
                self.stack.append(self._place(node, token))
            elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
                self.stack.pop()
            i += 1

    def heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:])
        while self.sections[-1][0] >= level:
            self.sections.pop()
        parent = self.sections[-1][1]
        section = nodes.section()
        section.source, section.line = self.source, (token.map[0] + 1 if token.map else None)
        title = nodes.title()
        title.source, title.line = section.source, section.line
        self.inline(inline.children or [], title)
        section += title
        name = nodes.fully_normalize_name(title.astext())
        section["names"].append(name)
        parent += section
        self.document.note_implicit_target(section, section)
        self.sections.append((level, section))
        self.stack = [section]

    def table(self, tokens: Sequence[Token], first: Token) -> None:
        rows: list[tuple[bool, list[list[Token]]]] = []
        aligns: list[str] = []
        head = False
        for token in tokens:
            if token.type == "thead_open":
                head = True
            elif token.type == "tbody_open":
                head = False
            elif token.type == "tr_open":
                rows.append((head, []))
            elif token.type in ("th_open", "td_open") and len(rows) == 1:
                aligns.append(str(token.attrs.get("style", "")).replace("text-align:", "").strip())
            elif token.type == "inline":
                rows[-1][1].append(token.children or [])
        columns = max((len(cells) for _, cells in rows), default=0)
        table = self._place(nodes.table(classes=["exerkine-report"]), first)
        group = nodes.tgroup(cols=columns)
        table += group
        for _ in range(columns):
            group += nodes.colspec(colwidth=1)
        parts: dict[bool, nodes.Element] = {}
        for is_head, cells in rows:
            if is_head not in parts:
                parts[is_head] = nodes.thead() if is_head else nodes.tbody()
            row = nodes.row()
            for k, children in enumerate(cells):
                paragraph = nodes.paragraph()
                paragraph.source, paragraph.line = self.source, table.line
                self.inline(children, paragraph)
                align = aligns[k] if k < len(aligns) else ""
                row += nodes.entry("", paragraph, classes=[f"align-{align}"] if align else [])
            parts[is_head] += row
        for is_head in (True, False):
            if is_head in parts:
                group += parts[is_head]

    def inline(self, tokens: Sequence[Token], parent: nodes.Element) -> None:
        stack = [parent]
        for token in tokens:
            kind = token.type
            if kind == "text":
                stack[-1] += nodes.Text(token.content)
            elif kind == "code_inline":
                stack[-1] += nodes.literal(token.content, token.content)
            elif kind in ("softbreak", "hardbreak"):
                stack[-1] += nodes.Text("\n")
            elif kind == "image":
                stack[-1] += nodes.Text(token.content)
            elif kind.endswith("_open"):
                if kind == "link_open":
                    node: nodes.Element = nodes.reference(refuri=str(token.attrs.get("href", "")))
                else:
                    node = {"strong_open": nodes.strong, "em_open": nodes.emphasis}.get(kind, nodes.inline)()
                stack[-1] += node
                stack.append(node)
            elif kind.endswith("_close") and len(stack) > 1:
                stack.pop()
