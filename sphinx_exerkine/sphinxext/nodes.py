"""Doctree nodes of the extension and how each builder renders them.

Every node derives from a docutils node that all writers know (``inline`` or ``container``), so a builder
without a visitor of its own renders the node's children like those of its base class. HTML gets the
richer forms: ``<ruby>`` readings, the tooltip attributes of linked terms and the inline SVG diagram.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.writers.html5 import HTML5Translator


class exerkine_glossary(nodes.container):
    """The rendered glossary (``exerkine-glossary`` directive); documents holding one are not autolinked."""


class exerkine_term(nodes.inline):
    """A glossary term found in running text: the content of its cross-reference.

    Attributes: ``concept`` (concept id), ``tip`` (definition shown as tooltip; absent for none). Builders
    other than HTML render it like the content of a ``:term:`` reference (an ``inline``).
    """


class exerkine_ruby(nodes.inline):
    """A term with its reading: children are the term, then ``exerkine_rp``, ``exerkine_rt``, ``exerkine_rp``."""


class exerkine_rt(nodes.inline):
    """The reading of an ``exerkine_ruby``."""


class exerkine_rp(nodes.inline):
    """Parenthesis shown around a reading where ruby is not displayed."""


class exerkine_diagram(nodes.container):
    """The relation diagram: attribute ``svg`` (markup for HTML); the children are a text list for others."""


def _skip(self: Any, node: Element) -> None:
    pass


# ------------------------------------------------------------------------------------------ HTML


def visit_term_html(self: HTML5Translator, node: exerkine_term) -> None:
    attributes: dict[str, str] = {"data-exerkine-id": node.get("concept", "")}
    tip = node.get("tip")
    if tip:
        attributes["data-exerkine-tip"] = tip
    self.body.append(self.starttag(node, "span", "", **attributes))


def depart_span_html(self: HTML5Translator, node: Element) -> None:
    self.body.append("</span>")


def visit_ruby_html(self: HTML5Translator, node: exerkine_ruby) -> None:
    self.body.append(self.starttag(node, "ruby", ""))


def depart_ruby_html(self: HTML5Translator, node: exerkine_ruby) -> None:
    self.body.append("</ruby>")


def visit_rt_html(self: HTML5Translator, node: exerkine_rt) -> None:
    self.body.append("<rt>")


def depart_rt_html(self: HTML5Translator, node: exerkine_rt) -> None:
    self.body.append("</rt>")


def visit_rp_html(self: HTML5Translator, node: exerkine_rp) -> None:
    self.body.append("<rp>")


def depart_rp_html(self: HTML5Translator, node: exerkine_rp) -> None:
    self.body.append("</rp>")


def visit_diagram_html(self: HTML5Translator, node: exerkine_diagram) -> None:
    self.body.append(self.starttag(node, "div", ""))
    self.body.append(node["svg"])
    self.body.append("</div>\n")
    raise nodes.SkipNode


#: builders rendering children only (no markup of their own)
PLAIN_FORMATS = ("latex", "text", "man", "texinfo")

VISITORS: dict[type[nodes.Element], dict[str, tuple]] = {
    exerkine_glossary: {},
    exerkine_term: {"html": (visit_term_html, depart_span_html)},
    exerkine_ruby: {"html": (visit_ruby_html, depart_ruby_html),
                    **{fmt: (_skip, _skip) for fmt in PLAIN_FORMATS}},
    exerkine_rt: {"html": (visit_rt_html, depart_rt_html),
                  **{fmt: (_skip, _skip) for fmt in PLAIN_FORMATS}},
    exerkine_rp: {"html": (visit_rp_html, depart_rp_html),
                  **{fmt: (_skip, _skip) for fmt in PLAIN_FORMATS}},
    exerkine_diagram: {"html": (visit_diagram_html, None),
                       **{fmt: (_skip, _skip) for fmt in PLAIN_FORMATS}},
}
