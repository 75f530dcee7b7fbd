"""Running text of a doctree as one string for the matcher, with a map back to its Text nodes.

The text of every Text node that may hold a link is concatenated in document order; whatever must not be
matched (titles, literals, code, references, toctrees, nodes of class ``exerkine-nolink`` ...) and every
boundary between blocks is a single :data:`~sphinx_exerkine.readers.MASK` character, which the matcher
never matches and which ends every word. A match is mapped back to the Text node that holds it whole.

A doctree assembled from several documents (``singlehtml``, LaTeX, Texinfo) holds each of them under a
``start_of_file`` node: every Text node records the document (unit) and the section it belongs to, and the
text of a document that renders the glossary is left out.
"""

from __future__ import annotations

from bisect import bisect_right

from docutils import nodes
from sphinx import addnodes

from ..readers import MASK
from .nodes import exerkine_glossary

#: nodes whose text is never linked or linted as prose
EXCLUDED_TYPES: tuple[type[nodes.Node], ...] = (
    nodes.Titular,  # title, subtitle, rubric
    nodes.FixedTextElement,  # literal_block, doctest_block, math_block, raw, address
    nodes.Referential,  # reference, footnote_reference, citation_reference, substitution_reference
    nodes.Invisible,  # comment, target, substitution_definition, pending
    nodes.Special,
    nodes.Bibliographic,
    nodes.literal,
    nodes.math,
    nodes.term,
    nodes.classifier,
    nodes.field_name,
    nodes.option_string,
    nodes.option_argument,
    nodes.label,
    nodes.abbreviation,
    nodes.acronym,
    nodes.problematic,
    nodes.system_message,
    nodes.generated,
    nodes.image,
    addnodes.pending_xref,
    addnodes.toctree,
    addnodes.desc_signature,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
    addnodes.manpage,
    addnodes.download_reference,
    addnodes.index,
    exerkine_glossary,
)

#: classes that exclude a node and everything in it
EXCLUDED_CLASSES = frozenset({"exerkine-nolink", "guilabel", "menuselection", "kbd"})


class TextScan:
    """The scanned string and, for each Text node in it (in document order), its span, section and unit.

    Plain parallel lists rather than an object per Text node: scanning runs while a page is written, and
    every object allocated then hastens the collections that move the page's doctree to an older
    generation, where it is freed late and costly.
    """

    __slots__ = ("text", "starts", "ends", "nodes", "sections", "units")

    def __init__(self) -> None:
        self.text = ""
        self.starts: list[int] = []
        self.ends: list[int] = []
        #: the Text nodes
        self.nodes: list[nodes.Text] = []
        #: ordinal of the enclosing section (0: none)
        self.sections: list[int] = []
        #: ordinal of the enclosing document in an assembled doctree (0: the root document)
        self.units: list[int] = []

    def locate(self, start: int, end: int) -> int:
        """Index of the Text node holding ``[start, end)`` whole, or -1."""
        k = bisect_right(self.starts, start) - 1
        if k < 0 or end > self.ends[k]:
            return -1
        return k


def excluded(node: nodes.Node) -> bool:
    if isinstance(node, EXCLUDED_TYPES):
        return True
    if isinstance(node, nodes.Element):
        classes = node.get("classes")
        return bool(classes) and not EXCLUDED_CLASSES.isdisjoint(classes)
    return False


def renders_glossary(unit: nodes.Element) -> bool:
    """Whether a document (a doctree, or a ``start_of_file`` part of an assembled one) renders the
    glossary itself, not through a document nested in it. Children are followed, not parents: an assembled
    doctree does not always set the parents of what it moved."""
    stack = list(unit.children)
    while stack:
        node = stack.pop()
        if isinstance(node, exerkine_glossary):
            return True
        if isinstance(node, nodes.Element) and not isinstance(node, addnodes.start_of_file):
            stack.extend(node.children)
    return False


class _Collector:
    __slots__ = ("scan", "parts", "pos", "section_count", "unit_count", "keep_newlines", "skip_glossary_pages")

    def __init__(self, keep_newlines: bool, skip_glossary_pages: bool) -> None:
        self.scan = TextScan()
        self.parts: list[str] = []
        self.pos = 0
        self.section_count = 0
        self.unit_count = 0
        self.keep_newlines = keep_newlines
        self.skip_glossary_pages = skip_glossary_pages

    def mask(self, text: str = "") -> None:
        mask = MASK + "\n" * text.count("\n") if self.keep_newlines and text else MASK
        self.parts.append(mask)
        self.pos += len(mask)

    def walk(self, element: nodes.Element, section: int, unit: int, masked: bool) -> None:
        # index loops and plain recursion: no iterator or closure objects per node
        children = element.children
        scan = self.scan
        for k in range(len(children)):
            child = children[k]
            if isinstance(child, nodes.Text):
                if masked:
                    continue
                data = str(child)
                if data:
                    scan.starts.append(self.pos)
                    self.pos += len(data)
                    scan.ends.append(self.pos)
                    scan.nodes.append(child)
                    scan.sections.append(section)
                    scan.units.append(unit)
                    self.parts.append(data)
            elif excluded(child):
                self.mask(child.astext() if self.keep_newlines else "")
            elif isinstance(child, nodes.Element):
                block = not isinstance(child, nodes.Inline)
                if block:
                    self.mask()
                if isinstance(child, addnodes.start_of_file):
                    self.unit_count += 1
                    self.walk(child, section, self.unit_count, self.skip_glossary_pages and renders_glossary(child))
                elif isinstance(child, nodes.section):
                    self.section_count += 1
                    self.walk(child, self.section_count, unit, masked)
                else:
                    self.walk(child, section, unit, masked)
                if block:
                    self.mask()


def collect(root: nodes.Element, *, keep_newlines: bool = False, skip_glossary_pages: bool = False) -> TextScan:
    """The scannable text under ``root`` (``root`` itself is not checked for exclusion).

    Line breaks become spaces (a term may be wrapped in the source), unless ``keep_newlines``: then the
    masked text of excluded nodes keeps its line breaks too, so that lines can be counted. With
    ``skip_glossary_pages``, the text of documents rendering the glossary is masked.
    """
    collector = _Collector(keep_newlines, skip_glossary_pages)
    collector.walk(root, 0, 0, skip_glossary_pages and renders_glossary(root))
    scan = collector.scan
    text = "".join(collector.parts)
    scan.text = text if keep_newlines else text.replace("\n", " ")
    return scan
