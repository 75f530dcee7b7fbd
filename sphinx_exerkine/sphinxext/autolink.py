"""Linking glossary terms in running text to their glossary entries.

A read-time transform that runs after the i18n ``Locale`` transform, so a translated build links the
terms of the translation. The running text of the document (see :mod:`.textscan`) is scanned once by the
linter's matcher; every preferred form found (term, admitted form, abbreviation, plural — never a variant)
inside a single Text node becomes a ``std:term`` cross-reference wrapped in an :class:`.exerkine_term`
node that carries the tooltip. Core reference resolution does the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .domain import term_reference
from .incremental import note_dependent
from .nodes import exerkine_glossary, exerkine_term
from .runtime import Runtime, get_runtime
from .textscan import Segment, TextScan, collect

if TYPE_CHECKING:
    from ..matcher import Match

#: builders for which no links are made (the doctree only feeds message extraction)
NO_LINK_BUILDERS = frozenset({"gettext"})


class AutoLinkTransform(SphinxTransform):
    # after Locale (20) and the hyperlink transforms, before smart quotes (750)
    default_priority = 700

    def apply(self, **kwargs: object) -> None:
        runtime = get_runtime(self.env)
        if runtime.autolink == "none" or runtime.builder in NO_LINK_BUILDERS:
            return
        docname = self.env.docname
        note_dependent(self.env, docname)
        if next(iter(self.document.findall(exerkine_glossary)), None) is not None:
            return  # the glossary page itself
        link_terms(self.document, runtime, docname)


def _chosen(matches: list[Match], scan: TextScan, mode: str) -> dict[int, list[tuple[Match, Segment]]]:
    """The matches to link, grouped by segment index."""
    seen: set[tuple[int, str]] = set()
    chosen: dict[int, list[tuple[Match, Segment]]] = {}
    for m in matches:
        if m.is_variant:
            continue
        seg = scan.segment(m.start, m.end)
        if seg is None:
            continue
        if mode != "all":
            key = (seg.section if mode == "section" else 0, m.concept)
            if key in seen:
                continue
            seen.add(key)
        chosen.setdefault(id(seg), []).append((m, seg))
    return chosen


def link_terms(root: nodes.Element, runtime: Runtime, docname: str) -> int:
    """Link the terms under ``root``; returns how many links were made."""
    scan = collect(root)
    if not scan.segments:
        return 0
    matches = runtime.matcher.scan(scan.text, fuzzy=False)
    if not matches:
        return 0
    made = 0
    glossary = runtime.glossary
    for group in _chosen(matches, scan, runtime.autolink).values():
        seg = group[0][1]
        text = str(seg.node)
        replacement: list[nodes.Node] = []
        cursor = 0
        for m, _ in group:
            start, end = m.start - seg.start, m.end - seg.start
            if start > cursor:
                replacement.append(nodes.Text(text[cursor:start]))
            concept = glossary[m.concept]
            found = text[start:end]
            wrapper = exerkine_term("", "", term_reference(concept, m.lang, found, docname),
                                    classes=["exerkine-term"], concept=concept.id)
            if runtime.tooltips:
                wrapper["tip"] = concept.definition(runtime.language)
            replacement.append(wrapper)
            cursor = end
            made += 1
        if cursor < len(text):
            replacement.append(nodes.Text(text[cursor:]))
        parent = seg.node.parent
        # by identity: Text nodes compare equal by value
        index = next(i for i, child in enumerate(parent.children) if child is seg.node)
        parent[index:index + 1] = replacement
    return made
