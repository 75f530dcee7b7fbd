"""The Sphinx extension: ``extensions = ["sphinx_exerkine"]``.

One module per concept; :func:`setup` only registers them:

* :mod:`.config` — the ``exerkine_*`` values, validated on ``config-inited``;
* :mod:`.runtime` — the glossary and linter of the build, loaded on ``builder-inited``;
* :mod:`.incremental` — environment data, parallel merge, re-reading after a glossary edit;
* :mod:`.glossary_directive` — ``.. exerkine-glossary::``; :mod:`.diagram` — its SVG diagram;
* :mod:`.domain` — anchors ``term-<id>`` and ``std:term`` registration;
* :mod:`.autolink` — terms in running text linked to their entries (a post-transform);
* :mod:`.tooltips` — definitions on hover; :mod:`.nodes` — the node, and HTML markup as raw nodes;
* :mod:`.warnings` — linter findings as Sphinx warnings.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from .. import __version__
from . import autolink, config, domain, glossary_directive, incremental, nodes, runtime, tooltips, warnings

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: version of what the extension stores in the environment and doctrees
ENV_VERSION = 1


def setup(app: Sphinx) -> dict[str, Any]:
    described = "description" in inspect.signature(app.add_config_value).parameters  # Sphinx >= 7.4
    for value in config.CONFIG_VALUES:
        extra = {"description": value.description} if described else {}
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types, **extra)
    app.connect("config-inited", config.validate_config)

    app.connect("builder-inited", runtime.init_runtime, priority=400)
    app.connect("builder-inited", tooltips.add_assets)

    app.connect("env-get-outdated", incremental.outdated_by_glossary)
    app.connect("env-purge-doc", incremental.purge_doc)
    app.connect("env-merge-info", incremental.merge_info)

    app.add_node(nodes.exerkine_glossary)  # no visitors: written as the container it is
    app.add_directive("exerkine-glossary", glossary_directive.ExerkineGlossary)
    app.add_post_transform(glossary_directive.ExpandGlossary)

    app.connect("source-read", warnings.capture_source, priority=100)
    if "include-read" in app.events.events:
        app.connect("include-read", warnings.lint_included)
    app.add_transform(warnings.LintTransform)
    app.add_transform(incremental.NoteGlossaryDependency)
    app.add_post_transform(autolink.AutoLinkTransform)
    # after intersphinx (500): a term another project defines is linked there
    app.connect("missing-reference", domain.keep_text_if_unresolved, priority=900)
    app.add_post_transform(domain.SinglePageAnchors)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
