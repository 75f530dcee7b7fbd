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
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from ..readers import MASK
from .nodes import exerkine_diagram, exerkine_glossary, exerkine_term

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
    exerkine_term,
    exerkine_glossary,
    exerkine_diagram,
)

#: classes that exclude a node and everything in it
EXCLUDED_CLASSES = frozenset({"exerkine-nolink", "guilabel", "menuselection", "kbd"})


@dataclass(slots=True)
class Segment:
    """One Text node's place in the scanned string."""

    start: int
    end: int
    node: nodes.Text
    #: ordinal of the enclosing section (0: none)
    section: int
    #: ordinal of the enclosing document in an assembled doctree (0: the root document)
    unit: int = 0


@dataclass
class TextScan:
    text: str
    segments: list[Segment]

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.segments]

    def segment(self, start: int, end: int) -> Segment | None:
        """The segment holding ``[start, end)`` whole, if any."""
        k = bisect_right(self._starts, start) - 1
        if k < 0:
            return None
        seg = self.segments[k]
        return seg if start >= seg.start and end <= seg.end else None


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


def collect(root: nodes.Element, *, keep_newlines: bool = False, skip_glossary_pages: bool = False) -> TextScan:
    """The scannable text under ``root`` (``root`` itself is not checked for exclusion).

    Line breaks become spaces (a term may be wrapped in the source), unless ``keep_newlines``: then the
    masked text of excluded nodes keeps its line breaks too, so that lines can be counted. With
    ``skip_glossary_pages``, the text of documents rendering the glossary is masked.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    sections = 0
    units = 0

    def walk(element: nodes.Element, section: int, unit: int, masked: bool) -> None:
        nonlocal pos, sections, units
        for child in element.children:
            if isinstance(child, nodes.Text):
                data = str(child)
                if data and not masked:
                    segments.append(Segment(pos, pos + len(data), child, section, unit))
                    parts.append(data)
                    pos += len(data)
            elif excluded(child):
                mask = MASK + "\n" * child.astext().count("\n") if keep_newlines else MASK
                parts.append(mask)
                pos += len(mask)
            elif isinstance(child, nodes.Element):
                inline = isinstance(child, nodes.Inline)
                if not inline:
                    parts.append(MASK)
                    pos += 1
                if isinstance(child, addnodes.start_of_file):
                    units += 1
                    walk(child, section, units, skip_glossary_pages and renders_glossary(child))
                elif isinstance(child, nodes.section):
                    sections += 1
                    walk(child, sections, unit, masked)
                else:
                    walk(child, section, unit, masked)
                if not inline:
                    parts.append(MASK)
                    pos += 1

    walk(root, 0, 0, skip_glossary_pages and renders_glossary(root))
    text = "".join(parts)
    return TextScan(text if keep_newlines else text.replace("\n", " "), segments)
