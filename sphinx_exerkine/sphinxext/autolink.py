"""Linking glossary terms in running text to their glossary entries.

A post-transform: it runs on the doctree that is about to be written, so after every read transform
(the i18n ``Locale`` transform included — a translated build links the terms of the translation), and
its nodes live only as long as the page being written. The running text of the document (see
:mod:`.textscan`) is scanned once by the linter's matcher; every preferred form found (term, admitted
form, abbreviation, plural — never a variant) inside a single Text node becomes a ``std:term``
``pending_xref`` whose content is an :class:`.exerkine_term` node carrying the tooltip. It runs just before
the core ``ReferencesResolver``, which resolves those references like any ``:term:`` (``objects.inv``,
``-W`` and the ``missing-reference`` event work unchanged).

``first`` links the first occurrence of each concept per document (per ``start_of_file`` part in an
assembled doctree), ``section`` per section, ``all`` every occurrence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import term_reference
from .nodes import exerkine_term
from .runtime import Runtime, get_runtime
from .textscan import Segment, TextScan, collect

if TYPE_CHECKING:
    from ..matcher import Match

#: builders for which no links are made
NO_LINK_BUILDERS = frozenset({"gettext", "linkcheck", "dummy", "changes"})


class AutoLinkTransform(SphinxPostTransform):
    # before ReferencesResolver (10), which resolves the references made here
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        runtime = get_runtime(self.env)
        if runtime.autolink == "none" or runtime.builder in NO_LINK_BUILDERS:
            return
        link_terms(self.document, runtime)


def _chosen(matches: list[Match], scan: TextScan, mode: str) -> list[list[tuple[Match, Segment]]]:
    """The matches to link, grouped by Text node, in document order."""
    seen: set[tuple[int, int, str]] = set()
    chosen: dict[int, list[tuple[Match, Segment]]] = {}
    for m in matches:
        if m.is_variant:
            continue
        seg = scan.segment(m.start, m.end)
        if seg is None:
            continue
        if mode != "all":
            key = (seg.unit, seg.section if mode == "section" else 0, m.concept)
            if key in seen:
                continue
            seen.add(key)
        chosen.setdefault(id(seg), []).append((m, seg))
    return list(chosen.values())


def link_terms(root: nodes.Element, runtime: Runtime) -> int:
    """Link the terms under ``root``; returns how many links were made."""
    scan = collect(root, skip_glossary_pages=True)
    if not scan.segments:
        return 0
    matches = runtime.matcher.scan(scan.text, fuzzy=False)
    if not matches:
        return 0
    made = 0
    glossary = runtime.glossary
    for group in _chosen(matches, scan, runtime.autolink):
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
            content = exerkine_term(found, found, classes=["xref", "std", "std-term", "exerkine-term"],
                                    concept=concept.id)
            if runtime.tooltips:
                content["tip"] = concept.definition(runtime.language)
            replacement.append(term_reference(concept, m.lang, content))
            cursor = end
            made += 1
        if cursor < len(text):
            replacement.append(nodes.Text(text[cursor:]))
        parent = seg.node.parent
        # by identity: Text nodes compare equal by value
        index = next(i for i, child in enumerate(parent.children) if child is seg.node)
        parent[index:index + 1] = replacement
    return made
