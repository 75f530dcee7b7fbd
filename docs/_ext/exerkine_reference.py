"""Directives that insert reference text generated from the code: ``exerkine-schema``,
``exerkine-rules`` and ``exerkine-options``."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from sphinx_exerkine import reference


class _Generated(SphinxDirective):
    has_content = False
    source = staticmethod(lambda: "")

    def run(self) -> list[nodes.Node]:
        container = nodes.container()
        lines = StringList(self.source().splitlines(), source=f"<{self.name}>")
        self.state.nested_parse(lines, self.content_offset, container, match_titles=True)
        return container.children


class SchemaDirective(_Generated):
    source = staticmethod(reference.schema_rst)


class RulesDirective(_Generated):
    source = staticmethod(reference.rules_rst)


class OptionsDirective(_Generated):
    source = staticmethod(reference.config_rst)


def setup(app):
    app.add_directive("exerkine-schema", SchemaDirective)
    app.add_directive("exerkine-rules", RulesDirective)
    app.add_directive("exerkine-options", OptionsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
