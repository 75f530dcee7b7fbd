"""The ``exerkine-glossary`` directive: the glossary rendered as a page.

.. code-block:: rst

   .. exerkine-glossary::
      :tags: vesicle myokine
      :languages: ja en
      :sort: reading

Every selected concept becomes a definition-list entry anchored at ``term-<id>``: the Japanese term with
its reading (ruby in HTML, in parentheses elsewhere), the English term, both definitions, the facts (sizes
with units, when and by whom the term was coined, tissues of origin with their Japanese and English
names), relations as links to the related entries, and the sources. Entries are sorted by reading
(あいうえお順) or alphabetically by English term, by default after ``exerkine_language``. A diagram of
the ``is_a`` / ``part_of`` / ``includes`` relations comes first.

The directive itself only selects and orders the concepts, registers their anchors and terms and their
index entries (all of which must be known when the document is read) and leaves an
:class:`.exerkine_glossary` placeholder. :class:`ExpandGlossary` fills it in when the page is written, for
the format being written: ruby and inline SVG for HTML, plain text for the others. So the doctrees kept
in memory and pickled between reading and writing stay small.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..schema import TISSUES
from .diagram import diagram_nodes
from .domain import anchor_for, register_concept, term_reference
from .incremental import note_glossary_page
from .nodes import exerkine_glossary, ruby_html
from .runtime import Runtime, get_runtime
from .sorting import sort_concepts

if TYPE_CHECKING:
    from ..model import Concept, Range

logger = logging.getLogger(__name__)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "size": "Size", "length": "Length", "coined": "Coined", "origin": "Origin", "only": "only",
        "is_a": "Is a", "part_of": "Part of", "includes": "Includes", "examples": "Examples",
        "see_also": "See also", "sources": "Sources", "relations": "Relations",
    },
    "ja": {
        "size": "大きさ", "length": "長さ", "coined": "初出", "origin": "由来", "only": "のみ",
        "is_a": "上位概念", "part_of": "全体", "includes": "含むもの", "examples": "例",
        "see_also": "関連項目", "sources": "出典", "relations": "関係図",
    },
}
RELATION_FIELDS = ("is_a", "part_of", "includes", "examples")


def _words(argument: str | None) -> list[str]:
    return [w for w in re.split(r"[\s,]+", argument or "") if w]


def languages_option(argument: str | None) -> list[str]:
    words = _words(argument)
    if not words or any(w not in ("ja", "en") for w in words) or len(set(words)) != len(words):
        raise ValueError("expected 'ja', 'en', 'ja en' or 'en ja'")
    return words


def tags_option(argument: str | None) -> list[str]:
    words = _words(argument)
    if not words:
        raise ValueError("expected one or more tags")
    return words


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def format_range(r: Range) -> str:
    low, high = _number(r.min), _number(r.max)
    return f"{low} {r.unit}" if low == high else f"{low}–{high} {r.unit}"


class ExerkineGlossary(SphinxDirective):
    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict] = {
        "tags": tags_option,
        "languages": languages_option,
        "sort": lambda arg: directives.choice(arg, ("reading", "english")),
        "no-diagram": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        runtime = get_runtime(self.env)
        note_glossary_page(self.env, self.env.docname)
        language = runtime.language
        languages = self.options.get("languages") or [language, "en" if language == "ja" else "ja"]
        order = self.options.get("sort") or ("reading" if language == "ja" else "english")
        tags = set(self.options.get("tags") or ())
        concepts = sort_concepts([c for c in runtime.glossary if not tags or tags.intersection(c.tags)], order)
        if not concepts:
            logger.warning("exerkine-glossary: no concept has the tags %s", ", ".join(sorted(tags)),
                           location=self.get_location(), type="exerkine", subtype="glossary")
        node = exerkine_glossary("", classes=["exerkine-glossary", *self.options.get("class", [])],
                                 concepts=[c.id for c in concepts], anchored=[], languages=languages,
                                 diagram="no-diagram" not in self.options)
        self.set_source_info(node)
        document = self.state.document
        for concept in concepts:
            anchor = anchor_for(concept.id)
            if anchor in document.ids:
                logger.warning("exerkine-glossary: the concept %r is already rendered in this document",
                               concept.id, location=self.get_location(), type="exerkine", subtype="glossary")
                continue
            document.ids[anchor] = node
            node["anchored"].append(concept.id)
            register_concept(self.env, concept, location=node)
            # index entries are collected from the doctree as read; the expansion moves them into the terms
            index = addnodes.index(entries=[("single", concept.ja.term, anchor, "main", None),
                                            ("single", concept.en.term, anchor, "main", None)],
                                   exerkine_concept=concept.id)
            self.set_source_info(index)
            node += index
        return [node]


class ExpandGlossary(SphinxPostTransform):
    """Render every ``exerkine-glossary`` placeholder of the page being written."""

    # before autolinking (5) and reference resolution (10): the relations are term references
    default_priority = 4

    def run(self, **kwargs: object) -> None:
        placeholders = list(self.document.findall(exerkine_glossary))
        if not placeholders:
            return
        runtime = get_runtime(self.env)
        html = getattr(runtime.builder_object, "format", "") == "html"
        for node in placeholders:
            GlossaryRenderer(runtime, node, html).render()


class GlossaryRenderer:
    """Fills one placeholder with the rendered glossary."""

    def __init__(self, runtime: Runtime, node: exerkine_glossary, html: bool) -> None:
        self.runtime = runtime
        self.node = node
        self.html = html
        self.language = runtime.language
        self.labels = LABELS[self.language]
        self.languages: list[str] = node["languages"]

    def render(self) -> None:
        node = self.node
        glossary = self.runtime.glossary
        concepts = [c for c in map(glossary.get, node["concepts"]) if c is not None]
        anchored = set(node["anchored"])
        indexes = {child.get("exerkine_concept"): child for child in node.children
                   if isinstance(child, addnodes.index)}
        node.children = []
        if node["diagram"]:
            diagram = diagram_nodes(concepts, self.language, self.html)
            if diagram:
                node += nodes.rubric(self.labels["relations"], self.labels["relations"])
                node.extend(diagram)
        entries = nodes.definition_list(classes=["glossary", "exerkine-entries"])
        for concept in concepts:
            entries += self.entry(concept, concept.id in anchored, indexes.get(concept.id))
        # inside Sphinx's own glossary node: writers treat the entries as glossary terms (permalinks ...)
        wrapper = addnodes.glossary(sorted=False)
        wrapper += entries
        node += wrapper

    # -------------------------------------------------------------------------------------- entry

    def entry(self, concept: Concept, anchored: bool, index: addnodes.index | None) -> nodes.definition_list_item:
        item = nodes.definition_list_item(classes=["exerkine-entry"])
        term = nodes.term("", "", classes=["exerkine-entry-term"])
        if anchored:
            term["ids"].append(anchor_for(concept.id))
        if index is not None:
            term += index
        for k, lang in enumerate(self.languages):
            if k:
                term += nodes.inline(" / ", " / ", classes=["exerkine-separator"])
            term += self.term_text(concept, lang)
        item += term
        definition = nodes.definition()
        for lang in self.languages:
            text = concept.definition(lang)
            definition += nodes.paragraph(text, text, classes=["exerkine-definition", f"language-{lang}"])
        facts = self.facts(concept)
        if facts.children:
            definition += facts
        if concept.sources:
            sources = nodes.bullet_list(classes=["exerkine-sources"])
            for source in concept.sources:
                sources += nodes.list_item("", nodes.paragraph(source, source))
            definition += nodes.paragraph(self.labels["sources"], self.labels["sources"],
                                          classes=["exerkine-sources-label"])
            definition += sources
        item += definition
        return item

    def term_text(self, concept: Concept, lang: str) -> nodes.inline:
        wrapper = nodes.inline(classes=[f"exerkine-{lang}", f"language-{lang}"])
        if lang == "en":
            wrapper += nodes.Text(concept.en.term)
        elif self.html:
            wrapper += ruby_html(concept.ja.term, concept.ja.reading)
        else:
            text = f"{concept.ja.term}（{concept.ja.reading}）"
            wrapper += nodes.Text(text)
        return wrapper

    # -------------------------------------------------------------------------------------- facts

    def field(self, name: str, *body: nodes.Node) -> nodes.field:
        label = self.labels[name]
        paragraph = nodes.paragraph()
        paragraph.extend(body)
        return nodes.field("", nodes.field_name(label, label), nodes.field_body("", paragraph),
                           classes=[f"exerkine-fact-{name.replace('_', '-')}"])

    def note(self, source: str | None, note: str | None = None) -> list[nodes.Node]:
        parts = [p for p in (note, source) if p]
        if not parts:
            return []
        text = " (" + "; ".join(parts) + ")"
        return [nodes.inline(text, text, classes=["exerkine-fact-source"])]

    def facts(self, concept: Concept) -> nodes.field_list:
        facts = concept.facts
        fields = nodes.field_list(classes=["exerkine-facts"])
        for name in ("size", "length"):
            r = getattr(facts, name)
            if r is not None:
                body: list[nodes.Node] = [nodes.Text(format_range(r)), *self.note(r.source, r.note)]
                for reported in r.reported:
                    body += [nodes.Text("; " + format_range(reported)), *self.note(reported.source, reported.note)]
                fields += self.field(name, *body)
        if facts.coined is not None:
            coined = facts.coined
            text = str(coined.year) + (f", {coined.by}" if coined.by else "")
            fields += self.field("coined", nodes.Text(text), *self.note(coined.source, coined.note))
        if facts.origin is not None:
            origin = facts.origin
            names = []
            for tissue in origin.tissues:
                ja, en = TISSUES.get(tissue, (tissue, tissue))
                names.append(" / ".join(ja if lang == "ja" else en for lang in self.languages))
            text = ", ".join(names) + (f" ({self.labels['only']})" if origin.exclusive else "")
            fields += self.field("origin", nodes.Text(text), *self.note(origin.source, origin.note))
        glossary = self.runtime.glossary
        for name in RELATION_FIELDS:
            related = [c for c in (glossary.get(rel.id) for rel in getattr(facts, name)) if c is not None]
            if related:
                fields += self.field(name, *self.links(related))
        see_also = [c for c in map(glossary.get, concept.see_also) if c is not None]
        if see_also:
            fields += self.field("see_also", *self.links(see_also))
        return fields

    def links(self, concepts: list[Concept]) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for k, concept in enumerate(concepts):
            if k:
                out.append(nodes.Text(", "))
            out.append(term_reference(concept, self.language, concept.term(self.language)))
        return out
