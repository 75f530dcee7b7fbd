"""The doctree node of the extension, and the markup its HTML output is made of.

The only node class is :class:`exerkine_glossary`, the place where ``.. exerkine-glossary::`` stands. It is
a ``container``, so every writer renders it with the visitor it already has; the extension registers no
visitors at all. (Sphinx binds registered visitors to each translator instance, which makes every written
page a reference cycle that only the cyclic garbage collector frees — a cost paid on every page of a large
project.) Where HTML needs more than docutils nodes express — ``<ruby>`` readings, the inline SVG diagram,
the tooltip of a term whose entry is rendered nowhere — the post-transforms insert ``raw`` HTML nodes, built
here with every glossary string escaped, and only when the page is written by an HTML builder.
"""

from __future__ import annotations

from html import escape

from docutils import nodes


class exerkine_glossary(nodes.container):
    """The rendered glossary. Written by the directive as a placeholder holding the selection (attributes
    ``concepts``, ``anchored``, ``languages``, ``diagram``) and the index entries; filled in when the page
    is written. Documents holding one are not autolinked."""


def raw_html(markup: str) -> nodes.raw:
    return nodes.raw("", markup, format="html")


def ruby_html(term: str, reading: str) -> nodes.raw:
    """``term`` with its reading as ruby; browsers without ruby show the reading in parentheses."""
    return raw_html(f'<ruby class="exerkine-ruby">{escape(term)}<rp>（</rp><rt>{escape(reading)}</rt>'
                    "<rp>）</rp></ruby>")


def term_html(text: str, concept_id: str, tip: str) -> nodes.raw:
    """A term with its definition as title, where no link can carry it (its entry is rendered nowhere)."""
    return raw_html(f'<span class="exerkine-term" data-exerkine-id="{escape(concept_id)}" title="{escape(tip)}">'
                    f"{escape(text)}</span>")
