"""Linking glossary terms in running text to their glossary entries.

A post-transform: it runs on the doctree that is about to be written, so after every read transform
(the i18n ``Locale`` transform included — a translated build links the terms of the translation), and
its nodes live only as long as the page being written. The running text of the document (see
:mod:`.textscan`) is scanned once by the linter's matcher; every preferred form found (term, admitted
form, abbreviation, plural — never a variant) inside a single Text node becomes a reference to the
concept's ``std:term``. The reference is resolved here from the standard domain's data, the way the domain
resolves ``:term:`` (same URI); it shows the text found, has the class ``exerkine-term`` and, with
tooltips, the definition as its title (the ``title`` attribute of the link in HTML, which ``exerkine.js``
turns into a tooltip). Two nodes per link and nothing else: the page's doctree is freed by the cyclic
garbage collector, and everything added to it makes that dearer. A term the project does not define
becomes a ``pending_xref`` for the core ``ReferencesResolver``, which runs next, so intersphinx and the
``missing-reference`` event still apply to it.

``first`` links the first occurrence of each concept per document (per ``start_of_file`` part in an
assembled doctree), ``section`` per section, ``all`` every occurrence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .domain import XREF_MARK, std_domain, term_reference, term_target
from .runtime import Runtime, collector_paused, get_runtime
from .textscan import TextScan, collect

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..matcher import Match
    from ..model import Concept

logger = logging.getLogger(__name__)

#: builders for which no links are made
NO_LINK_BUILDERS = frozenset({"gettext", "linkcheck", "dummy", "changes"})


class AutoLinkTransform(SphinxPostTransform):
    # before ReferencesResolver (10), which resolves the references made here
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        runtime = get_runtime(self.env)
        if runtime.autolink == "none" or runtime.builder in NO_LINK_BUILDERS:
            return
        try:
            with collector_paused():
                link_terms(self.document, runtime, self.env)
        except Exception as exc:  # a failure must not stop the build: report it, leave the page unlinked
            logger.warning("exerkine: could not link the terms of this document: %s: %s", type(exc).__name__,
                           exc, location=self.env.docname, type="exerkine", subtype="internal")


def _chosen(matches: list[Match], scan: TextScan, mode: str) -> dict[int, list[Match]]:
    """The matches to link by index of their Text node, in document order."""
    seen: set[tuple[int, int, str]] = set()
    chosen: dict[int, list[Match]] = {}
    for m in matches:
        if m.is_variant:
            continue
        k = scan.locate(m.start, m.end)
        if k < 0:
            continue
        if mode != "all":
            key = (scan.units[k], scan.sections[k] if mode == "section" else 0, m.concept)
            if key in seen:
                continue
            seen.add(key)
        chosen.setdefault(k, []).append(m)
    return chosen


class _References:
    """References to concepts from one document, each target resolved once."""

    def __init__(self, runtime: Runtime, env: BuildEnvironment) -> None:
        self.builder = runtime.builder_object
        self.docname = env.docname
        self.objects = std_domain(env).objects
        self.language = runtime.language if runtime.tooltips else None
        self.targets: dict[tuple[str, str], tuple[str, str] | None] = {}
        self.uris: dict[str, str] = {}

    def make(self, concept: Concept, lang: str, found: str) -> nodes.Element:
        """A reference showing ``found``; with tooltips, the definition is its title (``title`` in HTML)."""
        key = (concept.id, lang)
        if key not in self.targets:
            self.targets[key] = self.objects.get(("term", term_target(concept, lang)))
        target = self.targets[key]
        extra: dict[str, str] = {XREF_MARK: concept.id}
        if self.language is not None:
            extra["reftitle"] = concept.definition(self.language)
        if target is None or self.builder is None:
            xref = term_reference(concept, lang, nodes.inline(found, found, classes=[*TERM_CLASSES, TERM_CLASS]))
            xref.attributes.update(extra)
            return xref
        # what sphinx.util.nodes.make_refnode() gives, with each document's relative URI computed once
        docname, anchor = target
        if docname == self.docname:
            return nodes.reference("", found, internal=True, refid=anchor, classes=[TERM_CLASS], **extra)
        uri = self.uris.get(docname)
        if uri is None:
            uri = self.uris[docname] = self.builder.get_relative_uri(self.docname, docname)
        return nodes.reference("", found, internal=True, refuri=f"{uri}#{anchor}", classes=[TERM_CLASS], **extra)


TERM_CLASSES = ("xref", "std", "std-term")
TERM_CLASS = "exerkine-term"


def link_terms(root: nodes.Element, runtime: Runtime, env: BuildEnvironment) -> int:
    """Link the terms under ``root``; returns how many links were made."""
    scan = collect(root, skip_glossary_pages=True)
    if not scan.nodes:
        return 0
    matches = runtime.matcher.scan(scan.text, fuzzy=False)
    if not matches:
        return 0
    made = 0
    glossary = runtime.glossary
    references = _References(runtime, env)
    for k, group in _chosen(matches, scan, runtime.autolink).items():
        node = scan.nodes[k]
        offset = scan.starts[k]
        text = str(node)
        replacement: list[nodes.Node] = []
        cursor = 0
        for m in group:
            start, end = m.start - offset, m.end - offset
            if start > cursor:
                replacement.append(nodes.Text(text[cursor:start]))
            replacement.append(references.make(glossary[m.concept], m.lang, text[start:end]))
            cursor = end
            made += 1
        if cursor < len(text):
            replacement.append(nodes.Text(text[cursor:]))
        parent = node.parent
        # by identity: Text nodes compare equal by value
        index = next(i for i, child in enumerate(parent.children) if child is node)
        parent[index:index + 1] = replacement
    return made
