"""Anchors of glossary entries and their registration as ``std:term`` objects.

Every concept rendered by the ``exerkine-glossary`` directive gets the anchor ``term-<id>`` (its id is a
stable ASCII slug), and each of its Japanese and English terms and admitted forms is registered in the
standard domain as a term pointing there. So ``:term:`` works in both languages, the terms are exported
to ``objects.inv``, and other projects link them through intersphinx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .nodes import exerkine_glossary, term_html

if TYPE_CHECKING:
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment

    from ..model import Concept

ANCHOR_PREFIX = "term-"
#: attribute marking the cross-references made by the extension (value: the concept id)
XREF_MARK = "exerkine_concept"


def anchor_for(concept_id: str) -> str:
    """The anchor of a concept's glossary entry: ``term-`` + its id."""
    return ANCHOR_PREFIX + concept_id


def std_domain(env: BuildEnvironment) -> StandardDomain:
    domains = getattr(env, "domains", None)
    if domains is not None and hasattr(domains, "standard_domain"):
        return domains.standard_domain
    return env.get_domain("std")  # type: ignore[return-value]


def term_forms(concept: Concept) -> list[str]:
    """The forms registered as terms: JA term, JA admitted forms, EN term, EN admitted forms."""
    forms: list[str] = []
    for form in (concept.ja.term, *concept.ja.admitted, concept.en.term, *concept.en.admitted):
        if form not in forms:
            forms.append(form)
    return forms


def register_concept(env: BuildEnvironment, concept: Concept, location: Any) -> None:
    """Register every term form of ``concept`` as a ``std:term`` pointing to its anchor."""
    std = std_domain(env)
    anchor = anchor_for(concept.id)
    for form in term_forms(concept):
        note_term = getattr(std, "_note_term", None)
        if note_term is not None:
            note_term(form, anchor, location=location)
        else:  # pragma: no cover - a Sphinx without the glossary helper
            std.note_object("term", form, anchor, location=location)


def term_target(concept: Concept, lang: str) -> str:
    """The registered form a reference to ``concept`` in ``lang`` names: the term in that language."""
    return concept.ja.term if lang == "ja" else concept.en.term


def term_reference(concept: Concept, lang: str, content: nodes.Element | str,
                   docname: str | None = None) -> addnodes.pending_xref:
    """A ``:term:`` cross-reference to ``concept`` in ``lang``, resolved by the standard domain.

    ``content`` is what the reference shows: a node, or a text shown like the content of ``:term:``.
    """
    if isinstance(content, str):
        content = nodes.inline(content, content, classes=["xref", "std", "std-term"])
    xref = addnodes.pending_xref("", content, refdomain="std", reftype="term", reftarget=term_target(concept, lang),
                                 refexplicit=True, refwarn=True)
    if docname is not None:
        xref["refdoc"] = docname
    xref[XREF_MARK] = concept.id
    return xref


def keep_text_if_unresolved(app: Any, env: BuildEnvironment, node: addnodes.pending_xref,
                            contnode: nodes.Element) -> nodes.Node | None:
    """``missing-reference``: a reference made by the extension whose entry is rendered nowhere (no
    ``exerkine-glossary`` in the project, or filtered out by tags) stays text, without a warning; an
    autolinked term keeps its tooltip in HTML."""
    if not node.get(XREF_MARK):
        return None
    title = node.get("reftitle")
    if title and app.builder.format == "html":
        return term_html(contnode.astext(), node[XREF_MARK], title)
    return contnode


class SinglePageAnchors(SphinxPostTransform):
    """``singlehtml``: references to terms of another document come out as ``#document-x#term-y``
    (Sphinx 8.2 and later, sphinx-doc/sphinx#14221); keep the last fragment for the references the
    extension makes, which every glossary entry can be reached by on the single page."""

    builders = ("singlehtml",)
    default_priority = 20  # after ReferencesResolver

    def run(self, **kwargs: Any) -> None:
        references = [ref for ref in self.document.findall(nodes.reference) if ref.get(XREF_MARK)]
        for glossary in self.document.findall(exerkine_glossary):
            references.extend(glossary.findall(nodes.reference))
        for ref in references:
            uri = ref.get("refuri", "")
            if uri.count("#") > 1:
                ref["refuri"] = uri[uri.rindex("#"):]
