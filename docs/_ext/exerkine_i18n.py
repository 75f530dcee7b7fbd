"""Keeps the rendered glossary out of the translation catalogues of these pages.

The ``exerkine-glossary`` directive renders both languages from the glossary files and chooses its labels
by ``exerkine_language``: there is nothing in it to translate, and its terms, labels and sources would only
fill the catalogue of the glossary page with entries a translator must leave alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from sphinx_exerkine.sphinxext.nodes import exerkine_glossary


class GlossaryNotTranslatable(SphinxTransform):
    # before the i18n Locale transform (20), which reads the same flag
    default_priority = 15

    def apply(self, **kwargs: object) -> None:
        for glossary in self.document.findall(exerkine_glossary):
            for node in glossary.findall(nodes.TextElement):
                # inline nodes are never translated on their own, and Sphinx unwraps inline nodes
                # that carry the flag (RemoveTranslatableInline): paragraphs, terms and titles only
                if not isinstance(node, nodes.Inline):
                    node["translatable"] = False


def setup(app):
    app.add_transform(GlossaryNotTranslatable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
